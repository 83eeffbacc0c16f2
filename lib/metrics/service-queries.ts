import "server-only";
import { db } from "@/lib/db/client";
import type { Period } from "./period";
import { spread, type Spread } from "./percentile";
import type { ServiceFilter, ServiceMetrics, Compliance } from "./service";
import { Sql } from "./sql";
import type { SlaTarget } from "./cycles";

// The service figures in SQL over the stored cycles, outcomes and reply facts (refresh.ts keeps
// them current): four statements whatever the period. Same definitions as computeService in
// service.ts, which the tests hold them to.

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

interface CycleRow {
  k: string;
  b: number | null;
  id: string | null;
  n: number;
  m1: number | null;
  p1: number | null;
  m2: number | null;
  p2: number | null;
}

const med = (col: string) => `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${col})`;
const p90 = (col: string) => `percentile_disc(0.9) WITHIN GROUP (ORDER BY ${col})`;

export async function serviceMetrics(workspaceId: string, period: Period, filter: ServiceFilter, now: Date): Promise<ServiceMetrics> {
  const n = period.buckets.length;
  // Backlog points: each bucket's end, or now for a bucket that has not ended.
  const cap = (d: Date) => (d < now ? d : now);
  const points = period.buckets.map((b) => cap(b.end));
  const base = cap(period.start);

  const [cycleRows, backlogBase, sla, replies] = await Promise.all([
    // Every cycle the period touches (its latest date is in or after the period, its opening
    // before the end), read once; each figure is a pass over it.
    run<CycleRow>((q) => {
      const [s, e, ws] = [q.ts(period.start), q.ts(period.end), q.p(workspaceId)];
      const starts = q.tsArray(period.buckets.map((b) => b.start));
      const pts = q.tsArray(points);
      const [from, to] = [q.ts(base), q.ts(points[n - 1])];
      const inP = (col: string) => `c."${col}" >= ${s} AND c."${col}" < ${e}`;
      const none = "NULL::float8";
      return `WITH c AS MATERIALIZED (
          SELECT "index", "openedAt", "closedAt", "startedAt", "firstReplyAt", "firstReplyById", "frtMinutes", "frtBusinessMinutes", "solvedAt", "solvedById",
            "resolutionMinutes", "resolutionBusinessMinutes", "queueId"
          FROM "CaseCycle" c WHERE c."workspaceId" = ${ws} AND c."lastAt" >= ${from} AND c."openedAt" < ${e}${caseFilter(q, filter, "c")}
        )
        SELECT 'created' AS k, width_bucket(c."openedAt", ${starts}) AS b, NULL AS id, count(*)::int AS n, ${none} AS m1, ${none} AS p1, ${none} AS m2, ${none} AS p2
          FROM c WHERE c."index" = 0 AND ${inP("openedAt")} GROUP BY 2
        UNION ALL SELECT 'solved', width_bucket(c."solvedAt", ${starts}), NULL, count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE ${inP("solvedAt")} GROUP BY 2
        UNION ALL SELECT 'opened', width_bucket(c."openedAt", ${pts}), NULL, count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE c."openedAt" >= ${from} AND c."openedAt" < ${to} GROUP BY 2
        UNION ALL SELECT 'closed', width_bucket(c."closedAt", ${pts}), NULL, count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE c."closedAt" >= ${from} AND c."closedAt" < ${to} GROUP BY 2
        UNION ALL SELECT 'frt', NULL, NULL, count(*)::int, ${med(`c."frtMinutes"`)}, ${p90(`c."frtMinutes"`)}, ${med(`c."frtBusinessMinutes"`)}, ${p90(`c."frtBusinessMinutes"`)} FROM c WHERE ${inP("firstReplyAt")}
        UNION ALL SELECT 'res', NULL, NULL, count(*)::int, ${med(`c."resolutionMinutes"`)}, ${p90(`c."resolutionMinutes"`)}, ${med(`c."resolutionBusinessMinutes"`)}, ${p90(`c."resolutionBusinessMinutes"`)} FROM c WHERE ${inP("solvedAt")}
        UNION ALL SELECT 'awaiting', NULL, NULL, count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE ${inP("startedAt")} AND c."closedAt" IS NULL AND c."firstReplyAt" IS NULL
        UNION ALL SELECT 'agent_solved', NULL, c."solvedById", count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE ${inP("solvedAt")} AND c."solvedById" IS NOT NULL
          ${filter.agentId ? `AND c."solvedById" = ${q.p(filter.agentId)}` : ""} GROUP BY 3
        UNION ALL SELECT 'agent_frt', NULL, c."firstReplyById", count(*)::int, ${med(`c."frtMinutes"`)}, ${none}, ${med(`c."frtBusinessMinutes"`)}, ${none} FROM c
          WHERE ${inP("firstReplyAt")} AND c."firstReplyById" IS NOT NULL ${filter.agentId ? `AND c."firstReplyById" = ${q.p(filter.agentId)}` : ""} GROUP BY 3
        UNION ALL SELECT 'queue_solved', NULL, c."queueId", count(*)::int, ${none}, ${none}, ${none}, ${none} FROM c WHERE ${inP("solvedAt")} GROUP BY 3
        UNION ALL SELECT 'queue_frt', NULL, c."queueId", count(*)::int, ${med(`c."frtMinutes"`)}, ${none}, ${med(`c."frtBusinessMinutes"`)}, ${none} FROM c WHERE ${inP("firstReplyAt")} GROUP BY 3`;
    }),
    // Open at the period's start and untouched since (the rest is in the pass above): still
    // open, opened before, last moved before — found by the closedAt index's NULL range.
    run<{ n: number }>((q) => {
      const t = q.ts(base);
      return `SELECT count(*)::int AS n FROM "CaseCycle" c WHERE c."workspaceId" = ${q.p(workspaceId)} AND c."openedAt" < ${t}
        AND (c."closedAt" IS NULL OR c."closedAt" >= ${t})${caseFilter(q, filter, "c")}`;
    }),
    run<{ target: SlaTarget | null; slaPolicyId: string | null; met: number; breached: number }>((q) => `SELECT o."target", o."slaPolicyId",
        count(*) FILTER (WHERE o."met")::int AS met, count(*) FILTER (WHERE NOT coalesce(o."met", false))::int AS breached
      FROM "SlaOutcome" o WHERE o."workspaceId" = ${q.p(workspaceId)} AND o."at" >= ${q.ts(period.start)} AND o."at" < ${q.ts(period.end)}
        AND (o."met" IS NOT NULL OR o."dueAt" <= ${q.ts(now)})${caseFilter(q, filter, "o")} GROUP BY GROUPING SETS ((o."target"), (o."slaPolicyId"))`),
    run<{ byId: string | null; queueId: string | null; agents: number; n: number }>((q) => `SELECT r."byId", r."queueId", GROUPING(r."byId")::int AS agents, count(*)::int AS n
      FROM "ReplyFact" r WHERE r."workspaceId" = ${q.p(workspaceId)} AND r."at" >= ${q.ts(period.start)} AND r."at" < ${q.ts(period.end)}${caseFilter(q, filter, "r")}
      GROUP BY GROUPING SETS ((r."byId"), (r."queueId"))`),
  ]);

  const rows = (k: string) => cycleRows.filter((r) => r.k === k);
  const perBucket = (k: string) => {
    const out = Array.from({ length: n }, () => 0);
    for (const r of rows(k)) if (r.b! >= 1 && r.b! <= n) out[r.b! - 1] += r.n;
    return out;
  };
  const createdB = perBucket("created");
  const solvedB = perBucket("solved");
  // width_bucket over the points: 0 = before the first point, k = between point k-1 and k.
  const delta = Array.from({ length: n }, () => 0);
  for (const r of rows("opened")) if (r.b! < n) delta[r.b!] += r.n;
  for (const r of rows("closed")) if (r.b! < n) delta[r.b!] -= r.n;
  // The base pass counted cycles opened before the start that are still open or closed since.
  let open = backlogBase[0]?.n ?? 0;
  const backlog = delta.map((d) => (open += d));

  const one = (k: string, which: 1 | 2): Spread => {
    const r = rows(k)[0];
    return r && r.n ? { count: r.n, median: which === 1 ? r.m1 : r.m2, p90: which === 1 ? r.p1 : r.p2 } : spread([]);
  };

  const compliance = (t: SlaTarget): Compliance => {
    const r = sla.find((x) => x.target === t);
    const met = r?.met ?? 0;
    const breached = r?.breached ?? 0;
    return { met, breached, rate: met + breached ? met / (met + breached) : null };
  };
  const breachesByPolicy = sla
    .filter((x) => x.target === null && x.breached > 0)
    .map((x) => ({ slaPolicyId: x.slaPolicyId, breached: x.breached }))
    .sort((a, b) => b.breached - a.breached || String(a.slaPolicyId).localeCompare(String(b.slaPolicyId)));

  const agents = new Map<string, ServiceMetrics["agents"][number]>();
  const agent = (id: string) => agents.get(id) ?? agents.set(id, { userId: id, replies: 0, solved: 0, frtMedian: null, frtBusinessMedian: null }).get(id)!;
  for (const r of replies) if (r.agents === 0 && r.byId && (!filter.agentId || r.byId === filter.agentId)) agent(r.byId).replies = r.n;
  for (const r of rows("agent_solved")) agent(r.id!).solved = r.n;
  for (const r of rows("agent_frt")) Object.assign(agent(r.id!), { frtMedian: r.m1, frtBusinessMedian: r.m2 });
  const queues = new Map<string | null, ServiceMetrics["queues"][number]>();
  const queue = (id: string | null) => queues.get(id) ?? queues.set(id, { queueId: id, replies: 0, solved: 0, frtMedian: null, frtBusinessMedian: null }).get(id)!;
  for (const r of replies) if (r.agents === 1) queue(r.queueId).replies = r.n;
  for (const r of rows("queue_solved")) queue(r.id).solved = r.n;
  for (const r of rows("queue_frt")) Object.assign(queue(r.id), { frtMedian: r.m1, frtBusinessMedian: r.m2 });

  return {
    created: { total: createdB.reduce((a, b) => a + b, 0), buckets: createdB },
    solved: { total: solvedB.reduce((a, b) => a + b, 0), buckets: solvedB },
    backlog: { buckets: backlog, atEnd: backlog.at(-1) ?? 0 },
    awaitingFirstResponse: rows("awaiting")[0]?.n ?? 0,
    frt: { calendar: one("frt", 1), business: one("frt", 2) },
    resolution: { calendar: one("res", 1), business: one("res", 2) },
    sla: { firstResponse: compliance("firstResponse"), nextResponse: compliance("nextResponse"), resolution: compliance("resolution"), breachesByPolicy },
    agents: [...agents.values()].sort((a, b) => b.replies - a.replies || b.solved - a.solved || a.userId.localeCompare(b.userId)),
    queues: [...queues.values()].sort((a, b) => b.replies - a.replies || b.solved - a.solved || String(a.queueId).localeCompare(String(b.queueId))),
  };
}
