-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "caseCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "lastAgentReplyAt" TIMESTAMP(3),
ADD COLUMN     "lastInboundAt" TIMESTAMP(3),
ADD COLUMN     "nextResponseDueAt" TIMESTAMP(3),
ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "routingRuleId" TEXT,
ADD COLUMN     "slaAtRiskAt" TIMESTAMP(3),
ADD COLUMN     "slaDueAt" TIMESTAMP(3),
ADD COLUMN     "slaPausedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "CaseMessage_mentionId_idx" ON "CaseMessage"("mentionId");

-- Existing cases keep their numbers: the counter continues after the highest.
UPDATE "Workspace" w SET "caseCounter" = COALESCE((SELECT max(c."number") FROM "Case" c WHERE c."workspaceId" = w."id"), 0);
