// The Earshot CLI: npm run -s earshot -- <command> [options]
import { parseArgs } from "node:util";
import { runMatchCommand } from "../lib/listening/cli-match";

const USAGE = `Usage: npm run -s earshot -- <command> [options]

Commands:
  match --rules RULES.json --mentions MENTIONS.jsonl
      Match mentions against keyword rules; prints {"id","matches"} per mention.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "match": {
      const { values } = parseArgs({ args: rest, options: { rules: { type: "string" }, mentions: { type: "string" } } });
      if (!values.rules || !values.mentions) {
        process.stderr.write(`match needs --rules and --mentions.\n\n${USAGE}`);
        return 2;
      }
      return runMatchCommand(values.rules, values.mentions, { stdout: process.stdout, stderr: process.stderr });
    }
    case undefined:
    case "help":
    case "--help":
      process.stdout.write(USAGE);
      return command ? 0 : 2;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
