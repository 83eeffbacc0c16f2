import "server-only";
import { db } from "@/lib/db/client";
import { query, sql, type Sql } from "@/lib/db/sql";
import { localDateOf, startOfLocalDate } from "@/lib/time/dates";
import { bucketIndexOfDate, type Period } from "./period";
import { spread, type Spread } from "./percentile";
import type { ServiceFilter, ServiceMetrics, Compliance } from "./service";
import { caseFilterSql, date, ts } from "./sql";
import { valueSlice, valueSpreads, type ValueSpreads } from "./service-values";
import type { SlaTarget } from "./cycles";

// The service figures in SQL. Counts come from "ServiceStat" (per local day, kept by triggers
// on the cycles, outcomes and reply facts); percentiles from the value histograms
// (service-values.ts), or sorted for filters they have no slice for; the SLA clocks that come
// due today from the running outcomes. Same definitions as computeService
// in service.ts, which the tests hold them to.

const run = <T>(statement: Sql): Promise<T[]> => query<T>(db(), statement);

const TARGETS: SlaTarget[] = ["firstResponse", "nextResponse", "resolution"];

export type FrtRow = {
  byAgent: number;
  byQueue: number;
  agentId: string | null;
  queueId: string | null;
  n: number;
  cal: number[] | null;
  bus: number[] | null;
};

/**
 * Every service figure. `medians: false` leaves the per-agent and per-queue median FRT out
 * (null): the dashboard streams them after the rest (teamMedians) — their per-group sorts
 * are the largest service read.
 */
export async function serviceMetrics(
  workspaceId: string,
  period: Period,
  filter: ServiceFilter,
  now: Date,
  options: { medians?: boolean } = {},
): Promise<ServiceMetrics> {
  const n = period.buckets.length;
  const today = localDateOf(now, period.timeZone);
  // Running clocks that came due today (up to now) are read exactly; earlier days are whole.
  const todayStart = startOfLocalDate(today, period.timeZone);
  const runningFrom = todayStart > period.start ? todayStart : period.start;
  const runningTo = now < period.end ? now : period.end;

  const slice = valueSlice(filter);
  const [stats, before, running, spreads, medians] = await Promise.all([
    run<{
      d: string;
      kind: string;
      actorId: string;
      queueId: string;
      slaPolicyId: string;
      n: number;
    }>(sql`SELECT to_char(s."day", 'YYYY-MM-DD') AS d, s."kind", s."actorId", s."queueId", s."slaPolicyId", sum(s."n")::int AS n
      FROM "ServiceStat" s WHERE s."workspaceId" = ${workspaceId} AND s."day" >= ${date(period.from)} AND s."day" <= ${date(period.to)}${caseFilterSql(filter, "s", true)}
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(s."n") <> 0`),
    // Open when the period starts: everything opened before it minus everything closed before it.
    run<{
      n: number | null;
    }>(sql`SELECT (sum(s."n") FILTER (WHERE s."kind" = 'opened') - coalesce(sum(s."n") FILTER (WHERE s."kind" = 'closed'), 0))::int AS n
      FROM "ServiceStat" s WHERE s."workspaceId" = ${workspaceId} AND s."day" < ${date(period.from)} AND s."kind" IN ('opened', 'closed')${caseFilterSql(filter, "s", true)}`),
    runningFrom < runningTo
      ? run<{
          target: SlaTarget;
          slaPolicyId: string | null;
          n: number;
        }>(sql`SELECT o."target", o."slaPolicyId", count(*)::int AS n FROM "SlaOutcome" o
          WHERE o."workspaceId" = ${workspaceId} AND o."met" IS NULL AND o."dueAt" >= ${ts(runningFrom)} AND o."dueAt" <= ${ts(runningTo)}${caseFilterSql(filter, "o")} GROUP BY 1, 2`)
      : Promise.resolve([]),
    // The spreads, and the medians per agent and per queue, as separate statements so the
    // database works on them on two cores at once.
    slice === null
      ? run<SortedRow>(sql`SELECT * FROM (SELECT count(*)::int AS n,
        percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c."frtMinutes") AS cal, percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c."frtBusinessMinutes") AS bus
      FROM "CaseCycle" c WHERE c."workspaceId" = ${workspaceId} AND c."firstReplyAt" >= ${ts(period.start)} AND c."firstReplyAt" < ${ts(period.end)}${caseFilterSql(filter, "c")}) f,
        (SELECT count(*)::int AS "resN", percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c."resolutionMinutes") AS "resCal", percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c."resolutionBusinessMinutes") AS "resBus"
      FROM "CaseCycle" c WHERE c."workspaceId" = ${workspaceId} AND c."solvedAt" >= ${ts(period.start)} AND c."solvedAt" < ${ts(period.end)}${caseFilterSql(filter, "c")}) r`).then(
          ([r]) => sortedSpreads(r),
        )
      : valueSpreads(workspaceId, period, filter, slice),
    options.medians === false ? Promise.resolve([] as FrtRow[]) : teamMedians(workspaceId, period, filter),
  ]);

  const zeros = () => Array.from({ length: n }, () => 0);
  const created = zeros();
  const solved = zeros();
  const delta = zeros();
  let awaiting = 0;
  const sla = Object.fromEntries(TARGETS.map((t) => [t, { met: 0, breached: 0, rate: null }])) as unknown as Record<
    SlaTarget,
    Compliance
  >;
  const byPolicy = new Map<string | null, number>();
  const breach = (policy: string | null, k: number) => byPolicy.set(policy, (byPolicy.get(policy) ?? 0) + k);
  const agents = new Map<string, ServiceMetrics["agents"][number]>();
  const agent = (id: string) =>
    agents.get(id) ??
    agents.set(id, { userId: id, replies: 0, solved: 0, frtMedian: null, frtBusinessMedian: null }).get(id)!;
  const queues = new Map<string | null, ServiceMetrics["queues"][number]>();
  const queue = (id: string | null) =>
    queues.get(id) ??
    queues.set(id, { queueId: id, replies: 0, solved: 0, frtMedian: null, frtBusinessMedian: null }).get(id)!;
  const mine = (actor: string) => actor && (!filter.agentId || actor === filter.agentId);

  for (const r of stats) {
    const i = bucketIndexOfDate(period, r.d);
    if (i < 0) continue;
    const queueId = r.queueId || null;
    const policy = r.slaPolicyId || null;
    if (r.kind === "created") created[i] += r.n;
    else if (r.kind === "solved") {
      solved[i] += r.n;
      if (mine(r.actorId)) agent(r.actorId).solved += r.n;
      queue(queueId).solved += r.n;
    } else if (r.kind === "opened") delta[i] += r.n;
    else if (r.kind === "closed") delta[i] -= r.n;
    else if (r.kind === "awaiting") awaiting += r.n;
    else if (r.kind === "reply") {
      if (mine(r.actorId)) agent(r.actorId).replies += r.n;
      queue(queueId).replies += r.n;
    } else if (r.kind.startsWith("sla_")) {
      const [state, target] = r.kind.split(":") as [string, SlaTarget];
      if (state === "sla_met") sla[target].met += r.n;
      else if (state === "sla_breached" || r.d < today) {
        // Breached, or a clock still running whose due day has passed entirely.
        sla[target].breached += r.n;
        breach(policy, r.n);
      }
    }
  }
  for (const r of running) {
    sla[r.target].breached += r.n;
    breach(r.slaPolicyId, r.n);
  }
  for (const t of TARGETS)
    sla[t].rate = sla[t].met + sla[t].breached ? sla[t].met / (sla[t].met + sla[t].breached) : null;

  // Backlog at each bucket's end (now, for the bucket that has not ended): opened minus closed so far.
  let open = before[0]?.n ?? 0;
  const backlog = delta.map((d) => (open += d));

  return {
    created: { total: created.reduce((a, b) => a + b, 0), buckets: created },
    solved: { total: solved.reduce((a, b) => a + b, 0), buckets: solved },
    backlog: { buckets: backlog, atEnd: backlog.at(-1) ?? 0 },
    awaitingFirstResponse: awaiting,
    ...spreads,
    sla: {
      ...sla,
      breachesByPolicy: [...byPolicy]
        .filter(([, b]) => b > 0)
        .map(([slaPolicyId, breached]) => ({ slaPolicyId, breached }))
        .sort((a, b) => b.breached - a.breached || String(a.slaPolicyId).localeCompare(String(b.slaPolicyId))),
    },
    ...withTeamMedians([...agents.values()], [...queues.values()], medians, filter),
  };
}

/** Both spreads from the sorted statement's row (its two percentiles of each measure). */
type SortedRow = {
  n: number;
  cal: number[] | null;
  bus: number[] | null;
  resN: number;
  resCal: number[] | null;
  resBus: number[] | null;
};
function sortedSpreads(r: SortedRow): ValueSpreads {
  const of = (n: number, values: number[] | null): Spread =>
    n ? { count: n, median: values?.[0] ?? null, p90: values?.[1] ?? null } : spread([]);
  return {
    frt: { calendar: of(r.n, r.cal), business: of(r.n, r.bus) },
    resolution: { calendar: of(r.resN, r.resCal), business: of(r.resN, r.resBus) },
  };
}

/** Per-agent and per-queue rows with their median first responses filled in, sorted. */
export function withTeamMedians(
  agentRows: ServiceMetrics["agents"],
  queueRows: ServiceMetrics["queues"],
  medians: FrtRow[],
  filter: ServiceFilter,
): Pick<ServiceMetrics, "agents" | "queues"> {
  const agents = new Map(agentRows.map((a) => [a.userId, { ...a }]));
  const queues = new Map(queueRows.map((q) => [q.queueId, { ...q }]));
  for (const r of medians) {
    const values = { frtMedian: r.cal?.[0] ?? null, frtBusinessMedian: r.bus?.[0] ?? null };
    if (r.byAgent === 0 && r.agentId && (!filter.agentId || r.agentId === filter.agentId))
      agents.set(r.agentId, { ...(agents.get(r.agentId) ?? { userId: r.agentId, replies: 0, solved: 0 }), ...values });
    if (r.byQueue === 0)
      queues.set(r.queueId, { ...(queues.get(r.queueId) ?? { queueId: r.queueId, replies: 0, solved: 0 }), ...values });
  }
  return {
    agents: [...agents.values()].sort(
      (a, b) => b.replies - a.replies || b.solved - a.solved || a.userId.localeCompare(b.userId),
    ),
    queues: [...queues.values()].sort(
      (a, b) => b.replies - a.replies || b.solved - a.solved || String(a.queueId).localeCompare(String(b.queueId)),
    ),
  };
}

/** Median first response per agent (who answered first) and per queue. */
export function teamMedians(workspaceId: string, period: Period, filter: ServiceFilter): Promise<FrtRow[]> {
  return run<FrtRow>(sql`SELECT GROUPING(c."firstReplyById")::int AS "byAgent", GROUPING(c."queueId")::int AS "byQueue", c."firstReplyById" AS "agentId", c."queueId", count(*)::int AS n,
          percentile_disc(ARRAY[0.5]) WITHIN GROUP (ORDER BY c."frtMinutes") AS cal, percentile_disc(ARRAY[0.5]) WITHIN GROUP (ORDER BY c."frtBusinessMinutes") AS bus
        FROM "CaseCycle" c WHERE c."workspaceId" = ${workspaceId} AND c."firstReplyAt" >= ${ts(period.start)} AND c."firstReplyAt" < ${ts(period.end)}${caseFilterSql(filter, "c")}
        GROUP BY GROUPING SETS ((c."firstReplyById"), (c."queueId"))`);
}
