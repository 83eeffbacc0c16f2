-- Every case write (a mention joining a case rewrites its row) pays for every index on "Case":
-- this one duplicated "Case_workspace_updated_idx" (the same columns, read in either direction).
-- DropIndex
DROP INDEX "Case_workspaceId_updatedAt_idx";

-- Deletions remembered before their post arrived are pruned by age (pruneDeletedPosts).
-- CreateIndex
CREATE INDEX "DeletedPost_deletedAt_idx" ON "DeletedPost"("deletedAt");

-- The case's search vector becomes a plain column kept by a trigger (prisma/sql/metrics.sql,
-- earshot_case_search_vector), which adds a joining mention's words to it instead of
-- recomputing the whole text. The values stay, and the table is not rewritten.
ALTER TABLE "Case" ALTER COLUMN "searchVector" DROP EXPRESSION;
