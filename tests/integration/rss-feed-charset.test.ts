// A polled feed is decoded with the charset its server declares in Content-Type (which
// outranks the XML declaration), and relative links resolve against the URL it was fetched
// from. The fake feed server is reached as `localhost`, through the system resolver.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pollRssSource } from "@/lib/connectors/rss";
import { createTestWorkspace } from "../support/factory";

/** Windows-1251 bytes for ASCII and the Russian alphabet (А–я are 0xC0–0xFF in order). */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`not in this test's table: ${c}`);
    }),
  );
}

const feed = (declaration: string, items: string, channel = "") =>
  `<?xml version="1.0"${declaration}?><rss version="2.0"><channel><title>Feed</title>${channel}${items}</channel></rss>`;

const ROUTES: Record<string, { contentType: string; body: Buffer }> = {
  // Valid as no UTF-8: without the header it would be read as Windows-1252 mojibake.
  "/cyrillic": {
    contentType: "application/rss+xml; charset=windows-1251",
    body: windows1251(
      feed(
        "",
        "<item><guid>ru-1</guid><title>Northwind: Привет</title><description>Где мой багаж?</description></item>",
      ),
    ),
  },
  // The XML declaration says Latin-1, the server says UTF-8: the server wins.
  "/utf8-declared-latin1": {
    contentType: 'text/xml; charset="UTF-8"',
    body: Buffer.from(
      feed(
        ' encoding="ISO-8859-1"',
        "<item><guid>fr-1</guid><title>Northwind — l’avion était en retard</title></item>",
      ),
      "utf8",
    ),
  },
  // No channel link: relative item links resolve against the feed's own URL.
  "/feeds/relative.xml": {
    contentType: "application/rss+xml",
    body: Buffer.from(
      feed(
        "",
        "<item><guid>rel-1</guid><title>Northwind relative</title><link>posts/1?a=1&amp;b=2</link></item><item><guid>rel-2</guid><title>Northwind elsewhere</title><link>mailto:someone@example.com</link></item>",
      ),
    ),
  },
};

let server: http.Server;
let origin = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = ROUTES[req.url ?? ""];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": route.contentType }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function poll(path: string) {
  const ws = await createTestWorkspace();
  await db().workspace.update({ where: { id: ws.id }, data: { settings: { fetchAllowlist: ["localhost"] } } });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
  const source = await db().source.create({
    data: { workspaceId: ws.id, network: "rss", name: "Feed", settings: { url: `${origin}${path}`, pollMinutes: 15 } },
  });
  const result = await pollRssSource(source.id, new Date("2026-12-01T09:00:00Z"));
  const mentions = await db().mention.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } });
  return { result, mentions };
}

describe("polled feeds: HTTP charset and feed URL", () => {
  it("decodes with the Content-Type charset", async () => {
    const { result, mentions } = await poll("/cyrillic");
    expect(result).toMatchObject({ status: "updated", summary: { accepted: 1 } });
    expect(mentions.map((m) => [m.title, m.text])).toEqual([["Northwind: Привет", "Где мой багаж?"]]);
  });

  it("lets the server's charset outrank the XML declaration", async () => {
    const { mentions } = await poll("/utf8-declared-latin1");
    expect(mentions.map((m) => m.title)).toEqual(["Northwind — l’avion était en retard"]);
  });

  it("resolves relative links against the feed URL and keeps only http(s) links", async () => {
    const { result, mentions } = await poll("/feeds/relative.xml");
    expect(result).toMatchObject({ status: "updated", summary: { accepted: 2 } });
    expect(mentions.map((m) => [m.externalId, m.url])).toEqual([
      ["rel-1", `${origin}/feeds/posts/1?a=1&b=2`],
      ["rel-2", null],
    ]);
    // Items without a date are dated when the poll read them.
    expect(mentions.map((m) => m.postedAt.toISOString())).toEqual([
      "2026-12-01T09:00:00.000Z",
      "2026-12-01T09:00:00.000Z",
    ]);
  });
});
