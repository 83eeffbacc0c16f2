// The RSS connector against a local fake feed server that speaks real HTTP (ETag,
// If-None-Match, 304, 429 + Retry-After, redirects), and the SSRF-safe fetcher's refusals.
// The connector reaches the server as `localhost` (the system resolver, as in production where
// every feed has a host name); the fetcher's own checks also use the literal 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pollRssSource } from "@/lib/connectors/rss";
import { pollDueSources } from "@/lib/connectors/worker";
import { FetchFailedError, FetchRefusedError, isPrivateAddress, safeFetch } from "@/lib/net/safe-fetch";
import { createTestWorkspace } from "../support/factory";

let items = [
  "<item><guid>a1</guid><title>Northwind lost my bag</title><description>Third time!</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>",
];
let mode: "ok" | "429" | "401" = "ok";
const seen: Array<{ path: string; ifNoneMatch?: string }> = [];
let server: http.Server;
let base = ""; // http://127.0.0.1:<port>
let byName = ""; // http://localhost:<port>

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] as string | undefined });
    if (req.url === "/redirect-out") return void res.writeHead(302, { location: "http://10.1.2.3/feed" }).end();
    if (req.url === "/redirect-in") return void res.writeHead(301, { location: "/feed" }).end();
    if (req.url === "/huge") return void res.end("x".repeat(2 * 1024 * 1024));
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 3000);
    if (req.url === "/html")
      return void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>hi</body></html>");
    if (mode === "429") return void res.writeHead(429, { "retry-after": "120" }).end();
    if (mode === "401") return void res.writeHead(401).end();
    const etag = `"v${items.length}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { "content-type": "application/rss+xml", etag });
    res.end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Travel blog</title><link>http://blog.example/</link>${items.join("")}</channel></rss>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  byName = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function rssSource(path = "/feed", origin = byName, fetchAllowlist = ["localhost"]) {
  const ws = await createTestWorkspace();
  // The fake server is on loopback: allowlisted explicitly, as an admin would for an intranet
  // feed; by name, since localhost may resolve to ::1 as well as 127.0.0.1.
  await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist } } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
  const source = await db().source.create({
    data: { workspaceId: ws.id, network: "rss", name: "Blog", settings: { url: `${origin}${path}`, pollMinutes: 15 } },
  });
  return { ws, source };
}

describe("RSS connector", () => {
  it("ingests, then asks with If-None-Match and gets 304, then picks up a new item; the cursor survives restarts", async () => {
    items = items.slice(0, 1);
    mode = "ok";
    const { ws, source } = await rssSource();
    const t0 = new Date("2026-11-27T10:00:00Z");
    const first = await pollRssSource(source.id, t0);
    expect(first).toMatchObject({ status: "updated", summary: { accepted: 1 } });
    const stored = await db().source.findUniqueOrThrow({ where: { id: source.id } });
    expect(JSON.parse(stored.cursor!)).toMatchObject({ etag: '"v1"', lastPolledAt: t0.toISOString() });

    expect(await pollRssSource(source.id, new Date("2026-11-27T10:20:00Z"))).toEqual({ status: "not_modified" });
    expect(seen.at(-1)?.ifNoneMatch).toBe('"v1"');

    items.push(
      "<item><guid>a2</guid><title>Northwind refund still missing</title><description>Two weeks.</description></item>",
    );
    // The worker decides what is due from the stored cursor alone (as after a restart).
    const due = await pollDueSources(new Date("2026-11-27T10:40:00Z"), { workspaceId: ws.id });
    const mine = due.find((d) => d.sourceId === source.id);
    expect(mine?.result).toMatchObject({ status: "updated", summary: { accepted: 1, duplicates: 1 } });
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(2);
    const notYet = await pollDueSources(new Date("2026-11-27T10:45:00Z"), { workspaceId: ws.id });
    expect(notYet.find((d) => d.sourceId === source.id)).toBeUndefined();
  });

  it("backs off on 429 with Retry-After and shows it on the source's health; 401 shows as an error", async () => {
    const { source } = await rssSource();
    mode = "429";
    const now = new Date("2026-11-27T11:00:00Z");
    const limited = await pollRssSource(source.id, now);
    expect(limited).toMatchObject({ status: "error", error: expect.stringMatching(/429/) });
    const after = await db().source.findUniqueOrThrow({ where: { id: source.id } });
    expect(after.errorCount).toBe(1);
    expect(JSON.parse(after.cursor!).retryAfter).toBe("2026-11-27T11:02:00.000Z");
    expect(await pollRssSource(source.id, new Date("2026-11-27T11:01:00Z"))).toEqual({
      status: "backoff",
      until: "2026-11-27T11:02:00.000Z",
    });
    mode = "401";
    expect(await pollRssSource(source.id, new Date("2026-11-27T11:03:00Z"))).toMatchObject({
      status: "error",
      error: "HTTP 401 from the feed",
    });
    mode = "ok";
  });

  it("polls a feed by host name: http://localhost:<port>, also after a redirect, and a literal address still works", async () => {
    items = items.slice(0, 1);
    mode = "ok";
    const { source } = await rssSource("/redirect-in");
    expect((source.settings as { url: string }).url).toMatch(/^http:\/\/localhost:\d+\/redirect-in$/);
    expect(await pollRssSource(source.id)).toMatchObject({ status: "updated", summary: { accepted: 1 } });
    expect(seen.at(-1)?.path).toBe("/feed");
    const literal = await rssSource("/feed", base, ["127.0.0.1"]);
    expect(await pollRssSource(literal.source.id)).toMatchObject({ status: "updated", summary: { accepted: 1 } });
  });

  it("refuses a feed whose host name resolves to loopback when the workspace has not allowlisted it, and says so on the source", async () => {
    const before = seen.length;
    const { source } = await rssSource("/feed", byName, []);
    const result = await pollRssSource(source.id, new Date("2026-11-27T12:00:00Z"));
    expect(result).toMatchObject({
      status: "error",
      error: expect.stringMatching(
        /Refused to fetch http:\/\/localhost:\d+: localhost resolves to a loopback address .*allowlist/,
      ),
    });
    expect(seen.length).toBe(before);
    const stored = await db().source.findUniqueOrThrow({ where: { id: source.id } });
    expect(stored.lastError).toMatch(/localhost resolves to a loopback address/);
  });

  it("reports a document that is not a feed", async () => {
    const { source } = await rssSource("/html");
    expect(await pollRssSource(source.id)).toMatchObject({
      status: "error",
      error: expect.stringMatching(/Not an RSS or Atom feed/),
    });
  });
});

describe("safeFetch", () => {
  it("refuses private, loopback and link-local addresses unless allowlisted", async () => {
    for (const url of [
      "http://127.0.0.1:1/",
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://192.168.1.1/",
      "http://0.0.0.0/",
    ]) {
      await expect(safeFetch(url)).rejects.toBeInstanceOf(FetchRefusedError);
    }
    await expect(safeFetch("file:///etc/passwd")).rejects.toBeInstanceOf(FetchRefusedError);
    expect(isPrivateAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isPrivateAddress("93.184.216.34")).toBe(false);
    const ok = await safeFetch(`${base}/feed`, { allowlist: ["127.0.0.1"] });
    expect(ok.status).toBe(200);
  });

  it("checks every redirect again, caps the size and times out", async () => {
    await expect(safeFetch(`${base}/redirect-out`, { allowlist: ["127.0.0.1"] })).rejects.toThrow(/10\.1\.2\.3/);
    const followed = await safeFetch(`${base}/redirect-in`, { allowlist: ["127.0.0.1"] });
    expect(followed.url).toBe(`${base}/feed`);
    await expect(safeFetch(`${base}/huge`, { allowlist: ["127.0.0.1"], maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(
      FetchFailedError,
    );
    await expect(safeFetch(`${base}/slow`, { allowlist: ["127.0.0.1"], timeoutMs: 300 })).rejects.toThrow(
      /did not answer/,
    );
  });
});
