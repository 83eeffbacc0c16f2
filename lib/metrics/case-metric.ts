// Which response cycles (alias cc, "CaseCycle") or SLA outcomes (alias o, "SlaOutcome") a case
// figure counts: shared by the case export and the inbox's drill-down, so the list behind a
// figure is the figure's own rows. Pure.
import { join, sql, type Sql } from "@/lib/db/sql";
import type { CaseMetric } from "./filters";
import { ts } from "./sql";

export const CASE_METRICS: CaseMetric[] = ["created", "solved", "responded", "awaiting", "sla_met", "sla_breached"];
export const SLA_TARGETS = ["firstResponse", "nextResponse", "resolution"] as const;

export function isSlaMetric(m: CaseMetric): m is "sla_met" | "sla_breached" {
  return m === "sla_met" || m === "sla_breached";
}

/** Conditions on cc for the cycle metrics. */
export function cycleCondition(metric: Exclude<CaseMetric, "sla_met" | "sla_breached">, start: Date, end: Date): Sql {
  const [s, e] = [ts(start), ts(end)];
  switch (metric) {
    case "created":
      return sql`cc."index" = 0 AND cc."openedAt" >= ${s} AND cc."openedAt" < ${e}`;
    case "solved":
      return sql`cc."solvedAt" >= ${s} AND cc."solvedAt" < ${e}`;
    case "responded":
      return sql`cc."firstReplyAt" >= ${s} AND cc."firstReplyAt" < ${e}`;
    case "awaiting":
      return sql`cc."startedAt" >= ${s} AND cc."startedAt" < ${e} AND cc."closedAt" IS NULL AND cc."firstReplyAt" IS NULL`;
  }
}

/** Conditions on o for the SLA metrics (a running clock past its due time is breached). */
export function outcomeCondition(
  metric: "sla_met" | "sla_breached",
  start: Date,
  end: Date,
  now: Date,
  target?: string | null,
): Sql {
  const parts = [sql`o."at" >= ${ts(start)}`, sql`o."at" < ${ts(end)}`];
  parts.push(
    metric === "sla_met" ? sql`o."met"` : sql`(o."met" = false OR (o."met" IS NULL AND o."dueAt" <= ${ts(now)}))`,
  );
  if (target) parts.push(sql`o."target" = ${target}`);
  return join(parts, " AND ");
}

/** The inbox's drill-down: cases (alias c) with at least one counted cycle or outcome. */
export function caseMetricExists(metric: CaseMetric, start: Date, end: Date, now: Date, target?: string | null): Sql {
  return isSlaMetric(metric)
    ? sql`EXISTS (SELECT 1 FROM "SlaOutcome" o WHERE o."caseId" = c."id" AND ${outcomeCondition(metric, start, end, now, target)})`
    : sql`EXISTS (SELECT 1 FROM "CaseCycle" cc WHERE cc."caseId" = c."id" AND ${cycleCondition(metric, start, end)})`;
}
