// Wall-clock time in an IANA time zone, daylight-saving changes included. Pure (Intl only).
// The base of business time (lib/sla/business-time.ts) and of local dates (./dates.ts).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens. A time skipped by a spring-forward change is
 * shifted forward by the gap (02:30 → 03:30), as calendars and Temporal's "compatible" do; a
 * repeated one (fall back) is its first occurrence.
 */
export function zonedInstant(year: number, month: number, day: number, minutesOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutesOfDay);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return first;
  // Around a change: prefer the candidate that reads back as the wanted wall time.
  const reads = (t: number) => {
    const p = localParts(t, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
  };
  if (reads(Math.min(first, second))) return Math.min(first, second);
  if (reads(Math.max(first, second))) return Math.max(first, second);
  // In the gap: the wall time does not exist; read it with the offset from before the change.
  return Math.max(first, second);
}
