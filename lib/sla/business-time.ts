// Business-time arithmetic: weekly hours in a time zone, holidays, daylight-saving changes.
// Pure (Intl only). Every SLA figure in Earshot comes from these functions.
import { localParts, zonedInstant } from "@/lib/time/zone";

export type Weekday = "sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat";
const WEEKDAYS: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export interface BusinessCalendar {
  timeZone: string;
  /** Local opening hours per weekday, "HH:MM" pairs; a day without entries is closed. */
  weekly: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Local dates ("YYYY-MM-DD") that are closed all day. */
  holidays: string[];
}

/** Null calendar: the clock runs around the clock (calendar time). */
export type Calendar = BusinessCalendar | null;

const MINUTE = 60_000;

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + (m || 0);
};

const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** Open intervals [from, to) in UTC milliseconds of one local date. */
function openIntervals(cal: BusinessCalendar, y: number, m: number, d: number): Array<[number, number]> {
  if (cal.holidays.includes(isoDate(y, m, d))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return (cal.weekly[weekday] ?? [])
    .map(([from, to]) => {
      const end = toMinutes(to) === 0 ? 24 * 60 : toMinutes(to); // "00:00" as an end means midnight
      return [zonedInstant(y, m, d, toMinutes(from), cal.timeZone), zonedInstant(y, m, d, end, cal.timeZone)] as [
        number,
        number,
      ];
    })
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
}

function nextDate(y: number, m: number, d: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function hasAnyHours(cal: BusinessCalendar): boolean {
  return WEEKDAYS.some((w) =>
    (cal.weekly[w] ?? []).some(([a, b]) => toMinutes(b === "00:00" ? "24:00" : b) > toMinutes(a)),
  );
}

/** Walks the open intervals from an instant on, a local day at a time (at most ~3 years). */
function* openFrom(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  const start = localParts(from - 24 * 60 * MINUTE, cal.timeZone); // the day before: intervals crossing midnight
  let [y, m, d] = [start.year, start.month, start.day];
  for (let i = 0; i < 1200; i++) {
    for (const [a, b] of openIntervals(cal, y, m, d)) if (b > from) yield [Math.max(a, from), b];
    [y, m, d] = nextDate(y, m, d);
  }
}

/** The instant `minutes` business minutes after `start` (start itself when minutes is 0 and open). */
export function addBusinessMinutes(cal: Calendar, start: Date, minutes: number): Date {
  if (!cal) return new Date(start.getTime() + minutes * MINUTE);
  if (!hasAnyHours(cal)) throw new Error("These business hours have no open time.");
  let left = minutes * MINUTE;
  for (const [a, b] of openFrom(cal, start.getTime())) {
    if (b - a >= left) return new Date(a + left);
    left -= b - a;
  }
  throw new Error("The target lies more than three years ahead in business time.");
}

/** Business minutes between two instants (0 when b ≤ a). */
export function businessMinutesBetween(cal: Calendar, a: Date, b: Date): number {
  if (b <= a) return 0;
  if (!cal) return (b.getTime() - a.getTime()) / MINUTE;
  let total = 0;
  for (const [from, to] of openFrom(cal, a.getTime())) {
    if (from >= b.getTime()) break;
    total += Math.min(to, b.getTime()) - from;
  }
  return total / MINUTE;
}

/** Whether the calendar is open at an instant. */
export function isOpen(cal: Calendar, at: Date): boolean {
  if (!cal) return true;
  const p = localParts(at.getTime(), cal.timeZone);
  return openIntervals(cal, p.year, p.month, p.day).some(([a, b]) => at.getTime() >= a && at.getTime() < b);
}
