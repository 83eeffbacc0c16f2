import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Network } from "@/lib/generated/prisma/enums";
import { loadPolicies, replayCases } from "./history";

// Keeps the stored response cycles and SLA outcomes current. A case whose updatedAt moved past
// its metricsAt (every case change moves it) is replayed from its history; reads of the
// dashboards and exports refresh first, so they never show a stale cycle. Batches are short
// transactions, serialized per workspace by an advisory lock.

const BATCH = 500;

export async function refreshCaseMetrics(workspaceId: string): Promise<{ refreshed: number }> {
  let refreshed = 0;
  let policies: Awaited<ReturnType<typeof loadPolicies>> | null = null;
  for (;;) {
    const stale = await db().$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Case" WHERE "workspaceId" = ${workspaceId} AND ("metricsAt" IS NULL OR "metricsAt" < "updatedAt") LIMIT ${BATCH}`;
    if (!stale.length) return { refreshed };
    policies ??= await loadPolicies(db(), workspaceId);
    const replayed = await replayCases(db(), workspaceId, stale.map((s) => s.id), policies);
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`metrics:${workspaceId}`}))`;
      const ids = replayed.map((r) => r.facts.caseId);
      await tx.caseCycle.deleteMany({ where: { workspaceId, caseId: { in: ids } } });
      await tx.slaOutcome.deleteMany({ where: { workspaceId, caseId: { in: ids } } });
      await tx.caseCycle.createMany({
        data: replayed.flatMap((r) => r.cycles.map((c) => ({ id: randomUUID(), workspaceId, ...r.facts, network: r.facts.network as Network | null, ...c }))),
      });
      await tx.slaOutcome.createMany({
        data: replayed.flatMap((r) => r.outcomes.map((o) => ({
          id: randomUUID(), workspaceId, caseId: r.facts.caseId, cycleIndex: o.cycleIndex, target: o.target, met: o.met, dueAt: o.dueAt, at: o.at,
          brandId: r.facts.brandId, network: r.facts.network as Network | null, queueId: r.facts.queueId, assigneeId: r.facts.assigneeId, slaPolicyId: r.facts.slaPolicyId,
        }))),
      });
      // Marked with the updatedAt that was replayed: a change made meanwhile leaves it stale.
      await tx.$executeRaw`
        UPDATE "Case" c SET "metricsAt" = u."at" FROM unnest(${ids}::text[], ${replayed.map((r) => r.updatedAt)}::timestamp[]) AS u("id", "at")
        WHERE c."id" = u."id" AND c."workspaceId" = ${workspaceId}`;
    });
    refreshed += replayed.length;
  }
}
