// Which response cycles (alias cc, "CaseCycle") or SLA outcomes (alias o, "SlaOutcome") a case
// figure counts: shared by the case export and the inbox's drill-down, so the list behind a
// figure is the figure's own rows. Pure.
import type { CaseMetric } from "./filters";

export const CASE_METRICS: CaseMetric[] = ["created", "solved", "responded", "awaiting", "sla_met", "sla_breached"];
export const SLA_TARGETS = ["firstResponse", "nextResponse", "resolution"] as const;

type P = (value: unknown, cast?: string) => string;
const ts = (p: P, d: Date) => p(d.toISOString().slice(0, 23), "timestamp");

export function isSlaMetric(m: CaseMetric): m is "sla_met" | "sla_breached" {
  return m === "sla_met" || m === "sla_breached";
}

/** Conditions on cc for the cycle metrics. */
export function cycleCondition(metric: Exclude<CaseMetric, "sla_met" | "sla_breached">, p: P, start: Date, end: Date): string {
  const [s, e] = [ts(p, start), ts(p, end)];
  switch (metric) {
    case "created":
      return `cc."index" = 0 AND cc."openedAt" >= ${s} AND cc."openedAt" < ${e}`;
    case "solved":
      return `cc."solvedAt" >= ${s} AND cc."solvedAt" < ${e}`;
    case "responded":
      return `cc."firstReplyAt" >= ${s} AND cc."firstReplyAt" < ${e}`;
    case "awaiting":
      return `cc."startedAt" >= ${s} AND cc."startedAt" < ${e} AND cc."closedAt" IS NULL AND cc."firstReplyAt" IS NULL`;
  }
}

/** Conditions on o for the SLA metrics (a running clock past its due time is breached). */
export function outcomeCondition(metric: "sla_met" | "sla_breached", p: P, start: Date, end: Date, now: Date, target?: string | null): string {
  const parts = [`o."at" >= ${ts(p, start)}`, `o."at" < ${ts(p, end)}`];
  parts.push(metric === "sla_met" ? `o."met"` : `(o."met" = false OR (o."met" IS NULL AND o."dueAt" <= ${ts(p, now)}))`);
  if (target) parts.push(`o."target" = ${p(target)}`);
  return parts.join(" AND ");
}

/** The inbox's drill-down: cases (alias c) with at least one counted cycle or outcome. */
export function caseMetricExists(metric: CaseMetric, p: P, start: Date, end: Date, now: Date, target?: string | null): string {
  return isSlaMetric(metric)
    ? `EXISTS (SELECT 1 FROM "SlaOutcome" o WHERE o."caseId" = c."id" AND ${outcomeCondition(metric, p, start, end, now, target)})`
    : `EXISTS (SELECT 1 FROM "CaseCycle" cc WHERE cc."caseId" = c."id" AND ${cycleCondition(metric, p, start, end)})`;
}
