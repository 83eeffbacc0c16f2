-- CreateTable
CREATE TABLE "CasePresence" (
    "workspaceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CasePresence_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateIndex
CREATE INDEX "CasePresence_workspaceId_updatedAt_idx" ON "CasePresence"("workspaceId", "updatedAt");

-- AddForeignKey
ALTER TABLE "CasePresence" ADD CONSTRAINT "CasePresence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CasePresence" ADD CONSTRAINT "CasePresence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CasePresence" ADD CONSTRAINT "CasePresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
