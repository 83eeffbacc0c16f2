import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { notFound } from "@/lib/actions/errors";
import { ID_PATTERN } from "@/lib/util/params";

export interface ChangeVersion {
  version: string;
}

/** Changes when any case of the workspace changes (a new mention, an assignment, a reply). One index probe. */
export async function inboxVersion(workspaceId: string): Promise<ChangeVersion> {
  const [row] = await query<{ at: Date | null }>(
    db(),
    sql`SELECT max("updatedAt") AS "at" FROM "Case" WHERE "workspaceId" = ${workspaceId}`,
  );
  return { version: row?.at?.toISOString() ?? "0" };
}

export async function caseVersion(workspaceId: string, caseId: string | undefined): Promise<ChangeVersion> {
  // A malformed id names no case; it never reaches the database (NUL would be an error there).
  if (!caseId || !ID_PATTERN.test(caseId)) throw notFound("That case");
  const row = await db().case.findFirst({
    where: { id: caseId, workspaceId },
    select: { version: true, updatedAt: true },
  });
  if (!row) throw notFound("That case");
  return { version: `${row.version}:${row.updatedAt.toISOString()}` };
}
