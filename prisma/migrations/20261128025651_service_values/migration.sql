-- CreateTable
CREATE TABLE "ServiceValueStat" (
    "workspaceId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "slice" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "bin" INTEGER NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServiceValueStat_pkey" PRIMARY KEY ("workspaceId","measure","slice","day","bin") INCLUDE ("n")
);

-- AddForeignKey
ALTER TABLE "ServiceValueStat" ADD CONSTRAINT "ServiceValueStat_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
