import { parseArgs } from "node:util";
import { findWorkspace, subcommands, withDatabase } from "./run";

const LEARN_CHUNK = 500;

/** Reads a labelled CSV for the sentiment commands; null (after saying why) when it can't. */
async function readLabels(file: string, textColumn?: string, labelColumn?: string) {
  const { readFile } = await import("node:fs/promises");
  const { readLabelledCsv } = await import("../../lib/enrich/learn/labels-file");
  try {
    return readLabelledCsv(await readFile(file, "utf8"), textColumn ?? "text", labelColumn ?? "label");
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return null;
  }
}

type Labelled = NonNullable<Awaited<ReturnType<typeof readLabels>>>;

/** Learns the examples in chunks, reporting progress; the model version after the last one. */
async function learnInChunks(workspaceId: string, examples: Labelled["examples"]): Promise<number> {
  const { learn } = await import("../../lib/enrich/learn/store");
  let version = 0;
  for (let i = 0; i < examples.length; i += LEARN_CHUNK) {
    const chunk = examples.slice(i, i + LEARN_CHUNK);
    version = (await learn(workspaceId, chunk, "import", null)).version;
    process.stderr.write(`learned ${Math.min(i + LEARN_CHUNK, examples.length)}/${examples.length}\n`);
  }
  return version;
}

// sentiment learn --workspace SLUG --labels FILE.csv [--text-column text] [--label-column label]
async function learnCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      labels: { type: "string" },
      "text-column": { type: "string" },
      "label-column": { type: "string" },
    },
  });
  if (!values.workspace || !values.labels) {
    process.stderr.write(
      "Usage: earshot sentiment learn --workspace <slug> --labels FILE.csv [--text-column text] [--label-column label]\n",
    );
    return 2;
  }
  const labelled = await readLabels(values.labels, values["text-column"], values["label-column"]);
  if (!labelled) return 2;
  const slug = values.workspace;
  return withDatabase(async () => {
    const workspace = await findWorkspace(slug);
    if (!workspace) return 2;
    for (const r of labelled.rejected) process.stderr.write(`${JSON.stringify(r)}\n`);
    const version = await learnInChunks(workspace.id, labelled.examples);
    process.stdout.write(
      `${JSON.stringify({ learned: labelled.examples.length, rejected: labelled.rejected.length, modelVersion: version })}\n`,
    );
    return 0;
  });
}

// sentiment rescore --workspace SLUG
async function rescoreCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: "string" } } });
  if (!values.workspace) {
    process.stderr.write("Usage: earshot sentiment rescore --workspace <slug>\n");
    return 2;
  }
  const slug = values.workspace;
  return withDatabase(async () => {
    const { rescorePage } = await import("../../lib/enrich/learn/rescore");
    const workspace = await findWorkspace(slug);
    if (!workspace) return 2;
    let cursor: string | null = null;
    let progress;
    do {
      progress = await rescorePage(workspace.id, cursor);
      cursor = progress.cursor;
      process.stderr.write(`rescored ${progress.done}/${progress.total}\n`);
    } while (cursor);
    process.stdout.write(`${JSON.stringify({ rescored: progress.done })}\n`);
    return 0;
  });
}

// sentiment eval --labels FILE.csv [--text-column text] [--label-column label] [--folds 5] (no database)
async function evalCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      labels: { type: "string" },
      "text-column": { type: "string" },
      "label-column": { type: "string" },
      folds: { type: "string" },
    },
  });
  if (!values.labels) {
    process.stderr.write("sentiment eval needs --labels FILE.csv\n");
    return 2;
  }
  const folds = Number(values.folds ?? 5);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
    process.stderr.write("--folds must be a whole number from 2 to 20\n");
    return 2;
  }
  const { crossValidate } = await import("../../lib/enrich/learn/evaluate");
  const file = await readLabels(values.labels, values["text-column"], values["label-column"]);
  if (!file) return 2;
  for (const r of file.rejected) process.stderr.write(`${JSON.stringify(r)}\n`);
  if (file.examples.length < folds) {
    process.stderr.write("Not enough labelled rows to evaluate.\n");
    return 2;
  }
  process.stdout.write(`${JSON.stringify(crossValidate(file.examples, folds), null, 2)}\n`);
  return 0;
}

export const sentiment = subcommands(
  { learn: learnCommand, rescore: rescoreCommand, eval: evalCommand },
  (what) => `Unknown sentiment command "${what}". Try: sentiment eval|learn|rescore\n`,
);
