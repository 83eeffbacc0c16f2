import "server-only";
import { db } from "@/lib/db/client";
import type { Period } from "./period";
import { spread, type Spread } from "./percentile";
import type { ServiceFilter, ServiceMetrics, Compliance } from "./service";
import { Sql } from "./sql";
import type { SlaTarget } from "./cycles";

// The service figures in SQL over the stored cycles and outcomes (refresh.ts keeps them
// current). Same definitions as computeService in service.ts, which the tests hold them to.

function caseFilter(q: Sql, f: ServiceFilter, alias: string): string {
  const parts: string[] = [];
  if (f.brandId) parts.push(`${alias}."brandId" = ${q.p(f.brandId)}`);
  if (f.network) parts.push(`${alias}."network" = ${q.p(f.network)}::"Network"`);
  if (f.queueId) parts.push(`${alias}."queueId" = ${q.p(f.queueId)}`);
  if (f.agentId) parts.push(`${alias}."assigneeId" = ${q.p(f.agentId)}`);
  return parts.length ? ` AND ${parts.join(" AND ")}` : "";
}

async function run<T>(build: (q: Sql) => string): Promise<T[]> {
  const q = new Sql();
  const text = build(q);
  return db().$queryRawUnsafe<T[]>(text, ...q.params);
}

const spreadSql = (col: string) =>
  `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${col}) AS "${col.replace(/"/g, "")}Median", percentile_disc(0.9) WITHIN GROUP (ORDER BY ${col}) AS "${col.replace(/"/g, "")}P90"`;

type SpreadRow = Record<string, number | null>;
const toSpread = (count: number, row: SpreadRow, col: string): Spread => (count ? { count, median: row[`${col}Median`] ?? null, p90: row[`${col}P90`] ?? null } : spread([]));

export async function serviceMetrics(workspaceId: string, period: Period, filter: ServiceFilter, now: Date): Promise<ServiceMetrics> {
  const n = period.buckets.length;
  const starts = period.buckets.map((b) => b.start);
  // Backlog points: each bucket's end, or now for a bucket that has not ended.
  const cap = (d: Date) => (d < now ? d : now);
  const points = period.buckets.map((b) => cap(b.end));
  const base = cap(period.start);

  const [created, solved, frt, res, awaiting, backlogBase, backlogDeltas, sla, breaches, agentReplies, agentCycles, queueReplies, queueCycles] = await Promise.all([
    run<{ b: number; n: number }>((q) => `SELECT width_bucket("openedAt", ${q.tsArray(starts)}) AS b, count(*)::int AS n FROM "CaseCycle" c
      WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."index" = 0 AND c."openedAt" >= ${q.ts(period.start)} AND c."openedAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")} GROUP BY 1`),
    run<{ b: number; n: number }>((q) => `SELECT width_bucket("solvedAt", ${q.tsArray(starts)}) AS b, count(*)::int AS n FROM "CaseCycle" c
      WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."solvedAt" >= ${q.ts(period.start)} AND c."solvedAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")} GROUP BY 1`),
    run<SpreadRow & { n: number }>((q) => `SELECT count(*)::int AS n, ${spreadSql(`"frtMinutes"`)}, ${spreadSql(`"frtBusinessMinutes"`)} FROM "CaseCycle" c
      WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."firstReplyAt" >= ${q.ts(period.start)} AND c."firstReplyAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")}`),
    run<SpreadRow & { n: number }>((q) => `SELECT count(*)::int AS n, ${spreadSql(`"resolutionMinutes"`)}, ${spreadSql(`"resolutionBusinessMinutes"`)} FROM "CaseCycle" c
      WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."solvedAt" >= ${q.ts(period.start)} AND c."solvedAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")}`),
    run<{ n: number }>((q) => `SELECT count(*)::int AS n FROM "CaseCycle" c WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."closedAt" IS NULL AND c."firstReplyAt" IS NULL
      AND c."startedAt" >= ${q.ts(period.start)} AND c."startedAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")}`),
    // Open at the period's start: still open, or closed since (both found by the closedAt index).
    run<{ n: number }>((q) => {
      const t = q.ts(base);
      return `SELECT count(*)::int AS n FROM "CaseCycle" c WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."openedAt" < ${t}
        AND (c."closedAt" IS NULL OR c."closedAt" >= ${t})${caseFilter(q, filter, "c")}`;
    }),
    // Then, per interval between points: opened minus closed.
    run<{ b: number; opened: number; closed: number }>((q) => {
      const pts = q.tsArray(points);
      const from = q.ts(base);
      const to = q.ts(points[n - 1]);
      const ws = q.p(workspaceId);
      const f = caseFilter(q, filter, "c");
      return `SELECT b, sum(o)::int AS opened, sum(x)::int AS closed FROM (
          SELECT width_bucket(c."openedAt", ${pts}) AS b, 1 AS o, 0 AS x FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."openedAt" >= ${from} AND c."openedAt" < ${to}${f}
          UNION ALL
          SELECT width_bucket(c."closedAt", ${pts}), 0, 1 FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."closedAt" >= ${from} AND c."closedAt" < ${to}${f}
        ) d GROUP BY b`;
    }),
    run<{ target: SlaTarget; met: number; breached: number }>((q) => `SELECT o."target", count(*) FILTER (WHERE o."met")::int AS met, count(*) FILTER (WHERE NOT coalesce(o."met", false))::int AS breached
      FROM "SlaOutcome" o WHERE o."workspaceId" = ${q.p(workspaceId)} AND o."at" >= ${q.ts(period.start)} AND o."at" < ${q.ts(period.end)}
        AND (o."met" IS NOT NULL OR o."dueAt" <= ${q.ts(now)})${caseFilter(q, filter, "o")} GROUP BY 1`),
    run<{ slaPolicyId: string | null; breached: number }>((q) => `SELECT o."slaPolicyId", count(*)::int AS breached
      FROM "SlaOutcome" o WHERE o."workspaceId" = ${q.p(workspaceId)} AND o."at" >= ${q.ts(period.start)} AND o."at" < ${q.ts(period.end)}
        AND (o."met" = false OR (o."met" IS NULL AND o."dueAt" <= ${q.ts(now)}))${caseFilter(q, filter, "o")} GROUP BY 1`),
    run<{ id: string; n: number }>((q) => `SELECT m."authorUserId" AS id, count(*)::int AS n FROM "CaseMessage" m JOIN "Case" c ON c."id" = m."caseId"
      WHERE m."workspaceId" = ${q.p(workspaceId)} AND m."kind" = 'OUTBOUND' AND NOT m."automated" AND m."deliveryStatus" IS DISTINCT FROM 'failed' AND m."authorUserId" IS NOT NULL
        AND m."createdAt" >= ${q.ts(period.start)} AND m."createdAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")}${filter.agentId ? ` AND m."authorUserId" = ${q.p(filter.agentId)}` : ""} GROUP BY 1`),
    run<{ id: string; solved: number; frtMedian: number | null; frtBusinessMedian: number | null }>((q) => {
      const ws = q.p(workspaceId);
      const [s, e] = [q.ts(period.start), q.ts(period.end)];
      const f = caseFilter(q, filter, "c");
      return `SELECT id, sum(solved)::int AS solved, percentile_disc(0.5) WITHIN GROUP (ORDER BY frt) AS "frtMedian", percentile_disc(0.5) WITHIN GROUP (ORDER BY frtb) AS "frtBusinessMedian" FROM (
          SELECT c."solvedById" AS id, 1 AS solved, NULL::float8 AS frt, NULL::float8 AS frtb FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."solvedAt" >= ${s} AND c."solvedAt" < ${e} AND c."solvedById" IS NOT NULL${f}
          UNION ALL
          SELECT c."firstReplyById", 0, c."frtMinutes", c."frtBusinessMinutes" FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."firstReplyAt" >= ${s} AND c."firstReplyAt" < ${e} AND c."firstReplyById" IS NOT NULL${f}
        ) x${filter.agentId ? ` WHERE id = ${q.p(filter.agentId)}` : ""} GROUP BY id`;
    }),
    run<{ id: string | null; n: number }>((q) => `SELECT c."queueId" AS id, count(*)::int AS n FROM "CaseMessage" m JOIN "Case" c ON c."id" = m."caseId"
      WHERE m."workspaceId" = ${q.p(workspaceId)} AND m."kind" = 'OUTBOUND' AND NOT m."automated" AND m."deliveryStatus" IS DISTINCT FROM 'failed'
        AND m."createdAt" >= ${q.ts(period.start)} AND m."createdAt" < ${q.ts(period.end)}${caseFilter(q, filter, "c")} GROUP BY 1`),
    run<{ id: string | null; solved: number; frtMedian: number | null; frtBusinessMedian: number | null }>((q) => {
      const ws = q.p(workspaceId);
      const [s, e] = [q.ts(period.start), q.ts(period.end)];
      const f = caseFilter(q, filter, "c");
      return `SELECT id, sum(solved)::int AS solved, percentile_disc(0.5) WITHIN GROUP (ORDER BY frt) AS "frtMedian", percentile_disc(0.5) WITHIN GROUP (ORDER BY frtb) AS "frtBusinessMedian" FROM (
          SELECT c."queueId" AS id, 1 AS solved, NULL::float8 AS frt, NULL::float8 AS frtb FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."solvedAt" >= ${s} AND c."solvedAt" < ${e}${f}
          UNION ALL
          SELECT c."queueId", 0, c."frtMinutes", c."frtBusinessMinutes" FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."firstReplyAt" >= ${s} AND c."firstReplyAt" < ${e}${f}
        ) x GROUP BY id`;
    }),
  ]);

  const perBucket = (rows: Array<{ b: number; n: number }>) => {
    const out = period.buckets.map(() => 0);
    for (const r of rows) if (r.b >= 1 && r.b <= n) out[r.b - 1] += r.n;
    return out;
  };
  const createdB = perBucket(created);
  const solvedB = perBucket(solved);
  // width_bucket over the points: 0 = before the first point, k = between point k-1 and k.
  const delta = Array.from({ length: n }, () => 0);
  for (const r of backlogDeltas) if (r.b < n) delta[r.b] += r.opened - r.closed;
  let open = backlogBase[0]?.n ?? 0;
  const backlog = delta.map((d) => (open += d));

  const compliance = (t: SlaTarget): Compliance => {
    const r = sla.find((x) => x.target === t);
    const met = r?.met ?? 0;
    const breached = r?.breached ?? 0;
    return { met, breached, rate: met + breached ? met / (met + breached) : null };
  };

  const agents = new Map<string, ServiceMetrics["agents"][number]>();
  for (const r of agentReplies) agents.set(r.id, { userId: r.id, replies: r.n, solved: 0, frtMedian: null, frtBusinessMedian: null });
  for (const r of agentCycles) agents.set(r.id, { userId: r.id, replies: agents.get(r.id)?.replies ?? 0, solved: r.solved, frtMedian: r.frtMedian, frtBusinessMedian: r.frtBusinessMedian });
  const queues = new Map<string | null, ServiceMetrics["queues"][number]>();
  for (const r of queueReplies) queues.set(r.id, { queueId: r.id, replies: r.n, solved: 0, frtMedian: null, frtBusinessMedian: null });
  for (const r of queueCycles) queues.set(r.id, { queueId: r.id, replies: queues.get(r.id)?.replies ?? 0, solved: r.solved, frtMedian: r.frtMedian, frtBusinessMedian: r.frtBusinessMedian });

  return {
    created: { total: createdB.reduce((a, b) => a + b, 0), buckets: createdB },
    solved: { total: solvedB.reduce((a, b) => a + b, 0), buckets: solvedB },
    backlog: { buckets: backlog, atEnd: backlog.at(-1) ?? 0 },
    awaitingFirstResponse: awaiting[0]?.n ?? 0,
    frt: { calendar: toSpread(frt[0]?.n ?? 0, frt[0] ?? {}, "frtMinutes"), business: toSpread(frt[0]?.n ?? 0, frt[0] ?? {}, "frtBusinessMinutes") },
    resolution: { calendar: toSpread(res[0]?.n ?? 0, res[0] ?? {}, "resolutionMinutes"), business: toSpread(res[0]?.n ?? 0, res[0] ?? {}, "resolutionBusinessMinutes") },
    sla: {
      firstResponse: compliance("firstResponse"), nextResponse: compliance("nextResponse"), resolution: compliance("resolution"),
      breachesByPolicy: breaches.sort((a, b) => b.breached - a.breached || String(a.slaPolicyId).localeCompare(String(b.slaPolicyId))),
    },
    agents: [...agents.values()].sort((a, b) => b.replies - a.replies || b.solved - a.solved || a.userId.localeCompare(b.userId)),
    queues: [...queues.values()].sort((a, b) => b.replies - a.replies || b.solved - a.solved || String(a.queueId).localeCompare(String(b.queueId))),
  };
}
