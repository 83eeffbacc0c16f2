import "server-only";
import { db } from "@/lib/db/client";
import { pollRssSource, readCursor, type PollResult } from "./rss";

// Runs the pull connectors: each enabled source is polled when its interval has passed since
// the last poll (kept in its cursor, so restarts resume on schedule) and it is not backing off.

export async function pollDueSources(now = new Date(), scope: { workspaceId?: string } = {}): Promise<Array<{ sourceId: string; result: PollResult }>> {
  const sources = await db().source.findMany({
    where: { enabled: true, network: "rss", ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}) },
    select: { id: true, cursor: true, settings: true },
  });
  const results: Array<{ sourceId: string; result: PollResult }> = [];
  for (const source of sources) {
    const cursor = readCursor(source.cursor);
    const every = Number((source.settings as { pollMinutes?: number }).pollMinutes ?? 15) * 60_000;
    if (cursor.lastPolledAt && now.getTime() - Date.parse(cursor.lastPolledAt) < every) continue;
    if (cursor.retryAfter && Date.parse(cursor.retryAfter) > now.getTime()) continue;
    try {
      results.push({ sourceId: source.id, result: await pollRssSource(source.id, now) });
    } catch (error) {
      console.error(`[worker] polling source ${source.id} failed`, error);
    }
  }
  return results;
}

/** Polls due sources every `intervalMs` until stopped. */
export function startWorker(intervalMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pollDueSources();
    } catch (error) {
      console.error("[worker] tick failed", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return () => clearInterval(timer);
}
