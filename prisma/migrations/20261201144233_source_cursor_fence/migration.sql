-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "cursorFence" BIGINT NOT NULL DEFAULT 0;
