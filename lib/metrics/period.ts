// Periods and buckets in the workspace's time zone (docs/metrics.md, "Period"). A range of
// local dates, both ends included, becomes the instants [from, to); buckets are local days, or
// local weeks starting on Monday for ranges longer than 92 days. Pure (Intl only).
import { localParts, zonedInstant } from "@/lib/sla/business-time";

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// The years the console works in. Dates outside them come from typos or probing, and near the
// ends of what Date and PostgreSQL hold (year 0, 10000) the date arithmetic itself breaks.
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const DATE_RULE = `must be a real date from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31, written YYYY-MM-DD`;

/** A real calendar date written YYYY-MM-DD, in the years MIN_YEAR to MAX_YEAR. */
export function isLocalDate(s: string): boolean {
  const m = typeof s === "string" ? DATE.exec(s) : null;
  if (!m) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Local midnight starting a local date, as an instant. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(zonedInstant(y, m, d, 0, timeZone));
}

export function localDateOf(at: Date, timeZone: string): string {
  const p = localParts(at.getTime(), timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Monday = 0 … Sunday = 6, of a local date. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
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
  return { ...range, timeZone, start: startOfLocalDate(range.from, timeZone), end: startOfLocalDate(endDate, timeZone), granularity, buckets };
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
export function weekCover(range: LocalDateRange): { weeks: { from: string; until: string } | null; days: Array<{ from: string; until: string }> } {
  const end = addDays(range.to, 1);
  const first = addDays(range.from, (7 - weekdayOf(range.from)) % 7);
  const last = addDays(end, -weekdayOf(end));
  if (first >= last) return { weeks: null, days: [{ from: range.from, until: end }] };
  const days = [{ from: range.from, until: first }, { from: last, until: end }].filter((d) => d.from < d.until);
  return { weeks: { from: first, until: last }, days };
}
