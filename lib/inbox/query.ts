// The inbox's views, filters and search, parsed from the URL and compiled to SQL. Pure.
// Values only ever travel as parameters (lib/db/sql.ts); column names are fixed text.
import { z } from "zod";
import { join, sql, typed, typedArray, type Sql } from "@/lib/db/sql";
import { NETWORKS } from "@/lib/ingest/mention";
import { CASE_METRICS, SLA_TARGETS, caseMetricExists } from "@/lib/metrics/case-metric";
import { DATE_RULE, MAX_YEAR, MIN_YEAR, addDays, isLocalDate, startOfLocalDate } from "@/lib/metrics/period";
import { ID_PATTERN, exactTextParam, firstValue, idParam, parseFields, textParam, type SearchParams } from "@/lib/util/params";

export const STATUSES = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const;
export const OPEN_STATUSES = ["NEW", "OPEN", "PENDING", "ON_HOLD"] as const;
export const PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;
export const FIXED_VIEWS = ["mine", "unassigned", "vip", "negative", "sla_risk", "sla_breached", "all"] as const;
export const PAGE_SIZE = 50;

// Every field accepts "absent" (its default); parseFields reports a field it can't use and
// falls back to that default, so a bad parameter never reaches SQL and never throws.
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")), z.array(item).max(20, "lists more than 20 values"));
const one = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());

export const inboxQueryFields = {
  view: z.preprocess(firstValue, z.union([z.enum(FIXED_VIEWS), z.string().regex(/^queue:[\w-]{1,100}$/)], { error: "is not a view of the inbox" }).default("mine")),
  status: list(z.enum(STATUSES)),
  priority: list(z.enum(PRIORITIES)),
  brand: list(idParam),
  network: list(z.enum(NETWORKS)),
  sentiment: list(z.enum(SENTIMENTS)),
  /** User ids, or "none" for unassigned. */
  assignee: list(idParam),
  tag: list(exactTextParam(60)),
  q: textParam(200).default(""),
  /** Queue ids, or "none" for cases in no queue. */
  queue: list(idParam),
  // A dashboard figure's drill-down: the cases it counts, over local dates from–to.
  metric: one(z.enum(CASE_METRICS as [string, ...string[]])),
  from: one(z.string().refine(isLocalDate, DATE_RULE)),
  to: one(z.string().refine(isLocalDate, DATE_RULE)),
  target: one(z.enum(SLA_TARGETS)),
  after: one(z.string().max(300).refine((s) => decodeCursor(s) !== null, "is not a page of this list")),
};

export const inboxQuerySchema = z.object(inboxQueryFields);

export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** The inbox's query from the URL, and what in it was not understood (shown, then ignored). */
export function parseInboxQueryWithProblems(params: SearchParams): { query: InboxQuery; problems: string[] } {
  const { value, problems } = parseFields(inboxQueryFields, params);
  return { query: value, problems };
}

export function parseInboxQuery(params: SearchParams): InboxQuery {
  return parseInboxQueryWithProblems(params).query;
}

/** The search box's words as a prefix tsquery ("lost bag" → "lost:* & bag:*"); null when empty. */
export function searchQuery(q: string): string | null {
  const words = q.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(" & ") : null;
}

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

export interface Compiled {
  /** The conditions as a fragment, for the statement that uses them. */
  sql: Sql;
  /** The same, standalone: its text (numbered from $1) and its parameters, to inspect. */
  where: string;
  params: unknown[];
}

// OPEN_STATUSES as literals, not a parameter: the open-case partial indexes ("Case_inbox_*")
// apply only when the planner sees the same list as theirs.
export const OPEN_LIST = sql`('NEW','OPEN','PENDING','ON_HOLD')`;

/** Cases (alias c) whose column is one of `ids`, or null when "none" is among them. */
function anyOrNone(column: Sql, ids: string[]): Sql {
  const some = ids.filter((id) => id !== "none");
  const parts = [some.length ? sql`${column} = ANY(${typedArray(some, "text")})` : null, ids.includes("none") ? sql`${column} IS NULL` : null].filter((x): x is Sql => x !== null);
  return sql`(${join(parts, " OR ")})`;
}

/**
 * The WHERE clause of a view with its filters (alias c for "Case"). The workspace is always the
 * first condition. `now` decides SLA states; `userId` is "mine".
 */
export function compileWhere(workspaceId: string, userId: string, query: InboxQuery, now: Date, options: { withCursor?: boolean; timeZone?: string } = {}): Compiled {
  const clauses = [sql`c."workspaceId" = ${workspaceId}`];
  // Views.
  const v = query.view;
  if (v === "mine") clauses.push(sql`c."assigneeId" = ${userId}`, sql`c."status" IN ${OPEN_LIST}`);
  else if (v === "unassigned") clauses.push(sql`c."assigneeId" IS NULL`, sql`c."status" IN ${OPEN_LIST}`);
  // VIP contacts are few: a hashed set, probed once per case, not a lookup per row.
  else if (v === "vip") clauses.push(sql`c."status" IN ${OPEN_LIST}`, sql`c."contactId" IN (SELECT vc."id" FROM "Contact" vc WHERE vc."workspaceId" = ${workspaceId} AND lower(vc."tier") = 'vip')`);
  else if (v === "negative") clauses.push(sql`c."status" IN ${OPEN_LIST}`, sql`c."sentiment" = 'NEGATIVE'`);
  else if (v === "sla_risk") clauses.push(sql`c."slaPausedAt" IS NULL`, sql`c."slaAtRiskAt" <= ${now}`, sql`c."slaDueAt" > ${now}`);
  else if (v === "sla_breached") clauses.push(sql`c."slaPausedAt" IS NULL`, sql`c."slaDueAt" <= ${now}`);
  else if (v.startsWith("queue:")) clauses.push(sql`c."queueId" = ${v.slice(6)}`, sql`c."status" IN ${OPEN_LIST}`);
  // Filters.
  if (query.status.length) clauses.push(sql`c."status"::text = ANY(${typedArray(query.status, "text")})`);
  if (query.priority.length) clauses.push(sql`c."priority"::text = ANY(${typedArray(query.priority, "text")})`);
  if (query.brand.length) clauses.push(sql`c."brandId" = ANY(${typedArray(query.brand, "text")})`);
  if (query.tag.length) clauses.push(sql`c."tags" && ${typedArray(query.tag, "text")}`);
  if (query.assignee.length) clauses.push(anyOrNone(sql`c."assigneeId"`, query.assignee));
  if (query.queue.length) clauses.push(anyOrNone(sql`c."queueId"`, query.queue));
  if (query.metric && query.from && query.to) {
    const tz = options.timeZone ?? "UTC";
    clauses.push(caseMetricExists(query.metric as never, startOfLocalDate(query.from, tz), startOfLocalDate(addDays(query.to, 1), tz), now, query.target));
  }
  // Network and sentiment are the case's latest inbound mention's (kept on the case).
  if (query.network.length) clauses.push(sql`c."network"::text = ANY(${typedArray(query.network, "text")})`);
  if (query.sentiment.length) clauses.push(sql`c."sentiment"::text = ANY(${typedArray(query.sentiment, "text")})`);
  const tsq = searchQuery(query.q);
  if (tsq) {
    // Full-text search: the case's own search vector (its subject and its customers' messages,
    // GIN-indexed), or its contact's name (a hashed set of the few contacts whose name matches).
    clauses.push(sql`(c."searchVector" @@ to_tsquery('simple', ${tsq})
      OR c."contactId" IN (SELECT sct."id" FROM "Contact" sct WHERE sct."workspaceId" = ${workspaceId} AND to_tsvector('simple', sct."name") @@ to_tsquery('simple', ${tsq})))`);
  }
  const cursor = options.withCursor ? decodeCursor(query.after) : null;
  if (cursor) clauses.push(sql`(c."lastActivityAt", c."id") < (${typed(new Date(cursor.at), "timestamptz")}, ${cursor.id})`);
  const where = join(clauses, " AND ");
  return { sql: where, where: where.text, params: where.values };
}
