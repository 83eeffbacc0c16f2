// The service figures (docs/metrics.md, "Service") computed from response cycles, SLA outcomes
// and replies held in memory: the reference the SQL in service-queries.ts must equal (a test
// compares them on a generated dataset). Pure.
/** A network name ("x", "mastodon", …); kept a string so this module needs no Prisma. */
type Network = string;
import { spread, type Spread } from "./percentile";
import type { Period } from "./period";
import type { Cycle, SlaTarget } from "./cycles";

export interface CaseFacts {
  caseId: string;
  caseNumber: number;
  brandId: string | null;
  network: Network | null;
  queueId: string | null;
  assigneeId: string | null;
  slaPolicyId: string | null;
}

/** A stored response cycle with its case's filter fields. */
export interface CycleFacts extends CaseFacts, Cycle {}

export interface OutcomeFacts extends CaseFacts {
  cycleIndex: number;
  target: SlaTarget;
  met: boolean | null;
  dueAt: Date;
  at: Date;
}

export interface ReplyFacts extends CaseFacts {
  at: Date;
  by: string | null;
}

/** Every filter applies to the case: its brand, network, queue and (agent) assignee. */
export interface ServiceFilter {
  brandId?: string | null;
  network?: Network | null;
  queueId?: string | null;
  agentId?: string | null;
}

export interface Compliance {
  met: number;
  breached: number;
  /** met ÷ (met + breached), null when nothing came due. */
  rate: number | null;
}

export interface ServiceMetrics {
  created: { total: number; buckets: number[] };
  solved: { total: number; buckets: number[] };
  /** Cases open at each bucket's end (or now, for the bucket that has not ended). */
  backlog: { buckets: number[]; atEnd: number };
  /** Cycles started in the period that are still open with no reply. */
  awaitingFirstResponse: number;
  frt: { calendar: Spread; business: Spread };
  resolution: { calendar: Spread; business: Spread };
  sla: Record<SlaTarget, Compliance> & { breachesByPolicy: Array<{ slaPolicyId: string | null; breached: number }> };
  agents: Array<{
    userId: string;
    replies: number;
    solved: number;
    frtMedian: number | null;
    frtBusinessMedian: number | null;
  }>;
  queues: Array<{
    queueId: string | null;
    replies: number;
    solved: number;
    frtMedian: number | null;
    frtBusinessMedian: number | null;
  }>;
}

export function matchesFilter(row: CaseFacts, f: ServiceFilter): boolean {
  return (
    (!f.brandId || row.brandId === f.brandId) &&
    (!f.network || row.network === f.network) &&
    (!f.queueId || row.queueId === f.queueId) &&
    (!f.agentId || row.assigneeId === f.agentId)
  );
}

const within = (at: Date | null, start: Date, end: Date): at is Date => !!at && at >= start && at < end;

export function bucketOf(period: Period, at: Date): number {
  for (let i = 0; i < period.buckets.length; i++)
    if (at >= period.buckets[i].start && at < period.buckets[i].end) return i;
  return -1;
}

/** An outcome as it stands at `now`: a running clock past its due time is breached. */
export function outcomeNow(
  o: { met: boolean | null; dueAt: Date; at: Date },
  now: Date,
): { met: boolean; at: Date } | null {
  if (o.met !== null) return { met: o.met, at: o.at };
  return o.dueAt <= now ? { met: false, at: o.dueAt } : null;
}

export function computeService(
  period: Period,
  now: Date,
  filter: ServiceFilter,
  all: { cycles: CycleFacts[]; outcomes: OutcomeFacts[]; replies: ReplyFacts[] },
): ServiceMetrics {
  const { start, end } = period;
  const cycles = all.cycles.filter((c) => matchesFilter(c, filter));
  const outcomes = all.outcomes.filter((o) => matchesFilter(o, filter));
  const replies = all.replies.filter((r) => matchesFilter(r, filter));
  const zeros = () => period.buckets.map(() => 0);

  const created = zeros();
  const solved = zeros();
  for (const c of cycles) {
    if (c.index === 0 && within(c.openedAt, start, end)) created[bucketOf(period, c.openedAt)]++;
    if (within(c.solvedAt, start, end)) solved[bucketOf(period, c.solvedAt)]++;
  }
  // Open at t: opened before t and not closed before t.
  const openAt = (t: Date) => cycles.filter((c) => c.openedAt < t && (!c.closedAt || c.closedAt >= t)).length;
  const backlog = period.buckets.map((b) => openAt(b.end < now ? b.end : now));

  const answered = cycles.filter((c) => within(c.firstReplyAt, start, end));
  const resolved = cycles.filter((c) => within(c.solvedAt, start, end));

  const sla = {
    firstResponse: { met: 0, breached: 0, rate: null },
    nextResponse: { met: 0, breached: 0, rate: null },
    resolution: { met: 0, breached: 0, rate: null },
  } as Record<SlaTarget, Compliance>;
  const byPolicy = new Map<string | null, number>();
  for (const o of outcomes) {
    const n = outcomeNow(o, now);
    if (!n || !within(n.at, start, end)) continue;
    if (n.met) sla[o.target].met++;
    else {
      sla[o.target].breached++;
      byPolicy.set(o.slaPolicyId, (byPolicy.get(o.slaPolicyId) ?? 0) + 1);
    }
  }
  for (const t of Object.values(sla)) t.rate = t.met + t.breached ? t.met / (t.met + t.breached) : null;

  const inPeriodReplies = replies.filter((r) => within(r.at, start, end));
  const agents = new Map<string, { replies: number; solved: number; frt: number[]; frtB: number[] }>();
  const agent = (id: string) => agents.get(id) ?? agents.set(id, { replies: 0, solved: 0, frt: [], frtB: [] }).get(id)!;
  for (const r of inPeriodReplies) if (r.by) agent(r.by).replies++;
  for (const c of resolved) if (c.solvedById) agent(c.solvedById).solved++;
  for (const c of answered)
    if (c.firstReplyById) {
      agent(c.firstReplyById).frt.push(c.frtMinutes!);
      agent(c.firstReplyById).frtB.push(c.frtBusinessMinutes!);
    }
  const queues = new Map<string | null, { replies: number; solved: number; frt: number[]; frtB: number[] }>();
  const queue = (id: string | null) =>
    queues.get(id) ?? queues.set(id, { replies: 0, solved: 0, frt: [], frtB: [] }).get(id)!;
  for (const r of inPeriodReplies) queue(r.queueId).replies++;
  for (const c of resolved) queue(c.queueId).solved++;
  for (const c of answered) {
    queue(c.queueId).frt.push(c.frtMinutes!);
    queue(c.queueId).frtB.push(c.frtBusinessMinutes!);
  }

  return {
    created: { total: created.reduce((a, b) => a + b, 0), buckets: created },
    solved: { total: solved.reduce((a, b) => a + b, 0), buckets: solved },
    backlog: { buckets: backlog, atEnd: backlog.at(-1) ?? 0 },
    awaitingFirstResponse: cycles.filter((c) => within(c.startedAt, start, end) && !c.closedAt && !c.firstReplyAt)
      .length,
    frt: {
      calendar: spread(answered.map((c) => c.frtMinutes!)),
      business: spread(answered.map((c) => c.frtBusinessMinutes!)),
    },
    resolution: {
      calendar: spread(resolved.map((c) => c.resolutionMinutes!)),
      business: spread(resolved.map((c) => c.resolutionBusinessMinutes!)),
    },
    sla: {
      ...sla,
      breachesByPolicy: [...byPolicy]
        .map(([slaPolicyId, breached]) => ({ slaPolicyId, breached }))
        .sort((a, b) => b.breached - a.breached || String(a.slaPolicyId).localeCompare(String(b.slaPolicyId))),
    },
    agents: [...agents]
      .filter(([id]) => !filter.agentId || id === filter.agentId)
      .map(([userId, a]) => ({
        userId,
        replies: a.replies,
        solved: a.solved,
        frtMedian: spread(a.frt).median,
        frtBusinessMedian: spread(a.frtB).median,
      }))
      .sort((a, b) => b.replies - a.replies || b.solved - a.solved || a.userId.localeCompare(b.userId)),
    queues: [...queues]
      .map(([queueId, q]) => ({
        queueId,
        replies: q.replies,
        solved: q.solved,
        frtMedian: spread(q.frt).median,
        frtBusinessMedian: spread(q.frtB).median,
      }))
      .sort(
        (a, b) => b.replies - a.replies || b.solved - a.solved || String(a.queueId).localeCompare(String(b.queueId)),
      ),
  };
}
