import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Runner = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/**
 * Cases keep their latest inbound mention's network and sentiment for the inbox's views and
 * filters. After mentions' sentiment changes (a correction, a re-score), their cases follow.
 */
export async function refreshCaseSentiment(db: Runner, workspaceId: string, mentionIds: string[]): Promise<void> {
  if (!mentionIds.length) return;
  // The cases are locked in id order first, as ingestion locks them: a re-score running beside
  // ingestion waits for it rather than deadlocking (an UPDATE … FROM locks in join order).
  await db.$executeRawUnsafe(
    `WITH x AS (
       SELECT DISTINCT ON (cm."caseId") cm."caseId", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
       WHERE cm."workspaceId" = $1 AND cm."kind" = 'INBOUND'
         AND cm."caseId" IN (SELECT "caseId" FROM "CaseMessage" WHERE "workspaceId" = $1 AND "mentionId" = ANY($2::text[]))
       ORDER BY cm."caseId", cm."createdAt" DESC),
     locked AS (
       SELECT c."id" FROM "Case" c JOIN x ON x."caseId" = c."id"
       WHERE c."workspaceId" = $1 AND (c."sentiment", c."network") IS DISTINCT FROM (x."sentiment", x."network")
       ORDER BY c."id" FOR NO KEY UPDATE OF c)
     UPDATE "Case" c SET "sentiment" = x."sentiment", "network" = x."network"
     FROM x JOIN locked l ON l."id" = x."caseId"
     WHERE c."id" = x."caseId" AND c."workspaceId" = $1 AND (c."sentiment", c."network") IS DISTINCT FROM (x."sentiment", x."network")`,
    workspaceId,
    mentionIds,
  );
}
