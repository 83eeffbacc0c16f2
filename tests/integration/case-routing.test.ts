import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { ingestDocument } from "@/lib/ingest/ingest";
import { correctSentiment } from "@/lib/enrich/learn/store";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

async function setup(opts: { withPolicy?: boolean } = {}) {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({
    data: { workspaceId: ws.id, name: "Northwind", ownHandles: { x: ["northwind"] } },
  });
  const rule = await db().keywordRule.create({
    data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" },
  });
  const refunds = await db().keywordRule.create({
    data: { workspaceId: ws.id, brandId: brand.id, name: "refunds", query: "northwind AND refund*" },
  });
  let policyId: string | null = null;
  if (opts.withPolicy) {
    const policy = await db().slaPolicy.create({
      data: {
        workspaceId: ws.id,
        name: "24/7",
        targets: {
          NORMAL: { firstResponse: 60, nextResponse: 30, resolution: 480 },
          HIGH: { firstResponse: 30, resolution: 240 },
          URGENT: { firstResponse: 15, resolution: 120 },
        },
      },
    });
    policyId = policy.id;
    await db().workspace.update({
      where: { id: ws.id },
      data: { settings: { routing: { defaultSlaPolicyId: policy.id } } },
    });
  }
  return { ws, brand, rule, refunds, policyId };
}

let seq = 0;
type Post = {
  id?: string;
  text: string;
  author?: string;
  at: string;
  followers?: number;
  threadKey?: string;
  inReplyToId?: string;
};
function jsonl(posts: Post[]) {
  return posts
    .map((p) =>
      JSON.stringify({
        network: "x",
        externalId: p.id ?? `m${++seq}-${uniqueSuffix()}`,
        createdAt: p.at,
        text: p.text,
        author: {
          accountId: `acct-${p.author ?? "amy"}`,
          handle: p.author ?? "amy",
          displayName: p.author ?? "Amy",
          followers: p.followers ?? 100,
        },
        threadKey: p.threadKey,
        inReplyToId: p.inReplyToId,
      }),
    )
    .join("\n");
}
const casesOf = (wsId: string) =>
  db().case.findMany({
    where: { workspaceId: wsId },
    orderBy: { number: "asc" },
    include: {
      messages: { include: { mention: true }, orderBy: { createdAt: "asc" } },
      events: { orderBy: { createdAt: "asc" } },
    },
  });

describe("routing new mentions into cases", () => {
  it("opens a case for a complaint or a question, logs praise, and records why", async () => {
    const { ws, policyId } = await setup({ withPolicy: true });
    const summary = await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([
        { text: "Northwind lost my bag and nobody answers", at: "2026-11-20T10:00:00Z", author: "amy" },
        { text: "Northwind thanks for the great crew, lovely flight!", at: "2026-11-20T10:05:00Z", author: "ben" },
        { text: "How do I change my seat on Northwind?", at: "2026-11-20T10:06:00Z", author: "cat" },
      ]),
    );
    expect(summary.cases).toEqual({ created: 2, joined: 0, reopened: 0, logged: 1 });
    const [complaint, question] = await casesOf(ws.id);
    expect(complaint).toMatchObject({
      number: 1,
      status: "NEW",
      priority: "NORMAL",
      slaPolicyId: policyId,
      subject: "Northwind lost my bag and nobody answers",
    });
    expect(complaint.firstResponseDueAt?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(complaint.resolutionDueAt?.toISOString()).toBe("2026-11-20T18:00:00.000Z");
    expect(complaint.slaDueAt?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(complaint.slaAtRiskAt?.toISOString()).toBe("2026-11-20T10:45:00.000Z");
    expect(complaint.messages.map((m) => [m.kind, m.mention?.text])).toEqual([
      ["INBOUND", "Northwind lost my bag and nobody answers"],
    ]);
    expect(complaint.events[0]).toMatchObject({ kind: "created" });
    expect(JSON.stringify(complaint.events[0].after)).toContain("a complaint");
    expect(question.number).toBe(2);
  });

  it("threads replies into their case, joins the same author's open case, and starts a new one after the window", async () => {
    const { ws } = await setup();
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([
        {
          id: "root1",
          threadKey: "root1",
          text: "Northwind my flight was cancelled, what now?",
          at: "2026-11-20T10:00:00Z",
          author: "amy",
        },
      ]),
    );
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([
        // Someone else replies in the thread (even praise joins it), the author follows up elsewhere.
        {
          id: "r1",
          threadKey: "root1",
          inReplyToId: "root1",
          text: "northwind did the same to me, great",
          at: "2026-11-20T10:10:00Z",
          author: "zed",
        },
        { text: "Northwind still waiting for an answer", at: "2026-11-21T09:00:00Z", author: "amy" },
        // Four days after the last activity: a new conversation.
        { text: "Northwind lost my bag this time", at: "2026-11-25T12:00:00Z", author: "amy" },
      ]),
    );
    const [first, second] = await casesOf(ws.id);
    expect(first.messages.map((m) => m.mention?.externalId).slice(0, 2)).toEqual(["root1", "r1"]);
    expect(first.messages).toHaveLength(3);
    expect(first.events.map((e) => e.kind)).toEqual(["created"]); // joining is recorded by the message itself
    expect(first.lastActivityAt.toISOString()).toBe("2026-11-21T09:00:00.000Z");
    expect(second.messages.map((m) => m.mention?.text)).toEqual(["Northwind lost my bag this time"]);
  });

  it("reopens a case solved within the reopen window, and records the reopening; later, a new case", async () => {
    const { ws, policyId } = await setup({ withPolicy: true });
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind my refund never arrived", at: "2026-11-20T10:00:00Z" }]),
    );
    const [kase] = await casesOf(ws.id);
    await db().case.update({
      where: { id: kase.id },
      data: {
        status: "SOLVED",
        solvedAt: new Date("2026-11-20T12:00:00Z"),
        firstResponseDueAt: null,
        resolutionDueAt: null,
        slaDueAt: null,
        lastAgentReplyAt: new Date("2026-11-20T11:00:00Z"),
      },
    });
    const summary = await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind it still has not arrived", at: "2026-11-21T08:00:00Z" }]),
    );
    expect(summary.cases).toMatchObject({ reopened: 1, created: 0 });
    const reopened = (await casesOf(ws.id))[0];
    expect(reopened).toMatchObject({ status: "OPEN", reopenCount: 1, solvedAt: null, slaPolicyId: policyId });
    expect(reopened.reopenedAt?.toISOString()).toBe("2026-11-21T08:00:00.000Z");
    expect(reopened.firstResponseDueAt?.toISOString()).toBe("2026-11-21T09:00:00.000Z");
    expect(reopened.events.map((e) => e.kind)).toEqual(["created", "reopened"]);
    await db().case.update({
      where: { id: kase.id },
      data: { status: "SOLVED", solvedAt: new Date("2026-11-21T09:00:00Z") },
    });
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind and now my bag is lost", at: "2026-11-26T09:00:00Z" }]),
    );
    expect((await casesOf(ws.id)).map((c) => [c.number, c.status])).toEqual([
      [1, "SOLVED"],
      [2, "NEW"],
    ]);
  });

  it("a customer's reply to a pending case puts it back to OPEN and resumes its clocks", async () => {
    const { ws } = await setup({ withPolicy: true });
    await ingestDocument(ws.id, "jsonl", jsonl([{ text: "Northwind where is my bag?", at: "2026-11-20T10:00:00Z" }]));
    const [kase] = await casesOf(ws.id);
    // An agent answered at 10:20 and set it pending at 10:30 (resolution had 450 minutes left).
    await db().case.update({
      where: { id: kase.id },
      data: {
        status: "PENDING",
        firstResponseDueAt: null,
        lastAgentReplyAt: new Date("2026-11-20T10:20:00Z"),
        slaPausedAt: new Date("2026-11-20T10:30:00Z"),
      },
    });
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind here is the tag number 1234", at: "2026-11-20T12:00:00Z" }]),
    );
    const after = (await casesOf(ws.id))[0];
    expect(after.status).toBe("OPEN");
    expect(after.slaPausedAt).toBeNull();
    expect(after.resolutionDueAt?.toISOString()).toBe("2026-11-20T19:30:00.000Z");
    expect(after.nextResponseDueAt?.toISOString()).toBe("2026-11-20T12:30:00.000Z");
    expect(after.events.map((e) => e.kind)).toEqual(["created", "status_changed"]);
  });
});

describe("routing rules and defaults", () => {
  it("applies the first matching rule, then the defaults: negative from > 10,000 followers is HIGH, a VIP contact is URGENT", async () => {
    const { ws, refunds } = await setup();
    const queue = await db().queue.create({ data: { workspaceId: ws.id, name: "Refunds" } });
    const vipQueue = await db().queue.create({ data: { workspaceId: ws.id, name: "VIP" } });
    await db().routingRule.createMany({
      data: [
        { workspaceId: ws.id, name: "off", position: 0, active: false, conditions: {}, actions: { createCase: false } },
        {
          workspaceId: ws.id,
          name: "VIP",
          position: 1,
          conditions: { contactTiers: ["vip"] },
          actions: { queueId: vipQueue.id },
        },
        {
          workspaceId: ws.id,
          name: "Refunds",
          position: 2,
          conditions: { keywordRuleIds: [refunds.id] },
          actions: { queueId: queue.id, tags: ["refund"], priority: "LOW" },
        },
        {
          workspaceId: ws.id,
          name: "Mastodon is logged",
          position: 3,
          conditions: { networks: ["mastodon"] },
          actions: { createCase: false },
        },
      ],
    });
    const vip = await db().contact.create({
      data: { workspaceId: ws.id, name: "Vera Vip", tier: "VIP", handles: { x: ["vera"] } },
    });
    await db().contactKey.create({
      data: { workspaceId: ws.id, contactId: vip.id, kind: "declared", value: "x:vera" },
    });
    const mastodon = JSON.stringify({
      network: "mastodon",
      externalId: `t-${uniqueSuffix()}`,
      createdAt: "2026-11-20T10:03:00Z",
      text: "Northwind lost my bag",
      author: { accountId: "9", handle: "dan@m.example" },
    });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        jsonl([
          {
            text: "Northwind my refund is late again, terrible",
            at: "2026-11-20T10:00:00Z",
            author: "amy",
            followers: 50_000,
          },
          {
            text: "Northwind lost my bag, awful service",
            at: "2026-11-20T10:01:00Z",
            author: "big",
            followers: 50_000,
          },
          { text: "Northwind where is my bag?", at: "2026-11-20T10:02:00Z", author: "vera" },
        ]),
        mastodon,
      ].join("\n"),
    );
    const cases = await casesOf(ws.id);
    expect(cases.map((c) => [c.subject.slice(0, 20), c.priority, c.queueId, c.tags])).toEqual([
      ["Northwind my refund ", "HIGH", queue.id, ["refund"]], // rule said LOW; the follower default raises it
      ["Northwind lost my ba", "HIGH", null, []],
      ["Northwind where is m", "URGENT", vipQueue.id, []],
    ]);
    expect(cases[2].contactId).toBe(vip.id);
  });

  it("numbers cases without gaps or clashes under concurrent ingestion, per workspace", async () => {
    const { ws } = await setup();
    const other = await setup();
    const batch = (author: string) =>
      jsonl(
        Array.from({ length: 10 }, (_, i) => ({
          text: `Northwind lost my bag ${i}`,
          at: `2026-11-20T10:${String(i).padStart(2, "0")}:00Z`,
          author: `${author}${i}`,
        })),
      );
    await Promise.all([
      ingestDocument(ws.id, "jsonl", batch("a")),
      ingestDocument(ws.id, "jsonl", batch("b")),
      ingestDocument(other.ws.id, "jsonl", batch("c")),
    ]);
    expect((await casesOf(ws.id)).map((c) => c.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await casesOf(other.ws.id)).map((c) => c.number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it("never threads into another workspace's case", async () => {
    const a = await setup();
    const b = await setup();
    await ingestDocument(
      a.ws.id,
      "jsonl",
      jsonl([
        {
          id: "shared-root",
          threadKey: "shared-root",
          text: "Northwind my flight is late",
          at: "2026-11-20T10:00:00Z",
        },
      ]),
    );
    await ingestDocument(
      b.ws.id,
      "jsonl",
      jsonl([
        {
          id: "shared-reply",
          threadKey: "shared-root",
          inReplyToId: "shared-root",
          text: "Northwind mine too, terrible",
          at: "2026-11-20T10:05:00Z",
          author: "zed",
        },
      ]),
    );
    expect((await casesOf(a.ws.id))[0].messages).toHaveLength(1);
    expect((await casesOf(b.ws.id)).map((c) => c.messages.length)).toEqual([1]);
  });
});

describe("cases follow their mentions", () => {
  it("takes a corrected sentiment onto the cases whose latest message it is, and only those", async () => {
    const { ws } = await setup();
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([
        { id: "s1", text: "Northwind lost my bag, awful", at: "2026-11-20T10:00:00Z", author: "amy" },
        { id: "s2", text: "Northwind where is my refund? terrible", at: "2026-11-20T10:01:00Z", author: "ben" },
        { id: "s3", text: "Northwind my flight is late, horrible", at: "2026-11-20T10:02:00Z", author: "cat" },
      ]),
    );
    const before = await casesOf(ws.id);
    expect(before.map((c) => c.sentiment)).toEqual(["NEGATIVE", "NEGATIVE", "NEGATIVE"]);
    const mentionOf = (id: string) => db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: id } });
    await correctSentiment(ws.id, ws.agent.userId, (await mentionOf("s3")).id, "POSITIVE");
    await correctSentiment(ws.id, ws.agent.userId, (await mentionOf("s1")).id, "NEUTRAL");
    const after = await casesOf(ws.id);
    expect(after.map((c) => c.sentiment)).toEqual(["NEUTRAL", "NEGATIVE", "POSITIVE"]);
    expect(after.map((c) => c.version)).toEqual(before.map((c) => c.version));
  });
});

describe("a case's search text", () => {
  // The search vector is kept by a trigger that adds only a joining message's words; it must
  // always equal the whole text's vector, including once the text is cut to its last 20,000
  // characters (then it is recomputed).
  const vectorsDiffer = async (workspaceId: string) =>
    Number(
      (
        await query<{ n: bigint }>(
          db(),
          sql`SELECT count(*) AS n FROM "Case" WHERE "workspaceId" = ${workspaceId} AND "searchVector" IS DISTINCT FROM to_tsvector('simple', "searchText")`,
        )
      )[0].n,
    );

  it("takes each joining message's words, searchable at once, and stays equal to the whole text's vector", async () => {
    const { ws } = await setup();
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind lost my bag at the gate", at: "2026-11-20T10:00:00Z", author: "amy" }]),
    );
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([
        { text: "Northwind: the tag says zanzibar-77, and the bag is blue", at: "2026-11-20T11:00:00Z", author: "amy" },
      ]),
    );
    await ingestDocument(
      ws.id,
      "jsonl",
      jsonl([{ text: "Northwind still nothing… anyone? 😠", at: "2026-11-20T12:00:00Z", author: "amy" }]),
    );
    const [kase] = await casesOf(ws.id);
    expect(kase.messages).toHaveLength(3);
    expect(await vectorsDiffer(ws.id)).toBe(0);
    const found = await query<{ id: string }>(
      db(),
      sql`SELECT "id" FROM "Case" WHERE "workspaceId" = ${ws.id} AND "searchVector" @@ to_tsquery('simple', 'zanzibar:* & anyone:*')`,
    );
    expect(found.map((c) => c.id)).toEqual([kase.id]);

    // Long messages: the text reaches its 20,000 characters and loses its beginning.
    const words = ["delayed", "baggage", "carousel", "voucher", "refund", "crew", "gate", "boarding"];
    for (let i = 0; i < 6; i++) {
      const text = `Northwind update ${i}: ${Array.from({ length: 700 }, (_, j) => `${words[(i + j) % words.length]}${j % 13}`).join(" ")}`;
      await ingestDocument(ws.id, "jsonl", jsonl([{ text, at: `2026-11-20T${13 + i}:00:00Z`, author: "amy" }]));
    }
    const long = await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { searchText: true } });
    expect(long.searchText.length).toBe(20_000);
    expect(long.searchText.includes("zanzibar")).toBe(false);
    expect(await vectorsDiffer(ws.id)).toBe(0);
  });
});
