import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/actions/errors";

export interface ChangeVersion {
  version: string;
}

/** Changes when any case of the workspace changes (a new mention, an assignment, a reply). One index probe. */
export async function inboxVersion(workspaceId: string): Promise<ChangeVersion> {
  const [row] = await db().$queryRawUnsafe<Array<{ at: Date | null }>>(
    `SELECT max("updatedAt") AS "at" FROM "Case" WHERE "workspaceId" = $1`,
    workspaceId,
  );
  return { version: row?.at?.toISOString() ?? "0" };
}

export async function caseVersion(workspaceId: string, caseId: string | undefined): Promise<ChangeVersion> {
  if (!caseId) throw notFound("That case");
  const row = await db().case.findFirst({ where: { id: caseId, workspaceId }, select: { version: true, updatedAt: true } });
  if (!row) throw notFound("That case");
  return { version: `${row.version}:${row.updatedAt.toISOString()}` };
}
