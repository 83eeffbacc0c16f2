import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { sqlStateOf } from "@/lib/db/retry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { forgetWorkspaceMatcher } from "@/lib/listening/workspace-matcher";
import { parseOwnHandles, readOwnHandles, type OwnHandles } from "./handles";
import type { createBrandSchema, updateBrandSchema } from "./schemas";

// The brands a workspace listens for (its own and its competitors'): created, renamed,
// recoloured, flagged, given their own handles and deleted by admins. Every change is one
// transaction with its audit row. The ingestion pipeline reads brands afresh for each batch,
// so a change applies to the next post; the rule matcher caches rules only, so only a delete
// (which takes the brand's rules with it) has to drop it.

type Tx = Prisma.TransactionClient;

export interface BrandSettings {
  id: string;
  name: string;
  color: string;
  isCompetitor: boolean;
  ownHandles: OwnHandles;
}

/** What deleting a brand takes with it (rules, connected accounts) and what it leaves without a brand. */
export interface BrandDeletionPreview {
  /** Keyword rules: deleted with the brand. */
  rules: number;
  /** Mentions: kept, with no brand. */
  mentions: number;
  /** Cases: kept, with no brand. */
  cases: number;
  /** Accounts connected for replying as the brand: deleted with it. */
  accounts: number;
}

const BRAND_FIELDS = { id: true, name: true, color: true, isCompetitor: true, ownHandles: true } as const;

function toSettings(b: { id: string; name: string; color: string; isCompetitor: boolean; ownHandles: unknown }) {
  return {
    id: b.id,
    name: b.name,
    color: b.color,
    isCompetitor: b.isCompetitor,
    ownHandles: readOwnHandles(b.ownHandles),
  } satisfies BrandSettings;
}

export async function listBrandSettings(workspaceId: string): Promise<BrandSettings[]> {
  const brands = await db().brand.findMany({
    where: { workspaceId },
    orderBy: [{ isCompetitor: "asc" }, { name: "asc" }],
    select: BRAND_FIELDS,
  });
  return brands.map(toSettings);
}

async function loadBrand(tx: Tx, workspaceId: string, brandId: string) {
  const brand = await tx.brand.findFirst({ where: { id: brandId, workspaceId }, select: BRAND_FIELDS });
  if (!brand) throw notFound("That brand");
  return brand;
}

const duplicateName = (name: string) => new ExpectedError(`A brand named ${name} already exists.`, "CONFLICT");

/** Names differing only in case are one brand to people: "delta" next to "Delta" is refused. */
async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const taken = await tx.brand.findFirst({
    where: { workspaceId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken) throw duplicateName(taken.name);
}

/** Two admins saving the same name at once: the unique index decides, and the loser hears why. */
async function mapUniqueViolation<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: unknown })?.code === "P2002" || sqlStateOf(error) === "23505") throw duplicateName(name);
    throw error;
  }
}

export async function createBrand(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof createBrandSchema>,
): Promise<BrandSettings> {
  const brand = await mapUniqueViolation(input.name, () =>
    db().$transaction(async (tx) => {
      await assertNameFree(tx, workspaceId, input.name);
      const created = await tx.brand.create({
        data: { workspaceId, name: input.name, color: input.color, isCompetitor: input.isCompetitor },
        select: BRAND_FIELDS,
      });
      await writeAudit(tx, {
        workspaceId,
        actorUserId,
        action: "brand.created",
        targetType: "brand",
        targetId: created.id,
        details: { name: created.name, color: created.color, isCompetitor: created.isCompetitor },
      });
      return created;
    }),
  );
  return toSettings(brand);
}

/** Renames, recolours or (un)flags a brand as a competitor; fields left out stay as they are. */
export async function updateBrand(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof updateBrandSchema>,
): Promise<BrandSettings> {
  const brand = await mapUniqueViolation(input.name ?? "", () =>
    db().$transaction(async (tx) => {
      const before = await loadBrand(tx, workspaceId, input.brandId);
      if (input.name !== undefined) await assertNameFree(tx, workspaceId, input.name, before.id);
      const after = await tx.brand.update({
        where: { id: before.id },
        data: { name: input.name, color: input.color, isCompetitor: input.isCompetitor },
        select: BRAND_FIELDS,
      });
      await writeAudit(tx, {
        workspaceId,
        actorUserId,
        action: "brand.updated",
        targetType: "brand",
        targetId: before.id,
        details: {
          before: { name: before.name, color: before.color, isCompetitor: before.isCompetitor },
          after: { name: after.name, color: after.color, isCompetitor: after.isCompetitor },
        },
      });
      return after;
    }),
  );
  return toSettings(brand);
}

/**
 * Replaces the brand's own handles (every network at once). Posts by these accounts are the
 * brand's own: ingestion ignores them, and replies go out as them.
 */
export async function setOwnHandles(
  workspaceId: string,
  actorUserId: string,
  brandId: string,
  handles: Record<string, readonly string[] | undefined>,
): Promise<BrandSettings> {
  const parsed = parseOwnHandles(handles);
  if (!parsed.ok) throw new ExpectedError(parsed.errors.join(" "));
  const brand = await db().$transaction(async (tx) => {
    const before = await loadBrand(tx, workspaceId, brandId);
    const after = await tx.brand.update({
      where: { id: before.id },
      data: { ownHandles: parsed.handles },
      select: BRAND_FIELDS,
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "brand.handles.updated",
      targetType: "brand",
      targetId: before.id,
      details: { before: readOwnHandles(before.ownHandles), after: parsed.handles },
    });
    return after;
  });
  return toSettings(brand);
}

async function countDependents(tx: Tx, workspaceId: string, brandId: string): Promise<BrandDeletionPreview> {
  const where = { workspaceId, brandId };
  const [rules, mentions, cases, accounts] = await Promise.all([
    tx.keywordRule.count({ where }),
    tx.mention.count({ where }),
    tx.case.count({ where }),
    tx.connectedAccount.count({ where }),
  ]);
  return { rules, mentions, cases, accounts };
}

/** What deleting the brand would do, for the confirmation dialog. */
export async function brandDeletionPreview(workspaceId: string, brandId: string): Promise<BrandDeletionPreview> {
  const client = db();
  await loadBrand(client, workspaceId, brandId);
  return countDependents(client, workspaceId, brandId);
}

/**
 * Deletes a brand once its name is typed to confirm. Its keyword rules (and their matches) and
 * connected accounts go with it; its mentions and cases stay, with no brand (the foreign keys
 * set them to null).
 */
export async function deleteBrand(
  workspaceId: string,
  actorUserId: string,
  brandId: string,
  confirmName: string,
): Promise<BrandDeletionPreview> {
  const removed = await db().$transaction(async (tx) => {
    const brand = await loadBrand(tx, workspaceId, brandId);
    if (confirmName.trim() !== brand.name)
      throw new ExpectedError(`Type the brand's name, ${brand.name}, to delete it.`);
    const counts = await countDependents(tx, workspaceId, brand.id);
    await tx.brand.deleteMany({ where: { id: brand.id, workspaceId } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "brand.deleted",
      targetType: "brand",
      targetId: brand.id,
      details: {
        name: brand.name,
        isCompetitor: brand.isCompetitor,
        ownHandles: readOwnHandles(brand.ownHandles),
        ...counts,
      },
    });
    return counts;
  });
  forgetWorkspaceMatcher(workspaceId);
  return removed;
}
