import "server-only";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { workspaceBySlug } from "@/lib/workspaces/lookup";
import { runRetention, runRetentionAll } from "./retention";

// `npm run -s earshot -- privacy retention [--workspace SLUG] [--dry-run]`: one workspace, or
// every workspace that set a retention period; prints the reports as JSON (counts per kind,
// batches, the longest batch), and each run is audited like the scheduled job's.

interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function retentionFromCli(
  args: { workspaceSlug?: string; dryRun?: boolean },
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const dryRun = args.dryRun ?? false;
  let reports;
  if (args.workspaceSlug !== undefined) {
    const workspace = await workspaceBySlug(args.workspaceSlug);
    if (!workspace) {
      await write(io.stderr, `No workspace with slug "${args.workspaceSlug}".\n`);
      return 2;
    }
    reports = [await runRetention(workspace.id, { dryRun, trigger: "cli" })];
  } else {
    reports = await runRetentionAll(new Date(), { dryRun, trigger: "cli" });
  }
  await write(io.stdout, `${JSON.stringify({ dryRun, workspaces: reports }, null, 2)}\n`);
  return 0;
}
