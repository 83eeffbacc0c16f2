// The inbox's views, filters and search, parsed from the URL and compiled to SQL. Pure.
// Values only ever travel as parameters (lib/db/sql.ts); column names are fixed text.
import { z } from "zod";
import { join, sql, typed, typedArray, type Sql } from "@/lib/db/sql";
import { CASE_STATUSES, NETWORKS, PRIORITIES, SENTIMENTS } from "@/lib/domain/vocabulary";
import { CASE_METRICS, SLA_TARGETS, caseMetricExists } from "@/lib/metrics/case-metric";
import { DATE_RULE, addDays, isLocalDate, startOfLocalDate } from "@/lib/time/dates";
import { decodeCursor } from "@/lib/util/cursor";
import { exactTextParam, firstValue, idParam, parseFields, textParam, type SearchParams } from "@/lib/util/params";

// The inbox pages by (last activity, id); the codec is shared with the mentions list.

export const FIXED_VIEWS = ["mine", "unassigned", "vip", "negative", "sla_risk", "sla_breached", "all"] as const;
export const PAGE_SIZE = 50;

// Every field accepts "absent" (its default); parseFields reports a field it can't use and
// falls back to that default, so a bad parameter never reaches SQL and never throws.
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")),
    z.array(item).max(20, "lists more than 20 values"),
  );
const one = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());

export const inboxQueryFields = {
  view: z.preprocess(
    firstValue,
    z
      .union([z.enum(FIXED_VIEWS), z.string().regex(/^queue:[\w-]{1,100}$/)], { error: "is not a view of the inbox" })
      .default("mine"),
  ),
  status: list(z.enum(CASE_STATUSES)),
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
  after: one(
    z
      .string()
      .max(300)
      .refine((s) => decodeCursor(s) !== null, "is not a page of this list"),
  ),
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
  const words =
    q
      .toLowerCase()
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((w) => `${w}:*`)
        .join(" & ")
    : null;
}

export interface Compiled {
  /** The conditions as a fragment, for the statement that uses them. */
  sql: Sql;
  /** The same, standalone: its text (numbered from $1) and its parameters, to inspect. */
  where: string;
  params: unknown[];
}

// OPEN_STATUSES (lib/domain/vocabulary.ts) as literals, not a parameter: the open-case partial
// indexes ("Case_inbox_*") apply only when the planner sees the same list as theirs.
export const OPEN_LIST = sql`('NEW','OPEN','PENDING','ON_HOLD')`;

/** Cases (alias c) whose column is one of `ids`, or null when "none" is among them. */
function anyOrNone(column: Sql, ids: string[]): Sql {
  const some = ids.filter((id) => id !== "none");
  const parts = [
    some.length ? sql`${column} = ANY(${typedArray(some, "text")})` : null,
    ids.includes("none") ? sql`${column} IS NULL` : null,
  ].filter((x): x is Sql => x !== null);
  return sql`(${join(parts, " OR ")})`;
}

/**
 * The WHERE clause of a view with its filters (alias c for "Case"). The workspace is always the
 * first condition. `now` decides SLA states; `userId` is "mine".
 */
export function compileWhere(
  workspaceId: string,
  userId: string,
  query: InboxQuery,
  now: Date,
  options: { withCursor?: boolean; timeZone?: string } = {},
): Compiled {
  const clauses = [sql`c."workspaceId" = ${workspaceId}`];
  // Views.
  const v = query.view;
  if (v === "mine") clauses.push(sql`c."assigneeId" = ${userId}`, sql`c."status" IN ${OPEN_LIST}`);
  else if (v === "unassigned") clauses.push(sql`c."assigneeId" IS NULL`, sql`c."status" IN ${OPEN_LIST}`);
  // VIP contacts are few: a hashed set, probed once per case, not a lookup per row.
  else if (v === "vip")
    clauses.push(
      sql`c."status" IN ${OPEN_LIST}`,
      sql`c."contactId" IN (SELECT vc."id" FROM "Contact" vc WHERE vc."workspaceId" = ${workspaceId} AND lower(vc."tier") = 'vip')`,
    );
  else if (v === "negative") clauses.push(sql`c."status" IN ${OPEN_LIST}`, sql`c."sentiment" = 'NEGATIVE'`);
  else if (v === "sla_risk")
    clauses.push(sql`c."slaPausedAt" IS NULL`, sql`c."slaAtRiskAt" <= ${now}`, sql`c."slaDueAt" > ${now}`);
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
    clauses.push(
      caseMetricExists(
        query.metric as never,
        startOfLocalDate(query.from, tz),
        startOfLocalDate(addDays(query.to, 1), tz),
        now,
        query.target,
      ),
    );
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
  if (cursor)
    clauses.push(sql`(c."lastActivityAt", c."id") < (${typed(new Date(cursor.at), "timestamptz")}, ${cursor.id})`);
  const where = join(clauses, " AND ");
  return { sql: where, where: where.text, params: where.values };
}
