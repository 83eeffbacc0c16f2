// The Earshot CLI: npm run -s earshot -- <command> [options]
// Each command's argument parsing lives in scripts/cli/; its work in the feature's lib/*/cli.ts.
import { accounts } from "./cli/accounts";
import { contacts } from "./cli/contacts";
import { exportCommand } from "./cli/export";
import { ingest } from "./cli/ingest";
import { match } from "./cli/match";
import { outbox } from "./cli/outbox";
import { poll } from "./cli/poll";
import { privacy } from "./cli/privacy";
import type { Command } from "./cli/run";
import { secrets } from "./cli/secrets";
import { sentiment } from "./cli/sentiment";
import { USAGE } from "./cli/usage";

const COMMANDS = new Map<string, Command>([
  ["match", match],
  ["ingest", ingest],
  ["export", exportCommand],
  ["contacts", contacts],
  ["poll", poll],
  ["sentiment", sentiment],
  ["accounts", accounts],
  ["outbox", outbox],
  ["secrets", secrets],
  ["privacy", privacy],
]);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS.get(command);
  if (run) return run(rest);
  process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    // Database pools keep timers alive: exit once output is flushed.
    process.stdout.write("", () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
