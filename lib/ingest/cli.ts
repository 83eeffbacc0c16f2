import "server-only";
import { readFile } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { FORMATS, isFormat } from "./formats";
import { ingestDocument } from "./ingest";
import { exportMentions } from "./export";
import type { IngestSummary } from "./pipeline";

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

/** `earshot ingest --workspace SLUG --format F FILE...`: prints the summary as JSON. */
export async function runIngestCommand(args: { workspace?: string; format?: string; files: string[] }, io: CliIo): Promise<number> {
  if (!args.workspace || !args.format || args.files.length === 0) {
    await write(io.stderr, `Usage: earshot ingest --workspace <slug> --format <${FORMATS.join("|")}> FILE...\n`);
    return 2;
  }
  if (!isFormat(args.format)) {
    await write(io.stderr, `Unknown format "${args.format}". Formats: ${FORMATS.join(", ")}.\n`);
    return 2;
  }
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  const total: IngestSummary = { received: 0, accepted: 0, duplicates: 0, ignored: 0, rejected: [], matched: 0, updated: 0, deleted: 0, cases: { created: 0, joined: 0, reopened: 0, logged: 0 } };
  for (const file of args.files) {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      total.rejected.push({ where: file, reason: `Cannot read the file: ${(error as Error).message}` });
      continue;
    }
    const s = await ingestDocument(workspace.id, args.format, body);
    total.received += s.received;
    total.accepted += s.accepted;
    total.duplicates += s.duplicates;
    total.ignored += s.ignored;
    total.matched += s.matched;
    total.updated += s.updated;
    total.deleted += s.deleted;
    for (const k of ["created", "joined", "reopened", "logged"] as const) total.cases[k] += s.cases[k];
    total.rejected.push(...s.rejected.map((r) => ({ where: args.files.length > 1 ? `${file}: ${r.where}` : r.where, reason: r.reason })));
  }
  await write(io.stdout, `${JSON.stringify(total)}\n`);
  return 0;
}

/** `earshot export mentions --workspace SLUG [--since ISO]`: JSONL on stdout. */
export async function runExportMentionsCommand(args: { workspace?: string; since?: string }, io: CliIo): Promise<number> {
  if (!args.workspace) {
    await write(io.stderr, "Usage: earshot export mentions --workspace <slug> [--since <ISO time>]\n");
    return 2;
  }
  const since = args.since ? new Date(args.since) : undefined;
  if (since && Number.isNaN(since.getTime())) {
    await write(io.stderr, `--since "${args.since}" is not an ISO time (e.g. 2026-11-01T00:00:00Z).\n`);
    return 2;
  }
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  for await (const mention of exportMentions(workspace.id, since)) await write(io.stdout, `${JSON.stringify(mention)}\n`);
  return 0;
}
