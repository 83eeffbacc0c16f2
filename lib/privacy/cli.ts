import "server-only";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { ExpectedError } from "@/lib/actions/errors";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { startSubjectExport } from "./export";
import { subjectFromParams } from "./subject";

// The `privacy` CLI commands' work (argument parsing is in scripts/cli/privacy.ts).

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

const EXPORT_USAGE =
  "Usage: earshot privacy export --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) [--format json|html] [--out FILE]\n";

/**
 * `earshot privacy export`: everything held about one person, as JSON (default) or the readable
 * page, to --out or standard output. Audited like the console's export (actor: none, via "cli").
 * A file is written under a temporary name and renamed when complete, so a failed export never
 * leaves a file that looks whole.
 */
export async function runPrivacyExportCommand(
  args: { workspace?: string; contact?: string; identity?: string; format?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const format = args.format ?? "json";
  if (!args.workspace || (format !== "json" && format !== "html")) {
    await write(io.stderr, EXPORT_USAGE);
    return 2;
  }
  const workspace = await workspaceBySlug(args.workspace);
  if (!workspace) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  let started;
  try {
    const subject = subjectFromParams({ contact: args.contact, identity: args.identity });
    started = await startSubjectExport(workspace, { userId: null, via: "cli" }, subject, format);
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    await write(io.stderr, `${error.message}\n${error.code === "INVALID" ? EXPORT_USAGE : ""}`);
    return error.code === "INVALID" ? 2 : 1;
  }
  if (!args.out) {
    for await (const chunk of started.chunks) await write(io.stdout, chunk);
    return 0;
  }
  const partial = `${args.out}.partial`;
  const out = createWriteStream(partial);
  try {
    for await (const chunk of started.chunks) await write(out, chunk);
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, args.out);
  await write(io.stderr, `Wrote ${args.out} (${started.subject.kind} ${started.subject.targetId}).\n`);
  return 0;
}
