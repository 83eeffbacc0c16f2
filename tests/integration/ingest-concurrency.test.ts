// Parallel deliveries that share authors and posts, in different orders: the shape that
// deadlocked on real PostgreSQL (run this file with TEST_DATABASE_URL set to see it there).
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { createRandom } from "@/lib/demo/random";
import { normalizedMentionSchema, type IngestEvent, type ParseOutput } from "@/lib/ingest/mention";
import { ingestEvents, type IngestSummary } from "@/lib/ingest/pipeline";
import { createTestWorkspace } from "../support/factory";
import { waitFor } from "../support/wait";

const DELIVERIES = 16;
const POSTS_PER_DELIVERY = 50;
const POSTS = 320; // deliveries overlap: 800 picks from 320 posts
const AUTHORS = 40;

function post(i: number): IngestEvent {
  const author = i % AUTHORS;
  return {
    kind: "upsert",
    mention: normalizedMentionSchema.parse({
      network: "x",
      externalId: `p${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + i * 60_000),
      text: i % 3 === 0 ? `northwind lost my bag, post ${i}` : `northwind where is my refund? post ${i}`,
      author: { accountId: `a${author}`, handle: `author${author}`, followers: 100 + i },
      // A few replies, so that threads join cases across deliveries too.
      ...(i % 10 === 5 ? { inReplyToId: `p${i - 1}`, threadKey: `p${i - 1}` } : {}),
    }),
  };
}

/** Delivery d: a seeded pick of posts (with overlaps between deliveries), shuffled. */
function delivery(random: ReturnType<typeof createRandom>): ParseOutput {
  const picked = new Set<number>();
  while (picked.size < POSTS_PER_DELIVERY) picked.add(random.int(0, POSTS - 1));
  const events = [...picked].map(post);
  for (let i = events.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [events[i], events[j]] = [events[j], events[i]];
  }
  return { events, rejected: [], ignored: 0 };
}

const balances = (s: IngestSummary) =>
  s.accepted + s.duplicates + s.ignored + s.rejected.length + s.updated + s.deleted + s.deferredDeletes;

describe("parallel deliveries", () => {
  it(`${DELIVERIES} deliveries sharing authors and posts in different orders all succeed, each post and author stored once`, async () => {
    const ws = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" } });
    const random = createRandom(20261201);
    const inputs = Array.from({ length: DELIVERIES }, () => delivery(random));
    const expectedPosts = new Set(
      inputs.flatMap((d) => d.events.map((e) => (e.kind === "upsert" ? e.mention.externalId : ""))),
    );
    const expectedAuthors = new Set(
      inputs.flatMap((d) => d.events.map((e) => (e.kind === "upsert" ? e.mention.author!.accountId : ""))),
    );

    const results = await Promise.allSettled(inputs.map((input) => ingestEvents(ws.id, input)));
    const failures = results.flatMap((r) =>
      r.status === "rejected" ? [String((r.reason as Error).message).slice(0, 300)] : [],
    );
    expect(failures).toEqual([]);
    const summaries = results.map((r) => (r as PromiseFulfilledResult<IngestSummary>).value);
    for (const s of summaries) expect(balances(s)).toBe(s.received);
    const total = (f: (s: IngestSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);

    // Each post stored once, each author once.
    expect(total((s) => s.accepted)).toBe(expectedPosts.size);
    expect(total((s) => s.duplicates)).toBe(DELIVERIES * POSTS_PER_DELIVERY - expectedPosts.size);
    expect(await db().mention.count({ where: { workspaceId: ws.id } })).toBe(expectedPosts.size);
    const identities = await db().socialIdentity.groupBy({
      by: ["network", "accountId"],
      where: { workspaceId: ws.id },
      _count: true,
    });
    expect(identities).toHaveLength(expectedAuthors.size);
    expect(identities.every((i) => i._count === 1)).toBe(true);

    // Cases consistent: every accepted mention was routed exactly once, no mention is in two
    // cases, and the cases the summaries report are the cases stored.
    const routed = total((s) => s.cases.created + s.cases.joined + s.cases.reopened);
    expect(routed + total((s) => s.cases.logged)).toBe(expectedPosts.size);
    const messages = await db().caseMessage.findMany({
      where: { workspaceId: ws.id, kind: "INBOUND" },
      select: { mentionId: true, caseId: true },
    });
    expect(messages).toHaveLength(routed);
    expect(new Set(messages.map((m) => m.mentionId)).size).toBe(messages.length);
    expect(await db().case.count({ where: { workspaceId: ws.id } })).toBe(total((s) => s.cases.created));
    const numbers = (await db().case.findMany({ where: { workspaceId: ws.id }, select: { number: true } })).map(
      (c) => c.number,
    );
    expect(new Set(numbers).size).toBe(numbers.length);
    // The rollups the triggers keep agree with the rows.
    const stat = await db().mentionStat.aggregate({ where: { workspaceId: ws.id }, _sum: { mentions: true } });
    expect(stat._sum.mentions).toBe(expectedPosts.size);
  }, 120_000);
});

// Interleavings forced with a second connection that holds a lock. PGlite runs one transaction
// at a time (a waiting transaction holds the only backend), so these need a real server.
const onServer = inject("databaseKind") === "postgresql";
if (!onServer)
  console.log("[ingest-concurrency] forced interleavings skipped: they need PostgreSQL (set TEST_DATABASE_URL)");

describe.skipIf(!onServer)("forced interleavings (PostgreSQL)", () => {
  async function setup() {
    const ws = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    const rule = await db().keywordRule.create({
      data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" },
    });
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    // Resolves once a backend other than `other` waits for a lock: the pipeline, stopped where wanted.
    const pipelineWaits = () =>
      waitFor(
        async () =>
          (
            await other.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
              [otherPid],
            )
          ).rowCount,
        15_000,
        "the pipeline to wait for a lock",
      );
    return { ws, rule, other, pipelineWaits };
  }
  const events = (...mentions: Array<{ id: string; author: string }>): ParseOutput => ({
    events: mentions.map(({ id, author }) => ({
      kind: "upsert" as const,
      mention: normalizedMentionSchema.parse({
        network: "x",
        externalId: id,
        createdAt: "2026-11-20T10:00:00Z",
        text: `northwind lost my bag (${id})`,
        author: { accountId: author, handle: author },
      }),
    })),
    rejected: [],
    ignored: 0,
  });
  const deletion = (id: string): ParseOutput => ({
    events: [{ kind: "delete", network: "x", externalId: id }],
    rejected: [],
    ignored: 0,
  });

  it("runs a batch again, whole and counted once, when PostgreSQL picks it as a deadlock's victim", async () => {
    const { ws, other, pipelineWaits } = await setup();
    await ingestEvents(ws.id, events({ id: "first-a", author: "a" }, { id: "first-b", author: "b" }));
    try {
      // Another transaction holds author b; the batch locks a (authors go in order), then waits for b.
      await other.query("BEGIN");
      await other.query("SET LOCAL deadlock_timeout = '60s'"); // so that the pipeline's backend detects it, and loses
      await other.query(`UPDATE "SocialIdentity" SET "followers" = 1 WHERE "workspaceId" = $1 AND "accountId" = 'b'`, [
        ws.id,
      ]);
      const batch = ingestEvents(ws.id, events({ id: "second-b", author: "b" }, { id: "second-a", author: "a" }));
      await pipelineWaits();
      // Now the other transaction wants a: a cycle, which PostgreSQL breaks by aborting the batch.
      await other.query(`UPDATE "SocialIdentity" SET "followers" = 2 WHERE "workspaceId" = $1 AND "accountId" = 'a'`, [
        ws.id,
      ]);
      await other.query("COMMIT");
      const summary = await batch;
      expect(summary).toMatchObject({ received: 2, accepted: 2, duplicates: 0, rejected: [] });
      const routed = summary.cases.created + summary.cases.joined + summary.cases.reopened;
      expect(routed + summary.cases.logged).toBe(2);
      const second = await db().mention.findMany({
        where: { workspaceId: ws.id, externalId: { startsWith: "second-" } },
        select: { id: true },
      });
      expect(second).toHaveLength(2);
      expect(await db().caseMessage.count({ where: { mentionId: { in: second.map((m) => m.id) } } })).toBe(routed);
    } finally {
      await other.end();
    }
  });

  it("marks a post deleted when its deletion was remembered while the post's batch was still open", async () => {
    const { ws, rule, other, pipelineWaits } = await setup();
    try {
      // The batch stops after inserting the mention, before its rule match (the rule is locked).
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "KeywordRule" WHERE "id" = $1 FOR UPDATE`, [rule.id]);
      const batch = ingestEvents(ws.id, events({ id: "late", author: "c" }));
      await pipelineWaits();
      // The deletion finds no committed post, so it is remembered.
      expect(await ingestEvents(ws.id, deletion("late"))).toMatchObject({ deleted: 0, deferredDeletes: 1 });
      await other.query("ROLLBACK");
      expect(await batch).toMatchObject({ accepted: 1 });
      const stored = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "late" } });
      expect(stored.deleted).toBe(true);
      // The remembrance has served: it is forgotten with the post marked.
      expect(await db().deletedPost.count({ where: { workspaceId: ws.id } })).toBe(0);
    } finally {
      await other.end();
    }
  });

  it("marks a post deleted when it was stored while its deletion was being remembered", async () => {
    const { ws, other, pipelineWaits } = await setup();
    try {
      // The deletion finds no post, then waits to write its remembrance (the key is held).
      await other.query("BEGIN");
      await other.query(`INSERT INTO "DeletedPost" ("workspaceId","network","externalId") VALUES ($1, 'x', 'early')`, [
        ws.id,
      ]);
      const removal = ingestEvents(ws.id, deletion("early"));
      await pipelineWaits();
      // The post is stored meanwhile, live: no remembrance is committed yet.
      expect(await ingestEvents(ws.id, events({ id: "early", author: "d" }))).toMatchObject({ accepted: 1 });
      await other.query("ROLLBACK");
      expect(await removal).toMatchObject({ received: 1, deleted: 1, deferredDeletes: 0 });
      const stored = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "early" } });
      expect(stored.deleted).toBe(true);
      expect(await db().deletedPost.count({ where: { workspaceId: ws.id } })).toBe(0);
    } finally {
      await other.end();
    }
  });

  it("two batches joining the same case both leave their effect: the second reads what the first wrote", async () => {
    const { ws, other } = await setup();
    const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, 10) + hours * 3_600_000).toISOString();
    const posts = (...list: Array<{ id: string; author: string; hours: number; replyTo?: string }>): ParseOutput => ({
      events: list.map((p) => ({
        kind: "upsert" as const,
        mention: normalizedMentionSchema.parse({
          network: "x",
          externalId: p.id,
          createdAt: at(p.hours),
          text: `northwind lost my bag (${p.id})`,
          author: { accountId: p.author, handle: p.author },
          ...(p.replyTo ? { inReplyToId: p.replyTo, threadKey: p.replyTo } : {}),
        }),
      })),
      rejected: [],
      ignored: 0,
    });
    // A case, solved half an hour after it opened: a reply within the reopen window reopens it.
    expect((await ingestEvents(ws.id, posts({ id: "root", author: "amy", hours: 0 }))).cases.created).toBe(1);
    const original = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
    await db().case.update({ where: { id: original.id }, data: { status: "SOLVED", solvedAt: new Date(at(0.5)) } });
    const lockWaiters = async () =>
      Number(
        (
          await other.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0].n,
      );
    try {
      // The first batch stops after routing has read the case, before it writes: its other post
      // opens a case and needs a case number, and the workspace row is held.
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "Workspace" WHERE "id" = $1 FOR NO KEY UPDATE`, [ws.id]);
      const first = ingestEvents(
        ws.id,
        posts({ id: "reply-1", author: "zed", hours: 2, replyTo: "root" }, { id: "other-1", author: "bob", hours: 2 }),
      );
      await waitFor(async () => (await lockWaiters()) >= 1, 15_000, "the first batch to wait");
      // The second batch (other authors, so no identity row is shared) replies in the same thread
      // an hour later. Without the case locked it would commit now, and the first batch would then
      // write the state it read before: reopened twice, last activity going back an hour.
      const second = ingestEvents(ws.id, posts({ id: "reply-2", author: "yan", hours: 3, replyTo: "root" }));
      await Promise.race([second, waitFor(async () => (await lockWaiters()) >= 2, 15_000, "the second batch to wait")]);
      await other.query("ROLLBACK");
      const [one, two] = await Promise.all([first, second]);
      expect(one.cases.created + two.cases.created).toBe(1);
      expect(one.cases.reopened + two.cases.reopened).toBe(1);
      expect(one.cases.joined + two.cases.joined).toBe(1);
    } finally {
      await other.end();
    }
    const stored = await db().case.findUniqueOrThrow({
      where: { id: original.id },
      include: { messages: { include: { mention: true } }, events: true },
    });
    expect(stored.messages.map((m) => m.mention?.externalId).sort()).toEqual(["reply-1", "reply-2", "root"]);
    expect(stored.events.filter((e) => e.kind === "reopened")).toHaveLength(1);
    expect(stored).toMatchObject({ status: "OPEN", reopenCount: 1, solvedAt: null });
    expect(stored.lastActivityAt.toISOString()).toBe(at(3));
    expect(stored.lastInboundAt?.toISOString()).toBe(at(3));
    expect(stored.reopenedAt?.toISOString()).toBe(at(2));
  });
});
