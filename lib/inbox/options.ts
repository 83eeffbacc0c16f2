import "server-only";
import { db } from "@/lib/db/client";

/** The choices of the inbox's filters: queues, brands, active members. */
export async function inboxOptions(workspaceId: string) {
  const [queues, brands, members] = await Promise.all([
    db().queue.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().brand.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().membership.findMany({
      where: { workspaceId, active: true },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
  ]);
  return { queues, brands, agents: members.map((m) => m.user) };
}
