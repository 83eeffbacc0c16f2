-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "network" "Network",
ADD COLUMN     "sentiment" "Sentiment";

-- Existing cases take the network and sentiment of their latest inbound mention.
UPDATE "Case" c SET "network" = x."network", "sentiment" = x."sentiment"
FROM (SELECT DISTINCT ON (cm."caseId") cm."caseId", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
      WHERE cm."kind" = 'INBOUND' ORDER BY cm."caseId", cm."createdAt" DESC) x
WHERE x."caseId" = c."id";

-- The inbox: every view pages by last activity, and open cases are what agents work.
CREATE INDEX "Case_inbox_open_idx" ON "Case" ("workspaceId", "lastActivityAt" DESC, "id" DESC) WHERE "status" IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD');
CREATE INDEX "Case_inbox_all_idx" ON "Case" ("workspaceId", "lastActivityAt" DESC, "id" DESC);
CREATE INDEX "Case_inbox_queue_idx" ON "Case" ("workspaceId", "queueId", "lastActivityAt" DESC) WHERE "status" IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD');
CREATE INDEX "Case_inbox_assignee_idx" ON "Case" ("workspaceId", "assigneeId", "lastActivityAt" DESC) WHERE "status" IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD');
CREATE INDEX "Case_sla_idx" ON "Case" ("workspaceId", "slaDueAt") WHERE "slaPausedAt" IS NULL AND "slaDueAt" IS NOT NULL;

-- Full-text search over mention text, case subjects and contact names (simple: no stemming, any language).
CREATE INDEX "Mention_text_fts_idx" ON "Mention" USING GIN (to_tsvector('simple', "text"));
CREATE INDEX "Case_subject_fts_idx" ON "Case" USING GIN (to_tsvector('simple', "subject"));
CREATE INDEX "Contact_name_fts_idx" ON "Contact" USING GIN (to_tsvector('simple', "name"));

-- The live "has anything changed?" check: the latest case update of a workspace.
CREATE INDEX "Case_workspace_updated_idx" ON "Case" ("workspaceId", "updatedAt" DESC);
