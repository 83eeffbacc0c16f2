import { settingsWithSecrets } from "@/lib/sources/secrets";
import "server-only";
import { db } from "@/lib/db/client";

/** Health bookkeeping shared by the connectors. */
export async function recordSourceError(sourceId: string, message: string): Promise<void> {
  await db().source.update({
    where: { id: sourceId },
    data: { lastError: message, lastErrorAt: new Date(), errorCount: { increment: 1 } },
  });
}

export async function saveCursor(sourceId: string, cursor: string): Promise<void> {
  await db().source.update({ where: { id: sourceId }, data: { cursor, errorCount: 0 } });
}

export async function loadSource(sourceId: string) {
  const source = await db().source.findUniqueOrThrow({
    where: { id: sourceId },
    include: { workspace: { select: { settings: true } } },
  });
  const allowlist = ((source.workspace.settings ?? {}) as { fetchAllowlist?: string[] }).fetchAllowlist ?? [];
  return { source, settings: settingsWithSecrets(source), allowlist };
}
