import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "@/lib/sla/business-time";
import { replayCase, type CaseHistory, type TimelineItem } from "./cycles";
import { parseDashboardFilter, casesLink, mentionsLink } from "./filters";
import { locateRank, nearestRank, spread } from "./percentile";
import { addDays, weekdayOf } from "@/lib/time/dates";
import { bucketIndexOfDate, lastDays, makePeriod, weekCover } from "./period";

const t = (iso: string) => new Date(iso);
const office: BusinessCalendar = {
  timeZone: "Europe/Lisbon",
  weekly: {
    mon: [["09:00", "17:00"]],
    tue: [["09:00", "17:00"]],
    wed: [["09:00", "17:00"]],
    thu: [["09:00", "17:00"]],
    fri: [["09:00", "17:00"]],
  },
  holidays: [],
};
const history = (items: TimelineItem[], extra: Partial<CaseHistory> = {}): CaseHistory => ({
  createdAt: items[0]?.at ?? t("2026-12-07T10:00:00Z"),
  priority: "NORMAL",
  status: "OPEN",
  solvedAt: null,
  updatedAt: t("2026-12-20T00:00:00Z"),
  calendar: office,
  targets: { NORMAL: { firstResponse: 60, nextResponse: 30, resolution: 480 } },
  items,
  ...extra,
});

describe("nearest-rank percentiles", () => {
  it("always pick a value that occurred (PostgreSQL's percentile_disc)", () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([5], 0.9)).toBe(5);
    expect(nearestRank([4, 1, 3, 2], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(
      nearestRank(
        Array.from({ length: 30 }, (_, i) => i + 1),
        0.9,
      ),
    ).toBe(27);
    expect(spread([10, 20, 30])).toEqual({ count: 3, median: 20, p90: 30 });
  });

  it("locate the same rank in a histogram: the bin, and the offset inside it in value order", () => {
    // Values 1, 2, 2, 5, 7, 7, 7, 9, 12, 30 in bins of 5 (0-4: 3 values, 5-9: 5, 10-14: 1, 30-34: 1).
    const values = [1, 2, 2, 5, 7, 7, 7, 9, 12, 30];
    const bins = [
      { bin: 0, n: 3 },
      { bin: 1, n: 5 },
      { bin: 2, n: 1 },
      { bin: 6, n: 1 },
    ];
    for (const p of [0.1, 0.3, 0.5, 0.9, 1]) {
      const at = locateRank(bins, p)!;
      const inBin = values.filter((v) => Math.floor(v / 5) === at.bin);
      expect(inBin[at.offset]).toBe(nearestRank(values, p));
    }
    expect(locateRank(bins, 0.5)).toEqual({ bin: 1, offset: 1 });
    expect(locateRank([], 0.5)).toBeNull();
    expect(locateRank([{ bin: 3, n: 0 }], 0.5)).toBeNull();
  });
});

describe("periods", () => {
  it("cover a range with its whole weeks (Monday first) and the days at its edges, each date once", () => {
    // Friday 30 October to Saturday 28 November 2026: weeks from Monday 2 to Monday 23 November.
    expect(weekCover({ from: "2026-10-30", to: "2026-11-28" })).toEqual({
      weeks: { from: "2026-11-02", until: "2026-11-23" },
      days: [
        { from: "2026-10-30", until: "2026-11-02" },
        { from: "2026-11-23", until: "2026-11-29" },
      ],
    });
    expect(weekCover({ from: "2026-11-02", to: "2026-11-15" })).toEqual({
      weeks: { from: "2026-11-02", until: "2026-11-16" },
      days: [],
    });
    expect(weekCover({ from: "2026-11-03", to: "2026-11-08" })).toEqual({
      weeks: null,
      days: [{ from: "2026-11-03", until: "2026-11-09" }],
    });
    for (let start = 0; start < 7; start++) {
      for (const length of [1, 6, 7, 8, 13, 30]) {
        const from = addDays("2026-11-02", start);
        const to = addDays(from, length - 1);
        const { weeks, days } = weekCover({ from, to });
        const covered: string[] = [];
        for (let d = weeks?.from; weeks && d! < weeks.until; d = addDays(d!, 1)) covered.push(d!);
        for (const r of days) for (let d = r.from; d < r.until; d = addDays(d, 1)) covered.push(d);
        expect(covered.sort()).toEqual(Array.from({ length }, (_, i) => addDays(from, i)));
        if (weeks) expect([weekdayOf(weeks.from), weekdayOf(weeks.until)]).toEqual([0, 0]);
      }
    }
  });

  it("turn local dates into instants, with local day buckets across daylight saving", () => {
    const p = makePeriod({ from: "2026-10-24", to: "2026-10-26" }, "Europe/Lisbon");
    expect(p.start.toISOString()).toBe("2026-10-23T23:00:00.000Z");
    expect(p.buckets.map((b) => [b.key, b.end.getTime() - b.start.getTime()])).toEqual([
      ["2026-10-24", 86_400_000],
      ["2026-10-25", 90_000_000],
      ["2026-10-26", 86_400_000],
    ]);
    expect(p.end.toISOString()).toBe("2026-10-27T00:00:00.000Z");
    expect(bucketIndexOfDate(p, "2026-10-25")).toBe(1);
    expect(bucketIndexOfDate(p, "2026-10-27")).toBe(-1);
  });
  it("use weeks starting on Monday past 92 days", () => {
    const p = makePeriod({ from: "2026-01-01", to: "2026-06-30" }, "UTC");
    expect(p.granularity).toBe("week");
    expect(p.buckets[0]).toMatchObject({ key: "2026-01-01", until: "2026-01-05" });
    expect(p.buckets[1].key).toBe("2026-01-05");
    expect(p.buckets.at(-1)!.until).toBe("2026-07-01");
  });
  it("default to the last 30 local days", () => {
    expect(lastDays(30, "Pacific/Auckland", t("2026-11-27T12:00:00Z"))).toEqual({
      from: "2026-10-30",
      to: "2026-11-28",
    });
  });
});

describe("dashboard filters", () => {
  it("report what is invalid and fall back to defaults", () => {
    const now = t("2026-11-27T12:00:00Z");
    expect(parseDashboardFilter({ from: "2026-11-01", to: "2026-11-30", network: "x" }, "UTC", now)).toEqual({
      filter: {
        range: { from: "2026-11-01", to: "2026-11-30" },
        brandId: null,
        network: "x",
        queueId: null,
        agentId: null,
      },
      errors: [],
    });
    const bad = parseDashboardFilter({ from: "2026-02-30", network: "myspace", to: "2026-11-01" }, "UTC", now);
    expect(bad.errors).toHaveLength(2);
    expect(bad.filter.network).toBeNull();
    const reversed = parseDashboardFilter({ from: "2026-11-20", to: "2026-11-01" }, "UTC", now);
    expect(reversed.errors[0]).toMatch(/starts .* after it ends/);
    expect(parseDashboardFilter({ from: "2020-01-01", to: "2026-11-01" }, "UTC", now).errors[0]).toMatch(
      /at most 731 days/,
    );
  });
  it("link figures to the inbox or the mentions list with the same filter", () => {
    const { filter } = parseDashboardFilter({ from: "2026-11-01", to: "2026-11-30", brand: "b1" }, "UTC");
    expect(casesLink(filter, "created", { from: "2026-11-03", to: "2026-11-03" })).toBe(
      "/inbox?view=all&metric=created&from=2026-11-03&to=2026-11-03&brand=b1",
    );
    expect(mentionsLink(filter, { sentiment: "NEGATIVE", dow: 0 })).toBe(
      "/mentions?from=2026-11-01&to=2026-11-30&brand=b1&sentiment=NEGATIVE&dow=0",
    );
  });
});

describe("response cycles", () => {
  it("ignore notes, bots and failed deliveries; FRT in calendar and business time", () => {
    const { cycles, outcomes } = replayCase(
      history([
        { kind: "inbound", at: t("2026-12-04T16:30:00Z") }, // Friday 16:30
        { kind: "reply", at: t("2026-12-04T16:35:00Z"), by: null, counted: false },
        { kind: "reply", at: t("2026-12-07T09:15:00Z"), by: "u1", counted: true }, // Monday 09:15
      ]),
    );
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ firstReplyById: "u1", frtMinutes: 60 * 64 + 45, frtBusinessMinutes: 45 });
    // Due 30 business minutes into Friday + 30 on Monday = Monday 09:30: met at 09:15.
    expect(outcomes.find((o) => o.target === "firstResponse")).toMatchObject({
      met: true,
      dueAt: t("2026-12-07T09:30:00Z"),
    });
  });

  it("start a new cycle at a reopening, and stop the clocks while pending", () => {
    const { cycles, outcomes } = replayCase(
      history(
        [
          { kind: "inbound", at: t("2026-12-07T10:00:00Z") },
          { kind: "status", at: t("2026-12-07T10:10:00Z"), to: "PENDING", by: "u1" }, // 10 of 60 minutes used
          { kind: "status", at: t("2026-12-07T13:00:00Z"), to: "OPEN", by: "u1" }, // resumes: due 13:50
          { kind: "reply", at: t("2026-12-07T13:40:00Z"), by: "u1", counted: true },
          { kind: "status", at: t("2026-12-07T14:00:00Z"), to: "SOLVED", by: "u2" },
          { kind: "inbound", at: t("2026-12-08T09:00:00Z") },
          { kind: "status", at: t("2026-12-08T09:00:00Z"), to: "OPEN", by: null },
          { kind: "reply", at: t("2026-12-08T11:00:00Z"), by: "u2", counted: true },
        ],
        { status: "OPEN" },
      ),
    );
    expect(cycles.map((c) => [c.index, c.startedAt.toISOString(), c.frtMinutes, c.solvedById])).toEqual([
      [0, "2026-12-07T10:00:00.000Z", 220, "u2"],
      [1, "2026-12-08T09:00:00.000Z", 120, null],
    ]);
    expect(outcomes.filter((o) => o.target === "firstResponse").map((o) => [o.cycleIndex, o.met])).toEqual([
      [0, true],
      [1, false],
    ]);
    // The reopened cycle's resolution clock still runs: stored as running, not yet decided.
    expect(outcomes.find((o) => o.cycleIndex === 1 && o.target === "resolution")).toMatchObject({ met: null });
  });

  it("start the next-response clock when the customer writes after a reply", () => {
    const { outcomes } = replayCase(
      history([
        { kind: "inbound", at: t("2026-12-07T10:00:00Z") },
        { kind: "reply", at: t("2026-12-07T10:20:00Z"), by: "u1", counted: true },
        { kind: "inbound", at: t("2026-12-07T11:00:00Z") },
        { kind: "reply", at: t("2026-12-07T11:45:00Z"), by: "u1", counted: true }, // 45 > 30: breached at 11:30
      ]),
    );
    expect(outcomes.find((o) => o.target === "nextResponse")).toMatchObject({
      met: false,
      at: t("2026-12-07T11:30:00Z"),
    });
  });

  it("close a history without events at the case's status (rows written without a history)", () => {
    const { cycles } = replayCase(
      history([{ kind: "inbound", at: t("2026-12-07T10:00:00Z") }], {
        status: "SOLVED",
        solvedAt: t("2026-12-07T12:00:00Z"),
      }),
    );
    expect(cycles[0]).toMatchObject({ closedAt: t("2026-12-07T12:00:00Z"), resolutionMinutes: 120 });
  });
});
