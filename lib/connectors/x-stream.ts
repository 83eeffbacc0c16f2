import "server-only";
import { parseX } from "@/lib/ingest/formats/x";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { safeStream } from "@/lib/net/safe-fetch";
import { loadSource, saveCursor } from "./source-state";
import { runStreamLoop, StreamFailure } from "./stream-loop";

// X API v2 filtered stream: newline-delimited JSON with blank keep-alive lines. Reconnects
// with X's recommended backoff; after an outage it asks for up to 5 minutes of backfill
// (`backfill_minutes`, where the account has it). The cursor keeps the newest tweet id.

const DEFAULT_ENDPOINT = "https://api.x.com/2/tweets/search/stream";
const FIELDS =
  "tweet.fields=created_at,lang,conversation_id,referenced_tweets,public_metrics,entities,edit_history_tweet_ids,in_reply_to_user_id&expansions=author_id,in_reply_to_user_id&user.fields=username,name,public_metrics,verified,description,profile_image_url";

export function startXStream(sourceId: string, options: { backoffScale?: number; flushMs?: number } = {}) {
  let disconnectedAt: number | null = null;
  return runStreamLoop({
    sourceId,
    backoffScale: options.backoffScale,
    connect: async (signal) => {
      const { source, settings, allowlist } = await loadSource(sourceId);
      const endpoint = String(settings.endpoint ?? DEFAULT_ENDPOINT);
      const backfill =
        disconnectedAt && settings.backfillMinutes
          ? Math.min(5, Math.ceil((Date.now() - disconnectedAt) / 60_000), Number(settings.backfillMinutes))
          : 0;
      const url = `${endpoint}?${FIELDS}${backfill ? `&backfill_minutes=${backfill}` : ""}`;
      const response = await safeStream(url, {
        allowlist,
        signal,
        timeoutMs: 30_000,
        headers: { authorization: `Bearer ${String(settings.bearerToken ?? "")}` },
      });
      if (response.statusCode === 429) {
        response.resume();
        throw new StreamFailure("X answered 429 (too many connections or requests)", "rate_limit");
      }
      if (response.statusCode !== 200) {
        response.resume();
        throw new StreamFailure(`X answered HTTP ${response.statusCode}`, "http");
      }
      let buffer = "";
      let pending: string[] = [];
      let newest = source.cursor;
      const flush = async () => {
        if (!pending.length) return;
        const lines = pending;
        pending = [];
        const parsed = parseX(lines.join("\n"));
        await ingestEvents(source.workspaceId, parsed, { sourceId });
        for (const e of parsed.events)
          if (e.kind === "upsert" && (!newest || BigInt(e.mention.externalId) > BigInt(newest)))
            newest = e.mention.externalId;
        if (newest) await saveCursor(sourceId, newest);
      };
      try {
        for await (const chunk of response) {
          buffer += chunk.toString("utf8");
          let nl: number;
          while ((nl = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (line) pending.push(line); // blank lines are keep-alives
          }
          if (pending.length >= 50) await flush();
          else if (pending.length) setTimeout(() => void flush(), options.flushMs ?? 200);
        }
        await flush();
      } catch (error) {
        if (signal.aborted) return;
        throw new StreamFailure(`The X stream dropped (${(error as Error).message})`, "network");
      } finally {
        disconnectedAt = Date.now();
      }
      if (!signal.aborted) throw new StreamFailure("The X stream closed", "network");
    },
  });
}
