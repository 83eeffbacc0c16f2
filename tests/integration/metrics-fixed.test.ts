import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listeningMetrics } from "@/lib/metrics/listening";
import { makePeriod } from "@/lib/metrics/period";
import { refreshCaseMetrics } from "@/lib/metrics/refresh";
import { serviceMetrics } from "@/lib/metrics/service-queries";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

// A fixed dataset whose every expected figure is worked out by hand below (docs/metrics.md).
// Workspace and business hours in Europe/Lisbon (UTC+0 in winter, UTC+1 in summer; summer time
// ended on Sunday 25 October 2026 at 02:00 local). Business hours Mon–Fri 09:00–17:00, holiday
// Tuesday 8 December 2026. NORMAL targets: first response 60, resolution 480 business minutes.

const at = (iso: string) => new Date(iso);
const NOW = at("2026-12-11T12:00:00Z");

let ws: TestWorkspace;
let agent1: string;
let agent2: string;
const numbers = new Map<string, number>();

async function makeCase(
  key: string,
  inboundAt: string,
  steps: Array<{ at: string; kind: "reply" | "note" | "bot" | "failed" | "solve" | "reopen"; by?: string }>,
) {
  const number = numbers.size + 1;
  numbers.set(key, number);
  const policy = await db().slaPolicy.findFirstOrThrow({ where: { workspaceId: ws.id } });
  const c = await db().case.create({
    data: {
      workspaceId: ws.id,
      number,
      subject: key,
      status: "OPEN",
      priority: "NORMAL",
      slaPolicyId: policy.id,
      network: "x",
      createdAt: at(inboundAt),
      lastActivityAt: at(inboundAt),
    },
  });
  await db().caseMessage.create({
    data: { workspaceId: ws.id, caseId: c.id, kind: "INBOUND", body: "help", createdAt: at(inboundAt) },
  });
  let status = "OPEN";
  for (const s of steps) {
    if (s.kind === "reply" || s.kind === "bot" || s.kind === "failed") {
      await db().caseMessage.create({
        data: {
          workspaceId: ws.id,
          caseId: c.id,
          kind: "OUTBOUND",
          body: "hi",
          createdAt: at(s.at),
          authorUserId: s.kind === "bot" ? null : s.by,
          automated: s.kind === "bot",
          deliveryStatus: s.kind === "failed" ? "failed" : "sent (sandbox)",
        },
      });
    } else if (s.kind === "note") {
      await db().caseMessage.create({
        data: {
          workspaceId: ws.id,
          caseId: c.id,
          kind: "NOTE",
          body: "internal",
          createdAt: at(s.at),
          authorUserId: s.by,
        },
      });
    } else if (s.kind === "solve") {
      await db().caseEvent.create({
        data: {
          workspaceId: ws.id,
          caseId: c.id,
          kind: "status_changed",
          actorUserId: s.by,
          before: { status },
          after: { status: "SOLVED" },
          createdAt: at(s.at),
        },
      });
      status = "SOLVED";
    } else {
      await db().caseMessage.create({
        data: { workspaceId: ws.id, caseId: c.id, kind: "INBOUND", body: "again", createdAt: at(s.at) },
      });
      await db().caseEvent.create({
        data: {
          workspaceId: ws.id,
          caseId: c.id,
          kind: "reopened",
          before: { status: "SOLVED" },
          after: { status: "OPEN" },
          createdAt: at(s.at),
        },
      });
      status = "OPEN";
    }
  }
  await db().case.update({ where: { id: c.id }, data: { status: status as "OPEN" } });
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  [agent1, agent2] = [ws.agent.userId, ws.manager.userId];
  await db().workspace.update({ where: { id: ws.id }, data: { timeZone: "Europe/Lisbon" } });
  const hours = await db().businessHours.create({
    data: {
      workspaceId: ws.id,
      name: "Lisbon office",
      timeZone: "Europe/Lisbon",
      holidays: ["2026-12-08"],
      weeklyHours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]])),
    },
  });
  await db().slaPolicy.create({
    data: {
      workspaceId: ws.id,
      name: "Standard",
      businessHoursId: hours.id,
      targets: { NORMAL: { firstResponse: 60, resolution: 480 } },
    },
  });

  // A: Monday 7 Dec 10:00. A bot answers at 10:05 and a note is written at 10:10 (neither is a
  // response); agent 1 replies 10:30 (FRT 30/30) and solves at 12:00 (resolution 120/120).
  await makeCase("A", "2026-12-07T10:00:00Z", [
    { at: "2026-12-07T10:05:00Z", kind: "bot" },
    { at: "2026-12-07T10:10:00Z", kind: "note", by: agent1 },
    { at: "2026-12-07T10:30:00Z", kind: "reply", by: agent1 },
    { at: "2026-12-07T12:00:00Z", kind: "solve", by: agent1 },
  ]);
  // B: Saturday 5 Dec 14:00; agent 2 replies Monday 09:30. FRT calendar 43.5 h = 2610 min,
  // business 30 min (first response due Monday 10:00: met). Never solved: resolution due Monday
  // 17:00, breached.
  await makeCase("B", "2026-12-05T14:00:00Z", [{ at: "2026-12-07T09:30:00Z", kind: "reply", by: agent2 }]);
  // C: on the holiday, Tuesday 8 Dec 11:00; agent 1 replies Wednesday 09:45 (FRT 1365 / 45) and
  // solves at 10:00 (resolution 1380 / 60).
  await makeCase("C", "2026-12-08T11:00:00Z", [
    { at: "2026-12-09T09:45:00Z", kind: "reply", by: agent1 },
    { at: "2026-12-09T10:00:00Z", kind: "solve", by: agent1 },
  ]);
  // D: Wednesday 9 Dec 09:00, no reply yet (a failed delivery at 09:30 is not one): awaiting a
  // first response, whose target (10:00) and resolution target (17:00) are breached by now.
  await makeCase("D", "2026-12-09T09:00:00Z", [{ at: "2026-12-09T09:30:00Z", kind: "failed", by: agent2 }]);
  // E: Monday 7 Dec 15:00; agent 2 replies 15:20 (FRT 20) and solves 15:30 (resolution 30). The
  // customer writes again Thursday 10 Dec 09:00: reopened, a new cycle; agent 1 replies 09:50
  // (FRT 50, from the reopening) and solves 11:00 (resolution 120).
  await makeCase("E", "2026-12-07T15:00:00Z", [
    { at: "2026-12-07T15:20:00Z", kind: "reply", by: agent2 },
    { at: "2026-12-07T15:30:00Z", kind: "solve", by: agent2 },
    { at: "2026-12-10T09:00:00Z", kind: "reopen" },
    { at: "2026-12-10T09:50:00Z", kind: "reply", by: agent1 },
    { at: "2026-12-10T11:00:00Z", kind: "solve", by: agent1 },
  ]);
  // F: across the end of summer time. Saturday 24 Oct 23:00 local (22:00 UTC); reply Sunday
  // 03:00 local (03:00 UTC, after the clocks went back): 5 hours passed although the wall clock
  // moved 4. Weekend: 0 business minutes.
  await makeCase("F", "2026-10-24T22:00:00Z", [{ at: "2026-10-25T03:00:00Z", kind: "reply", by: agent2 }]);
  await refreshCaseMetrics(ws.id);
});

describe("service metrics on the fixed dataset", () => {
  it("counts created, solved (twice for a reopened case), backlog and awaiting first response", async () => {
    const period = makePeriod({ from: "2026-12-01", to: "2026-12-31" }, "Europe/Lisbon");
    const s = await serviceMetrics(ws.id, period, {}, NOW);
    const day = (d: string) => period.buckets.findIndex((b) => b.key === d);
    expect(s.created.total).toBe(5);
    expect([
      s.created.buckets[day("2026-12-05")],
      s.created.buckets[day("2026-12-07")],
      s.created.buckets[day("2026-12-08")],
      s.created.buckets[day("2026-12-09")],
    ]).toEqual([1, 2, 1, 1]);
    expect(s.solved.total).toBe(4);
    expect([
      s.solved.buckets[day("2026-12-07")],
      s.solved.buckets[day("2026-12-09")],
      s.solved.buckets[day("2026-12-10")],
    ]).toEqual([2, 1, 1]);
    // Open at the end of 7 Dec: F (open since October) and B. End of 9 Dec: F, B, D. End of
    // 10 Dec: F, B, D (E reopened and was solved again that day). Later days: as now.
    expect([
      s.backlog.buckets[day("2026-12-07")],
      s.backlog.buckets[day("2026-12-09")],
      s.backlog.buckets[day("2026-12-10")],
      s.backlog.atEnd,
    ]).toEqual([2, 3, 3, 3]);
    expect(s.awaitingFirstResponse).toBe(1);
  });

  it("measures first response and resolution per cycle, in calendar and business time (median and p90, nearest rank)", async () => {
    const period = makePeriod({ from: "2026-12-01", to: "2026-12-31" }, "Europe/Lisbon");
    const s = await serviceMetrics(ws.id, period, {}, NOW);
    // FRT calendar: 20, 30, 50, 1365, 2610 → median (3rd) 50, p90 (5th) 2610.
    expect(s.frt.calendar).toEqual({ count: 5, median: 50, p90: 2610 });
    // FRT business: 20, 30, 30, 45, 50 → median 30, p90 50.
    expect(s.frt.business).toEqual({ count: 5, median: 30, p90: 50 });
    // Resolution calendar: 30, 120, 120, 1380 → median (2nd) 120, p90 (4th) 1380; business: 30, 60, 120, 120.
    expect(s.resolution.calendar).toEqual({ count: 4, median: 120, p90: 1380 });
    expect(s.resolution.business).toEqual({ count: 4, median: 60, p90: 120 });
  });

  it("computes SLA compliance per target, with breaches by policy", async () => {
    const period = makePeriod({ from: "2026-12-01", to: "2026-12-31" }, "Europe/Lisbon");
    const s = await serviceMetrics(ws.id, period, {}, NOW);
    // First response: A, B, C, E, E-reopened met; D breached (due Wed 10:00, still unanswered).
    expect(s.sla.firstResponse).toEqual({ met: 5, breached: 1, rate: 5 / 6 });
    // Resolution: A, C, E, E-reopened met; B (due Mon 17:00) and D (due Wed 17:00) breached.
    expect(s.sla.resolution).toEqual({ met: 4, breached: 2, rate: 4 / 6 });
    expect(s.sla.nextResponse).toEqual({ met: 0, breached: 0, rate: null });
    const policy = await db().slaPolicy.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(s.sla.breachesByPolicy).toEqual([{ slaPolicyId: policy.id, breached: 3 }]);
  });

  it("attributes replies, solves and first responses to agents; a filter on the agent keeps their cases only", async () => {
    const period = makePeriod({ from: "2026-12-01", to: "2026-12-31" }, "Europe/Lisbon");
    const s = await serviceMetrics(ws.id, period, {}, NOW);
    // Agent 1: replies on A, C, E (reopened) → 3; solved A, C, E (reopened) → 3; FRT 30, 1365, 50 → 50; business 30, 45, 50 → 45.
    // Agent 2: replies on B, E → 2 (the failed one on D does not count); solved E → 1; FRT 2610, 20 → 20; business 30, 20 → 20.
    expect(s.agents).toEqual([
      { userId: agent1, replies: 3, solved: 3, frtMedian: 50, frtBusinessMedian: 45 },
      { userId: agent2, replies: 2, solved: 1, frtMedian: 20, frtBusinessMedian: 20 },
    ]);
    expect(s.queues).toEqual([{ queueId: null, replies: 5, solved: 4, frtMedian: 50, frtBusinessMedian: 30 }]);
    const nobody = await serviceMetrics(ws.id, period, { agentId: agent1 }, NOW);
    expect(nobody.created.total).toBe(0); // no case is assigned to agent 1
  });

  it("keeps real elapsed time across a daylight-saving change and buckets by local date", async () => {
    const period = makePeriod({ from: "2026-10-24", to: "2026-10-25" }, "Europe/Lisbon");
    const s = await serviceMetrics(ws.id, period, {}, NOW);
    expect(s.created.buckets).toEqual([1, 0]);
    expect(s.frt.calendar).toEqual({ count: 1, median: 300, p90: 300 });
    expect(s.frt.business).toEqual({ count: 1, median: 0, p90: 0 });
  });
});

describe("listening metrics on a fixed dataset", () => {
  it("counts volume, sentiment, share of voice, terms, hashtags, authors and the local hour-of-week", async () => {
    const w = await createTestWorkspace();
    await db().workspace.update({ where: { id: w.id }, data: { timeZone: "Europe/Lisbon" } });
    const own = await db().brand.create({ data: { workspaceId: w.id, name: "Northwind" } });
    const rival = await db().brand.create({ data: { workspaceId: w.id, name: "Skyline", isCompetitor: true } });
    const ann = await db().socialIdentity.create({
      data: { workspaceId: w.id, network: "x", accountId: "1", handle: "ann" },
    });
    const bob = await db().socialIdentity.create({
      data: { workspaceId: w.id, network: "mastodon", accountId: "2", handle: "bob" },
    });
    const m = (id: string, postedAt: string, text: string, extra: Record<string, unknown>) =>
      db().mention.create({
        data: { workspaceId: w.id, network: "x", externalId: id, text, postedAt: at(postedAt), ...extra },
      });
    // 00:30 UTC on 25 Oct is 01:30 summer time; 01:30 UTC is 01:30 winter time: both Sunday 01h local.
    await m("1", "2026-10-25T00:30:00Z", "Lost my bag #Northwind #delays", {
      brandId: own.id,
      sentiment: "NEGATIVE",
      authorId: ann.id,
      influence: 40,
    });
    await m("2", "2026-10-25T01:30:00Z", "Bag found, thanks Northwind #northwind", {
      brandId: own.id,
      sentiment: "POSITIVE",
      authorId: ann.id,
      influence: 45,
    });
    await m("3", "2026-10-26T09:00:00Z", "Skyline lost my bag too", {
      brandId: rival.id,
      sentiment: "NEGATIVE",
      authorId: bob.id,
      influence: 90,
      network: "mastodon",
    });
    await m("4", "2026-10-26T10:00:00Z", "Northwind crew was great", {
      brandId: own.id,
      sentiment: "NEUTRAL",
      deleted: true,
    });
    await m("5", "2026-10-23T23:30:00Z", "before the period (00:30 local on the 24th is inside)", {
      brandId: own.id,
      sentiment: "POSITIVE",
    });
    const period = makePeriod({ from: "2026-10-24", to: "2026-10-26" }, "Europe/Lisbon");
    for (const source of ["rollup", "raw"] as const) {
      const l = await listeningMetrics(w.id, period, {}, source);
      expect(l.total).toBe(5);
      expect(l.buckets).toEqual([1, 2, 2]); // 24th (00:30 local), 25th, 26th
      expect(l.deleted).toBe(1);
      expect(l.sentiment).toMatchObject({ POSITIVE: 2, NEUTRAL: 1, NEGATIVE: 2, UNSCORED: 0, net: 0 });
      expect(l.shareOfVoice).toEqual([
        { brandId: own.id, mentions: 4, share: 0.8 },
        { brandId: rival.id, mentions: 1, share: 0.2 },
      ]);
      expect(l.heatmap[6][1]).toBe(2); // Sunday 01h, both sides of the change
      expect(l.heatmap[0][9]).toBe(1); // Monday 09h (winter: UTC)
      expect(l.topHashtags).toEqual([
        { term: "#northwind", mentions: 2 },
        { term: "#delays", mentions: 1 },
      ]);
      expect(l.topTerms.slice(0, 2)).toEqual([
        { term: "bag", mentions: 3 },
        { term: "lost", mentions: 2 },
      ]);
      expect(l.topAuthorsByVolume[0]).toEqual({ authorId: ann.id, mentions: 2, maxInfluence: 45 });
      expect(l.topAuthorsByInfluence[0]).toEqual({ authorId: bob.id, mentions: 1, maxInfluence: 90 });
      const brandOnly = await listeningMetrics(w.id, period, { brandId: rival.id }, source);
      expect(brandOnly.total).toBe(1);
      expect(brandOnly.shareOfVoice.map((s) => s.mentions)).toEqual([4, 1]); // a share of all brands
    }
  });
});
