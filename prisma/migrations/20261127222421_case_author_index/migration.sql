-- CreateIndex
CREATE INDEX "Case_workspaceId_authorId_idx" ON "Case"("workspaceId", "authorId");
