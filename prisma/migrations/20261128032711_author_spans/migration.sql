-- CreateTable
CREATE TABLE "AuthorSpan" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL DEFAULT '',
    "network" TEXT NOT NULL DEFAULT '',
    "fromDay" DATE NOT NULL,
    "toDay" DATE NOT NULL,
    "epoch" BIGINT NOT NULL,
    "top" JSONB NOT NULL DEFAULT '[]',
    "topN" INTEGER NOT NULL DEFAULT 0,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthorSpan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthorSpanTotal" (
    "workspaceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL,
    "maxInfluence" INTEGER,

    CONSTRAINT "AuthorSpanTotal_pkey" PRIMARY KEY ("spanId","authorId")
);

-- CreateTable
CREATE TABLE "AuthorEpoch" (
    "workspaceId" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AuthorEpoch_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuthorSpan_workspaceId_brandId_network_fromDay_toDay_key" ON "AuthorSpan"("workspaceId", "brandId", "network", "fromDay", "toDay");

-- AddForeignKey
ALTER TABLE "AuthorSpan" ADD CONSTRAINT "AuthorSpan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorEpoch" ADD CONSTRAINT "AuthorEpoch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
