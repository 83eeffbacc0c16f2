import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { listInbox, viewCounts } from "@/lib/inbox/list";
import { compileWhere, parseInboxQuery } from "@/lib/inbox/query";
import { assignCase, replyToCase, setCaseStatus } from "@/lib/cases/update";
import { getCaseByNumber } from "@/lib/cases/detail";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";
import { withQueryCounter } from "../support/count-queries";

async function inboxWith(n: number) {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      network: i % 2 ? "x" : "mastodon",
      externalId: `i${i}-${uniqueSuffix()}`,
      createdAt: new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString(),
      text: i % 3 === 0 ? `Northwind lost my suitcase number ${i}, awful` : `Northwind where is my refund ${i}?`,
      author: { accountId: `a${i}`, handle: `author${i}`, displayName: i === 4 ? "Quentin Zebra" : `Author ${i}` },
    }),
  );
  await ingestDocument(ws.id, "jsonl", lines.join("\n"));
  return { ws, brand };
}

const q = (params: Record<string, string>) => parseInboxQuery(params);

describe("the inbox", () => {
  it("lists views and filters newest activity first, pages by keyset, searches mentions, subjects and contacts", async () => {
    const { ws, brand } = await inboxWith(120);
    const all = await listInbox(ws.id, ws.agent.userId, q({ view: "all" }));
    expect(all.rows).toHaveLength(50);
    expect(all.rows[0].subject).toContain("119");
    expect(all.rows[0].mention).toMatchObject({ network: "x", handle: "author119" });
    expect(all.rows[0].mention?.excerpt.length).toBeLessThanOrEqual(280);
    expect(all.rows[0].mention?.spans).toEqual([[0, 9]]);
    const second = await listInbox(ws.id, ws.agent.userId, q({ view: "all", after: all.next! }));
    const third = await listInbox(ws.id, ws.agent.userId, q({ view: "all", after: second.next! }));
    expect(third.rows).toHaveLength(20);
    expect(third.next).toBeNull();
    const numbers = [...all.rows, ...second.rows, ...third.rows].map((r) => r.number);
    expect(new Set(numbers).size).toBe(120);

    expect(
      (await listInbox(ws.id, ws.agent.userId, q({ view: "unassigned", network: "mastodon" }))).rows.every(
        (r) => r.mention?.network === "mastodon",
      ),
    ).toBe(true);
    expect(
      (await listInbox(ws.id, ws.agent.userId, q({ view: "all", brand: brand.id, q: "suitcase" }))).rows,
    ).toHaveLength(40);
    expect((await listInbox(ws.id, ws.agent.userId, q({ view: "all", q: "suitc" }))).rows.length).toBe(40); // prefix search
    expect(
      (await listInbox(ws.id, ws.agent.userId, q({ view: "all", q: "refund 7?" }))).rows.map((r) => r.number).length,
    ).toBeGreaterThan(0);
    expect((await listInbox(ws.id, ws.agent.userId, q({ view: "all", q: "'; drop table" }))).rows).toEqual([]);

    const [first] = all.rows;
    const kase = await db().case.findUniqueOrThrow({ where: { id: first.id } });
    await assignCase(ws.id, ws.agent.userId, { caseId: first.id, version: kase.version, assigneeId: ws.agent.userId });
    const mine = await listInbox(ws.id, ws.agent.userId, q({ view: "mine" }));
    expect(mine.rows.map((r) => r.id)).toEqual([first.id]);
    expect(mine.rows[0].status).toBe("OPEN");
    const counts = await viewCounts(ws.id, ws.agent.userId);
    expect(counts).toMatchObject({ mine: 1, unassigned: 119 });
  });

  it("compiles every filter to parameters over allowlisted columns only", () => {
    const query = parseInboxQuery({
      view: "queue:q1",
      status: "OPEN,NOPE",
      priority: "HIGH",
      network: "x",
      sentiment: "NEGATIVE",
      assignee: "none",
      tag: 'x\'); DROP TABLE "Case"; --',
      q: "bag' OR 1=1",
    });
    expect(query.status).toEqual([]); // an unknown value drops the filter rather than guessing
    const { where, params } = compileWhere("ws1", "u1", query, new Date("2026-11-20T10:00:00Z"));
    expect(where).not.toContain("DROP");
    expect(where).not.toContain("bag");
    expect(params).toContainEqual(['x\'); DROP TABLE "Case"; --']);
    expect(params).toContain("bag:* & or:* & 1:* & 1:*");
  });

  it("costs the same number of queries for a page of 1 or 50 rows", async () => {
    const small = await inboxWith(1);
    const large = await inboxWith(60);
    await withQueryCounter(async (queries, reset) => {
      const count = async (wsId: string, userId: string) => {
        reset();
        const page = await listInbox(wsId, userId, parseInboxQuery({ view: "all" }));
        await viewCounts(wsId, userId);
        return { queries: queries(), rows: page.rows.length };
      };
      const a = await count(small.ws.id, small.ws.agent.userId);
      const b = await count(large.ws.id, large.ws.agent.userId);
      expect(a.rows).toBe(1);
      expect(b.rows).toBe(50);
      expect(b.queries).toBe(a.queries);
      expect(a.queries).toBe(4); // page ids, row details, the queues, view counts
    });
  });
});

describe("working a case", () => {
  it("lets one of two agents claiming at once win; the other is told who", async () => {
    const { ws } = await inboxWith(1);
    const other = (await db().membership.findFirstOrThrow({ where: { workspaceId: ws.id, role: "MANAGER" } })).userId;
    const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const results = await Promise.allSettled([
      assignCase(ws.id, ws.agent.userId, { caseId: kase.id, version: kase.version, assigneeId: ws.agent.userId }),
      assignCase(ws.id, other, { caseId: kase.id, version: kase.version, assigneeId: other }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT" });
    expect(String(lost[0].reason.message)).toMatch(/claimed this case first|changed at the same moment/);
    const after = await db().case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after.version).toBe(kase.version + 1);
    expect(await db().caseEvent.count({ where: { caseId: kase.id, kind: "assigned" } })).toBe(1);
  });

  it("asks before replying from a stale view; a reply meets the first response, goes to the sandbox outbox, and solving stops the clocks", async () => {
    const { ws } = await inboxWith(1);
    const policy = await db().slaPolicy.create({
      data: { workspaceId: ws.id, name: "p", targets: { NORMAL: { firstResponse: 60, resolution: 600 } } },
    });
    const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
    await db().case.update({
      where: { id: kase.id },
      data: {
        slaPolicyId: policy.id,
        firstResponseDueAt: new Date(Date.now() + 3_600_000),
        resolutionDueAt: new Date(Date.now() + 36_000_000),
      },
    });
    const loaded = (await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version;
    await setCaseStatus(ws.id, ws.manager.userId, { caseId: kase.id, version: loaded, status: "OPEN" });
    await expect(
      replyToCase(ws.id, ws.agent.userId, { caseId: kase.id, version: loaded, body: "Hi!", confirmStale: false }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { stale: true } });
    const sent = await replyToCase(ws.id, ws.agent.userId, {
      caseId: kase.id,
      version: loaded,
      body: "Hi! We are on it.",
      confirmStale: true,
    });
    const after = await db().case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after).toMatchObject({ status: "OPEN", assigneeId: ws.agent.userId, firstResponseDueAt: null });
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.slaDueAt?.getTime()).toBe(after.resolutionDueAt?.getTime());
    const detail = await getCaseByNumber(ws.id, after.number);
    expect(detail.conversation.find((c) => c.kind === "outbound")).toMatchObject({
      text: "Hi! We are on it.",
      delivery: "sent (sandbox)",
    });
    await setCaseStatus(ws.id, ws.agent.userId, { caseId: kase.id, version: sent.version, status: "SOLVED" });
    expect(await db().case.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      status: "SOLVED",
      slaDueAt: null,
      resolutionDueAt: null,
    });
    await expect(getCaseByNumber((await createTestWorkspace()).id, after.number)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
