import { settingsWithSecrets } from "@/lib/sources/secrets";
import "server-only";
import { db } from "@/lib/db/client";
import { pollRssSource, readCursor, type PollResult } from "./rss";
import { backfillMastodon, startMastodonStream } from "./mastodon";
import { startJetstream } from "./jetstream";
import { startXStream } from "./x-stream";
import { recordSourceError } from "./source-state";
import { runEvery } from "@/lib/util/every";

// Runs the pull connectors: each enabled source is polled when its interval has passed since
// the last poll (kept in its cursor, so restarts resume on schedule) and it is not backing off.

export async function pollDueSources(
  now = new Date(),
  scope: { workspaceId?: string } = {},
): Promise<Array<{ sourceId: string; result: PollResult }>> {
  const sources = await db().source.findMany({
    where: {
      enabled: true,
      network: { in: ["rss", "mastodon"] },
      ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}),
    },
    select: { id: true, network: true, cursor: true, settings: true, lastEventAt: true },
  });
  const results: Array<{ sourceId: string; result: PollResult }> = [];
  for (const source of sources) {
    const settings = (source.settings ?? {}) as { url?: unknown; mode?: unknown; pollMinutes?: number };
    if (source.network === "mastodon") {
      // Instances without streaming access are polled: every status after the since-cursor.
      if (settings.mode !== "poll") continue;
      const every = Number(settings.pollMinutes ?? 5) * 60_000;
      if (source.lastEventAt && now.getTime() - source.lastEventAt.getTime() < every) continue;
      try {
        await backfillMastodon(source.id);
        await db().source.update({ where: { id: source.id }, data: { lastEventAt: now } });
        results.push({ sourceId: source.id, result: { status: "not_modified" } });
      } catch (error) {
        await recordSourceError(source.id, (error as Error).message);
        results.push({ sourceId: source.id, result: { status: "error", error: (error as Error).message } });
      }
      continue;
    }
    if (typeof settings.url !== "string") continue; // not configured to poll
    const cursor = readCursor(source.cursor);
    const every = Number(settings.pollMinutes ?? 15) * 60_000;
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

type StreamHandle = { stop: () => Promise<void> };

/** Streaming sources that are configured to connect (demo sources have no credentials). */
async function streamingSources() {
  const sources = await db().source.findMany({
    where: { enabled: true, network: { in: ["x", "mastodon", "bluesky"] } },
    select: { id: true, network: true, settings: true, secrets: true },
  });
  return sources.filter((s) => {
    const settings = settingsWithSecrets(s);
    if (s.network === "x") return typeof settings.bearerToken === "string";
    if (s.network === "mastodon")
      return typeof settings.instance === "string" && typeof settings.hashtag === "string" && settings.mode !== "poll";
    return settings.stream === true || typeof settings.endpoint === "string";
  });
}

/** Polls due sources every `intervalMs` and keeps the streaming connectors running, until stopped. */
export function startWorker(intervalMs = 60_000): () => void {
  const streams = new Map<string, StreamHandle>();
  const syncStreams = async () => {
    const wanted = await streamingSources();
    const ids = new Set(wanted.map((s) => s.id));
    for (const [id, handle] of streams)
      if (!ids.has(id)) {
        streams.delete(id);
        void handle.stop();
      }
    for (const s of wanted) {
      if (streams.has(s.id)) continue;
      streams.set(
        s.id,
        s.network === "x"
          ? startXStream(s.id)
          : s.network === "mastodon"
            ? startMastodonStream(s.id)
            : startJetstream(s.id),
      );
    }
  };
  const stop = runEvery("worker", intervalMs, async () => {
    await pollDueSources();
    await syncStreams();
  });
  return () => {
    stop();
    for (const handle of streams.values()) void handle.stop();
    streams.clear();
  };
}
