import "server-only";
import { db } from "@/lib/db/client";
import { charsetOf } from "@/lib/ingest/formats/feed-bytes";
import { parseRss } from "@/lib/ingest/formats/rss";
import { ingestEvents, type IngestSummary } from "@/lib/ingest/pipeline";
import { FetchFailedError, FetchRefusedError, safeFetch } from "@/lib/net/safe-fetch";
import { loadSource } from "./source-state";

// RSS/Atom polling with conditional requests (ETag / Last-Modified). The cursor survives
// restarts in Source.cursor; rate limits (429/503 + Retry-After) back off and show on the
// source's health.

export interface RssCursor {
  etag?: string;
  lastModified?: string;
  lastPolledAt?: string;
  retryAfter?: string;
}

export type PollResult =
  | { status: "updated"; summary: IngestSummary }
  | { status: "not_modified" }
  | { status: "backoff"; until: string }
  | { status: "error"; error: string };

export function readCursor(cursor: string | null): RssCursor {
  try {
    return cursor ? (JSON.parse(cursor) as RssCursor) : {};
  } catch {
    return {};
  }
}

function backoffMs(errorCount: number, retryAfter: string | undefined, now: Date): number {
  const seconds =
    retryAfter && /^\d+$/.test(retryAfter)
      ? Number(retryAfter)
      : retryAfter
        ? (Date.parse(retryAfter) - now.getTime()) / 1000
        : NaN;
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 24 * 3600) * 1000;
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.min(errorCount, 6)); // 1, 2, 4 … 60 minutes
}

export async function pollRssSource(sourceId: string, now = new Date()): Promise<PollResult> {
  const { source, settings: raw, allowlist } = await loadSource(sourceId);
  const settings = raw as { url?: string; brandId?: string };
  const cursor = readCursor(source.cursor);
  if (cursor.retryAfter && Date.parse(cursor.retryAfter) > now.getTime())
    return { status: "backoff", until: cursor.retryAfter };

  const fail = async (error: string, extra: Partial<RssCursor> = {}): Promise<PollResult> => {
    await db().source.update({
      where: { id: source.id },
      data: {
        lastError: error,
        lastErrorAt: now,
        errorCount: { increment: 1 },
        cursor: JSON.stringify({ ...cursor, lastPolledAt: now.toISOString(), ...extra }),
      },
    });
    return { status: "error", error };
  };
  if (!settings.url) return fail("The source has no feed URL");

  let response;
  try {
    response = await safeFetch(settings.url, {
      allowlist,
      headers: {
        accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        ...(cursor.etag ? { "if-none-match": cursor.etag } : {}),
        ...(cursor.lastModified ? { "if-modified-since": cursor.lastModified } : {}),
      },
    });
  } catch (error) {
    if (error instanceof FetchRefusedError || error instanceof FetchFailedError) {
      return fail(error.message, {
        retryAfter: new Date(now.getTime() + backoffMs(source.errorCount, undefined, now)).toISOString(),
      });
    }
    throw error;
  }
  if (response.status === 304) {
    await db().source.update({
      where: { id: source.id },
      data: { cursor: JSON.stringify({ ...cursor, lastPolledAt: now.toISOString(), retryAfter: undefined }) },
    });
    return { status: "not_modified" };
  }
  if (response.status === 429 || response.status === 503) {
    const until = new Date(
      now.getTime() + backoffMs(source.errorCount, response.headers["retry-after"] as string | undefined, now),
    ).toISOString();
    return fail(`HTTP ${response.status} (rate limited); retrying after ${until}`, { retryAfter: until });
  }
  if (response.status < 200 || response.status >= 300) return fail(`HTTP ${response.status} from the feed`);
  // The HTTP charset outranks the XML declaration; the final URL is the base for relative links.
  const parsed = parseRss(response.body, {
    charset: charsetOf(response.headers["content-type"]),
    feedUrl: response.url,
    receivedAt: now,
  });
  if (
    parsed.events.length === 0 &&
    parsed.rejected.some((r) => r.where === "document" || r.reason.startsWith("Not a feed"))
  ) {
    return fail(parsed.rejected[0].reason);
  }
  const summary = await ingestEvents(source.workspaceId, parsed, {
    sourceId: source.id,
    brandId: settings.brandId ?? null,
  });
  const next: RssCursor = {
    etag: (response.headers.etag as string | undefined) ?? undefined,
    lastModified: (response.headers["last-modified"] as string | undefined) ?? undefined,
    lastPolledAt: now.toISOString(),
  };
  await db().source.update({
    where: { id: source.id },
    data: { cursor: JSON.stringify(next), errorCount: 0, lastEventAt: now },
  });
  return { status: "updated", summary };
}
