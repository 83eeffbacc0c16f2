import "server-only";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { ExpectedError } from "@/lib/actions/errors";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { eraseSubject, previewErasure, resumeErasureJobs, type ErasureSubject } from "./erase";
import { identityRef } from "./erase-schemas";

// `privacy erase --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) (--dry-run | --yes)`:
// without either flag, the preview is shown and the person's name asked for (`ask`), as the
// console's confirmation does. Unfinished erasures of earlier runs are finished first.

interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function eraseFromCli(
  args: { workspace?: string; contact?: string; identity?: string; dryRun?: boolean; yes?: boolean },
  ask: (question: string) => Promise<string>,
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (!args.workspace || !!args.contact === !!args.identity || (args.dryRun && args.yes)) {
    await write(
      io.stderr,
      "Usage: privacy erase --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) (--dry-run | --yes)\n",
    );
    return 2;
  }
  const ws = await workspaceBySlug(args.workspace);
  if (!ws) {
    await write(io.stderr, `No workspace with slug "${args.workspace}".\n`);
    return 2;
  }
  let subject: ErasureSubject;
  if (args.contact) subject = { contactId: args.contact };
  else {
    const parsed = identityRef.safeParse(args.identity);
    if (!parsed.success) {
      await write(io.stderr, `--identity ${parsed.error.issues[0]?.message ?? "is invalid"}.\n`);
      return 2;
    }
    subject = parsed.data;
  }
  const resumed = await resumeErasureJobs();
  if (resumed) await write(io.stderr, `Finished ${resumed} erasure(s) an earlier run left unfinished.\n`);
  try {
    const preview = await previewErasure(ws.id, subject);
    await write(io.stdout, `${JSON.stringify({ preview }, null, 2)}\n`);
    if (args.dryRun) return 0;
    const name = args.yes ? preview.person.name : await ask(`Type "${preview.person.name}" to erase them for good: `);
    const { jobId, counts } = await eraseSubject(ws.id, null, subject, name);
    await write(io.stdout, `${JSON.stringify({ erased: true, jobId, counts })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    await write(io.stderr, `${error.message}\n`);
    return error.code === "NOT_FOUND" ? 1 : 2;
  }
}
