import "server-only";
import { db } from "@/lib/db/client";
import { intLiteral, query, sql, type Sql } from "@/lib/db/sql";
import { toCsvRow } from "@/lib/util/csv";
import type { CaseMetric } from "./filters";
import { cycleCondition, isSlaMetric, outcomeCondition } from "./case-metric";
import type { SlaTarget } from "./cycles";
import type { Period } from "./period";
import type { ServiceFilter } from "./service";
import { caseFilterSql, ts } from "./sql";

// The rows behind a case figure, for BI tools: one row per response cycle counted (created:
// one per case, its first cycle), or per SLA outcome counted. The figure equals the row count.

export const CASE_CSV_HEADER = [
  "case_number",
  "cycle",
  "opened_at_utc",
  "status",
  "priority",
  "brand",
  "network",
  "queue",
  "assignee",
  "started_at_utc",
  "first_reply_at_utc",
  "first_reply_by",
  "frt_minutes",
  "frt_business_minutes",
  "solved_at_utc",
  "solved_by",
  "resolution_minutes",
  "resolution_business_minutes",
  "reopen_count",
  "first_response_sla",
  "next_response_sla",
  "resolution_sla",
  "sla_policy",
  "tags",
];
export const OUTCOME_CSV_HEADER = [
  "case_number",
  "cycle",
  "target",
  "result",
  "due_at_utc",
  "counted_at_utc",
  "sla_policy",
  "brand",
  "network",
  "queue",
  "assignee",
];

interface CycleExportRow {
  number: number;
  index: number;
  openedAt: Date;
  status: string;
  priority: string;
  brand: string | null;
  network: string | null;
  queue: string | null;
  assignee: string | null;
  startedAt: Date;
  firstReplyAt: Date | null;
  firstReplyBy: string | null;
  frtMinutes: number | null;
  frtBusinessMinutes: number | null;
  solvedAt: Date | null;
  solvedBy: string | null;
  resolutionMinutes: number | null;
  resolutionBusinessMinutes: number | null;
  reopenCount: number;
  fr: string | null;
  nr: string | null;
  res: string | null;
  policy: string | null;
  tags: string[];
}

// The targets as the string literals the outcome rows hold (fixed text, as before this module).
const SLA_TARGET_LITERAL: Record<SlaTarget, Sql> = {
  firstResponse: sql`'firstResponse'`,
  nextResponse: sql`'nextResponse'`,
  resolution: sql`'resolution'`,
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** CSV lines (header first) behind a case figure. */
export async function* exportCaseMetricCsv(
  workspaceId: string,
  period: Period,
  filter: ServiceFilter,
  metric: CaseMetric,
  now: Date,
  target?: string | null,
): AsyncGenerator<string> {
  // An outcome's result as it stands now.
  const result = sql`CASE WHEN o."met" THEN 'met' WHEN o."met" = false OR o."dueAt" <= ${ts(now)} THEN 'breached' ELSE 'running' END`;
  if (isSlaMetric(metric)) {
    const where = sql`o."workspaceId" = ${workspaceId} AND ${outcomeCondition(metric, period.start, period.end, now, target)}${caseFilterSql(filter, "o")}`;
    yield toCsvRow(OUTCOME_CSV_HEADER) + "\r\n";
    const rows = await query<Record<string, unknown>>(
      db(),
      sql`SELECT c."number", o."cycleIndex", o."target", ${result} AS result, o."dueAt", o."at", sp."name" AS policy, b."name" AS brand, o."network"::text AS network, q."name" AS queue, u."name" AS assignee
       FROM "SlaOutcome" o JOIN "Case" c ON c."id" = o."caseId" LEFT JOIN "SlaPolicy" sp ON sp."id" = o."slaPolicyId" LEFT JOIN "Brand" b ON b."id" = o."brandId"
         LEFT JOIN "Queue" q ON q."id" = o."queueId" LEFT JOIN "User" u ON u."id" = o."assigneeId"
       WHERE ${where} ORDER BY o."at", c."number", o."cycleIndex", o."target"`,
    );
    for (const r of rows)
      yield (
        toCsvRow([
          r.number as number,
          r.cycleIndex as number,
          r.target as string,
          r.result as string,
          iso(r.dueAt as Date),
          iso(r.at as Date),
          r.policy as string,
          r.brand as string,
          r.network as string,
          r.queue as string,
          r.assignee as string,
        ]) + "\r\n"
      );
    return;
  }
  const where = sql`cc."workspaceId" = ${workspaceId} AND ${cycleCondition(metric, period.start, period.end)}${caseFilterSql(filter, "cc")}`;
  const sla = (t: SlaTarget) =>
    sql`(SELECT ${result} FROM "SlaOutcome" o WHERE o."caseId" = cc."caseId" AND o."cycleIndex" = cc."index" AND o."target" = ${SLA_TARGET_LITERAL[t]} LIMIT 1)`;
  yield toCsvRow(CASE_CSV_HEADER) + "\r\n";
  let after = -1;
  let afterIndex = -1;
  for (;;) {
    const rows: CycleExportRow[] = await query<CycleExportRow>(
      db(),
      sql`SELECT cc."caseNumber" AS number, cc."index", cc."openedAt", c."status"::text AS status, c."priority"::text AS priority, b."name" AS brand, cc."network"::text AS network,
         q."name" AS queue, u."name" AS assignee, cc."startedAt", cc."firstReplyAt", fr."name" AS "firstReplyBy", cc."frtMinutes", cc."frtBusinessMinutes", cc."solvedAt",
         sv."name" AS "solvedBy", cc."resolutionMinutes", cc."resolutionBusinessMinutes", c."reopenCount", ${sla("firstResponse")} AS fr, ${sla("nextResponse")} AS nr,
         ${sla("resolution")} AS res, sp."name" AS policy, c."tags"
       FROM "CaseCycle" cc JOIN "Case" c ON c."id" = cc."caseId" LEFT JOIN "Brand" b ON b."id" = cc."brandId" LEFT JOIN "Queue" q ON q."id" = cc."queueId"
         LEFT JOIN "User" u ON u."id" = cc."assigneeId" LEFT JOIN "User" fr ON fr."id" = cc."firstReplyById" LEFT JOIN "User" sv ON sv."id" = cc."solvedById"
         LEFT JOIN "SlaPolicy" sp ON sp."id" = cc."slaPolicyId"
       WHERE ${where} AND (cc."caseNumber", cc."index") > (${intLiteral(after)}, ${intLiteral(afterIndex)}) ORDER BY cc."caseNumber", cc."index" LIMIT 1000`,
    );
    for (const r of rows) {
      yield (
        toCsvRow([
          r.number,
          r.index,
          iso(r.openedAt),
          r.status,
          r.priority,
          r.brand,
          r.network,
          r.queue,
          r.assignee,
          iso(r.startedAt),
          iso(r.firstReplyAt),
          r.firstReplyBy,
          round(r.frtMinutes),
          round(r.frtBusinessMinutes),
          iso(r.solvedAt),
          r.solvedBy,
          round(r.resolutionMinutes),
          round(r.resolutionBusinessMinutes),
          r.reopenCount,
          r.fr,
          r.nr,
          r.res,
          r.policy,
          r.tags.join(" "),
        ]) + "\r\n"
      );
    }
    if (rows.length < 1000) return;
    after = rows[rows.length - 1].number;
    afterIndex = rows[rows.length - 1].index;
  }
}
