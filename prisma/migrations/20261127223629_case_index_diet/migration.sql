-- DropIndex
DROP INDEX "Case_workspaceId_status_queueId_updatedAt_idx";

-- DropIndex
DROP INDEX "Case_workspaceId_assigneeId_status_idx";

-- DropIndex
DROP INDEX "Case_workspaceId_lastActivityAt_idx";
