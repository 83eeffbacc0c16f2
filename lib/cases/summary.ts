import "server-only";
import { db } from "@/lib/db/client";
import { OPEN_STATUSES } from "@/lib/domain/vocabulary";

export interface InboxSummary {
  unassigned: number;
  mine: number;
  breached: number;
}

/** The counts shown next to "Inbox" in the navigation, refreshed live. */
export async function inboxSummary(workspaceId: string, userId: string, now = new Date()): Promise<InboxSummary> {
  const open = { workspaceId, status: { in: [...OPEN_STATUSES] } };
  const [unassigned, mine, breached] = await Promise.all([
    db().case.count({ where: { ...open, assigneeId: null } }),
    db().case.count({ where: { ...open, assigneeId: userId } }),
    db().case.count({ where: { ...open, slaPausedAt: null, slaDueAt: { lte: now } } }),
  ]);
  return { unassigned, mine, breached };
}
