import "server-only";
import WebSocket from "ws";
import { parseBluesky, type BlueskyProfiles } from "@/lib/ingest/formats/bluesky";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { checkedLookup, safeFetch } from "@/lib/net/safe-fetch";
import { loadSource, saveCursor } from "./source-state";
import { runStreamLoop, StreamFailure } from "./stream-loop";

// Bluesky Jetstream over WebSocket. The cursor is the newest event's `time_us`; a reconnect
// resumes from it (minus a few seconds, since the database drops the duplicates). With an
// AppView configured, authors' handles, names and follower counts come from
// app.bsky.actor.getProfiles; otherwise the DID stands in.

const DEFAULT_ENDPOINT = "wss://jetstream2.us-east.bsky.network/subscribe";
const REWIND_US = 5_000_000;

async function lookupProfiles(
  appview: string,
  dids: string[],
  allowlist: string[],
  cache: BlueskyProfiles,
): Promise<void> {
  const missing = [...new Set(dids)].filter((d) => !cache.has(d));
  for (let i = 0; i < missing.length; i += 25) {
    const query = missing
      .slice(i, i + 25)
      .map((d) => `actors=${encodeURIComponent(d)}`)
      .join("&");
    const response = await safeFetch(`${appview.replace(/\/$/, "")}/xrpc/app.bsky.actor.getProfiles?${query}`, {
      allowlist,
      timeoutMs: 5000,
    }).catch(() => null);
    if (!response || response.status !== 200) return;
    const body = JSON.parse(response.body.toString("utf8")) as {
      profiles?: Array<{
        did: string;
        handle: string;
        displayName?: string;
        followersCount?: number;
        avatar?: string;
        description?: string;
      }>;
    };
    for (const p of body.profiles ?? [])
      cache.set(p.did, {
        handle: p.handle,
        displayName: p.displayName ?? null,
        followers: p.followersCount ?? null,
        avatarUrl: p.avatar ?? null,
        bio: p.description ?? null,
      });
  }
}

export function startJetstream(sourceId: string, options: { backoffScale?: number; flushMs?: number } = {}) {
  const profiles: BlueskyProfiles = new Map();
  return runStreamLoop({
    sourceId,
    backoffScale: options.backoffScale,
    connect: async (signal) => {
      const { source, settings, allowlist } = await loadSource(sourceId);
      const endpoint = String(settings.endpoint ?? DEFAULT_ENDPOINT);
      const cursor = source.cursor ? Math.max(0, Number(source.cursor) - REWIND_US) : null;
      const url = `${endpoint}?wantedCollections=app.bsky.feed.post${cursor ? `&cursor=${cursor}` : ""}`;
      // The host is checked like any fetch, and the socket pinned to the checked addresses.
      const lookup = await checkedLookup(url, allowlist);
      const socket = new WebSocket(url, { lookup, handshakeTimeout: 10_000 });
      let pending: string[] = [];
      let newest = source.cursor ? Number(source.cursor) : 0;
      let chain: Promise<void> = Promise.resolve();
      const flush = () => {
        chain = chain.then(async () => {
          if (!pending.length) return;
          const lines = pending;
          pending = [];
          if (typeof settings.appview === "string") {
            const dids = lines.map((l) => /"did":"([^"]+)"/.exec(l)?.[1]).filter((d): d is string => !!d);
            await lookupProfiles(settings.appview, dids, allowlist, profiles);
          }
          const parsed = parseBluesky(lines.join("\n"), profiles);
          await ingestEvents(source.workspaceId, parsed, { sourceId });
          if (parsed.cursor && parsed.cursor > newest) {
            newest = parsed.cursor;
            await saveCursor(sourceId, String(newest));
          }
        });
        return chain;
      };
      const timer = setInterval(() => void flush(), options.flushMs ?? 250);
      try {
        await new Promise<void>((resolve, reject) => {
          signal.addEventListener("abort", () => socket.close());
          socket.on("message", (data) => {
            pending.push(data.toString());
            if (pending.length >= 100) void flush();
          });
          socket.on("unexpected-response", (_req, res) =>
            reject(
              new StreamFailure(
                `Jetstream answered HTTP ${res.statusCode}`,
                res.statusCode === 429 ? "rate_limit" : "http",
              ),
            ),
          );
          socket.on("error", (error) =>
            reject(new StreamFailure(`Jetstream connection failed: ${error.message}`, "network")),
          );
          socket.on("close", () => resolve());
        });
      } finally {
        clearInterval(timer);
        await flush();
      }
      if (!signal.aborted) throw new StreamFailure("The Jetstream connection closed", "network");
    },
  });
}
