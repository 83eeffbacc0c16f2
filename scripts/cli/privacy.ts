import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { io, subcommands, withDatabase } from "./run";

// privacy export --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) [--format json|html] [--out FILE]
async function exportSubject(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      contact: { type: "string" },
      identity: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    },
  });
  const { runPrivacyExportCommand } = await import("../../lib/privacy/cli");
  return withDatabase(() => runPrivacyExportCommand(values, io));
}

// privacy erase --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) (--dry-run | --yes)
async function erase(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      contact: { type: "string" },
      identity: { type: "string" },
      "dry-run": { type: "boolean" },
      yes: { type: "boolean" },
    },
  });
  const { eraseFromCli } = await import("../../lib/privacy/erase-cli");
  const ask = async (question: string) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
  return withDatabase(() => eraseFromCli({ ...values, dryRun: values["dry-run"] }, ask, io));
}

// privacy retention [--workspace SLUG] [--dry-run]
async function retention(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: "string" }, "dry-run": { type: "boolean" } } });
  const { retentionFromCli } = await import("../../lib/privacy/retention-cli");
  return withDatabase(() => retentionFromCli({ workspaceSlug: values.workspace, dryRun: values["dry-run"] }, io));
}

export const privacy = subcommands(
  { export: exportSubject, erase, retention },
  (what) => `Unknown privacy command "${what}". Try: privacy export | erase | retention\n`,
);
