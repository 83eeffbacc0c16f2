// Search and path parameters checked at the boundary, before they reach SQL. Pure (zod only).
// PostgreSQL refuses NUL in text parameters (error 22021, a 500 if it gets that far), and a
// lone UTF-16 surrogate is not text at all; ids have a known shape, so anything else is
// refused before a query is made.
import { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

// NUL and the other C0 controls but tab, line feed and carriage return, and DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the text holds nothing the database or a page can't take (NUL, controls, broken UTF-16). */
export function isSafeText(s: string): boolean {
  CONTROL.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

/** The text without NUL, other control characters and lone surrogates. */
export function cleanText(s: string): string {
  return s.replace(CONTROL, "").replace(LONE_SURROGATE, "");
}

/** A repeated parameter (`?q=a&q=b`) counts by its first value. */
export function firstValue(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

export const ID_PATTERN = /^[\w-]{1,100}$/;

/** A database id as the console makes them (cuid-like: letters, digits, _ and -). */
export const idParam = z.string().regex(ID_PATTERN, "is not a valid id");

/** Free text a user may type (a search box): cleaned, then limited in length. */
export const textParam = (max: number) =>
  z.preprocess(
    firstValue,
    z
      .string()
      .transform(cleanText)
      .pipe(z.string().trim().max(max, `is longer than ${max} characters`)),
  );

/** Text compared with stored values (a tag): refused rather than changed when it holds characters no stored value can. */
export const exactTextParam = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "is empty")
    .max(max, `is longer than ${max} characters`)
    .refine(isSafeText, "holds characters that no stored value can (NUL, control characters or broken Unicode)");

/** A route's path parameters, or a 400's message naming what was wrong. */
export function checkParams<T>(
  schema: z.ZodType<T>,
  params: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: describeIssues(parsed.error.issues) };
}

/** "id is not a valid id" — the first few issues, each with the parameter it is about. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `"${i.path.map(String).join(".")}" ` : ""}${i.message}`)
    .join("; ");
}

export interface FieldsResult<T> {
  value: T;
  /** One message per parameter that was given but not understood (and so left at its default). */
  problems: string[];
}

/**
 * Parses search params field by field: a field that fails its schema is reported and falls back
 * to what the schema makes of "absent", so one bad parameter never hides the rest or throws.
 * Every field's schema must accept undefined (optional, or with a default).
 */
export function parseFields<S extends Record<string, z.ZodType>>(
  fields: S,
  params: SearchParams,
): FieldsResult<{ [K in keyof S]: z.output<S[K]> }> {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    const raw = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
    const given = raw !== undefined && raw !== "" && !(Array.isArray(raw) && raw.length === 0);
    const parsed = schema.safeParse(given ? raw : undefined);
    if (parsed.success) {
      value[key] = parsed.data;
      continue;
    }
    value[key] = schema.parse(undefined);
    problems.push(`"${key}" ${parsed.error.issues[0]?.message ?? "is invalid"}; it was ignored.`);
  }
  return { value: value as { [K in keyof S]: z.output<S[K]> }, problems };
}

/** The path parameters of a route under /[id]/. */
export const idRouteParams = z.object({ id: idParam });
