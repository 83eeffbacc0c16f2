import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { createTestWorkspace } from "../support/factory";
import { withQueryCounter } from "../support/count-queries";

async function workspaceWithBrand() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind", ownHandles: { x: ["northwind"], mastodon: ["northwind@social.example"] } } });
  const rival = await db().brand.create({ data: { workspaceId: ws.id, name: "Skyline", isCompetitor: true, ownHandles: { x: ["skyline"] } } });
  const rule = await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "bags", query: "northwind AND bag*" } });
  const rivalRule = await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: rival.id, name: "rival", query: "skyline" } });
  return { ws, brand, rival, rule, rivalRule };
}

const line = (id: string, text: string, author = "alice", extra: Record<string, unknown> = {}) =>
  JSON.stringify({ network: "x", externalId: id, createdAt: "2026-11-20T10:00:00Z", text, author: { accountId: `id-${author}`, handle: author, followers: 12000 }, ...extra });

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
    const stored = await db().mention.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" }, include: { ruleMatches: true, author: true } });
    expect(stored.map((m) => m.externalId)).toEqual(["1", "2", "5"]);
    const [complaint, question, rivalPraise] = stored;
    expect(complaint).toMatchObject({ brandId: brand.id, sentiment: "NEGATIVE", intent: "COMPLAINT", language: "en", directReach: false });
    expect(complaint.ruleMatches.map((r) => r.ruleId)).toEqual([rule.id]);
    expect(complaint.ruleMatches[0].spans).toEqual([[0, 9], [18, 22]]);
    expect(complaint.influence).toBe(68);
    expect(complaint.author).toMatchObject({ handle: "alice", followers: 12000, network: "x" });
    expect(question).toMatchObject({ brandId: brand.id, intent: "QUESTION", directReach: true });
    expect(question.ruleMatches).toEqual([]);
    expect(rivalPraise).toMatchObject({ brandId: rival.id, sentiment: "POSITIVE" });
  });

  it("dedupes within an input, across replays and across concurrent deliveries", async () => {
    const { ws } = await workspaceWithBrand();
    const input = [line("10", "northwind bag gone"), line("10", "northwind bag gone"), line("11", "northwind bags")].join("\n");
    expect(await ingestDocument(ws.id, "jsonl", input)).toMatchObject({ accepted: 2, duplicates: 1 });
    const concurrent = Array.from({ length: 20 }, (_, i) => line(`c${i % 5}`, "northwind bag delayed", `user${i}`)).join("\n");
    const results = await Promise.all(Array.from({ length: 4 }, () => ingestDocument(ws.id, "jsonl", concurrent)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(5);
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(7);
  });

  it("rejects bad lines precisely and writes nothing from them", async () => {
    const { ws } = await workspaceWithBrand();
    const input = [line("20", "northwind bag"), "{broken", JSON.stringify({ network: "x", externalId: "21", text: "northwind bag" }), JSON.stringify({ network: "myspace", externalId: "22", createdAt: "2026-11-20T10:00:00Z", text: "northwind bag" })].join("\n");
    const summary = await ingestDocument(ws.id, "jsonl", input);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected.map((r) => r.where)).toEqual(["line 2", "line 3", "line 4"]);
    expect(summary.rejected[1].reason).toMatch(/createdAt/);
    expect(summary.rejected[2].reason).toMatch(/network/);
  });

  it("updates the author's identity instead of duplicating it", async () => {
    const { ws } = await workspaceWithBrand();
    await ingestDocument(ws.id, "jsonl", line("30", "northwind bag", "erin"));
    await ingestDocument(ws.id, "jsonl", JSON.stringify({ network: "x", externalId: "31", createdAt: "2026-11-21T10:00:00Z", text: "northwind bag again", author: { accountId: "id-erin", handle: "erin_new", followers: 99 } }));
    const identities = await db().socialIdentity.findMany({ where: { workspaceId: ws.id, accountId: "id-erin" } });
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ handle: "erin_new", followers: 99 });
  });

  it("uses a fixed number of database round trips per batch, whatever its size", async () => {
    const { ws } = await workspaceWithBrand();
    await withQueryCounter(async (queries, reset) => {
      const count = async (n: number, offset: number) => {
        const input = Array.from({ length: n }, (_, i) => line(`rt${offset + i}`, "northwind bag lost", `u${offset + i}`)).join("\n");
        await ingestDocument(ws.id, "jsonl", input); // warm the matcher cache
        reset();
        await ingestDocument(ws.id, "jsonl", input.replaceAll(`"rt`, `"rt2-`));
        return queries();
      };
      const small = await count(5, 0);
      const large = await count(400, 1000);
      expect(large).toBe(small);
      // Context (brands, rules, matcher, model, settings, routing rules and SLA policies), the
      // linking prefetch, and the batch: authors, mentions, rule matches, threads, cases, messages, events.
      expect(small).toBeLessThanOrEqual(22);
    });
  });
});
