import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { writeAudit } from "@/lib/audit/log";
import { notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parsePrivacySettings, type PrivacySettings } from "./settings";

// Reads and writes Workspace.settings.privacy. Other features read the settings through
// `privacySettings(workspaceId)`; only the admin page writes them, audited.

/** The workspace's privacy settings, defaults filled in (an unknown workspace gets the defaults). */
export async function privacySettings(workspaceId: string): Promise<PrivacySettings> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return parsePrivacySettings(ws?.settings);
}

/**
 * Replaces the workspace's privacy settings and audits the change ("privacy.settings_changed",
 * before and after: days and choices, nothing personal). Only settings.privacy is written, in
 * one statement, so a concurrent change to another part of the settings is never lost.
 */
export async function setPrivacySettings(
  workspaceId: string,
  actorUserId: string,
  next: PrivacySettings,
): Promise<PrivacySettings> {
  return db().$transaction(async (tx) => {
    const [row] = await query<{ settings: unknown }>(
      tx,
      sql`SELECT "settings" FROM "Workspace" WHERE "id" = ${workspaceId} FOR UPDATE`,
    );
    if (!row) throw notFound("That workspace");
    const before = parsePrivacySettings(row.settings);
    await tx.$executeRaw`UPDATE "Workspace"
      SET "settings" = jsonb_set(CASE WHEN jsonb_typeof("settings") = 'object' THEN "settings" ELSE '{}'::jsonb END, '{privacy}', ${JSON.stringify(next)}::jsonb),
          "updatedAt" = now()
      WHERE "id" = ${workspaceId}`;
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "privacy.settings_changed",
      targetType: "Workspace",
      targetId: workspaceId,
      details: { before, after: next } as unknown as Prisma.InputJsonValue,
    });
    return next;
  });
}
