// The streaming connectors against local fake servers speaking each network's protocol:
// X filtered stream (NDJSON + keep-alives), Mastodon (SSE streaming + REST backfill with
// min_id), Bluesky Jetstream (WebSocket with a time_us cursor). The connectors reach the fake
// servers as `localhost:<port>` through the system resolver, as production reaches every
// network by host name; Mastodon's polling mode also through the literal 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startXStream } from "@/lib/connectors/x-stream";
import { startMastodonStream } from "@/lib/connectors/mastodon";
import { startJetstream } from "@/lib/connectors/jetstream";
import { createTestWorkspace } from "../support/factory";
import { waitFor } from "../support/wait";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Listens on 127.0.0.1; returns "localhost:<port>" (or the literal address when asked). */
async function listen(server: http.Server, as: "localhost" | "127.0.0.1" = "localhost"): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  );
  return `${as}:${(server.address() as AddressInfo).port}`;
}

// Loopback fake servers are allowlisted as an admin would an intranet host: by name (localhost
// may resolve to ::1 as well as 127.0.0.1) and by address for the literal-address test.
async function workspaceWithSource(
  network: "x" | "mastodon" | "bluesky",
  settings: Record<string, unknown>,
  fetchAllowlist = ["localhost", "127.0.0.1"],
) {
  const ws = await createTestWorkspace();
  await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist } } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
  const source = await db().source.create({
    data: { workspaceId: ws.id, network, name: network, settings: settings as never },
  });
  return { ws, source };
}

const tweet = (id: string, text: string) =>
  JSON.stringify({
    data: { id, author_id: "42", text, created_at: "2026-11-27T10:00:00.000Z", conversation_id: id },
    includes: { users: [{ id: "42", username: "amy", name: "Amy", public_metrics: { followers_count: 10 } }] },
    matching_rules: [{ id: 1377649934414049282, tag: "n" }],
  });

describe("X filtered stream connector", () => {
  it("ingests lines through localhost, ignores keep-alives, reconnects after a drop with backfill, keeps the newest id as cursor", async () => {
    const requests: string[] = [];
    const hosts: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? "");
      hosts.push(req.headers.host ?? "");
      expect(req.headers.authorization).toBe("Bearer test-token");
      res.writeHead(200, { "content-type": "application/json" });
      if (requests.length === 1) {
        res.write(`${tweet("1001", "northwind lost my bag")}\r\n\r\n`);
        res.write(`${tweet("1002", "northwind delayed")}\r\n`);
        setTimeout(() => res.destroy(), 300); // the connection drops
      } else {
        res.write(`${tweet("1002", "northwind delayed")}\r\n${tweet("1003", "northwind refund?")}\r\n`);
      }
    });
    const host = await listen(server);
    const { ws, source } = await workspaceWithSource("x", {
      endpoint: `http://${host}/2/tweets/search/stream`,
      bearerToken: "test-token",
      backfillMinutes: 5,
    });
    const loop = startXStream(source.id, { backoffScale: 0.01, flushMs: 20 });
    cleanups.push(loop.stop);
    await waitFor(async () => (await db().mention.count({ where: { workspaceId: ws.id } })) === 3, 15_000, "3 tweets");
    expect(requests).toHaveLength(2);
    expect(requests[1]).toContain("backfill_minutes=1");
    expect(hosts).toEqual([host, host]);
    expect(host).toMatch(/^localhost:\d+$/);
    const stored = await waitFor(async () => {
      const s = await db().source.findUniqueOrThrow({ where: { id: source.id } });
      return s.cursor === "1003" && s;
    });
    expect(stored.lastError).toMatch(/X stream (dropped|closed).*reconnecting/);
  }, 30_000);

  it("backs off on 429 and shows it on the source", async () => {
    const server = http.createServer((_req, res) => res.writeHead(429).end());
    const host = await listen(server);
    const { source } = await workspaceWithSource("x", { endpoint: `http://${host}/stream`, bearerToken: "t" });
    const delays: number[] = [];
    const loop = startXStream(source.id, { backoffScale: 0.001 });
    cleanups.push(loop.stop);
    const s = await waitFor(async () => {
      const x = await db().source.findUniqueOrThrow({ where: { id: source.id } });
      return x.errorCount >= 2 && x;
    });
    expect(s.lastError).toMatch(/429.*reconnecting in 0 s|429/);
    void delays;
  }, 30_000);
});

describe("Mastodon connector", () => {
  it("streams updates and deletes through localhost, and after a disconnect backfills what it missed via min_id", async () => {
    const statuses: Array<{ id: string; text: string }> = [{ id: "100", text: "northwind first" }];
    const status = (s: { id: string; text: string }) => ({
      id: s.id,
      url: `https://social.example/@amy/${s.id}`,
      created_at: "2026-11-27T10:00:00.000Z",
      content: `<p>${s.text}</p>`,
      account: { id: "7", acct: "amy", url: "https://social.example/@amy", followers_count: 3 },
      reblog: null,
      mentions: [],
    });
    const restQueries: string[] = [];
    let streams = 0;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "", "http://x");
      if (url.pathname === "/api/v1/timelines/tag/northwind") {
        restQueries.push(url.search);
        const min = url.searchParams.get("min_id");
        const page = statuses
          .filter((s) => !min || BigInt(s.id) > BigInt(min))
          .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)));
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page.map(status)));
      }
      if (url.pathname === "/api/v1/streaming/hashtag") {
        streams++;
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(":thump\n\n");
        if (streams === 1) {
          statuses.push({ id: "101", text: "northwind live" });
          res.write(`event: update\ndata: ${JSON.stringify(status(statuses[1]))}\n\n`);
          res.write("event: delete\ndata: 100\n\n");
          // While the stream is down, another status is posted.
          setTimeout(() => {
            statuses.push({ id: "102", text: "northwind while you were away" });
            res.destroy();
          }, 300);
        }
        return;
      }
      res.writeHead(404).end();
    });
    const host = await listen(server);
    const { ws, source } = await workspaceWithSource("mastodon", { instance: `http://${host}`, hashtag: "#northwind" });
    const loop = startMastodonStream(source.id, { backoffScale: 0.01 });
    cleanups.push(loop.stop);
    await waitFor(
      async () => (await db().mention.count({ where: { workspaceId: ws.id } })) === 3,
      15_000,
      "3 statuses",
    );
    const first = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "100" } });
    expect(first.deleted).toBe(true);
    // Deleted at the source, deleted here: the row stays counted, its words go (docs/privacy.md).
    expect(first.text).toBe("");
    expect(first.redactedAt).not.toBeNull();
    expect(restQueries.some((q) => q.includes("min_id=101"))).toBe(true);
    await waitFor(
      async () => (await db().source.findUniqueOrThrow({ where: { id: source.id } })).cursor === "102",
      10_000,
      "cursor 102",
    );
  }, 30_000);
});

describe("Bluesky Jetstream connector", () => {
  it("ingests post events over a WebSocket to localhost, fills authors from the AppView, and resumes from its time_us cursor after a reconnect", async () => {
    const cursors: Array<string | null> = [];
    const hosts: string[] = [];
    const event = (rkey: string, timeUs: number, text: string) =>
      JSON.stringify({
        did: "did:plc:amy",
        time_us: timeUs,
        kind: "commit",
        commit: {
          rev: "r",
          operation: "create",
          collection: "app.bsky.feed.post",
          rkey,
          record: { $type: "app.bsky.feed.post", text, createdAt: "2026-11-27T10:00:00.000Z", langs: ["en"] },
        },
      });
    const appview = http.createServer((req, res) => {
      const profile = { did: "did:plc:amy", handle: "amy.bsky.social", displayName: "Amy", followersCount: 1234 };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ profiles: [profile] }));
      void req;
    });
    const appviewHost = await listen(appview);
    const httpServer = http.createServer();
    const host = await listen(httpServer);
    const wss = new WebSocketServer({ server: httpServer });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    wss.on("connection", (socket, req) => {
      const cursor = new URL(req.url ?? "", "http://x").searchParams.get("cursor");
      cursors.push(cursor);
      hosts.push(req.headers.host ?? "");
      if (cursors.length === 1) {
        socket.send(event("p1", 1_000_000_000, "northwind bag lost"));
        socket.send(
          JSON.stringify({
            did: "did:plc:bob",
            time_us: 1_000_000_500,
            kind: "commit",
            commit: { operation: "create", collection: "app.bsky.feed.like", rkey: "l1", record: {} },
          }),
        );
        socket.send(event("p2", 1_000_001_000, "northwind again"));
        setTimeout(() => socket.terminate(), 400);
      } else {
        socket.send(event("p2", 1_000_001_000, "northwind again"));
        socket.send(event("p3", 1_000_002_000, "northwind third"));
        socket.send(
          JSON.stringify({
            did: "did:plc:amy",
            time_us: 1_000_003_000,
            kind: "commit",
            commit: { operation: "delete", collection: "app.bsky.feed.post", rkey: "p1" },
          }),
        );
      }
    });
    const { ws, source } = await workspaceWithSource("bluesky", {
      endpoint: `ws://${host}/subscribe`,
      appview: `http://${appviewHost}`,
    });
    const loop = startJetstream(source.id, { backoffScale: 0.01, flushMs: 20 });
    cleanups.push(loop.stop);
    await waitFor(async () => (await db().mention.count({ where: { workspaceId: ws.id } })) === 3, 15_000, "3 posts");
    await waitFor(
      async () => (await db().mention.count({ where: { workspaceId: ws.id, deleted: true } })) === 1,
      10_000,
      "delete",
    );
    expect(cursors[0]).toBeNull();
    expect(hosts[0]).toBe(host);
    expect(host).toMatch(/^localhost:\d+$/);
    expect(cursors[1]).toBe(String(1_000_001_000 - 5_000_000 > 0 ? 1_000_001_000 - 5_000_000 : 0));
    const author = await db().socialIdentity.findFirstOrThrow({ where: { workspaceId: ws.id, network: "bluesky" } });
    expect(author).toMatchObject({ accountId: "did:plc:amy", handle: "amy.bsky.social", followers: 1234 });
    const post = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: "at://did:plc:amy/app.bsky.feed.post/p3" },
    });
    expect(post.url).toBe("https://bsky.app/profile/amy.bsky.social/post/p3");
  }, 30_000);
});

describe("Mastodon polling mode", () => {
  it("polls the hashtag timeline after its cursor on schedule", async () => {
    const { pollDueSources } = await import("@/lib/connectors/worker");
    const statuses = [{ id: "500", text: "northwind one" }];
    const queries: string[] = [];
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "", "http://x");
      queries.push(url.search);
      const min = url.searchParams.get("min_id");
      const page = statuses
        .filter((s) => !min || BigInt(s.id) > BigInt(min))
        .map((s) => ({
          id: s.id,
          created_at: "2026-11-27T10:00:00Z",
          content: s.text,
          account: { id: "1", acct: "a" },
          reblog: null,
        }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
    });
    const host = await listen(server, "127.0.0.1");
    const { ws, source } = await workspaceWithSource("mastodon", {
      instance: `http://${host}`,
      hashtag: "northwind",
      mode: "poll",
      pollMinutes: 5,
    });
    await pollDueSources(new Date("2026-11-27T12:00:00Z"), { workspaceId: ws.id });
    statuses.push({ id: "501", text: "northwind two" });
    await pollDueSources(new Date("2026-11-27T12:01:00Z"), { workspaceId: ws.id }); // not due yet
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(1);
    await pollDueSources(new Date("2026-11-27T12:06:00Z"), { workspaceId: ws.id });
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(2);
    expect(queries.at(-2)).toContain("min_id=500");
    expect((await db().source.findUniqueOrThrow({ where: { id: source.id } })).cursor).toBe("501");
  }, 30_000);
});

describe("connectors and the address checks", () => {
  it("refuse a stream on a host name that resolves to loopback when the workspace has not allowlisted it", async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200).end("[]");
    });
    const host = await listen(server);
    const wss = new WebSocketServer({ server });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    wss.on("connection", () => hits++);
    const sources = [
      await workspaceWithSource("x", { endpoint: `http://${host}/2/tweets/search/stream`, bearerToken: "t" }, []),
      await workspaceWithSource("mastodon", { instance: `http://${host}`, hashtag: "northwind" }, []),
      await workspaceWithSource("bluesky", { endpoint: `ws://${host}/subscribe` }, []),
    ];
    const loops = [
      startXStream(sources[0].source.id, { backoffScale: 0.001 }),
      startMastodonStream(sources[1].source.id, { backoffScale: 0.001 }),
      startJetstream(sources[2].source.id, { backoffScale: 0.001 }),
    ];
    for (const loop of loops) cleanups.push(loop.stop);
    for (const { source } of sources) {
      const failed = await waitFor(
        async () => {
          const s = await db().source.findUniqueOrThrow({ where: { id: source.id } });
          return s.errorCount >= 1 && s;
        },
        10_000,
        `${source.network} refusal`,
      );
      expect(failed.lastError, source.network).toMatch(
        /Refused to fetch http:\/\/localhost:\d+: localhost resolves to a loopback address/,
      );
    }
    expect(hits).toBe(0);
  }, 30_000);
});
