import { beforeAll, describe, expect, it } from "vitest";
import { runAsSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { GET as exportRoute } from "@/app/api/dashboard/export/route";
import { correctSentiment } from "@/lib/enrich/learn/store";
import { ingestDocument } from "@/lib/ingest/ingest";
import { replyToCase, setCaseStatus } from "@/lib/cases/update";
import { listeningMetrics, TOP, topAuthors } from "@/lib/metrics/listening";
import { refreshAuthorSpans } from "@/lib/metrics/author-spans";
import { drainMentionQueue } from "@/lib/metrics/mention-queue";
import { loadPolicies, replayCases } from "@/lib/metrics/history";
import { lastDays, makePeriod, type Period } from "@/lib/metrics/period";
import { addDays } from "@/lib/time/dates";
import { refreshCaseMetrics } from "@/lib/metrics/refresh";
import { computeService, type ServiceFilter } from "@/lib/metrics/service";
import { serviceMetrics, teamMedians, withTeamMedians } from "@/lib/metrics/service-queries";
import { loadDashboard } from "@/lib/metrics/dashboard";
import { parseCsv } from "@/lib/util/csv";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

// A generated dataset through the real pipeline and the agents' real actions. For every filter:
// the rollups equal the raw computation, the stored cycles equal a fresh replay, and each total
// equals the sum of its buckets and the row count of its CSV export.

let ws: TestWorkspace;
let brands: Array<{ id: string }>;
let queues: Array<{ id: string }>;
const NETWORKS = ["x", "mastodon", "bluesky", "reddit"];
const WORDS = [
  "lost bag",
  "refund please",
  "great crew",
  "delayed again",
  "seat changed",
  "#fail",
  "#thanks",
  "wifi broken",
];

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "America/New_York" } });
  brands = await Promise.all(
    ["Northwind", "Skyline", "Aurora"].map((name, i) =>
      db().brand.create({ data: { workspaceId: ws.id, name, isCompetitor: i > 0 } }),
    ),
  );
  await Promise.all(
    ["northwind", "skyline", "aurora"].map((q, i) =>
      db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brands[i].id, name: q, query: q } }),
    ),
  );
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brands[0].id, name: "bags", query: "bag" } });
  queues = await Promise.all(
    ["Care", "Refunds"].map((name) => db().queue.create({ data: { workspaceId: ws.id, name } })),
  );
  const hours = await db().businessHours.create({
    data: {
      workspaceId: ws.id,
      name: "NY",
      timeZone: "America/New_York",
      weeklyHours: {
        mon: [["09:00", "17:00"]],
        tue: [["09:00", "17:00"]],
        wed: [["09:00", "17:00"]],
        thu: [["09:00", "17:00"]],
        fri: [["09:00", "17:00"]],
      },
    },
  });
  const policy = await db().slaPolicy.create({
    data: {
      workspaceId: ws.id,
      name: "Std",
      businessHoursId: hours.id,
      targets: {
        NORMAL: { firstResponse: 60, nextResponse: 120, resolution: 600 },
        HIGH: { firstResponse: 30, resolution: 240 },
      },
    },
  });
  await db().workspace.update({
    where: { id: ws.id },
    data: { settings: { routing: { defaultSlaPolicyId: policy.id } } },
  });

  const random = rng(7);
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < 240; i++) {
    const b = ["Northwind", "Skyline", "Aurora"][Math.floor(random() * 3)];
    const posted = new Date(now - Math.floor(random() * 20 * 86_400_000));
    const author = `user${Math.floor(random() * 40)}`;
    const thread = random() < 0.3 && i > 10 ? { inReplyToId: `p${i - 3}`, threadKey: `p${i - 3}` } : {};
    lines.push(
      JSON.stringify({
        network: NETWORKS[i % NETWORKS.length],
        externalId: `p${i}`,
        createdAt: posted.toISOString(),
        ...thread,
        text: `${b} ${WORDS[Math.floor(random() * WORDS.length)]} ${WORDS[Math.floor(random() * WORDS.length)]}${random() < 0.3 ? "?" : ""}`,
        author: { accountId: `id-${author}`, handle: author, followers: Math.floor(random() * 30000) },
      }),
    );
  }
  await ingestDocument(ws.id, "jsonl", lines.join("\n"));
  // Agents at work: replies, solves, pending, some solved and reopened by the customer later.
  const cases = await db().case.findMany({
    where: { workspaceId: ws.id },
    orderBy: { number: "asc" },
    select: { id: true, version: true },
  });
  for (const [i, c] of cases.entries()) {
    let version = c.version;
    if (i % 5 === 0)
      await db()
        .case.update({
          where: { id: c.id },
          data: { queueId: queues[i % 2].id, assigneeId: [ws.agent.userId, ws.manager.userId][i % 2] },
        })
        .then((r) => (version = r.version));
    if (i % 3 === 0)
      version = (
        await replyToCase(ws.id, ws.agent.userId, { caseId: c.id, version, body: "On it", confirmStale: true })
      ).version;
    if (i % 4 === 0)
      version = (
        await replyToCase(ws.id, ws.manager.userId, {
          caseId: c.id,
          version,
          body: "Done",
          confirmStale: true,
          solve: true,
        })
      ).version;
    if (i % 7 === 0)
      version = (await setCaseStatus(ws.id, ws.agent.userId, { caseId: c.id, version, status: "PENDING" })).version;
    if (i % 11 === 0) await setCaseStatus(ws.id, ws.manager.userId, { caseId: c.id, version, status: "SOLVED" });
  }
  // Customers write again after the solves: cases solved within the reopen window reopen (a new
  // response cycle), which agents answer again.
  const again = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({
      network: "x",
      externalId: `again${i}`,
      createdAt: new Date(now - 60_000 * (40 - i)).toISOString(),
      text: `Northwind still ${WORDS[i % WORDS.length]}`,
      author: { accountId: `id-user${i}`, handle: `user${i}`, followers: 100 },
    }),
  );
  await ingestDocument(ws.id, "jsonl", again.join("\n"));
  for (const c of await db().case.findMany({
    where: { workspaceId: ws.id, reopenCount: { gt: 0 } },
    select: { id: true, version: true },
  })) {
    await replyToCase(ws.id, ws.agent.userId, { caseId: c.id, version: c.version, body: "Again?", confirmStale: true });
  }
  // Corrections and deletions change the listening figures: the rollups must follow.
  const mentions = await db().mention.findMany({ where: { workspaceId: ws.id }, select: { id: true }, take: 30 });
  // Half before their terms reach the rollups (still queued), half after.
  for (const m of mentions.slice(0, 5)) await correctSentiment(ws.id, ws.agent.userId, m.id, "POSITIVE");
  await db().mention.update({
    where: { id: mentions[25].id },
    data: { text: "Northwind edited while queued #edited" },
  });
  await db().mention.delete({ where: { id: mentions[20].id } });
  expect(await drainMentionQueue(ws.id)).toBeGreaterThan(200);
  for (const m of mentions.slice(5, 10)) await correctSentiment(ws.id, ws.agent.userId, m.id, "NEGATIVE");
  await db().mention.updateMany({
    where: { id: { in: mentions.slice(10, 15).map((m) => m.id) } },
    data: { deleted: true },
  });
  await db().mention.update({ where: { id: mentions[26].id }, data: { text: "Skyline edited after #edited" } });
  await db().mention.delete({ where: { id: mentions[21].id } });
  await refreshCaseMetrics(ws.id);
});

// {}, a brand and a network read the value histograms for percentiles; the others sort.
const FILTERS: ServiceFilter[] = [
  {},
  { network: "x" },
  { brandId: "B0" },
  { queueId: "Q0" },
  { agentId: "A0" },
  { network: "mastodon", queueId: "Q1" },
];
const resolve = (f: ServiceFilter): ServiceFilter => ({
  ...f,
  brandId: f.brandId ? brands[Number(f.brandId[1])].id : undefined,
  queueId: f.queueId ? queues[Number(f.queueId[1])].id : undefined,
  agentId: f.agentId === "A0" ? ws.agent.userId : undefined,
});

async function csvRows(params: Record<string, string>, role: "agent" | "manager" = "manager") {
  const res = await runAsSession(ws[role].claims, () =>
    exportRoute(new Request(`http://t/api/dashboard/export?${new URLSearchParams(params)}`), {
      params: Promise.resolve({}),
    }),
  );
  expect(res.status).toBe(200);
  return parseCsv(await res.text()).length - 1; // minus the header
}

describe("metrics reconcile over a generated dataset", () => {
  const periods = (): Period[] => [
    makePeriod(lastDays(30, "America/New_York"), "America/New_York"),
    makePeriod(lastDays(7, "America/New_York"), "America/New_York"),
  ];

  it("rollups equal the raw computation for every filter, after corrections, deletions and a time-zone change", async () => {
    for (const period of periods()) {
      for (const f of [{}, { brandId: brands[0].id }, { network: "x" }, { brandId: brands[1].id, network: "reddit" }]) {
        expect(await listeningMetrics(ws.id, period, f, "rollup")).toEqual(
          await listeningMetrics(ws.id, period, f, "raw"),
        );
      }
    }
    await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "Asia/Kolkata" } });
    try {
      const period = makePeriod(lastDays(30, "Asia/Kolkata"), "Asia/Kolkata");
      expect(await listeningMetrics(ws.id, period, {}, "rollup")).toEqual(
        await listeningMetrics(ws.id, period, {}, "raw"),
      );
    } finally {
      await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "America/New_York" } });
    }
  });

  it("top authors: the closed days' span is reused while they are unchanged and rebuilt when they change", async () => {
    const period = periods()[0];
    const spans = () =>
      db().authorSpan.findMany({
        where: { workspaceId: ws.id, brandId: "", network: "" },
        select: { id: true, epoch: true },
      });
    const same = async () =>
      expect(await topAuthors(ws.id, period, {})).toEqual(await topAuthors(ws.id, period, {}, true));
    await same();
    const [built] = await spans();
    expect(built).toBeDefined();
    // A new post today changes the figures but not the closed days: the span stays.
    await ingestDocument(
      ws.id,
      "jsonl",
      JSON.stringify({
        network: "x",
        externalId: "today-1",
        createdAt: new Date().toISOString(),
        text: "Northwind wifi broken",
        author: { accountId: "id-user3", handle: "user3", followers: 99999 },
      }),
    );
    await same();
    expect(await spans()).toEqual([built]);
    // A closed day changes (a post from last week is deleted): the epoch moves, the span is rebuilt.
    const old = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, authorId: { not: null }, postedAt: { lt: new Date(Date.now() - 3 * 86_400_000) } },
      select: { id: true },
    });
    await db().mention.delete({ where: { id: old.id } });
    await same();
    const [rebuilt] = await spans();
    expect(rebuilt.id).not.toBe(built.id);
    expect(rebuilt.epoch).toBeGreaterThan(built.epoch);
    expect(await db().authorSpanTotal.count({ where: { spanId: built.id } })).toBe(0); // gone with their span
    // Filtered spans are their own; a period that ends before today is all closed days.
    for (const f of [{ brandId: brands[0].id }, { network: "x" }])
      expect(await topAuthors(ws.id, period, f)).toEqual(await topAuthors(ws.id, period, f, true));
    const past = makePeriod({ from: period.from, to: addDays(period.to, -2) }, period.timeZone);
    expect(await topAuthors(ws.id, past, {})).toEqual(await topAuthors(ws.id, past, {}, true));
    // Today alone has no closed day: the rollup rows are summed directly.
    const today = makePeriod({ from: period.to, to: period.to }, period.timeZone);
    expect((await topAuthors(ws.id, today, {})).byVolume.length).toBeGreaterThan(0);
    expect(await topAuthors(ws.id, today, {})).toEqual(await topAuthors(ws.id, today, {}, true));
    // The metrics worker keeps them ready: nothing to do while current; after a change to a
    // closed day it rebuilds yesterday's spans — at most once a minute each.
    expect(await refreshAuthorSpans(ws.id, period.timeZone, TOP)).toBe(0);
    await db().mention.updateMany({
      where: { workspaceId: ws.id, authorId: { not: null }, postedAt: { lt: new Date(Date.now() - 3 * 86_400_000) } },
      data: { influence: 100 },
    });
    await drainMentionQueue(ws.id);
    expect(await refreshAuthorSpans(ws.id, period.timeZone, TOP)).toBe(0);
    // …and the retired span it will not rebuild (the past period's) is deleted at once.
    expect(
      await db().authorSpan.count({ where: { workspaceId: ws.id, toDay: new Date(`${past.to}T00:00:00Z`) } }),
    ).toBe(0);
    expect(await refreshAuthorSpans(ws.id, period.timeZone, TOP, new Date(Date.now() + 61_000))).toBe(3); // unfiltered, brand, network
    const before = await spans();
    await same();
    expect(await spans()).toEqual(before); // the load used the worker's span
  });

  it("the stored cycles' figures equal a fresh replay of every case, for every filter", async () => {
    const ids = (await db().case.findMany({ where: { workspaceId: ws.id }, select: { id: true } })).map((c) => c.id);
    const replayed = await replayCases(db(), ws.id, ids, await loadPolicies(db(), ws.id));
    const facts = {
      cycles: replayed.flatMap((r) => r.cycles.map((c) => ({ ...r.facts, ...c }))),
      outcomes: replayed.flatMap((r) => r.outcomes.map((o) => ({ ...r.facts, ...o }))),
      replies: replayed.flatMap((r) => r.replies.map((x) => ({ ...r.facts, ...x }))),
    };
    expect(facts.cycles.length).toBeGreaterThan(50);
    expect(facts.outcomes.length).toBeGreaterThan(50);
    expect(facts.cycles.filter((c) => c.index > 0).length).toBeGreaterThan(0); // reopened cases
    expect(facts.outcomes.some((o) => o.met === false) && facts.outcomes.some((o) => o.met === null)).toBe(true);
    const now = new Date();
    for (const period of periods()) {
      for (const f of FILTERS.map(resolve)) {
        const full = await serviceMetrics(ws.id, period, f, now);
        expect(full).toEqual(computeService(period, now, f, facts));
        // As the page streams it: the medians per agent and queue after the rest.
        const first = await serviceMetrics(ws.id, period, f, now, { medians: false });
        expect({
          ...first,
          ...withTeamMedians(first.agents, first.queues, await teamMedians(ws.id, period, f), f),
        }).toEqual(full);
      }
    }
    // The per-day counts follow a change of the workspace's time zone.
    await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "Asia/Kolkata" } });
    try {
      const period = makePeriod(lastDays(30, "Asia/Kolkata"), "Asia/Kolkata");
      expect(await serviceMetrics(ws.id, period, {}, now)).toEqual(computeService(period, now, {}, facts));
    } finally {
      await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "America/New_York" } });
    }
  });

  it("each total equals the sum of its buckets and the rows of its CSV export", async () => {
    for (const f of [{}, { network: "x" }, { queue: "Q1" }, { brand: "B0" }]) {
      const params: Record<string, string> = { ...(f as Record<string, string>) };
      if (params.queue) params.queue = queues[1].id;
      if (params.brand) params.brand = brands[0].id;
      const d = await loadDashboard({ id: ws.manager.userId, role: "MANAGER", workspaceId: ws.id }, params);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const q = { from: d.filter.range.from, to: d.filter.range.to, ...params };
      expect(sum(d.listening!.buckets)).toBe(d.listening!.total);
      expect(sum(d.listening!.byNetwork.map((n) => n.total))).toBe(d.listening!.total);
      expect(await csvRows({ ...q, table: "mentions" })).toBe(d.listening!.total);
      expect(sum(d.service.created.buckets)).toBe(d.service.created.total);
      expect(await csvRows({ ...q, table: "cases", metric: "created" })).toBe(d.service.created.total);
      expect(sum(d.service.solved.buckets)).toBe(d.service.solved.total);
      expect(await csvRows({ ...q, table: "cases", metric: "solved" })).toBe(d.service.solved.total);
      expect(await csvRows({ ...q, table: "cases", metric: "responded" })).toBe(d.service.frt.calendar.count);
      expect(await csvRows({ ...q, table: "cases", metric: "awaiting" })).toBe(d.service.awaitingFirstResponse);
      expect(await csvRows({ ...q, table: "cases", metric: "sla_breached", target: "firstResponse" })).toBe(
        d.service.sla.firstResponse.breached,
      );
      expect(await csvRows({ ...q, table: "cases", metric: "sla_met", target: "resolution" })).toBe(
        d.service.sla.resolution.met,
      );
      expect(await csvRows({ ...q, table: "service" })).toBe(d.period.buckets.length);
      expect(await csvRows({ ...q, table: "volume" })).toBe(d.period.buckets.length);
    }
  });

  it("agents get their own numbers only, and no listening figures", async () => {
    const mine = await loadDashboard(
      { id: ws.agent.userId, role: "AGENT", workspaceId: ws.id },
      { agent: ws.manager.userId },
    );
    expect(mine.filter.agentId).toBe(ws.agent.userId);
    expect(mine.listening).toBeNull();
    const direct = await serviceMetrics(ws.id, mine.period, { agentId: ws.agent.userId }, mine.generatedAt);
    expect(mine.service.created.total).toBe(direct.created.total);
    expect(mine.service.agents.every((a) => a.userId === ws.agent.userId)).toBe(true);
    const res = await runAsSession(ws.agent.claims, () =>
      exportRoute(new Request("http://t/api/dashboard/export?table=volume"), { params: Promise.resolve({}) }),
    );
    expect(res.status).toBe(403);
    const bad = await runAsSession(ws.manager.claims, () =>
      exportRoute(new Request("http://t/api/dashboard/export?table=cases&metric=nope"), {
        params: Promise.resolve({}),
      }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/metric must be one of/);
  });
});
