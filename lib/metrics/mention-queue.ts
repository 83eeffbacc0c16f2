import "server-only";
import { db } from "@/lib/db/client";

// New mentions' terms and authors reach the rollups through a queue (prisma/sql/metrics.sql):
// ingestion only queues them. Readers drain the workspace's queue first, so a figure never
// misses a stored mention; the metrics worker drains it in the background meanwhile.

const CHUNK = 5_000;

export async function drainMentionQueue(workspaceId: string): Promise<number> {
  let drained = 0;
  for (;;) {
    const [{ n }] = await db().$queryRaw<
      Array<{ n: number }>
    >`SELECT earshot_drain_mention_queue(${workspaceId}, ${CHUNK}::int) AS n`;
    drained += n;
    if (n < CHUNK) return drained;
  }
}

/** Workspaces with queued mentions. */
export async function workspacesWithQueuedMentions(): Promise<string[]> {
  const rows = await db().$queryRaw<
    Array<{ workspaceId: string }>
  >`SELECT DISTINCT "workspaceId" FROM "MentionStatQueue"`;
  return rows.map((r) => r.workspaceId);
}
