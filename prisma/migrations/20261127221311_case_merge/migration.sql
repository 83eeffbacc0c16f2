-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "mergedIntoId" TEXT;
