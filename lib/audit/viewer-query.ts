// The audit log viewer's filters (actor, action, object, local date range) and its keyset
// paging, parsed from the URL. Pure (zod, lib/time, lib/util): the data layer (./viewer.ts)
// turns the result into SQL.
import { z } from "zod";
import { DATE_RULE, addDays, isLocalDate, startOfLocalDate } from "@/lib/time/dates";
import { decodeCursor, encodeCursor, type Cursor } from "@/lib/util/cursor";
import { firstValue, idParam, parseFields, type SearchParams } from "@/lib/util/params";

/** The actor filter's value for rows written by the system (no acting user). */
export const SYSTEM_ACTOR = "system";

const one = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());
const cursorParam = z
  .string()
  .max(300)
  .refine((s) => decodeCursor(s) !== null, "is not a page of this list");

export const auditQueryFields = {
  /** A member's user id, or "system" for rows without an acting user. */
  actor: one(z.union([z.literal(SYSTEM_ACTOR), idParam], { error: 'is not a user id or "system"' })),
  /** An action ("member.role_changed"), or a prefix ending in a dot ("contact.") for a family of them. */
  action: one(
    z
      .string()
      .max(100, "is longer than 100 characters")
      .regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*\.?$/, "is not an action name"),
  ),
  /** The object's type as audit rows name it ("Contact", "apiKey"), matched whatever the case of its first letter or all letters. */
  objectType: one(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/, "is not an object type")),
  objectId: one(idParam),
  from: one(z.string().refine(isLocalDate, DATE_RULE)),
  to: one(z.string().refine(isLocalDate, DATE_RULE)),
  /** Older rows than this cursor (the "Older" link). */
  after: one(cursorParam),
  /** Newer rows than this cursor (the "Newer" link). */
  before: one(cursorParam),
};

export type AuditQuery = z.output<z.ZodObject<typeof auditQueryFields>>;
export type AuditFilter = Omit<AuditQuery, "after" | "before">;

/**
 * The viewer's query from the URL and what in it was not understood (shown, then ignored).
 * Besides each field's own rules: an object id needs its type, the range must not run
 * backwards, and only one paging direction counts.
 */
export function parseAuditQuery(params: SearchParams): { query: AuditQuery; problems: string[] } {
  const { value, problems } = parseFields(auditQueryFields, params);
  const query: AuditQuery = { ...value };
  if (query.objectId && !query.objectType) {
    problems.push('"objectId" needs "objectType" (e.g. objectType=Contact); it was ignored.');
    query.objectId = undefined;
  }
  if (query.from && query.to && query.from > query.to) {
    problems.push(`"from" (${query.from}) is after "to" (${query.to}); the dates were ignored.`);
    query.from = query.to = undefined;
  }
  if (query.after && query.before) {
    problems.push('"after" and "before" were both given; "before" was ignored.');
    query.before = undefined;
  }
  return { query, problems };
}

export const isActionPrefix = (action: string) => action.endsWith(".");

/**
 * The stored actions an action filter stands for: itself, or for a prefix every action seen
 * that starts with it. Matching against the list of actions seen (not with LIKE) keeps the
 * query on the (workspaceId, action, createdAt) index whatever the database's collation.
 */
export function actionsMatching(action: string, seen: readonly string[]): string[] {
  return isActionPrefix(action) ? seen.filter((a) => a.startsWith(action)) : [action];
}

/** The families ("contact.", "reply.") of the actions seen, for the filter's choices. */
export function actionPrefixes(seen: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const a of seen) {
    const dot = a.indexOf(".");
    if (dot > 0 && dot < a.length - 1) prefixes.add(a.slice(0, dot + 1));
  }
  return [...prefixes].sort();
}

/**
 * The spellings an object type may be stored under: code writes both "Contact" and "contact",
 * "apiKey" and "ApiKey". An exact list (not lower()) keeps the (workspaceId, targetType,
 * targetId) index usable.
 */
export function targetTypeVariants(type: string): string[] {
  const lower = type.toLowerCase();
  const upperFirst = type[0].toUpperCase() + type.slice(1);
  const lowerFirst = type[0].toLowerCase() + type.slice(1);
  return [...new Set([type, lower, upperFirst, lowerFirst, lower[0].toUpperCase() + lower.slice(1)])];
}

/** The instants a local date range covers, in the workspace's zone: [since, until). */
export function instantRange(
  filter: Pick<AuditFilter, "from" | "to">,
  timeZone: string,
): { since: Date | null; until: Date | null } {
  return {
    since: filter.from ? startOfLocalDate(filter.from, timeZone) : null,
    until: filter.to ? startOfLocalDate(addDays(filter.to, 1), timeZone) : null,
  };
}

/** A row's place in the list (newest first by createdAt, then id), as a URL cursor. */
export function cursorOf(row: { createdAt: Date; id: string }): string {
  return encodeCursor({ at: row.createdAt.toISOString().slice(0, 23), id: row.id });
}

export interface PageRequest {
  /** "older": rows below the cursor, newest first; "newer": rows above it, oldest first. */
  direction: "older" | "newer";
  cursor: Cursor | null;
}

export function pageRequest(query: Pick<AuditQuery, "after" | "before">): PageRequest {
  if (query.before) return { direction: "newer", cursor: decodeCursor(query.before) };
  return { direction: "older", cursor: decodeCursor(query.after) };
}

export interface AuditPage<T> {
  /** Newest first. */
  rows: T[];
  /** The "Older" link's cursor, or null at the oldest row. */
  older: string | null;
  /** The "Newer" link's cursor, or null on the newest page. */
  newer: string | null;
}

/**
 * A page from `fetched`: up to size + 1 rows read in the request's direction (the extra row
 * only says there is more). A newer-page is read oldest first and turned around.
 */
export function shapePage<T extends { createdAt: Date; id: string }>(
  fetched: T[],
  size: number,
  request: PageRequest,
): AuditPage<T> {
  const more = fetched.length > size;
  const shown = fetched.slice(0, size);
  if (request.direction === "newer") {
    const rows = shown.reverse();
    return {
      rows,
      newer: more && rows.length ? cursorOf(rows[0]) : null,
      // The cursor's own row (and everything under it) is older than this page.
      older: rows.length ? cursorOf(rows[rows.length - 1]) : request.cursor ? encodeCursor(request.cursor) : null,
    };
  }
  return {
    rows: shown,
    older: more ? cursorOf(shown[shown.length - 1]) : null,
    newer: !request.cursor ? null : shown.length ? cursorOf(shown[0]) : encodeCursor(request.cursor),
  };
}

/** The filter as URL parameters (no paging), for the paging links and the CSV link. */
export function filterSearchParams(filter: AuditFilter): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["actor", "action", "objectType", "objectId", "from", "to"] as const) {
    const v = filter[key];
    if (v) out.set(key, v);
  }
  return out;
}

/**
 * The console page of an audit row's object: a contact, a social profile, or a case (by its
 * number, which `caseNumbers` maps from the case id). Types are matched whatever their case,
 * as code writes both "Contact" and "contact".
 */
export function objectLink(
  targetType: string,
  targetId: string | null,
  caseNumbers: ReadonlyMap<string, number> = new Map(),
): string | null {
  if (!targetId) return null;
  const id = encodeURIComponent(targetId);
  switch (targetType.toLowerCase()) {
    case "contact":
      return `/contacts/${id}`;
    case "socialidentity":
      return `/contacts/profiles/${id}`;
    case "case": {
      const n = caseNumbers.get(targetId);
      return n === undefined ? null : `/cases/${n}`;
    }
    default:
      return null;
  }
}

/** Object types for the filter's choices: one per spelling that differs only in case (the filter matches any). */
export function distinctTypes(seen: readonly string[]): string[] {
  const byLower = new Map<string, string>();
  // The capitalised spelling ("Contact") is preferred to "contact" when both are stored.
  for (const t of [...seen].sort()) if (!byLower.has(t.toLowerCase())) byLower.set(t.toLowerCase(), t);
  return [...byLower.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

/** The choice that a URL's object type selects (matched whatever its case), or the type itself. */
export function chosenType(type: string, choices: readonly string[]): string {
  return choices.find((c) => c.toLowerCase() === type.toLowerCase()) ?? type;
}
