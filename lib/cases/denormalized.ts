import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Runner = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/**
 * Cases keep their latest inbound mention's network and sentiment for the inbox's views and
 * filters. After mentions' sentiment changes (a correction, a re-score), their cases follow.
 */
export async function refreshCaseSentiment(db: Runner, workspaceId: string, mentionIds: string[]): Promise<void> {
  if (!mentionIds.length) return;
  await db.$executeRawUnsafe(
    `UPDATE "Case" c SET "sentiment" = x."sentiment", "network" = x."network"
     FROM (SELECT DISTINCT ON (cm."caseId") cm."caseId", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
           WHERE cm."workspaceId" = $1 AND cm."kind" = 'INBOUND'
             AND cm."caseId" IN (SELECT "caseId" FROM "CaseMessage" WHERE "workspaceId" = $1 AND "mentionId" = ANY($2::text[]))
           ORDER BY cm."caseId", cm."createdAt" DESC) x
     WHERE c."id" = x."caseId" AND c."workspaceId" = $1 AND (c."sentiment", c."network") IS DISTINCT FROM (x."sentiment", x."network")`,
    workspaceId,
    mentionIds,
  );
}
