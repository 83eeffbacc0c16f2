// `earshot match --rules RULES.json --mentions MENTIONS.jsonl`: one JSON line per mention, in
// input order, with the ids of the rules it matches (in RULES.json order). Streams the
// mentions, so files of any size work in constant memory.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { once } from "node:events";
import { z } from "zod";
import { RuleMatcher } from "./matcher";
import { NETWORKS } from "@/lib/domain/vocabulary";

const rulesSchema = z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), query: z.string() }));

const mentionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  title: z.string().nullish(),
  lang: z.string().nullish(),
  source: z.enum(NETWORKS).nullish(),
  url: z.string().nullish(),
  author: z
    .object({
      handle: z.string(),
      followers: z.number().int().nonnegative().nullish(),
      verified: z.boolean().nullish(),
    })
    .nullish(),
});

export interface MatchCommandIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, "drain");
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ");
}

/** Returns the process exit code: 0 done, 2 invalid rules or arguments. */
export async function runMatchCommand(rulesPath: string, mentionsPath: string, io: MatchCommandIo): Promise<number> {
  let rulesJson: unknown;
  try {
    rulesJson = JSON.parse(await readFile(rulesPath, "utf8"));
  } catch (error) {
    await write(
      io.stderr,
      JSON.stringify({ error: `Cannot read rules from ${rulesPath}: ${(error as Error).message}` }),
    );
    return 2;
  }
  const rules = rulesSchema.safeParse(rulesJson);
  if (!rules.success) {
    await write(
      io.stderr,
      JSON.stringify({ error: `Rules must be a JSON array of {"id", "query"}: ${describe(rules.error)}` }),
    );
    return 2;
  }
  const matcher = new RuleMatcher(rules.data);
  if (matcher.invalid.length) {
    for (const bad of matcher.invalid) {
      await write(
        io.stderr,
        JSON.stringify({ ruleId: bad.ruleId, error: bad.error.message, offset: bad.error.offset }),
      );
    }
    return 2;
  }

  const input = createReadStream(mentionsPath, { encoding: "utf8" });
  const opened = await new Promise<Error | null>((resolve) => {
    input.once("open", () => resolve(null));
    input.once("error", resolve);
  });
  if (opened) {
    await write(io.stderr, JSON.stringify({ error: `Cannot read mentions from ${mentionsPath}: ${opened.message}` }));
    return 2;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      await write(
        io.stderr,
        JSON.stringify({ line: lineNumber, error: `Not valid JSON: ${(error as Error).message}` }),
      );
      continue;
    }
    const mention = mentionSchema.safeParse(json);
    if (!mention.success) {
      await write(io.stderr, JSON.stringify({ line: lineNumber, error: describe(mention.error) }));
      continue;
    }
    const matches = matcher.match(mention.data).map((m) => m.ruleId);
    await write(io.stdout, JSON.stringify({ id: mention.data.id, matches }));
  }
  return 0;
}
