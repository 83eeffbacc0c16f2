// Periods and buckets in the workspace's time zone (docs/metrics.md, "Period"). A range of
// local dates, both ends included, becomes the instants [from, to); buckets are local days, or
// local weeks starting on Monday for ranges longer than 92 days. Pure (Intl only). The local
// dates themselves are lib/time/dates.ts's.
import { addDays, daysBetween, localDateOf, startOfLocalDate, weekdayOf } from "@/lib/time/dates";

// Kept here for the scripts and integration tests that still import them from this module;
// code under lib/ imports lib/time/dates directly.

export interface LocalDateRange {
  /** "YYYY-MM-DD", local, included. */
  from: string;
  /** "YYYY-MM-DD", local, included. */
  to: string;
}

export interface Period extends LocalDateRange {
  timeZone: string;
  start: Date;
  end: Date;
  granularity: "day" | "week";
  buckets: Bucket[];
}

export interface Bucket {
  /** The local date the bucket starts on. */
  key: string;
  /** The local date after its last day (exclusive). */
  until: string;
  start: Date;
  end: Date;
}

export const MAX_RANGE_DAYS = 731;

export function makePeriod(range: LocalDateRange, timeZone: string): Period {
  const days = daysBetween(range.from, range.to) + 1;
  const granularity = days > 92 ? "week" : "day";
  const buckets: Bucket[] = [];
  const endDate = addDays(range.to, 1);
  let key = range.from;
  while (key < endDate) {
    const next = granularity === "day" ? addDays(key, 1) : addDays(key, 7 - weekdayOf(key));
    const until = next < endDate ? next : endDate;
    buckets.push({ key, until, start: startOfLocalDate(key, timeZone), end: startOfLocalDate(until, timeZone) });
    key = until;
  }
  return {
    ...range,
    timeZone,
    start: startOfLocalDate(range.from, timeZone),
    end: startOfLocalDate(endDate, timeZone),
    granularity,
    buckets,
  };
}

/** The last `days` local days up to and including today. */
export function lastDays(days: number, timeZone: string, now = new Date()): LocalDateRange {
  const today = localDateOf(now, timeZone);
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The bucket a local date falls in (buckets are contiguous and sorted). */
export function bucketIndexOfDate(period: Period, date: string): number {
  if (date < period.from || date > period.to) return -1;
  let lo = 0;
  let hi = period.buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (period.buckets[mid].key <= date) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A range of local dates as its whole weeks (Monday first; `weeks` null when it holds none) and
 * the days outside them — how the per-week rollups are read with the per-day ones at the edges.
 */
export function weekCover(range: LocalDateRange): {
  weeks: { from: string; until: string } | null;
  days: Array<{ from: string; until: string }>;
} {
  const end = addDays(range.to, 1);
  const first = addDays(range.from, (7 - weekdayOf(range.from)) % 7);
  const last = addDays(end, -weekdayOf(end));
  if (first >= last) return { weeks: null, days: [{ from: range.from, until: end }] };
  const days = [
    { from: range.from, until: first },
    { from: last, until: end },
  ].filter((d) => d.from < d.until);
  return { weeks: { from: first, until: last }, days };
}
