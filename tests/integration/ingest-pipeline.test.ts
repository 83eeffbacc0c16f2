import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { normalizedMentionSchema, type IngestEvent, type NormalizedMentionInput } from "@/lib/ingest/mention";
import { ingestEvents, pruneDeletedPosts, type IngestSummary } from "@/lib/ingest/pipeline";
import { createTestWorkspace } from "../support/factory";
import { withQueryCounter } from "../support/count-queries";

async function workspaceWithBrand() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({
    data: {
      workspaceId: ws.id,
      name: "Northwind",
      ownHandles: { x: ["northwind"], mastodon: ["northwind@social.example"] },
    },
  });
  const rival = await db().brand.create({
    data: { workspaceId: ws.id, name: "Skyline", isCompetitor: true, ownHandles: { x: ["skyline"] } },
  });
  const rule = await db().keywordRule.create({
    data: { workspaceId: ws.id, brandId: brand.id, name: "bags", query: "northwind AND bag*" },
  });
  const rivalRule = await db().keywordRule.create({
    data: { workspaceId: ws.id, brandId: rival.id, name: "rival", query: "skyline" },
  });
  return { ws, brand, rival, rule, rivalRule };
}

const line = (id: string, text: string, author = "alice", extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    network: "x",
    externalId: id,
    createdAt: "2026-11-20T10:00:00Z",
    text,
    author: { accountId: `id-${author}`, handle: author, followers: 12000 },
    ...extra,
  });

describe("the ingestion pipeline", () => {
  it("keeps rule matches and direct reach, ignores own posts and unrelated ones, enriches and links authors", async () => {
    const { ws, brand, rival, rule } = await workspaceWithBrand();
    const input = [
      line("1", "Northwind lost my bags again, still waiting for a refund!!"),
      line("2", "@northwind how do I change my seat?", "bob"),
      line("3", "We are sorry to hear that, DM us", "northwind"),
      line("4", "Nice weather today", "carol"),
      line("5", "Skyline was great today, thanks", "dave"),
    ].join("\n");
    const summary = await ingestDocument(ws.id, "jsonl", input);
    expect(summary).toMatchObject({ received: 5, accepted: 3, duplicates: 0, ignored: 2, rejected: [], matched: 2 });
    const stored = await db().mention.findMany({
      where: { workspaceId: ws.id },
      orderBy: { externalId: "asc" },
      include: { ruleMatches: true, author: true },
    });
    expect(stored.map((m) => m.externalId)).toEqual(["1", "2", "5"]);
    const [complaint, question, rivalPraise] = stored;
    expect(complaint).toMatchObject({
      brandId: brand.id,
      sentiment: "NEGATIVE",
      intent: "COMPLAINT",
      language: "en",
      directReach: false,
    });
    expect(complaint.ruleMatches.map((r) => r.ruleId)).toEqual([rule.id]);
    expect(complaint.ruleMatches[0].spans).toEqual([
      [0, 9],
      [18, 22],
    ]);
    expect(complaint.influence).toBe(68);
    expect(complaint.author).toMatchObject({ handle: "alice", followers: 12000, network: "x" });
    expect(question).toMatchObject({ brandId: brand.id, intent: "QUESTION", directReach: true });
    expect(question.ruleMatches).toEqual([]);
    expect(rivalPraise).toMatchObject({ brandId: rival.id, sentiment: "POSITIVE" });
  });

  it("dedupes within an input, across replays and across concurrent deliveries", async () => {
    const { ws } = await workspaceWithBrand();
    const input = [
      line("10", "northwind bag gone"),
      line("10", "northwind bag gone"),
      line("11", "northwind bags"),
    ].join("\n");
    expect(await ingestDocument(ws.id, "jsonl", input)).toMatchObject({ accepted: 2, duplicates: 1 });
    const concurrent = Array.from({ length: 20 }, (_, i) =>
      line(`c${i % 5}`, "northwind bag delayed", `user${i}`),
    ).join("\n");
    const results = await Promise.all(Array.from({ length: 4 }, () => ingestDocument(ws.id, "jsonl", concurrent)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(5);
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(7);
  });

  it("rejects bad lines precisely and writes nothing from them", async () => {
    const { ws } = await workspaceWithBrand();
    const input = [
      line("20", "northwind bag"),
      "{broken",
      JSON.stringify({ network: "x", externalId: "21", text: "northwind bag" }),
      JSON.stringify({
        network: "myspace",
        externalId: "22",
        createdAt: "2026-11-20T10:00:00Z",
        text: "northwind bag",
      }),
    ].join("\n");
    const summary = await ingestDocument(ws.id, "jsonl", input);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected.map((r) => r.where)).toEqual(["line 2", "line 3", "line 4"]);
    expect(summary.rejected[1].reason).toMatch(/created_?at/i);
    expect(summary.rejected[2].reason).toMatch(/network/);
  });

  it("updates the author's identity instead of duplicating it", async () => {
    const { ws } = await workspaceWithBrand();
    await ingestDocument(ws.id, "jsonl", line("30", "northwind bag", "erin"));
    await ingestDocument(
      ws.id,
      "jsonl",
      JSON.stringify({
        network: "x",
        externalId: "31",
        createdAt: "2026-11-21T10:00:00Z",
        text: "northwind bag again",
        author: { accountId: "id-erin", handle: "erin_new", followers: 99 },
      }),
    );
    const identities = await db().socialIdentity.findMany({ where: { workspaceId: ws.id, accountId: "id-erin" } });
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ handle: "erin_new", followers: 99 });
  });

  it("stores texts and payloads exactly as sent: quotes, backslashes, line breaks, other scripts, emoji", async () => {
    const { ws } = await workspaceWithBrand();
    const text = 'northwind lost my bag "again" \\ C:\\bags\nline two\ttab é 漢字 😀 ok';
    const raw = { quote: 'say "hi"', slash: "a\\b", emoji: "😀", nested: { list: [1, "2", null, { deep: true }] } };
    // A case message keeps the first 4,000 characters: here the cut falls inside an emoji.
    const head = `northwind lost my bag, still waiting ${"wait ".repeat(800)}`.slice(0, 3999);
    const long = `${head}😀 tail`;
    const summary = await ingestDocument(
      ws.id,
      "jsonl",
      [
        line("exact", text, "quinn", {
          raw,
          author: { accountId: "id-quinn", handle: "quinn", displayName: 'Quinn "Q" \\ O\'Neil' },
        }),
        line("long", long, "rosa"),
      ].join("\n"),
    );
    expect(summary).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: "exact" },
      include: { author: true },
    });
    expect(stored.text).toBe(text);
    expect(stored.raw).toEqual(raw);
    expect(stored.author?.displayName).toBe('Quinn "Q" \\ O\'Neil');
    const longStored = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: "long" },
      include: { messages: true },
    });
    expect(longStored.text).toBe(long);
    expect(longStored.messages[0].body).toBe(`${head}\uFFFD`);
  });

  it("uses a fixed number of database round trips per batch, whatever its size", async () => {
    const { ws } = await workspaceWithBrand();
    await withQueryCounter(async (queries, reset) => {
      const count = async (n: number, offset: number) => {
        const input = Array.from({ length: n }, (_, i) =>
          line(`rt${offset + i}`, "northwind bag lost", `u${offset + i}`),
        ).join("\n");
        await ingestDocument(ws.id, "jsonl", input); // warm the matcher cache
        reset();
        await ingestDocument(ws.id, "jsonl", input.replaceAll(`"rt`, `"rt2-`));
        return queries();
      };
      const small = await count(5, 0);
      const large = await count(400, 1000);
      expect(large).toBe(small);
      // Context (brands, rules, matcher, model, settings, routing rules and SLA policies), the
      // linking prefetch, the privacy probes (tombstones, restricted contacts, sent replies), and the
      // batch: authors, mentions, rule matches, threads, cases, messages, events.
      expect(small).toBeLessThanOrEqual(23);
    });
  });
});

/** Every item of an input is counted exactly once. */
function expectBalanced(summary: IngestSummary) {
  const { received, accepted, duplicates, ignored, rejected, updated, deleted, deferredDeletes } = summary;
  expect({ received }).toEqual({
    received: accepted + duplicates + ignored + rejected.length + updated + deleted + deferredDeletes,
  });
}

const deletion = (id: string) => JSON.stringify({ deleted: true, network: "x", externalId: id });

describe("summaries balance", () => {
  it("counts every item of mixed inputs exactly once: received = accepted + duplicates + ignored + rejected + updated + deleted + deferredDeletes", async () => {
    const { ws } = await workspaceWithBrand();
    const first = await ingestDocument(
      ws.id,
      "jsonl",
      [
        line("b1", "northwind lost my bag"),
        line("b1", "northwind lost my bag"), // repeated within the input
        line("b2", "northwind bag delayed", "bob"),
        line("b3", "We are on it", "northwind"), // the brand's own post
        line("b4", "Nice weather today", "carol"), // no rule wants it
        "{broken",
        JSON.stringify({ network: "x", externalId: "b5", text: "northwind bag, no date" }),
        deletion("b2"), // stored by this very input
        deletion("gone-1"), // never stored
        deletion("gone-1"),
      ].join("\n"),
    );
    expect(first).toMatchObject({
      received: 10,
      accepted: 2,
      duplicates: 2,
      ignored: 2,
      updated: 0,
      deleted: 1,
      deferredDeletes: 1,
    });
    expect(first.rejected).toHaveLength(2);
    expectBalanced(first);

    const second = await ingestDocument(
      ws.id,
      "jsonl",
      [
        line("b1", "northwind lost my bag"), // stored by the first input
        line("b1", "northwind lost my bag AND my suitcase", "alice", { edited: true }),
        line("gone-1", "northwind bag", "dave"), // its deletion came first
        deletion("b2"), // already deleted
        deletion("gone-2"),
        line("b6", "northwind bags", "erin", { createdAt: "not a date" }),
      ].join("\n"),
    );
    expect(second).toMatchObject({
      received: 6,
      accepted: 1,
      duplicates: 2,
      ignored: 0,
      updated: 1,
      deleted: 0,
      deferredDeletes: 1,
    });
    expect(second.rejected).toHaveLength(1);
    expectBalanced(second);

    const replay = await ingestDocument(
      ws.id,
      "jsonl",
      [
        line("b1", "northwind lost my bag AND my suitcase", "alice", { edited: true }),
        line("b2", "northwind bag delayed", "bob"),
        deletion("gone-1"),
      ].join("\n"),
    );
    expect(replay).toMatchObject({ received: 3, accepted: 0, updated: 1, duplicates: 2 });
    expectBalanced(replay);
  });
});

describe("deletions before their posts", () => {
  const post = (id: string) => line(id, "northwind lost my bag at the gate", "fran");

  async function finalState(workspaceId: string, id: string) {
    const mention = await db().mention.findUniqueOrThrow({
      where: { workspaceId_network_externalId: { workspaceId, network: "x", externalId: id } },
      select: { text: true, deleted: true, edited: true, brandId: true, sentiment: true },
    });
    return mention;
  }

  it("ends in the same state whichever comes first: the post is stored deleted and opens no case", async () => {
    const { ws } = await workspaceWithBrand();
    // Post, then deletion.
    expect(await ingestDocument(ws.id, "jsonl", post("d1"))).toMatchObject({ accepted: 1, received: 1 });
    const deletedAfter = await ingestDocument(ws.id, "jsonl", deletion("d1"));
    expect(deletedAfter).toMatchObject({ received: 1, deleted: 1, deferredDeletes: 0 });
    // Deletion, then post.
    const remembered = await ingestDocument(ws.id, "jsonl", deletion("d2"));
    expect(remembered).toMatchObject({ received: 1, deleted: 0, deferredDeletes: 1, duplicates: 0 });
    expectBalanced(remembered);
    expect(
      await db().deletedPost.findMany({ where: { workspaceId: ws.id }, select: { network: true, externalId: true } }),
    ).toEqual([{ network: "x", externalId: "d2" }]);
    const arrived = await ingestDocument(ws.id, "jsonl", post("d2"));
    expect(arrived).toMatchObject({
      received: 1,
      accepted: 1,
      cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
    });
    expectBalanced(arrived);
    // The remembrance has served: it went with the post's arrival.
    expect(await db().deletedPost.count({ where: { workspaceId: ws.id } })).toBe(0);

    expect(await finalState(ws.id, "d2")).toEqual(await finalState(ws.id, "d1"));
    expect((await finalState(ws.id, "d2")).deleted).toBe(true);
    const d2 = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: "d2" },
      select: { id: true },
    });
    expect(await db().caseMessage.count({ where: { mentionId: d2.id } })).toBe(0);
    // Replays change nothing either way.
    expect(await ingestDocument(ws.id, "jsonl", [post("d2"), deletion("d2")].join("\n"))).toMatchObject({
      duplicates: 2,
    });
    expect((await finalState(ws.id, "d2")).deleted).toBe(true);
    // The dashboards' rollups (kept by triggers) count both as deleted.
    const stats = await db().mentionStat.aggregate({
      where: { workspaceId: ws.id },
      _sum: { mentions: true, deleted: true },
    });
    expect(stats._sum).toEqual({ mentions: 2, deleted: 2 });
  });

  it("forgets deletions whose post never came after 30 days, and keeps the recent ones", async () => {
    const { ws } = await workspaceWithBrand();
    expect(await ingestDocument(ws.id, "jsonl", [deletion("old"), deletion("recent")].join("\n"))).toMatchObject({
      deferredDeletes: 2,
    });
    const now = new Date();
    await db().deletedPost.update({
      where: { workspaceId_network_externalId: { workspaceId: ws.id, network: "x", externalId: "old" } },
      data: { deletedAt: new Date(now.getTime() - 31 * 86_400_000) },
    });
    expect(await pruneDeletedPosts(30, now)).toBeGreaterThanOrEqual(1);
    expect(await db().deletedPost.findMany({ where: { workspaceId: ws.id }, select: { externalId: true } })).toEqual([
      { externalId: "recent" },
    ]);
    // The recent one still works: its post is stored deleted, and then it is forgotten too.
    expect(await ingestDocument(ws.id, "jsonl", post("recent"))).toMatchObject({ accepted: 1 });
    expect((await finalState(ws.id, "recent")).deleted).toBe(true);
    expect(await db().deletedPost.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("applies a deletion and its post in one input in either order", async () => {
    const { ws } = await workspaceWithBrand();
    const summary = await ingestDocument(
      ws.id,
      "jsonl",
      [deletion("d3"), post("d3"), post("d4"), deletion("d4")].join("\n"),
    );
    expect(summary).toMatchObject({ received: 4, accepted: 2, deleted: 2, deferredDeletes: 0 });
    expect((await finalState(ws.id, "d3")).deleted).toBe(true);
    expect((await finalState(ws.id, "d4")).deleted).toBe(true);
  });
});

describe("posts the database refuses", () => {
  const mention = (id: string, extra: Partial<NormalizedMentionInput> = {}): IngestEvent => ({
    kind: "upsert",
    mention: normalizedMentionSchema.parse({
      network: "x",
      externalId: id,
      createdAt: "2026-11-20T10:00:00Z",
      text: `northwind lost my bag (${id})`,
      author: { accountId: `id-${id}`, handle: `user_${id}` },
      raw: { id },
      ...extra,
    }),
  });

  it("rejects only the offending posts, by network and id, and stores the rest of the delivery", async () => {
    const { ws } = await workspaceWithBrand();
    // Built directly, past the normaliser, as a parser that lets a NUL through would hand them over.
    const events = [
      ...Array.from({ length: 9 }, (_, i) => mention(`ok-${i}`)),
      mention("nul-text", { text: "northwind bag \u0000 lost" }),
      mention("nul-raw-key", { raw: { ["payload\u0000key"]: 1 } }),
      mention("surrogate-raw", { raw: { text: "broken \ud800 pair" } }),
      mention("nul-author", { author: { accountId: "id-nul", handle: "bad\u0000handle" } }),
      ...Array.from({ length: 9 }, (_, i) => mention(`ok-${9 + i}`)),
    ];
    const summary = await ingestEvents(ws.id, { events, rejected: [], ignored: 0 }, { batchSize: 500 });
    expect(summary.rejected.map((r) => r.where).sort()).toEqual([
      "x:nul-author",
      "x:nul-raw-key",
      "x:nul-text",
      "x:surrogate-raw",
    ]);
    for (const r of summary.rejected) expect(r.reason).toMatch(/^The database refused the post: /);
    expect(summary.rejected.find((r) => r.where === "x:nul-raw-key")?.reason).toMatch(/Unicode|0x00|\\u0000/);
    expect(summary).toMatchObject({ received: 22, accepted: 18 });
    expectBalanced(summary);
    const stored = await db().mention.findMany({
      where: { workspaceId: ws.id },
      select: { externalId: true, raw: true },
    });
    expect(stored.map((m) => m.externalId).sort()).toEqual(Array.from({ length: 18 }, (_, i) => `ok-${i}`).sort());
    // Every good post was routed once, none of the refused ones left anything behind.
    expect(await db().caseMessage.count({ where: { workspaceId: ws.id } })).toBe(
      summary.cases.created + summary.cases.joined + summary.cases.reopened,
    );
    expect(
      await db().socialIdentity.count({
        where: {
          workspaceId: ws.id,
          accountId: { in: ["id-nul", "id-nul-text", "id-nul-raw-key", "id-surrogate-raw"] },
        },
      }),
    ).toBe(0);
  });

  it("rejects a payload too deeply nested to store, alone", async () => {
    const { ws } = await workspaceWithBrand();
    let deep: unknown = "bottom";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const summary = await ingestEvents(ws.id, {
      events: [mention("deep", { raw: deep }), mention("shallow")],
      rejected: [],
      ignored: 0,
    });
    expect(summary.rejected.map((r) => r.where)).toEqual(["x:deep"]);
    expect(summary.accepted).toBe(1);
    expectBalanced(summary);
  });
});
