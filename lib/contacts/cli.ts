import "server-only";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { parseCsv } from "@/lib/util/csv";
import { guessMapping, importTargetSchema, type ImportMapping } from "./import-plan";
import { importContacts, type ConflictChoice, type ImportReport } from "./import";
import { exportContactsCsv, exportContactsJson } from "./export";

interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

const CHUNK = 500;

const USAGE =
  'Usage: earshot contacts import --workspace <slug> --file FILE.csv [--map "Column=target,..."] [--on-conflict skip|create] [--dry-run]\n';

/**
 * `earshot contacts import --workspace SLUG --file F.csv [--map "Col=target,..."] [--on-conflict skip|create] [--dry-run]`:
 * one JSON line per row (what it did or would do, and why), then a summary line. Rows that
 * would change who a contact is are conflicts: skipped (default) or created separately.
 */
export async function runContactsImportCommand(
  args: { workspace?: string; file?: string; map?: string; dryRun?: boolean; onConflict?: string },
  io: CliIo,
): Promise<number> {
  if (!args.workspace || !args.file) {
    await write(io.stderr, USAGE);
    return 2;
  }
  if (args.onConflict !== undefined && args.onConflict !== "skip" && args.onConflict !== "create") {
    await write(
      io.stderr,
      `Bad --on-conflict "${args.onConflict}": use skip (report and leave out) or create (add as separate contacts).\n`,
    );
    return 2;
  }
  const onConflict = (args.onConflict ?? "skip") as ConflictChoice;
  let text: string;
  try {
    text = await readFile(args.file, "utf8");
  } catch (error) {
    await write(io.stderr, `Cannot read ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }
  const [header, ...body] = parseCsv(text);
  if (!header) {
    await write(io.stderr, "The file is empty: a header row is needed.\n");
    return 2;
  }
  const headers = header.fields.map((h) => h.trim());
  const mapping: ImportMapping = guessMapping(headers);
  for (const pair of (args.map ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const column = pair.slice(0, at).trim();
    const target = importTargetSchema.safeParse(pair.slice(at + 1).trim());
    if (at <= 0 || !headers.includes(column) || !target.success) {
      await write(
        io.stderr,
        `Bad --map entry "${pair}": use Column=target with a column of the file (${headers.join(", ")}) and a target such as name, email, phone, externalId, handle:x, custom:<name>, ignore.\n`,
      );
      return 2;
    }
    mapping[column] = target.data;
  }
  await write(
    io.stderr,
    `Columns: ${Object.entries(mapping)
      .map(([c, t]) => `${c}→${t}`)
      .join(", ")}\n`,
  );
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  const rows = body
    .filter((r) => r.fields.some((f) => f.trim()))
    .map((r) => ({ line: r.line, record: Object.fromEntries(headers.map((h, i) => [h, r.fields[i] ?? ""])) }));
  const counts: ImportReport["counts"] = { create: 0, update: 0, unchanged: 0, reject: 0, conflict: 0 };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const report = await importContacts(workspace.id, null, {
      rows: rows.slice(i, i + CHUNK),
      mapping,
      dryRun: !!args.dryRun,
      onConflict,
    });
    for (const r of report.results) await write(io.stdout, `${JSON.stringify(r)}\n`);
    for (const k of Object.keys(counts) as Array<keyof typeof counts>) counts[k] += report.counts[k];
    await write(
      io.stderr,
      `${args.dryRun ? "checked" : "imported"} ${Math.min(i + CHUNK, rows.length)}/${rows.length}\n`,
    );
  }
  await write(
    io.stdout,
    `${JSON.stringify({ summary: { dryRun: !!args.dryRun, onConflict, rows: rows.length, ...counts } })}\n`,
  );
  return 0;
}

/** `earshot contacts export --workspace SLUG [--format csv|json] [--out FILE]`. */
export async function runContactsExportCommand(
  args: { workspace?: string; format?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const format = args.format ?? "csv";
  if (!args.workspace || (format !== "csv" && format !== "json")) {
    await write(io.stderr, "Usage: earshot contacts export --workspace <slug> [--format csv|json] [--out FILE]\n");
    return 2;
  }
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  const out = args.out ? createWriteStream(args.out) : io.stdout;
  for await (const chunk of format === "csv" ? exportContactsCsv(workspace.id) : exportContactsJson(workspace.id))
    await write(out, chunk);
  if (args.out) {
    out.end();
    await once(out, "finish");
    await write(io.stderr, `Wrote ${args.out}\n`);
  }
  return 0;
}

/** `earshot contacts rebuild-keys`: recomputes the matching keys after an upgrade changed them. */
export async function runContactsRebuildKeysCommand(args: { workspace?: string }, io: CliIo): Promise<number> {
  if (!args.workspace) {
    await write(io.stderr, "Usage: earshot contacts rebuild-keys --workspace <slug>\n");
    return 2;
  }
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  const { refreshWorkspaceKeys } = await import("./key-store");
  const contacts = await refreshWorkspaceKeys(workspace.id);
  await write(io.stdout, `${JSON.stringify({ workspace: args.workspace, contacts })}\n`);
  return 0;
}
