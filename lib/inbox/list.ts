import "server-only";
import { db } from "@/lib/db/client";
import { empty, intLiteral, join, query, sql, typedArray, type Sql } from "@/lib/db/sql";
import type { Span } from "@/lib/listening/query/evaluate";
import { prepareCaseDrillDown } from "@/lib/metrics/dashboard";
import type { SearchParams } from "@/lib/util/params";
import { inboxOptions } from "./options";
import { compileWhere, OPEN_LIST, PAGE_SIZE, parseInboxQueryWithProblems, type InboxQuery } from "./query";
import { encodeCursor } from "@/lib/util/cursor";
import { inboxVersion } from "./version";

// One inbox page in two statements whatever its size: the page of case ids (keyset on last
// activity, never OFFSET), then everything a row shows for exactly those cases. Message
// bodies are never loaded: the excerpt is cut in the database.

export interface InboxRow {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  lastActivityAt: string;
  sla: { dueAt: string | null; atRiskAt: string | null; paused: boolean };
  assignee: { id: string; name: string } | null;
  queueName: string | null;
  brandName: string | null;
  contact: { id: string; name: string; tier: string | null } | null;
  mention: {
    id: string;
    network: string;
    handle: string | null;
    followers: number | null;
    excerpt: string;
    spans: Span[];
    sentiment: string | null;
  } | null;
}

export interface InboxPage {
  rows: InboxRow[];
  next: string | null;
  asOf: number;
}

export const EXCERPT = 280;

export async function listInbox(
  workspaceId: string,
  userId: string,
  inboxQuery: InboxQuery,
  now = new Date(),
  timeZone = "UTC",
): Promise<InboxPage> {
  const { sql: where } = compileWhere(workspaceId, userId, inboxQuery, now, { withCursor: true, timeZone });
  const page = await query<{ id: string; lastActivityAt: Date }>(
    db(),
    sql`SELECT c."id", c."lastActivityAt" FROM "Case" c WHERE ${where} ORDER BY c."lastActivityAt" DESC, c."id" DESC LIMIT ${intLiteral(PAGE_SIZE + 1)}`,
  );
  const ids = page.slice(0, PAGE_SIZE).map((r) => r.id);
  const rows = ids.length ? await rowDetails(workspaceId, ids) : [];
  const last = page[PAGE_SIZE - 1];
  return {
    rows,
    next: page.length > PAGE_SIZE ? encodeCursor({ at: last.lastActivityAt.toISOString(), id: last.id }) : null,
    asOf: now.getTime(),
  };
}

type DetailRow = {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  lastActivityAt: Date;
  slaDueAt: Date | null;
  slaAtRiskAt: Date | null;
  slaPausedAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  queueName: string | null;
  brandName: string | null;
  contactId: string | null;
  contactName: string | null;
  contactTier: string | null;
  mentionId: string | null;
  network: string | null;
  handle: string | null;
  followers: number | null;
  excerpt: string | null;
  title: string | null;
  sentiment: string | null;
  spans: Span[] | null;
};

/** Everything the rows show, for exactly these cases (the latest inbound mention of each). */
export async function rowDetails(workspaceId: string, ids: string[]): Promise<InboxRow[]> {
  const rows = await query<DetailRow>(
    db(),
    sql`SELECT c."id", c."number", c."subject", c."status"::text AS "status", c."priority"::text AS "priority", c."tags", c."lastActivityAt",
       c."slaDueAt", c."slaAtRiskAt", c."slaPausedAt", c."assigneeId", u."name" AS "assigneeName", q."name" AS "queueName", b."name" AS "brandName",
       ct."id" AS "contactId", ct."name" AS "contactName", ct."tier" AS "contactTier",
       lm."id" AS "mentionId", lm."network"::text AS "network", lm."handle", lm."followers", lm."excerpt", lm."title", lm."sentiment"::text AS "sentiment", lm."spans"
     FROM unnest(${typedArray(ids, "text")}) WITH ORDINALITY AS p("id", "n")
     JOIN "Case" c ON c."id" = p."id" AND c."workspaceId" = ${workspaceId}
     LEFT JOIN "User" u ON u."id" = c."assigneeId"
     LEFT JOIN "Queue" q ON q."id" = c."queueId"
     LEFT JOIN "Brand" b ON b."id" = c."brandId"
     LEFT JOIN "Contact" ct ON ct."id" = c."contactId"
     LEFT JOIN LATERAL (
       SELECT m."id", m."network", s."handle", s."followers", left(m."text", ${intLiteral(EXCERPT)}) AS "excerpt", m."title", m."sentiment",
         (SELECT jsonb_agg(span) FROM "MentionRuleMatch" r, jsonb_array_elements(r."spans") span WHERE r."mentionId" = m."id") AS "spans"
       FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId" LEFT JOIN "SocialIdentity" s ON s."id" = m."authorId"
       WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'
       ORDER BY cm."createdAt" DESC LIMIT 1) lm ON true
     ORDER BY p."n"`,
  );
  return rows.map((r) => {
    // Spans index title + "\\n" + text: shift them onto the excerpt, keep those inside it, in order.
    const offset = r.title ? r.title.length + 1 : 0;
    const spans = (r.spans ?? [])
      .map(([a, b]) => [a - offset, b - offset] as Span)
      .filter(([a, b]) => a >= 0 && b <= (r.excerpt ?? "").length)
      .sort((x, y) => x[0] - y[0]);
    return {
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      tags: r.tags,
      lastActivityAt: r.lastActivityAt.toISOString(),
      sla: {
        dueAt: r.slaDueAt?.toISOString() ?? null,
        atRiskAt: r.slaAtRiskAt?.toISOString() ?? null,
        paused: !!r.slaPausedAt,
      },
      assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
      queueName: r.queueName,
      brandName: r.brandName,
      contact: r.contactId ? { id: r.contactId, name: r.contactName ?? "", tier: r.contactTier } : null,
      mention: r.mentionId
        ? {
            id: r.mentionId,
            network: r.network ?? "",
            handle: r.handle,
            followers: r.followers,
            excerpt: r.excerpt ?? "",
            spans,
            sentiment: r.sentiment,
          }
        : null,
    };
  });
}

export interface ViewCounts {
  mine: number;
  unassigned: number;
  vip: number;
  negative: number;
  sla_risk: number;
  sla_breached: number;
  all: number;
  queues: Record<string, number>;
}

const queueColumn = (i: number): Sql => sql`"q_${intLiteral(i)}"`;

/** Open-case counts of every view and queue, in one pass over the open cases. */
export async function viewCounts(
  workspaceId: string,
  userId: string,
  now = new Date(),
  knownQueues?: Array<{ id: string }>,
): Promise<ViewCounts> {
  // The inbox page has the queues already (for its filters); others look them up.
  const queues = knownQueues ?? (await db().queue.findMany({ where: { workspaceId }, select: { id: true } }));
  // One column per queue, named by its position (q_0, q_1, …): fixed text, whatever the ids.
  const perQueue = queues.map((q, i) => sql`count(*) FILTER (WHERE c."queueId" = ${q.id})::int AS ${queueColumn(i)}`);
  const [row] = await query<Record<string, number>>(
    db(),
    sql`SELECT
       count(*) FILTER (WHERE c."assigneeId" = ${userId})::int AS "mine",
       count(*) FILTER (WHERE c."assigneeId" IS NULL)::int AS "unassigned",
       count(*) FILTER (WHERE c."contactId" IN (SELECT vc."id" FROM "Contact" vc WHERE vc."workspaceId" = ${workspaceId} AND lower(vc."tier") = 'vip'))::int AS "vip",
       count(*) FILTER (WHERE c."sentiment" = 'NEGATIVE')::int AS "negative",
       count(*) FILTER (WHERE c."slaPausedAt" IS NULL AND c."slaAtRiskAt" <= ${now} AND c."slaDueAt" > ${now})::int AS "sla_risk",
       count(*) FILTER (WHERE c."slaPausedAt" IS NULL AND c."slaDueAt" <= ${now})::int AS "sla_breached",
       count(*)::int AS "all"${perQueue.length ? sql`, ${join(perQueue)}` : empty}
     FROM "Case" c WHERE c."workspaceId" = ${workspaceId} AND c."status" IN ${OPEN_LIST}`,
  );
  return {
    mine: row.mine,
    unassigned: row.unassigned,
    vip: row.vip,
    negative: row.negative,
    sla_risk: row.sla_risk,
    sla_breached: row.sla_breached,
    all: row.all,
    queues: Object.fromEntries(queues.map((q, i) => [q.id, row[`q_${i}`] ?? 0])),
  };
}

/**
 * Everything the inbox page shows, from its URL: the filter choices, the view counts, the parsed
 * query (`problems`: parameters that were not understood, shown to the user and ignored), a page
 * of cases and the change version. Without a chosen view: the agent's own open cases, or the
 * unassigned ones when they have none.
 */
export async function inboxPage(workspaceId: string, userId: string, params: SearchParams, now = new Date()) {
  const options = await inboxOptions(workspaceId);
  const counts = await viewCounts(workspaceId, userId, now, options.queues);
  const { query: inboxQuery, problems } = parseInboxQueryWithProblems({
    ...params,
    view: params.view ?? (counts.mine > 0 ? "mine" : "unassigned"),
  });
  // A dashboard figure's drill-down: its dates are local to the workspace.
  const drill = !!(inboxQuery.metric && inboxQuery.from && inboxQuery.to);
  const timeZone = drill ? await prepareCaseDrillDown(workspaceId) : "UTC";
  const [page, version] = await Promise.all([
    listInbox(workspaceId, userId, inboxQuery, now, timeZone),
    inboxVersion(workspaceId),
  ]);
  return { options, counts, query: inboxQuery, problems, drill, page, version };
}
