import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Network } from "@/lib/generated/prisma/enums";
import { loadPolicies, replayCases } from "./history";

// Keeps the stored response cycles, SLA outcomes and reply facts current. Every case change
// moves the case's updatedAt; a case whose updatedAt differs from the one its cycles were
// replayed from is replayed again. Only cases changed since shortly before the newest replayed
// change are looked at (an index range), so a refresh costs what changed, not the workspace.
// Dashboards and exports refresh before they read. Batches are short transactions, serialized
// per workspace by an advisory lock.

const BATCH = 500;
// A change committed late (its updatedAt is its statement's time) is still seen this long after.
const MARGIN_MS = 15 * 60_000;

type Network_ = Network | null;

async function staleCases(workspaceId: string): Promise<string[]> {
  const [{ newest }] = await db().$queryRaw<Array<{ newest: Date | null }>>`
    SELECT max("sourceUpdatedAt") AS newest FROM "CaseCycle" WHERE "workspaceId" = ${workspaceId}`;
  const since = newest ? new Date(newest.getTime() - MARGIN_MS) : new Date(0);
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Case" c LEFT JOIN "CaseCycle" cc ON cc."caseId" = c."id" AND cc."index" = 0
    WHERE c."workspaceId" = ${workspaceId} AND c."updatedAt" > ${since} AND (cc."id" IS NULL OR cc."sourceUpdatedAt" <> c."updatedAt")
    ORDER BY c."updatedAt" LIMIT ${BATCH}`;
  return rows.map((r) => r.id);
}

export async function refreshCaseMetrics(workspaceId: string): Promise<{ refreshed: number }> {
  let refreshed = 0;
  let policies: Awaited<ReturnType<typeof loadPolicies>> | null = null;
  for (;;) {
    const stale = await staleCases(workspaceId);
    if (!stale.length) return { refreshed };
    policies ??= await loadPolicies(db(), workspaceId);
    const replayed = await replayCases(db(), workspaceId, stale, policies);
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`metrics:${workspaceId}`}))`;
      const ids = replayed.map((r) => r.facts.caseId);
      await tx.caseCycle.deleteMany({ where: { workspaceId, caseId: { in: ids } } });
      await tx.slaOutcome.deleteMany({ where: { workspaceId, caseId: { in: ids } } });
      await tx.replyFact.deleteMany({ where: { workspaceId, caseId: { in: ids } } });
      await tx.caseCycle.createMany({
        data: replayed.flatMap((r) => r.cycles.map((c) => ({
          id: randomUUID(), workspaceId, ...r.facts, network: r.facts.network as Network_, ...c, sourceUpdatedAt: r.updatedAt,
          lastAt: [c.openedAt, c.startedAt, c.firstReplyAt, c.solvedAt, c.closedAt].reduce((a: Date, b) => (b && b > a ? b : a), c.openedAt),
        }))),
      });
      await tx.slaOutcome.createMany({
        data: replayed.flatMap((r) => r.outcomes.map((o) => ({
          id: randomUUID(), workspaceId, caseId: r.facts.caseId, cycleIndex: o.cycleIndex, target: o.target, met: o.met, dueAt: o.dueAt, at: o.at,
          brandId: r.facts.brandId, network: r.facts.network as Network_, queueId: r.facts.queueId, assigneeId: r.facts.assigneeId, slaPolicyId: r.facts.slaPolicyId,
        }))),
      });
      await tx.replyFact.createMany({
        data: replayed.flatMap((r) => r.replies.map((x) => ({
          id: randomUUID(), workspaceId, caseId: r.facts.caseId, at: x.at, byId: x.by,
          brandId: r.facts.brandId, network: r.facts.network as Network_, queueId: r.facts.queueId, assigneeId: r.facts.assigneeId,
        }))),
      });
    });
    refreshed += replayed.length;
    if (stale.length < BATCH) return { refreshed };
  }
}
