import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contactSettings, type ContactSettings } from "./settings";

export async function getContactSettings(workspaceId: string): Promise<ContactSettings> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return contactSettings(ws?.settings);
}

export async function setContactSettings(
  workspaceId: string,
  actorUserId: string,
  next: ContactSettings,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const ws = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { settings: true } });
    const settings = { ...((ws.settings ?? {}) as Record<string, unknown>), contacts: next };
    await tx.workspace.update({ where: { id: workspaceId }, data: { settings: settings as Prisma.InputJsonValue } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "workspace.contacts.settings",
      targetType: "Workspace",
      targetId: workspaceId,
      details: next as unknown as Prisma.InputJsonValue,
    });
  });
}
