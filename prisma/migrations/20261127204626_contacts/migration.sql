-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('OPEN', 'ACCEPTED', 'REJECTED');

-- DropIndex
DROP INDEX "Contact_workspaceId_name_idx";

-- AlterTable
ALTER TABLE "SocialIdentity" ADD COLUMN     "email" TEXT,
ADD COLUMN     "location" TEXT,
ADD COLUMN     "website" TEXT;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "handles" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "location" TEXT,
ADD COLUMN     "mergedAt" TIMESTAMP(3),
ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "websites" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ContactNote" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "authorUserId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactKey" (
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ContactKey_pkey" PRIMARY KEY ("contactId","kind","value")
);

-- CreateTable
CREATE TABLE "LinkSuggestion" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "status" "SuggestionStatus" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactMerge" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "snapshot" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,

    CONSTRAINT "ContactMerge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactNote_contactId_createdAt_idx" ON "ContactNote"("contactId", "createdAt");

-- CreateIndex
CREATE INDEX "ContactKey_workspaceId_kind_value_idx" ON "ContactKey"("workspaceId", "kind", "value");

-- CreateIndex
CREATE INDEX "LinkSuggestion_workspaceId_status_score_idx" ON "LinkSuggestion"("workspaceId", "status", "score");

-- CreateIndex
CREATE INDEX "LinkSuggestion_contactId_status_idx" ON "LinkSuggestion"("contactId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LinkSuggestion_identityId_contactId_key" ON "LinkSuggestion"("identityId", "contactId");

-- CreateIndex
CREATE INDEX "ContactMerge_workspaceId_survivorId_idx" ON "ContactMerge"("workspaceId", "survivorId");

-- CreateIndex
CREATE INDEX "ContactMerge_workspaceId_mergedId_idx" ON "ContactMerge"("workspaceId", "mergedId");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_mergedIntoId_name_idx" ON "Contact"("workspaceId", "mergedIntoId", "name");

-- AddForeignKey
ALTER TABLE "ContactNote" ADD CONSTRAINT "ContactNote_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactNote" ADD CONSTRAINT "ContactNote_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactKey" ADD CONSTRAINT "ContactKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactKey" ADD CONSTRAINT "ContactKey_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkSuggestion" ADD CONSTRAINT "LinkSuggestion_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkSuggestion" ADD CONSTRAINT "LinkSuggestion_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "SocialIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkSuggestion" ADD CONSTRAINT "LinkSuggestion_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactMerge" ADD CONSTRAINT "ContactMerge_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing free-text notes become the contact's first note (nothing is lost).
INSERT INTO "ContactNote" ("id", "workspaceId", "contactId", "body", "createdAt")
SELECT gen_random_uuid()::text, "workspaceId", "id", "notes", "createdAt" FROM "Contact" WHERE "notes" IS NOT NULL AND "notes" <> '';

-- AlterTable
ALTER TABLE "Contact" DROP COLUMN "notes";

-- Prefix search over keys (LIKE 'abc%') whatever the database's collation.
CREATE INDEX "ContactKey_prefix_idx" ON "ContactKey"("workspaceId", "value" text_pattern_ops);
CREATE INDEX "SocialIdentity_handle_prefix_idx" ON "SocialIdentity"("workspaceId", lower("handle") text_pattern_ops);

-- CreateIndex
CREATE INDEX "SocialIdentity_workspaceId_email_idx" ON "SocialIdentity"("workspaceId", "email");

-- CreateIndex
CREATE INDEX "SocialIdentity_workspaceId_website_idx" ON "SocialIdentity"("workspaceId", "website");
