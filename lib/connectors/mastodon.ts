import "server-only";
import { parseMastodon } from "@/lib/ingest/formats/mastodon";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { safeFetch, safeStream } from "@/lib/net/safe-fetch";
import { loadSource, saveCursor } from "./source-state";
import { runStreamLoop, StreamFailure } from "./stream-loop";

// Mastodon hashtag listening: the streaming API (server-sent events) for live statuses, and
// the REST timeline with `min_id` to backfill from the cursor (the newest status id seen)
// after every (re)connect, so an outage loses nothing.

const newer = (a: string, b: string | null) => !b || BigInt(a) > BigInt(b);

async function settingsOf(sourceId: string) {
  const { source, settings, allowlist } = await loadSource(sourceId);
  const instance = String(settings.instance ?? "").replace(/\/$/, "");
  const tag = String(settings.hashtag ?? "").replace(/^#/, "");
  if (!instance || !tag) throw new StreamFailure("The source needs an instance URL and a hashtag", "http");
  const headers: Record<string, string> = settings.token ? { authorization: `Bearer ${String(settings.token)}` } : {};
  return { source, instance, tag, headers, allowlist };
}

/** Fetches every status after the cursor, page by page (oldest pages first). Returns the new cursor. */
export async function backfillMastodon(sourceId: string): Promise<string | null> {
  const { source, instance, tag, headers, allowlist } = await settingsOf(sourceId);
  let cursor = source.cursor;
  for (let page = 0; page < 50; page++) {
    const url = `${instance}/api/v1/timelines/tag/${encodeURIComponent(tag)}?limit=40${cursor ? `&min_id=${cursor}` : ""}`;
    const response = await safeFetch(url, { allowlist, headers });
    if (response.status === 429) throw new StreamFailure("Mastodon answered 429 (rate limited)", "rate_limit");
    if (response.status !== 200) throw new StreamFailure(`Mastodon answered HTTP ${response.status}`, "http");
    const text = response.body.toString("utf8");
    const parsed = parseMastodon(text);
    const statuses = JSON.parse(text) as Array<{ id: string }>;
    if (!Array.isArray(statuses) || statuses.length === 0) break;
    await ingestEvents(source.workspaceId, parsed, { sourceId });
    for (const s of statuses) if (newer(s.id, cursor)) cursor = s.id;
    if (cursor) await saveCursor(sourceId, cursor);
    if (!source.cursor && page === 0) break; // first run: start from the latest page only
  }
  return cursor;
}

export function startMastodonStream(sourceId: string, options: { backoffScale?: number } = {}) {
  return runStreamLoop({
    sourceId,
    backoffScale: options.backoffScale,
    connect: async (signal) => {
      let cursor = await backfillMastodon(sourceId);
      const { source, instance, tag, headers, allowlist } = await settingsOf(sourceId);
      const response = await safeStream(`${instance}/api/v1/streaming/hashtag?tag=${encodeURIComponent(tag)}`, {
        allowlist,
        signal,
        headers: { ...headers, accept: "text/event-stream" },
        timeoutMs: 60_000,
      });
      if (response.statusCode === 429) throw new StreamFailure("Mastodon streaming answered 429", "rate_limit");
      if (response.statusCode !== 200)
        throw new StreamFailure(`Mastodon streaming answered HTTP ${response.statusCode}`, "http");
      let buffer = "";
      try {
        for await (const chunk of response) {
          buffer += chunk.toString("utf8");
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
            if (!/^event:/m.test(block)) continue; // heartbeats (":thump")
            const parsed = parseMastodon(`${block}\n\n`);
            await ingestEvents(source.workspaceId, parsed, { sourceId });
            for (const e of parsed.events)
              if (e.kind === "upsert" && !e.edit && newer(e.mention.externalId, cursor)) cursor = e.mention.externalId;
            if (cursor) await saveCursor(sourceId, cursor);
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new StreamFailure(`The Mastodon stream dropped (${(error as Error).message})`, "network");
      }
      if (!signal.aborted) throw new StreamFailure("The Mastodon stream closed", "network");
    },
  });
}
