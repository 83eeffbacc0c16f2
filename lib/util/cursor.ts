// The cursor of a list paged by (instant, id), newest first: the inbox's cases and the mentions
// list. Opaque in the URL (base64url of JSON); decoding accepts only what encodeCursor writes,
// so a cursor's values can go to SQL as parameters as they are. Pure.
import { MAX_YEAR, MIN_YEAR } from "@/lib/time/dates";
import { ID_PATTERN } from "./params";

export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString("base64url");
}

// A cursor's instant: exactly as encodeCursor writes it (toISOString), in the years the console
// works in, so it can go to PostgreSQL as a timestamp as it is.
const CURSOR_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z?$/;

function isCursorInstant(at: unknown): at is string {
  if (typeof at !== "string") return false;
  const m = CURSOR_INSTANT.exec(at);
  if (!m || +m[1] < MIN_YEAR || +m[1] > MAX_YEAR) return false;
  // Date.parse takes 2026-02-30 and 24:00 (PostgreSQL does not): the instant must read back the same.
  const ms = Date.parse(at.endsWith("Z") ? at : `${at}Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === at.slice(0, 19);
}

/** A page cursor from the URL, or null when it is not one this app wrote. */
export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s || s.length > 300) return null;
  try {
    const [at, cid] = JSON.parse(Buffer.from(s, "base64url").toString());
    return isCursorInstant(at) && typeof cid === "string" && ID_PATTERN.test(cid) ? { at, id: cid } : null;
  } catch {
    return null;
  }
}
