-- CreateTable
CREATE TABLE "MentionStat" (
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMP(0) NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" "Network" NOT NULL,
    "sentiment" TEXT NOT NULL DEFAULT '',
    "mentions" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionStat_pkey" PRIMARY KEY ("workspaceId","hour","brandId","network","sentiment")
);

-- CreateTable
CREATE TABLE "MentionRuleStat" (
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMP(0) NOT NULL,
    "ruleId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" "Network" NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionRuleStat_pkey" PRIMARY KEY ("workspaceId","hour","ruleId","brandId","network")
);

-- CreateTable
CREATE TABLE "MentionTermStat" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" "Network" NOT NULL,
    "term" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionTermStat_pkey" PRIMARY KEY ("workspaceId","day","brandId","network","term")
);

-- CreateTable
CREATE TABLE "MentionAuthorStat" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" "Network" NOT NULL,
    "authorId" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,
    "maxInfluence" INTEGER,

    CONSTRAINT "MentionAuthorStat_pkey" PRIMARY KEY ("workspaceId","day","brandId","network","authorId")
);

-- CreateTable
CREATE TABLE "CaseCycle" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseNumber" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "brandId" TEXT,
    "network" "Network",
    "queueId" TEXT,
    "assigneeId" TEXT,
    "slaPolicyId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,
    "firstReplyAt" TIMESTAMP(3),
    "firstReplyById" TEXT,
    "frtMinutes" DOUBLE PRECISION,
    "frtBusinessMinutes" DOUBLE PRECISION,
    "solvedAt" TIMESTAMP(3),
    "solvedById" TEXT,
    "resolutionMinutes" DOUBLE PRECISION,
    "resolutionBusinessMinutes" DOUBLE PRECISION,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaOutcome" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "cycleIndex" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "met" BOOLEAN,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "brandId" TEXT,
    "network" "Network",
    "queueId" TEXT,
    "assigneeId" TEXT,
    "slaPolicyId" TEXT,

    CONSTRAINT "SlaOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyFact" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" TEXT,
    "brandId" TEXT,
    "network" "Network",
    "queueId" TEXT,
    "assigneeId" TEXT,

    CONSTRAINT "ReplyFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentionTermDay" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "term" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionTermDay_pkey" PRIMARY KEY ("workspaceId","day","term")
);

-- CreateTable
CREATE TABLE "MentionAuthorDay" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "authorId" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,
    "maxInfluence" INTEGER,

    CONSTRAINT "MentionAuthorDay_pkey" PRIMARY KEY ("workspaceId","day","authorId")
);

-- CreateTable
CREATE TABLE "ServiceStat" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" TEXT NOT NULL DEFAULT '',
    "queueId" TEXT NOT NULL DEFAULT '',
    "assigneeId" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL DEFAULT '',
    "slaPolicyId" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServiceStat_pkey" PRIMARY KEY ("workspaceId","day","kind","brandId","network","queueId","assigneeId","actorId","slaPolicyId")
);

-- CreateTable
CREATE TABLE "MentionStatQueue" (
    "mentionId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,

    CONSTRAINT "MentionStatQueue_pkey" PRIMARY KEY ("mentionId")
);

-- CreateIndex
-- Covering (written by hand: Prisma has no INCLUDE): the percentiles read a period from the index alone.
CREATE INDEX "CaseCycle_workspaceId_firstReplyAt_idx" ON "CaseCycle"("workspaceId", "firstReplyAt") INCLUDE ("frtMinutes", "frtBusinessMinutes", "firstReplyById", "brandId", "network", "queueId", "assigneeId");

-- CreateIndex
CREATE INDEX "CaseCycle_workspaceId_solvedAt_idx" ON "CaseCycle"("workspaceId", "solvedAt") INCLUDE ("resolutionMinutes", "resolutionBusinessMinutes", "brandId", "network", "queueId", "assigneeId");

-- CreateIndex
CREATE INDEX "CaseCycle_workspaceId_sourceUpdatedAt_idx" ON "CaseCycle"("workspaceId", "sourceUpdatedAt");

-- CreateIndex
CREATE INDEX "CaseCycle_workspaceId_closedAt_idx" ON "CaseCycle"("workspaceId", "closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseCycle_caseId_index_key" ON "CaseCycle"("caseId", "index");

-- CreateIndex
CREATE INDEX "SlaOutcome_workspaceId_at_idx" ON "SlaOutcome"("workspaceId", "at") INCLUDE ("target", "met", "dueAt", "slaPolicyId", "brandId", "network", "queueId", "assigneeId");

-- CreateIndex
CREATE INDEX "SlaOutcome_caseId_idx" ON "SlaOutcome"("caseId");

-- CreateIndex
CREATE INDEX "ReplyFact_workspaceId_at_idx" ON "ReplyFact"("workspaceId", "at");

-- CreateIndex
CREATE INDEX "ReplyFact_caseId_idx" ON "ReplyFact"("caseId");

-- CreateIndex
CREATE INDEX "MentionStatQueue_workspaceId_idx" ON "MentionStatQueue"("workspaceId");

-- CreateIndex
CREATE INDEX "Case_workspaceId_updatedAt_idx" ON "Case"("workspaceId", "updatedAt");

-- AddForeignKey
ALTER TABLE "MentionStat" ADD CONSTRAINT "MentionStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionRuleStat" ADD CONSTRAINT "MentionRuleStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionTermStat" ADD CONSTRAINT "MentionTermStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionAuthorStat" ADD CONSTRAINT "MentionAuthorStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseCycle" ADD CONSTRAINT "CaseCycle_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseCycle" ADD CONSTRAINT "CaseCycle_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaOutcome" ADD CONSTRAINT "SlaOutcome_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaOutcome" ADD CONSTRAINT "SlaOutcome_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyFact" ADD CONSTRAINT "ReplyFact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyFact" ADD CONSTRAINT "ReplyFact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionTermDay" ADD CONSTRAINT "MentionTermDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionAuthorDay" ADD CONSTRAINT "MentionAuthorDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceStat" ADD CONSTRAINT "ServiceStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Running SLA clocks by due time: what the current day's breaches are read from.
CREATE INDEX "SlaOutcome_running_idx" ON "SlaOutcome"("workspaceId", "dueAt") WHERE "met" IS NULL;
