-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "directReach" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "influence" INTEGER,
ADD COLUMN     "previousTexts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "sentimentConfidence" DOUBLE PRECISION;
