// The Earshot CLI: npm run -s earshot -- <command> [options]
import { parseArgs } from "node:util";
import { runMatchCommand } from "../lib/listening/cli-match";
import { connectDatabase } from "../lib/db/connect";

const USAGE = `Usage: npm run -s earshot -- <command> [options]

Commands:
  match --rules RULES.json --mentions MENTIONS.jsonl
      Match mentions against keyword rules; prints {"id","matches"} per mention.
  ingest --workspace SLUG --format x|mastodon|bluesky|reddit|facebook|instagram|youtube|rss|jsonl FILE...
      Run files through the ingestion pipeline; prints a JSON summary.
  export mentions --workspace SLUG [--since ISO-TIME]
      Write the workspace's mentions as JSON lines.
  export cases --workspace SLUG [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--metric created|solved|responded|awaiting|sla_met|sla_breached] [--out FILE]
      One CSV row per case created in the period (local dates), with its first response, resolution
      and SLA metrics, as the dashboard computes them; other metrics list the rows behind that figure.
  sentiment learn --workspace SLUG --labels FILE.csv [--text-column text] [--label-column label]
      Teach the workspace's sentiment model from a labelled file (positive|neutral|negative).
  sentiment rescore --workspace SLUG
      Re-score the workspace's mentions with its current model, in batches.
  sentiment eval --labels FILE.csv [--text-column text] [--label-column label] [--folds 5]
      Accuracy, macro-F1 and per-class F1 of the out-of-the-box analyzer and of the learned
      model (k-fold cross-validation: no text is scored by a model that learned from it).
  contacts import --workspace SLUG --file FILE.csv [--map "Column=target,..."] [--dry-run] [--on-conflict skip|create]
      Import contacts from CSV: one JSON line per row (create, update, unchanged, conflict or
      reject, with the reason), then a summary. Rows match by Earshot id, external id, then
      e-mail, so re-importing a file changes nothing. A row that would change another person's
      record (a shared mailbox, another external id) is a conflict: skipped (default) or added
      as a separate contact (--on-conflict create). --dry-run reports and writes nothing.
  contacts rebuild-keys --workspace SLUG
      Recompute the workspace's contact matching keys (names, handles, domains) after an
      upgrade changed how they are derived.
  contacts export --workspace SLUG [--format csv|json] [--out FILE]
      Every contact with its social identities.
  poll [--watch]
      Poll the pull connectors (RSS/Atom) that are due; with --watch, keep polling every minute.

The database is DATABASE_URL, or the embedded one in .data/ (joined through the console when it runs).
`;

/** Reads a labelled CSV for the sentiment commands; null (after saying why) when it can't. */
async function readLabels(file: string, textColumn?: string, labelColumn?: string) {
  const { readFile } = await import("node:fs/promises");
  const { readLabelledCsv } = await import("../lib/enrich/learn/labels-file");
  try {
    return readLabelledCsv(await readFile(file, "utf8"), textColumn ?? "text", labelColumn ?? "label");
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return null;
  }
}

/** The workspace with this slug; null (after saying so) when there is none. Needs the database. */
async function findWorkspace(slug: string) {
  const { workspaceBySlug } = await import("../lib/workspaces/lookup");
  const workspace = await workspaceBySlug(slug);
  if (!workspace) process.stderr.write(`No workspace with slug "${slug}".\n`);
  return workspace;
}

/** Opens the database for commands that need it and closes it afterwards. */
async function withDatabase(fn: () => Promise<number>): Promise<number> {
  const connection = await connectDatabase("cli");
  process.env.DATABASE_URL = connection.url;
  try {
    const { applyMigrations } = await import("../lib/db/schema-engine");
    await applyMigrations(connection.url); // a no-op when the database is current
    return await fn();
  } finally {
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await connection.close();
  }
}

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
    case "ingest": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: "string" }, format: { type: "string" } } });
      const { runIngestCommand } = await import("../lib/ingest/cli");
      return withDatabase(() => runIngestCommand({ workspace: values.workspace, format: values.format, files: positionals }, { stdout: process.stdout, stderr: process.stderr }));
    }
    case "export": {
      const [what, ...more] = rest;
      if (what === "cases") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" }, since: { type: "string" }, until: { type: "string" }, metric: { type: "string" }, target: { type: "string" }, out: { type: "string" } } });
        const { runExportCasesCommand } = await import("../lib/metrics/cli");
        return withDatabase(() => runExportCasesCommand(values, { stdout: process.stdout, stderr: process.stderr }));
      }
      if (what !== "mentions") {
        process.stderr.write(`Unknown export "${what ?? ""}". Try: export mentions|cases --workspace SLUG\n`);
        return 2;
      }
      const { values } = parseArgs({ args: more, options: { workspace: { type: "string" }, since: { type: "string" } } });
      const { runExportMentionsCommand } = await import("../lib/ingest/cli");
      return withDatabase(() => runExportMentionsCommand(values, { stdout: process.stdout, stderr: process.stderr }));
    }
    case "contacts": {
      const [what, ...more] = rest;
      const io = { stdout: process.stdout, stderr: process.stderr };
      if (what === "import") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" }, file: { type: "string" }, map: { type: "string" }, "dry-run": { type: "boolean" }, "on-conflict": { type: "string" } } });
        const { runContactsImportCommand } = await import("../lib/contacts/cli");
        return withDatabase(() => runContactsImportCommand({ ...values, dryRun: values["dry-run"], onConflict: values["on-conflict"] }, io));
      }
      if (what === "export") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" }, format: { type: "string" }, out: { type: "string" } } });
        const { runContactsExportCommand } = await import("../lib/contacts/cli");
        return withDatabase(() => runContactsExportCommand(values, io));
      }
      if (what === "rebuild-keys") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" } } });
        const { runContactsRebuildKeysCommand } = await import("../lib/contacts/cli");
        return withDatabase(() => runContactsRebuildKeysCommand(values, io));
      }
      process.stderr.write(`Unknown contacts command "${what ?? ""}". Try: contacts import|export|rebuild-keys\n`);
      return 2;
    }
    case "poll": {
      const { values } = parseArgs({ args: rest, options: { watch: { type: "boolean" } } });
      const { pollDueSources, startWorker } = await import("../lib/connectors/worker");
      if (!values.watch) {
        return withDatabase(async () => {
          process.stdout.write(`${JSON.stringify(await pollDueSources())}\n`);
          return 0;
        });
      }
      return withDatabase(() => new Promise<number>((resolve) => {
        const stop = startWorker();
        process.once("SIGINT", () => { stop(); resolve(0); });
        process.once("SIGTERM", () => { stop(); resolve(0); });
      }));
    }
    case "sentiment": {
      const [what, ...more] = rest;
      if (what === "learn") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" }, labels: { type: "string" }, "text-column": { type: "string" }, "label-column": { type: "string" } } });
        if (!values.workspace || !values.labels) {
          process.stderr.write("Usage: earshot sentiment learn --workspace <slug> --labels FILE.csv [--text-column text] [--label-column label]\n");
          return 2;
        }
        const labelled = await readLabels(values.labels, values["text-column"], values["label-column"]);
        if (!labelled) return 2;
        return withDatabase(async () => {
          const { learn } = await import("../lib/enrich/learn/store");
          const workspace = await findWorkspace(values.workspace!);
          if (!workspace) return 2;
          for (const r of labelled.rejected) process.stderr.write(`${JSON.stringify(r)}\n`);
          let version = 0;
          for (let i = 0; i < labelled.examples.length; i += 500) {
            const chunk = labelled.examples.slice(i, i + 500);
            version = (await learn(workspace.id, chunk, "import", null)).version;
            process.stderr.write(`learned ${Math.min(i + 500, labelled.examples.length)}/${labelled.examples.length}\n`);
          }
          process.stdout.write(`${JSON.stringify({ learned: labelled.examples.length, rejected: labelled.rejected.length, modelVersion: version })}\n`);
          return 0;
        });
      }
      if (what === "rescore") {
        const { values } = parseArgs({ args: more, options: { workspace: { type: "string" } } });
        if (!values.workspace) {
          process.stderr.write("Usage: earshot sentiment rescore --workspace <slug>\n");
          return 2;
        }
        return withDatabase(async () => {
          const { rescorePage } = await import("../lib/enrich/learn/rescore");
          const workspace = await findWorkspace(values.workspace!);
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
      if (what !== "eval") {
        process.stderr.write(`Unknown sentiment command "${what ?? ""}". Try: sentiment eval|learn|rescore\n`);
        return 2;
      }
      const { values } = parseArgs({ args: more, options: { labels: { type: "string" }, "text-column": { type: "string" }, "label-column": { type: "string" }, folds: { type: "string" } } });
      if (!values.labels) {
        process.stderr.write("sentiment eval needs --labels FILE.csv\n");
        return 2;
      }
      const folds = Number(values.folds ?? 5);
      if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
        process.stderr.write("--folds must be a whole number from 2 to 20\n");
        return 2;
      }
      const { crossValidate } = await import("../lib/enrich/learn/evaluate");
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
    // Database pools keep timers alive: exit once output is flushed.
    process.stdout.write("", () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
