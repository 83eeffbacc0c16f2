// Local calendar dates ("YYYY-MM-DD") and the instants they start at in a time zone, as the
// inbox, the mentions list and the dashboard take them from the URL. Pure (Intl only).
import { localParts, zonedInstant } from "./zone";

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
