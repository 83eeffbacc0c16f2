-- CreateTable
CREATE TABLE "MentionTermWeek" (
    "workspaceId" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "term" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionTermWeek_pkey" PRIMARY KEY ("workspaceId","week","term") INCLUDE ("mentions")
);

-- AddForeignKey
ALTER TABLE "MentionTermWeek" ADD CONSTRAINT "MentionTermWeek_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
