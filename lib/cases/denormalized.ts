import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Runner = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/**
 * Cases keep their latest inbound mention's network and sentiment for the inbox's views and
 * filters. After mentions' sentiment changes (a correction, a re-score), their cases follow.
 */
export async function refreshCaseSentiment(db: Runner, workspaceId: string, mentionIds: string[]): Promise<void> {
  if (!mentionIds.length) return;
  // Index lookups only (the cases of these mentions, each one's latest inbound message), so the
  // cost follows the mentions given, not the workspace. The cases are locked in id order first,
  // as ingestion locks them: a re-score running beside ingestion waits for it rather than
  // deadlocking; each is then updated from its locked row (found by primary key).
  await db.$executeRawUnsafe(
    `WITH touched AS (
       SELECT DISTINCT cm."caseId" FROM "CaseMessage" cm WHERE cm."workspaceId" = $1 AND cm."mentionId" = ANY($2::text[])),
     x AS (
       SELECT t."caseId", latest."network", latest."sentiment" FROM touched t
       CROSS JOIN LATERAL (
         SELECT m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
         WHERE cm."caseId" = t."caseId" AND cm."kind" = 'INBOUND'
         ORDER BY cm."createdAt" DESC, cm."id" DESC LIMIT 1) latest),
     locked AS (
       SELECT c."id", x."network", x."sentiment" FROM "Case" c JOIN x ON x."caseId" = c."id"
       WHERE c."workspaceId" = $1 AND (c."sentiment", c."network") IS DISTINCT FROM (x."sentiment", x."network")
       ORDER BY c."id" FOR NO KEY UPDATE OF c)
     UPDATE "Case" c SET "sentiment" = l."sentiment", "network" = l."network" FROM locked l WHERE c."id" = l."id"`,
    workspaceId,
    mentionIds,
  );
}
