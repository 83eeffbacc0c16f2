-- CreateTable
CREATE TABLE "SentimentModel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "examples" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentimentModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentimentLabel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "label" "Sentiment" NOT NULL,
    "origin" TEXT NOT NULL,
    "mentionId" TEXT,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentimentLabel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SentimentModel_workspaceId_version_key" ON "SentimentModel"("workspaceId", "version");

-- CreateIndex
CREATE INDEX "SentimentLabel_workspaceId_createdAt_idx" ON "SentimentLabel"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "SentimentModel" ADD CONSTRAINT "SentimentModel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentimentLabel" ADD CONSTRAINT "SentimentLabel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
