import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/actions/errors";
import { ID_PATTERN } from "@/lib/util/params";

export const PRESENCE_TTL_MS = 15_000;
export type PresenceState = "viewing" | "replying";

export interface PresenceEntry {
  userId: string;
  name: string;
  state: PresenceState;
}

/** The case, when the id names one of the workspace's (a malformed id names none: no query is made). */
async function findCase(workspaceId: string, caseId: string) {
  if (!ID_PATTERN.test(caseId)) return null;
  return db().case.findFirst({ where: { id: caseId, workspaceId }, select: { id: true } });
}

/** A heartbeat: this user is viewing (or replying to) this case now. */
export async function beat(workspaceId: string, userId: string, caseId: string, state: PresenceState): Promise<void> {
  const kase = await findCase(workspaceId, caseId);
  if (!kase) throw notFound("That case");
  await db().casePresence.upsert({
    where: { caseId_userId: { caseId, userId } },
    create: { workspaceId, caseId, userId, state, updatedAt: new Date() },
    update: { state, updatedAt: new Date() },
  });
}

/** The others on this case in the last few seconds. */
export async function presentOn(workspaceId: string, userId: string, caseId: string): Promise<PresenceEntry[]> {
  const kase = await findCase(workspaceId, caseId);
  if (!kase) throw notFound("That case");
  const rows = await db().casePresence.findMany({
    where: { workspaceId, caseId, userId: { not: userId }, updatedAt: { gt: new Date(Date.now() - PRESENCE_TTL_MS) } },
    orderBy: { updatedAt: "desc" },
    select: { userId: true, state: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({
    userId: r.userId,
    name: r.user.name,
    state: r.state === "replying" ? "replying" : "viewing",
  }));
}
