import { parseArgs } from "node:util";
import { runMatchCommand } from "../../lib/listening/cli-match";
import { io } from "./run";
import { USAGE } from "./usage";

// match --rules RULES.json --mentions MENTIONS.jsonl (no database)
export async function match(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { rules: { type: "string" }, mentions: { type: "string" } } });
  if (!values.rules || !values.mentions) {
    process.stderr.write(`match needs --rules and --mentions.\n\n${USAGE}`);
    return 2;
  }
  return runMatchCommand(values.rules, values.mentions, io);
}
