// The inbox's views, filters and search, parsed from the URL and compiled to SQL. Pure.
// Values only ever travel as parameters; column names come from the allowlist below.
import { z } from "zod";
import { NETWORKS } from "@/lib/ingest/mention";
import { CASE_METRICS, SLA_TARGETS, caseMetricExists } from "@/lib/metrics/case-metric";
import { addDays, isLocalDate, startOfLocalDate } from "@/lib/metrics/period";

export const STATUSES = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const;
export const OPEN_STATUSES = ["NEW", "OPEN", "PENDING", "ON_HOLD"] as const;
export const PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;
export const FIXED_VIEWS = ["mine", "unassigned", "vip", "negative", "sla_risk", "sla_breached", "all"] as const;
export const PAGE_SIZE = 50;

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")), z.array(item).max(20));
const id = z.string().regex(/^[\w-]{1,100}$/);

export const inboxQuerySchema = z.object({
  view: z.union([z.enum(FIXED_VIEWS), z.string().regex(/^queue:[\w-]{1,100}$/)]).catch("mine"),
  status: list(z.enum(STATUSES)).catch([]),
  priority: list(z.enum(PRIORITIES)).catch([]),
  brand: list(id).catch([]),
  network: list(z.enum(NETWORKS)).catch([]),
  sentiment: list(z.enum(SENTIMENTS)).catch([]),
  /** User ids, or "none" for unassigned. */
  assignee: list(id).catch([]),
  tag: list(z.string().trim().min(1).max(60)).catch([]),
  q: z.string().trim().max(200).catch(""),
  /** Queue ids, or "none" for cases in no queue. */
  queue: list(id).catch([]),
  // A dashboard figure's drill-down: the cases it counts, over local dates from–to.
  metric: z.enum(CASE_METRICS as [string, ...string[]]).optional().catch(undefined),
  from: z.string().refine(isLocalDate).optional().catch(undefined),
  to: z.string().refine(isLocalDate).optional().catch(undefined),
  target: z.enum(SLA_TARGETS).optional().catch(undefined),
  after: z.string().max(300).optional().catch(undefined),
});

export type InboxQuery = z.output<typeof inboxQuerySchema>;

export function parseInboxQuery(params: Record<string, string | string[] | undefined>): InboxQuery {
  return inboxQuerySchema.parse(params);
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

export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [at, cid] = JSON.parse(Buffer.from(s, "base64url").toString());
    return typeof at === "string" && !Number.isNaN(Date.parse(at)) && typeof cid === "string" && /^[\w-]{1,100}$/.test(cid) ? { at, id: cid } : null;
  } catch {
    return null;
  }
}

export interface Compiled {
  where: string;
  params: unknown[];
}

/**
 * The WHERE clause of a view with its filters (alias c for "Case"), numbered from $1. The
 * workspace is always the first condition. `now` decides SLA states; `userId` is "mine".
 */
export function compileWhere(workspaceId: string, userId: string, query: InboxQuery, now: Date, options: { withCursor?: boolean; timeZone?: string } = {}): Compiled {
  const params: unknown[] = [workspaceId];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [`c."workspaceId" = $1`];
  const openList = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(",")})`;
  // Views.
  const v = query.view;
  if (v === "mine") clauses.push(`c."assigneeId" = ${p(userId)}`, `c."status" IN ${openList}`);
  else if (v === "unassigned") clauses.push(`c."assigneeId" IS NULL`, `c."status" IN ${openList}`);
  // VIP contacts are few: a hashed set, probed once per case, not a lookup per row.
  else if (v === "vip") clauses.push(`c."status" IN ${openList}`, `c."contactId" IN (SELECT vc."id" FROM "Contact" vc WHERE vc."workspaceId" = $1 AND lower(vc."tier") = 'vip')`);
  else if (v === "negative") clauses.push(`c."status" IN ${openList}`, `c."sentiment" = 'NEGATIVE'`);
  else if (v === "sla_risk") clauses.push(`c."slaPausedAt" IS NULL`, `c."slaAtRiskAt" <= ${p(now)}`, `c."slaDueAt" > ${p(now)}`);
  else if (v === "sla_breached") clauses.push(`c."slaPausedAt" IS NULL`, `c."slaDueAt" <= ${p(now)}`);
  else if (v.startsWith("queue:")) clauses.push(`c."queueId" = ${p(v.slice(6))}`, `c."status" IN ${openList}`);
  // Filters.
  if (query.status.length) clauses.push(`c."status"::text = ANY(${p(query.status)}::text[])`);
  if (query.priority.length) clauses.push(`c."priority"::text = ANY(${p(query.priority)}::text[])`);
  if (query.brand.length) clauses.push(`c."brandId" = ANY(${p(query.brand)}::text[])`);
  if (query.tag.length) clauses.push(`c."tags" && ${p(query.tag)}::text[]`);
  if (query.assignee.length) {
    const users = query.assignee.filter((a) => a !== "none");
    const none = query.assignee.includes("none");
    clauses.push(`(${[users.length ? `c."assigneeId" = ANY(${p(users)}::text[])` : null, none ? `c."assigneeId" IS NULL` : null].filter(Boolean).join(" OR ")})`);
  }
  if (query.queue.length) {
    const ids = query.queue.filter((q) => q !== "none");
    clauses.push(`(${[ids.length ? `c."queueId" = ANY(${p(ids)}::text[])` : null, query.queue.includes("none") ? `c."queueId" IS NULL` : null].filter(Boolean).join(" OR ")})`);
  }
  if (query.metric && query.from && query.to) {
    const tz = options.timeZone ?? "UTC";
    const cast = (v: unknown, c?: string) => `${p(v)}${c ? `::${c}` : ""}`;
    clauses.push(caseMetricExists(query.metric as never, cast, startOfLocalDate(query.from, tz), startOfLocalDate(addDays(query.to, 1), tz), now, query.target));
  }
  // Network and sentiment are the case's latest inbound mention's (kept on the case).
  if (query.network.length) clauses.push(`c."network"::text = ANY(${p(query.network)}::text[])`);
  if (query.sentiment.length) clauses.push(`c."sentiment"::text = ANY(${p(query.sentiment)}::text[])`);
  const tsq = searchQuery(query.q);
  if (tsq) {
    const q = p(tsq);
    // Full-text search: the case's own search vector (its subject and its customers' messages,
    // GIN-indexed), or its contact's name (a hashed set of the few contacts whose name matches).
    clauses.push(`(c."searchVector" @@ to_tsquery('simple', ${q})
      OR c."contactId" IN (SELECT sct."id" FROM "Contact" sct WHERE sct."workspaceId" = $1 AND to_tsvector('simple', sct."name") @@ to_tsquery('simple', ${q})))`);
  }
  const cursor = options.withCursor ? decodeCursor(query.after) : null;
  if (cursor) clauses.push(`(c."lastActivityAt", c."id") < (${p(new Date(cursor.at))}::timestamptz, ${p(cursor.id)})`);
  return { where: clauses.join(" AND "), params };
}
