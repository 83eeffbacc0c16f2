import "server-only";
import { db } from "@/lib/db/client";
import { intLiteral, join, query, sql, typed, typedArray, type Sql } from "@/lib/db/sql";
import type { Cursor } from "@/lib/util/cursor";
import type { SearchParams } from "@/lib/util/params";
import { auditCsvHeader, auditCsvLine } from "./csv";
import { writeAudit } from "./log";
import {
  SYSTEM_ACTOR,
  actionPrefixes,
  actionsMatching,
  distinctTypes,
  filterSearchParams,
  instantRange,
  objectLink,
  pageRequest,
  parseAuditQuery,
  shapePage,
  targetTypeVariants,
  type AuditFilter,
  type AuditQuery,
  type PageRequest,
} from "./viewer-query";

// Admin → Audit log: the workspace's audit rows, newest first, keyset-paged on (createdAt, id)
// over the (workspaceId, createdAt, id) index, filtered by actor, action, object and local
// date range, and the same rows as a CSV streamed in pages. Reading only: audit rows are
// append-only (prisma/sql/z-audit.sql); the one row this module writes records an export.

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_PAGE_SIZE = 5_000;

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
}

export interface AuditViewRow extends AuditRow {
  /** The console page of the row's object (a contact, a case, a social profile), if it has one. */
  objectHref: string | null;
}

/** A filter resolved against the workspace: what the SQL needs. */
interface AuditScope {
  workspaceId: string;
  /** undefined: anyone; null: the system (no acting user). */
  actor?: string | null;
  /** The exact actions to show (a prefix resolved to those seen); an empty list matches nothing. */
  actions?: string[];
  targetTypes?: string[];
  targetId?: string;
  since: Date | null;
  until: Date | null;
}

const ts = (d: Date | string) => typed(typeof d === "string" ? d : d.toISOString().slice(0, 23), "timestamp");

function whereOf(scope: AuditScope, page: PageRequest): Sql {
  const clauses = [sql`a."workspaceId" = ${scope.workspaceId}`];
  if (scope.actor === null) clauses.push(sql`a."actorUserId" IS NULL`);
  else if (scope.actor !== undefined) clauses.push(sql`a."actorUserId" = ${scope.actor}`);
  if (scope.actions?.length === 0) clauses.push(sql`FALSE`);
  else if (scope.actions?.length === 1) clauses.push(sql`a."action" = ${scope.actions[0]}`);
  else if (scope.actions) clauses.push(sql`a."action" = ANY(${typedArray(scope.actions, "text")})`);
  if (scope.targetTypes) clauses.push(sql`a."targetType" = ANY(${typedArray(scope.targetTypes, "text")})`);
  if (scope.targetId) clauses.push(sql`a."targetId" = ${scope.targetId}`);
  if (scope.since) clauses.push(sql`a."createdAt" >= ${ts(scope.since)}`);
  if (scope.until) clauses.push(sql`a."createdAt" < ${ts(scope.until)}`);
  const c: Cursor | null = page.cursor;
  // The row comparison is the keyset; the plain bound on createdAt lets an index that ends in
  // createdAt without id (the actor and action indexes) start its scan at the cursor too.
  if (c && page.direction === "older")
    clauses.push(sql`(a."createdAt", a."id") < (${ts(c.at)}, ${c.id})`, sql`a."createdAt" <= ${ts(c.at)}`);
  if (c && page.direction === "newer")
    clauses.push(sql`(a."createdAt", a."id") > (${ts(c.at)}, ${c.id})`, sql`a."createdAt" >= ${ts(c.at)}`);
  return join(clauses, " AND ");
}

async function fetchRows(scope: AuditScope, page: PageRequest, limit: number): Promise<AuditRow[]> {
  const order = page.direction === "older" ? sql`DESC` : sql`ASC`;
  return query<AuditRow>(
    db(),
    sql`SELECT a."id", a."createdAt", a."actorUserId", u."name" AS "actorName", a."action", a."targetType",
        a."targetId", a."details"
      FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."actorUserId"
      WHERE ${whereOf(scope, page)}
      ORDER BY a."createdAt" ${order}, a."id" ${order} LIMIT ${intLiteral(limit)}`,
  );
}

/**
 * The distinct values of an indexed column in the workspace's rows, by skipping through the
 * index (one probe per value) instead of reading every row: cheap at a million rows.
 */
async function distinctValues(workspaceId: string, column: "action" | "targetType"): Promise<string[]> {
  const col = column === "action" ? sql`"action"` : sql`"targetType"`;
  const rows = await query<{ v: string | null }>(
    db(),
    sql`WITH RECURSIVE seen(v) AS (
        (SELECT ${col} FROM "AuditLog" WHERE "workspaceId" = ${workspaceId} ORDER BY ${col} LIMIT 1)
        UNION ALL
        SELECT (SELECT ${col} FROM "AuditLog" WHERE "workspaceId" = ${workspaceId} AND ${col} > seen.v ORDER BY ${col} LIMIT 1)
        FROM seen WHERE seen.v IS NOT NULL
      ) SELECT v FROM seen WHERE v IS NOT NULL LIMIT 1000`,
  );
  return rows.map((r) => r.v!);
}

/** The actions the workspace's audit rows hold, sorted. */
export const actionsSeen = (workspaceId: string) => distinctValues(workspaceId, "action");

/** The object types the workspace's audit rows name, sorted. */
export const targetTypesSeen = (workspaceId: string) => distinctValues(workspaceId, "targetType");

export interface AuditActor {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** Everyone who is or was a member of the workspace: the actor filter's choices. */
export async function auditActors(workspaceId: string): Promise<AuditActor[]> {
  const rows = await db().membership.findMany({
    where: { workspaceId },
    select: { active: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ active: "desc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email, active: m.active }));
}

async function workspaceTimeZone(workspaceId: string): Promise<string> {
  const ws = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } });
  return ws.timeZone;
}

/**
 * The filter against the workspace: an actor who is not a member is a problem (and ignored),
 * an action prefix becomes the actions seen under it, an object type its stored spellings.
 */
async function resolveScope(
  workspaceId: string,
  timeZone: string,
  filter: AuditFilter,
  seen: Promise<string[]>,
): Promise<{ scope: AuditScope; filter: AuditFilter; problems: string[] }> {
  const problems: string[] = [];
  const kept: AuditFilter = { ...filter };
  let actor: string | null | undefined;
  if (filter.actor === SYSTEM_ACTOR) actor = null;
  else if (filter.actor) {
    const member = await db().membership.findFirst({
      where: { workspaceId, userId: filter.actor },
      select: { id: true },
    });
    if (member) actor = filter.actor;
    else {
      problems.push('"actor" is not a member of this workspace; it was ignored.');
      kept.actor = undefined;
    }
  }
  const { since, until } = instantRange(filter, timeZone);
  return {
    scope: {
      workspaceId,
      actor,
      actions: filter.action ? actionsMatching(filter.action, await seen) : undefined,
      targetTypes: filter.objectType ? targetTypeVariants(filter.objectType) : undefined,
      targetId: filter.objectType ? filter.objectId : undefined,
      since,
      until,
    },
    filter: kept,
    problems,
  };
}

/** Case ids on a page → their numbers (the case page's address). */
async function caseNumbers(workspaceId: string, rows: AuditRow[]): Promise<Map<string, number>> {
  const ids = rows.filter((r) => r.targetId && r.targetType.toLowerCase() === "case").map((r) => r.targetId!);
  if (!ids.length) return new Map();
  const cases = await db().case.findMany({
    where: { workspaceId, id: { in: ids } },
    select: { id: true, number: true },
  });
  return new Map(cases.map((c) => [c.id, c.number]));
}

async function readPage(scope: AuditScope, request: PageRequest) {
  const fetched = await fetchRows(scope, request, AUDIT_PAGE_SIZE + 1);
  // "Newer" that reaches the newest rows shows the newest full page instead of a short one.
  if (request.direction === "newer" && fetched.length <= AUDIT_PAGE_SIZE) {
    const first: PageRequest = { direction: "older", cursor: null };
    return shapePage(await fetchRows(scope, first, AUDIT_PAGE_SIZE + 1), AUDIT_PAGE_SIZE, first);
  }
  return shapePage(fetched, AUDIT_PAGE_SIZE, request);
}

export interface AuditPageData {
  timeZone: string;
  /** The filter and paging as applied (parameters that were not understood left out). */
  query: AuditQuery;
  /** One notice per parameter that was not understood (shown, then ignored). */
  problems: string[];
  rows: AuditViewRow[];
  older: string | null;
  newer: string | null;
  choices: { actors: AuditActor[]; actions: string[]; prefixes: string[]; targetTypes: string[] };
}

/** Admin → Audit log: one page of the workspace's audit rows under the URL's filter. */
export async function auditLogPage(workspaceId: string, params: SearchParams): Promise<AuditPageData> {
  const parsed = parseAuditQuery(params);
  const seen = actionsSeen(workspaceId);
  const [timeZone, actors, targetTypes] = await Promise.all([
    workspaceTimeZone(workspaceId),
    auditActors(workspaceId),
    targetTypesSeen(workspaceId),
  ]);
  const { scope, filter, problems } = await resolveScope(workspaceId, timeZone, parsed.query, seen);
  const page = await readPage(scope, pageRequest(parsed.query));
  const numbers = await caseNumbers(workspaceId, page.rows);
  const actions = await seen;
  return {
    timeZone,
    query: { ...parsed.query, actor: filter.actor },
    problems: [...parsed.problems, ...problems],
    rows: page.rows.map((r) => ({ ...r, objectHref: objectLink(r.targetType, r.targetId, numbers) })),
    older: page.older,
    newer: page.newer,
    choices: { actors, actions, prefixes: actionPrefixes(actions), targetTypes: distinctTypes(targetTypes) },
  };
}

/** Every row the scope matches, newest first, as CSV text: one chunk per page of 5,000 rows. */
async function* auditCsvChunks(scope: AuditScope): AsyncGenerator<string> {
  yield auditCsvHeader();
  let request: PageRequest = { direction: "older", cursor: null };
  for (;;) {
    const rows = await fetchRows(scope, request, AUDIT_EXPORT_PAGE_SIZE);
    if (rows.length) yield rows.map(auditCsvLine).join("");
    if (rows.length < AUDIT_EXPORT_PAGE_SIZE) return;
    const last = rows[rows.length - 1];
    request = { direction: "older", cursor: { at: last.createdAt.toISOString().slice(0, 23), id: last.id } };
  }
}

export type AuditExport = { ok: true; lines: AsyncGenerator<string> } | { ok: false; problems: string[] };

/**
 * The CSV export under the URL's filter. A file can't show what it left out, so a parameter
 * that is not understood refuses the export (`problems`) instead of being ignored. The export
 * is itself audited ("audit.exported", with its filter) before any row is read.
 */
export async function startAuditExport(
  workspaceId: string,
  actorUserId: string,
  params: SearchParams,
): Promise<AuditExport> {
  // Paging parameters mean nothing to a file of every matching row.
  const parsed = parseAuditQuery({ ...params, after: undefined, before: undefined });
  const timeZone = await workspaceTimeZone(workspaceId);
  const { scope, problems } = await resolveScope(workspaceId, timeZone, parsed.query, actionsSeen(workspaceId));
  const all = [...parsed.problems, ...problems];
  if (all.length) return { ok: false, problems: all.map((p) => p.replace(/; [^;]* ignored\.$/, ".")) };
  const filter = Object.fromEntries(filterSearchParams(parsed.query));
  await writeAudit(db(), {
    workspaceId,
    actorUserId,
    action: "audit.exported",
    targetType: "AuditLog",
    details: { filter },
  });
  return { ok: true, lines: auditCsvChunks(scope) };
}
