-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- The search vector is computed by the database whenever searchText changes.
ALTER TABLE "Case" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "searchText")) STORED;

-- Existing cases: their subject and their customers' messages.
UPDATE "Case" c SET "searchText" = right(c."subject" || ' ' || COALESCE((
  SELECT string_agg(m."text", ' ' ORDER BY cm."createdAt") FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
  WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'), ''), 20000);

CREATE INDEX "Case_search_idx" ON "Case" USING GIN ("searchVector");
DROP INDEX IF EXISTS "Case_subject_fts_idx";
DROP INDEX IF EXISTS "Mention_text_fts_idx";
