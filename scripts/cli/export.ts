import { parseArgs } from "node:util";
import { io, subcommands, withDatabase } from "./run";

// export mentions --workspace SLUG [--since ISO-TIME]
async function exportMentions(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: "string" }, since: { type: "string" } } });
  const { runExportMentionsCommand } = await import("../../lib/ingest/cli");
  return withDatabase(() => runExportMentionsCommand(values, io));
}

// export cases --workspace SLUG [--since] [--until] [--metric] [--target] [--out]
async function exportCases(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      metric: { type: "string" },
      target: { type: "string" },
      out: { type: "string" },
    },
  });
  const { runExportCasesCommand } = await import("../../lib/metrics/cli");
  return withDatabase(() => runExportCasesCommand(values, io));
}

export const exportCommand = subcommands(
  { mentions: exportMentions, cases: exportCases },
  (what) => `Unknown export "${what}". Try: export mentions|cases --workspace SLUG\n`,
);
