import "server-only";
import { db } from "@/lib/db/client";
import { drainMentionQueue, workspacesWithQueuedMentions } from "./mention-queue";
import { refreshCaseMetrics } from "./refresh";
import { refreshAuthorSpans } from "./author-spans";
import { TOP } from "./listening";
import { runEvery } from "@/lib/util/every";
import { pruneDeletedPosts } from "@/lib/ingest/pipeline";

// Keeps the dashboards' stored figures close to current between page loads (which bring them
// fully current before reading): queued mentions' terms and authors, changed cases' cycles,
// and the top-author spans of the closed days. Also prunes old remembered deletions (hourly).

export async function refreshAllMetrics(now = new Date()): Promise<{ mentions: number; cases: number; spans: number }> {
  let mentions = 0;
  let cases = 0;
  let spans = 0;
  for (const ws of await workspacesWithQueuedMentions()) mentions += await drainMentionQueue(ws);
  for (const ws of await db().workspace.findMany({ select: { id: true, timeZone: true } })) {
    cases += (await refreshCaseMetrics(ws.id)).refreshed;
    spans += await refreshAuthorSpans(ws.id, ws.timeZone, TOP, now);
  }
  return { mentions, cases, spans };
}

/** How often deletions remembered for posts that never came are pruned (a 30-day horizon: hourly is plenty). */
const PRUNE_DELETED_POSTS_MS = 3_600_000;

export function startMetricsWorker(intervalMs = 5_000): () => void {
  const stopMetrics = runEvery("metrics", intervalMs, () => refreshAllMetrics());
  // Housekeeping for ingestion, run beside the metrics because this is the console's periodic worker.
  const stopPruning = runEvery("deleted-posts", PRUNE_DELETED_POSTS_MS, () => pruneDeletedPosts());
  return () => {
    stopMetrics();
    stopPruning();
  };
}
