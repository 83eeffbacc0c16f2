import "server-only";
import { db } from "@/lib/db/client";

export interface WorkspaceSummary {
  casesByStatus: Record<string, number>;
  mentionsByNetwork: Record<string, number>;
  mentionsBySentiment: Record<string, number>;
  mentionsLast30Days: number;
}

/** Headline counts for the dashboard placeholder; the metrics module replaces this later. */
export async function workspaceSummary(workspaceId: string, now = new Date()): Promise<WorkspaceSummary> {
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  const [byStatus, byNetwork, bySentiment, recent] = await Promise.all([
    db().case.groupBy({ by: ["status"], where: { workspaceId }, _count: { _all: true } }),
    db().mention.groupBy({ by: ["network"], where: { workspaceId }, _count: { _all: true } }),
    db().mention.groupBy({ by: ["sentiment"], where: { workspaceId }, _count: { _all: true } }),
    db().mention.count({ where: { workspaceId, postedAt: { gte: since } } }),
  ]);
  return {
    casesByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r._count._all])),
    mentionsByNetwork: Object.fromEntries(byNetwork.map((r) => [r.network, r._count._all])),
    mentionsBySentiment: Object.fromEntries(bySentiment.map((r) => [r.sentiment ?? "UNSCORED", r._count._all])),
    mentionsLast30Days: recent,
  };
}
