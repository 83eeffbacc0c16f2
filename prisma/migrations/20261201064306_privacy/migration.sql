-- DropIndex
DROP INDEX "AuditLog_workspaceId_createdAt_idx";

-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "redactedAt" TIMESTAMP(3),
ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "doNotProfile" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "restrictProcessing" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureJob" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "subjectHash" TEXT NOT NULL,
    "plan" JSONB NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'pending',
    "done" JSONB NOT NULL DEFAULT '[]',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "actorUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ErasureJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureTombstone" (
    "workspaceId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureTombstone_pkey" PRIMARY KEY ("workspaceId","keyHash")
);

-- CreateIndex
CREATE INDEX "PrivacyRequest_workspaceId_contactId_createdAt_idx" ON "PrivacyRequest"("workspaceId", "contactId", "createdAt");

-- CreateIndex
CREATE INDEX "ErasureJob_state_updatedAt_idx" ON "ErasureJob"("state", "updatedAt");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_createdAt_id_idx" ON "AuditLog"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_action_createdAt_idx" ON "AuditLog"("workspaceId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_actorUserId_createdAt_idx" ON "AuditLog"("workspaceId", "actorUserId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_targetType_targetId_idx" ON "AuditLog"("workspaceId", "targetType", "targetId");

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureJob" ADD CONSTRAINT "ErasureJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureTombstone" ADD CONSTRAINT "ErasureTombstone_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

