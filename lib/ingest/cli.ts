import "server-only";
import { readFile } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { FORMATS, isFormat, parseFormat } from "./formats";
import { isUnreadable, unreadableReason } from "./ingest";
import { exportMentions } from "./export";
import { ingestEvents, type IngestSummary } from "./pipeline";

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * `earshot ingest --workspace SLUG --format F FILE...`: prints the summary as JSON. Exit code 0,
 * 1 when a file could not be read or nothing in one could be stored, 2 for bad arguments.
 */
export async function runIngestCommand(
  args: { workspace?: string; format?: string; files: string[] },
  io: CliIo,
): Promise<number> {
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
  const total: IngestSummary = {
    received: 0,
    accepted: 0,
    duplicates: 0,
    ignored: 0,
    rejected: [],
    matched: 0,
    updated: 0,
    deleted: 0,
    deferredDeletes: 0,
    cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
  };
  // A file that cannot be read, or none of whose items could be stored, fails the command (exit
  // 1) so that scripts notice; the other files are still ingested and the summary covers all.
  let failed = false;
  const fail = async (file: string, reason: string) => {
    failed = true;
    total.received++;
    total.rejected.push({ where: file, reason });
    await write(io.stderr, `${file}: ${reason}\n`);
  };
  for (const file of args.files) {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      await fail(file, `Cannot read the file: ${(error as Error).message}`);
      continue;
    }
    const parsed = parseFormat(args.format, body);
    if (isUnreadable(parsed)) {
      await fail(file, unreadableReason(args.format, parsed));
      continue;
    }
    const s = await ingestEvents(workspace.id, parsed);
    addSummary(total, s, (where) => (args.files.length > 1 ? `${file}: ${where}` : where));
    if (s.received > 0 && s.rejected.length === s.received) {
      failed = true;
      await write(io.stderr, `${file}: every item was rejected.\n`);
    }
  }
  await write(io.stdout, `${JSON.stringify(total)}\n`);
  return failed ? 1 : 0;
}

function addSummary(total: IngestSummary, s: IngestSummary, where: (where: string) => string): void {
  for (const k of [
    "received",
    "accepted",
    "duplicates",
    "ignored",
    "matched",
    "updated",
    "deleted",
    "deferredDeletes",
  ] as const)
    total[k] += s[k];
  for (const k of ["created", "joined", "reopened", "logged"] as const) total.cases[k] += s.cases[k];
  total.rejected.push(...s.rejected.map((r) => ({ where: where(r.where), reason: r.reason })));
}

/** `earshot export mentions --workspace SLUG [--since ISO]`: JSONL on stdout. */
export async function runExportMentionsCommand(
  args: { workspace?: string; since?: string },
  io: CliIo,
): Promise<number> {
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
  for await (const mention of exportMentions(workspace.id, since))
    await write(io.stdout, `${JSON.stringify(mention)}\n`);
  return 0;
}
