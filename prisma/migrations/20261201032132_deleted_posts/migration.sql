-- CreateTable
CREATE TABLE "DeletedPost" (
    "workspaceId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "externalId" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedPost_pkey" PRIMARY KEY ("workspaceId","network","externalId")
);

-- AddForeignKey
ALTER TABLE "DeletedPost" ADD CONSTRAINT "DeletedPost_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
