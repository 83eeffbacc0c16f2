import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CONTACT_FIELD_NAMES, FIELD_LABELS, sameValue, type ContactFieldName, type ContactFields } from "./fields";
import { fieldsOf, loadContact, toData } from "./contacts";
import { refreshContactKeys } from "./key-store";
import { mergeFields, type MergeChoice } from "./merge-fields";
import { lockRowsInOrder } from "./locks";

// Merging moves everything of one contact (identities, and through them their mentions;
// cases; notes; open suggestions) to the survivor and hides the merged contact. The merge
// row remembers exactly what moved and what the survivor looked like, so it can be undone.

interface MergeSnapshot {
  survivorBefore: ContactFields;
  survivorAfter: ContactFields;
  survivorVersionAfter: number;
  moved: { identities: string[]; cases: string[]; notes: string[]; suggestions: string[] };
}

export interface MergeInput {
  survivorId: string;
  mergedId: string;
  survivorVersion: number;
  mergedVersion: number;
  choices: Partial<Record<ContactFieldName, MergeChoice>>;
}

export async function mergeContacts(workspaceId: string, actorUserId: string, input: MergeInput) {
  if (input.survivorId === input.mergedId) throw new ExpectedError("Choose two different contacts to merge.");
  return db().$transaction(async (tx) => {
    // Both contacts first, in id order: two merges of the same pair never wait in a circle.
    await lockRowsInOrder(tx, "Contact", [input.survivorId, input.mergedId]);
    const survivor = await loadContact(tx, workspaceId, input.survivorId);
    const merged = await loadContact(tx, workspaceId, input.mergedId);
    if (survivor.version !== input.survivorVersion || merged.version !== input.mergedVersion) {
      throw new ExpectedError(
        "One of the contacts changed since you opened the merge. Review it again before merging.",
        "CONFLICT",
      );
    }
    const before = fieldsOf(survivor);
    const after = mergeFields(before, fieldsOf(merged), input.choices);
    const [identities, cases, notes, suggestions] = await Promise.all([
      tx.socialIdentity.findMany({ where: { workspaceId, contactId: merged.id }, select: { id: true } }),
      tx.case.findMany({ where: { workspaceId, contactId: merged.id }, select: { id: true } }),
      tx.contactNote.findMany({ where: { workspaceId, contactId: merged.id }, select: { id: true } }),
      // Open suggestions move unless the survivor already has one for the same identity.
      tx.linkSuggestion.findMany({
        where: {
          workspaceId,
          contactId: merged.id,
          status: "OPEN",
          identity: { suggestions: { none: { contactId: survivor.id } } },
        },
        select: { id: true },
      }),
    ]);
    const moved = {
      identities: identities.map((r) => r.id),
      cases: cases.map((r) => r.id),
      notes: notes.map((r) => r.id),
      suggestions: suggestions.map((r) => r.id),
    };
    // Each multi-row update takes its row locks in id order first (see locks.ts).
    await lockRowsInOrder(tx, "SocialIdentity", moved.identities);
    await lockRowsInOrder(tx, "Case", moved.cases);
    await lockRowsInOrder(tx, "ContactNote", moved.notes);
    await lockRowsInOrder(tx, "LinkSuggestion", moved.suggestions);
    await tx.socialIdentity.updateMany({ where: { id: { in: moved.identities } }, data: { contactId: survivor.id } });
    await tx.case.updateMany({ where: { id: { in: moved.cases } }, data: { contactId: survivor.id } });
    await tx.contactNote.updateMany({ where: { id: { in: moved.notes } }, data: { contactId: survivor.id } });
    await tx.linkSuggestion.updateMany({ where: { id: { in: moved.suggestions } }, data: { contactId: survivor.id } });
    await tx.contact.update({
      where: { id: merged.id },
      data: { mergedIntoId: survivor.id, mergedAt: new Date(), version: { increment: 1 } },
    });
    await tx.contact.update({ where: { id: survivor.id }, data: { ...toData(after), version: { increment: 1 } } });
    const snapshot: MergeSnapshot = {
      survivorBefore: before,
      survivorAfter: after,
      survivorVersionAfter: survivor.version + 1,
      moved,
    };
    const merge = await tx.contactMerge.create({
      data: {
        workspaceId,
        survivorId: survivor.id,
        mergedId: merged.id,
        actorUserId,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await refreshContactKeys(tx, workspaceId, [survivor.id, merged.id]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.merge",
      targetType: "Contact",
      targetId: survivor.id,
      details: {
        mergeId: merge.id,
        mergedId: merged.id,
        mergedName: merged.name,
        choices: input.choices,
        moved: { identities: moved.identities.length, cases: moved.cases.length, notes: moved.notes.length },
      } as Prisma.InputJsonValue,
    });
    return {
      mergeId: merge.id,
      survivorId: survivor.id,
      moved: {
        identities: moved.identities.length,
        cases: moved.cases.length,
        notes: moved.notes.length,
        suggestions: moved.suggestions.length,
      },
    };
  });
}

export async function undoMerge(workspaceId: string, actorUserId: string, mergeId: string) {
  return db().$transaction(async (tx) => {
    const merge = await tx.contactMerge.findFirst({ where: { id: mergeId, workspaceId } });
    if (!merge) throw notFound("That merge");
    if (merge.undoneAt) throw new ExpectedError("That merge was already undone.", "CONFLICT");
    const later = await tx.contactMerge.findFirst({
      where: {
        workspaceId,
        undoneAt: null,
        createdAt: { gt: merge.createdAt },
        OR: [{ survivorId: { in: [merge.survivorId, merge.mergedId] } }, { mergedId: merge.survivorId }],
      },
      select: { id: true },
    });
    if (later)
      throw new ExpectedError("A later merge involves these contacts. Undo that one first.", "CONFLICT", {
        mergeId: later.id,
      });
    const snapshot = merge.snapshot as unknown as MergeSnapshot;
    await lockRowsInOrder(tx, "Contact", [merge.survivorId, merge.mergedId]);
    const survivor = await loadContact(tx, workspaceId, merge.survivorId);
    await lockRowsInOrder(tx, "SocialIdentity", snapshot.moved.identities);
    await lockRowsInOrder(tx, "Case", snapshot.moved.cases);
    await lockRowsInOrder(tx, "ContactNote", snapshot.moved.notes);
    await lockRowsInOrder(tx, "LinkSuggestion", snapshot.moved.suggestions);
    // Items go back only if they are still where the merge put them.
    const back = async (ids: string[], move: (ids: string[]) => Promise<{ count: number }>) =>
      ids.length ? (await move(ids)).count : 0;
    const movedBack = {
      identities: await back(snapshot.moved.identities, (ids) =>
        tx.socialIdentity.updateMany({
          where: { id: { in: ids }, contactId: survivor.id },
          data: { contactId: merge.mergedId },
        }),
      ),
      cases: await back(snapshot.moved.cases, (ids) =>
        tx.case.updateMany({ where: { id: { in: ids }, contactId: survivor.id }, data: { contactId: merge.mergedId } }),
      ),
      notes: await back(snapshot.moved.notes, (ids) =>
        tx.contactNote.updateMany({
          where: { id: { in: ids }, contactId: survivor.id },
          data: { contactId: merge.mergedId },
        }),
      ),
      suggestions: await back(snapshot.moved.suggestions, (ids) =>
        tx.linkSuggestion.updateMany({
          where: { id: { in: ids }, contactId: survivor.id },
          data: { contactId: merge.mergedId },
        }),
      ),
    };
    // The survivor's fields return to what they were, except those edited since the merge.
    const current = fieldsOf(survivor);
    const restored = { ...current } as Record<ContactFieldName, unknown>;
    const kept: string[] = [];
    for (const f of CONTACT_FIELD_NAMES) {
      if (sameValue(current[f], snapshot.survivorAfter[f])) restored[f] = snapshot.survivorBefore[f];
      else kept.push(FIELD_LABELS[f]);
    }
    await tx.contact.update({
      where: { id: survivor.id },
      data: { ...toData(restored as ContactFields), version: { increment: 1 } },
    });
    await tx.contact.update({
      where: { id: merge.mergedId },
      data: { mergedIntoId: null, mergedAt: null, version: { increment: 1 } },
    });
    await tx.contactMerge.update({ where: { id: merge.id }, data: { undoneAt: new Date(), undoneById: actorUserId } });
    await refreshContactKeys(tx, workspaceId, [survivor.id, merge.mergedId]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.merge.undo",
      targetType: "Contact",
      targetId: survivor.id,
      details: { mergeId, mergedId: merge.mergedId, movedBack, keptEditedFields: kept } as Prisma.InputJsonValue,
    });
    return { survivorId: survivor.id, restoredId: merge.mergedId, movedBack, keptEditedFields: kept };
  });
}
