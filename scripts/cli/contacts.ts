import { parseArgs } from "node:util";
import { io, subcommands, withDatabase } from "./run";

// contacts import --workspace SLUG --file FILE.csv [--map ...] [--dry-run] [--on-conflict skip|create]
async function importContacts(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      file: { type: "string" },
      map: { type: "string" },
      "dry-run": { type: "boolean" },
      "on-conflict": { type: "string" },
    },
  });
  const { runContactsImportCommand } = await import("../../lib/contacts/cli");
  return withDatabase(() =>
    runContactsImportCommand({ ...values, dryRun: values["dry-run"], onConflict: values["on-conflict"] }, io),
  );
}

// contacts export --workspace SLUG [--format csv|json] [--out FILE]
async function exportContacts(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
  });
  const { runContactsExportCommand } = await import("../../lib/contacts/cli");
  return withDatabase(() => runContactsExportCommand(values, io));
}

// contacts rebuild-keys --workspace SLUG
async function rebuildKeys(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: "string" } } });
  const { runContactsRebuildKeysCommand } = await import("../../lib/contacts/cli");
  return withDatabase(() => runContactsRebuildKeysCommand(values, io));
}

export const contacts = subcommands(
  { import: importContacts, export: exportContacts, "rebuild-keys": rebuildKeys },
  (what) => `Unknown contacts command "${what}". Try: contacts import|export|rebuild-keys\n`,
);
