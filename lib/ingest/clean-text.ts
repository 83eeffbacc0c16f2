// Text that PostgreSQL can store. Pure.
//
// PostgreSQL refuses U+0000 in text columns and `\u0000` in JSONB strings and keys, and JSONB
// refuses an unpaired surrogate escape (`\ud800` alone); either failure aborts the whole batch
// write. Other C0 control characters are stored fine but are noise in readable text, so
// readable fields lose them too (tab, newline and carriage return stay).

/** Characters that are never kept: NUL and any C0 control except tab, newline, CR. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Replaces unpaired surrogates with U+FFFD (what a UTF-8 encoder writes for them anyway). */
function wellFormed(value: string): string {
  return LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, "\ufffd") : value;
}

/** A readable field: no NUL, no other C0 control except \t \n \r, no lone surrogate. */
export function cleanText(value: string): string {
  return wellFormed(value.replace(CONTROLS, ""));
}

/** A payload string kept as faithfully as storage allows: only NUL and lone surrogates go. */
export function cleanPayloadString(value: string): string {
  return wellFormed(value.includes("\u0000") ? value.replace(NUL, "") : value);
}

/**
 * A JSON-like value (the raw payload) with every string and every key made storable.
 * Returns the same object when nothing needed cleaning. Dates and other non-plain objects
 * are left as they are (JSON.stringify decides what they become).
 */
export function cleanPayload(value: unknown, clean: (s: string) => string = cleanPayloadString, depth = 0): unknown {
  if (typeof value === "string") return clean(value);
  // A payload nested deeper than any real API answers is cut there, so one absurd post can
  // neither overflow the stack here nor in JSON.stringify when it is stored.
  if (depth >= MAX_PAYLOAD_DEPTH && typeof value === "object" && value !== null) return TOO_DEEP;
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item) => {
      const cleaned = cleanPayload(item, clean, depth + 1);
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return changed ? next : value;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
    const cleanKey = clean(key);
    const cleaned = cleanPayload(item, clean, depth + 1);
    if (cleanKey !== key || cleaned !== item) changed = true;
    return [cleanKey, cleaned];
  });
  // fromEntries defines "__proto__" as an own key, as JSON.parse does, instead of setting the prototype.
  return changed ? Object.fromEntries(entries) : value;
}

const MAX_PAYLOAD_DEPTH = 64;
const TOO_DEEP = "[nested too deep]";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when PostgreSQL can store the string in a text column. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/**
 * True when the JSON text can go into a JSONB column: no `\u0000` escape and no escaped
 * surrogate that is not part of a pair. (Raw NUL or lone surrogates cannot appear in valid
 * JSON.stringify output: it escapes both.)
 */
export function isStorableJson(json: string): boolean {
  if (!isStorableText(json)) return false;
  for (const m of json.matchAll(/(\\*)\\u(d[89ab][0-9a-f]{2}|d[c-f][0-9a-f]{2}|0000)/gi)) {
    if (m[1].length % 2 === 1) continue; // the backslash itself is escaped: literal text, not an escape
    const code = m[2].toLowerCase();
    if (code === "0000") return false;
    const at = m.index + m[0].length;
    if (code[1] <= "b") {
      // high surrogate: must be followed by an escaped low surrogate
      if (!/^\\u(d[c-f][0-9a-f]{2})/i.test(json.slice(at, at + 6))) return false;
    } else {
      const before = json.slice(Math.max(0, m.index + m[1].length - 6), m.index + m[1].length);
      if (!/^\\u(d[89ab][0-9a-f]{2})$/i.test(before)) return false;
    }
  }
  return true;
}
