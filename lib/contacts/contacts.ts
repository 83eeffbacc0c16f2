import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CONTACT_FIELD_NAMES, FIELD_LABELS, sameValue, type ContactFieldName, type ContactFields } from "./fields";
import { declaredHandles } from "./keys";
import { refreshContactKeys } from "./key-store";
import { linkForContacts } from "./linking/link-identities";

type Tx = Prisma.TransactionClient;

export const contactFieldSelect = {
  id: true,
  name: true,
  emails: true,
  phones: true,
  company: true,
  tier: true,
  tags: true,
  location: true,
  websites: true,
  handles: true,
  customFields: true,
  externalId: true,
  version: true,
  mergedIntoId: true,
} as const;

type ContactRow = Prisma.ContactGetPayload<{ select: typeof contactFieldSelect }>;

export function fieldsOf(row: ContactRow): ContactFields {
  return {
    name: row.name,
    emails: row.emails,
    phones: row.phones,
    company: row.company,
    tier: row.tier,
    tags: row.tags,
    location: row.location,
    websites: row.websites,
    handles: declaredHandles(row.handles),
    externalId: row.externalId,
    customFields: Object.fromEntries(
      Object.entries((row.customFields ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? "")]),
    ),
  };
}

export function toData(fields: ContactFields) {
  return {
    ...fields,
    handles: fields.handles as Prisma.InputJsonValue,
    customFields: fields.customFields as Prisma.InputJsonValue,
  };
}

/** A live (not merged) contact of this workspace, or 404. */
export async function loadContact(tx: Tx, workspaceId: string, contactId: string): Promise<ContactRow> {
  const row = await tx.contact.findFirst({ where: { id: contactId, workspaceId }, select: contactFieldSelect });
  if (!row) throw notFound("That contact");
  if (row.mergedIntoId)
    throw new ExpectedError("That contact was merged into another one.", "CONFLICT", {
      mergedIntoId: row.mergedIntoId,
    });
  return row;
}

export async function createContactTx(
  tx: Tx,
  workspaceId: string,
  actorUserId: string | null,
  fields: ContactFields,
  action = "contact.create",
) {
  const contact = await tx.contact.create({ data: { workspaceId, ...toData(fields) }, select: { id: true } });
  await refreshContactKeys(tx, workspaceId, [contact.id]);
  await writeAudit(tx, {
    workspaceId,
    actorUserId,
    action,
    targetType: "Contact",
    targetId: contact.id,
    details: { name: fields.name },
  });
  await linkForContacts(tx, workspaceId, [contact.id], { actorUserId });
  return contact;
}

export async function createContact(workspaceId: string, actorUserId: string, fields: ContactFields) {
  return db().$transaction((tx) => createContactTx(tx, workspaceId, actorUserId, fields));
}

export interface ContactConflict {
  version: number;
  by: string | null;
  changes: Array<{ field: ContactFieldName; label: string; theirs: unknown }>;
}

/**
 * Saves an edit made on version `baseVersion`. If someone saved in between, nothing is
 * written and the error says which fields they changed (compared with what this editor saw).
 */
export async function updateContact(
  workspaceId: string,
  actorUserId: string,
  contactId: string,
  baseVersion: number,
  base: Partial<ContactFields>,
  fields: ContactFields,
) {
  return db().$transaction(async (tx) => {
    const current = await loadContact(tx, workspaceId, contactId);
    const before = fieldsOf(current);
    if (current.version !== baseVersion) {
      const last = await tx.auditLog.findFirst({
        where: { workspaceId, targetType: "Contact", targetId: contactId },
        orderBy: { createdAt: "desc" },
        select: { actorUserId: true },
      });
      const by = last?.actorUserId
        ? ((await tx.user.findUnique({ where: { id: last.actorUserId }, select: { name: true } }))?.name ?? null)
        : null;
      const changes = CONTACT_FIELD_NAMES.filter((f) => f in base && !sameValue(base[f], before[f])).map((f) => ({
        field: f,
        label: FIELD_LABELS[f],
        theirs: before[f],
      }));
      const conflict: ContactConflict = { version: current.version, by, changes };
      const who = by ?? "Someone else";
      const what = changes.length ? changes.map((c) => c.label.toLowerCase()).join(", ") : "this contact";
      throw new ExpectedError(
        `${who} changed ${what} while you were editing. Nothing was saved; review their change and save again.`,
        "CONFLICT",
        conflict,
      );
    }
    const changed = CONTACT_FIELD_NAMES.filter((f) => !sameValue(before[f], fields[f]));
    if (!changed.length) return { version: current.version, changed };
    const updated = await tx.contact.updateMany({
      where: { id: contactId, workspaceId, version: baseVersion },
      data: { ...toData(fields), version: { increment: 1 } },
    });
    if (!updated.count)
      throw new ExpectedError("Someone else saved this contact at the same moment. Reload and try again.", "CONFLICT");
    await refreshContactKeys(tx, workspaceId, [contactId]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.update",
      targetType: "Contact",
      targetId: contactId,
      details: {
        changed: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: fields[f] }])),
      } as Prisma.InputJsonValue,
    });
    await linkForContacts(tx, workspaceId, [contactId], { actorUserId });
    return { version: baseVersion + 1, changed };
  });
}

export async function addContactNote(workspaceId: string, actorUserId: string, contactId: string, body: string) {
  return db().$transaction(async (tx) => {
    await loadContact(tx, workspaceId, contactId);
    const note = await tx.contactNote.create({
      data: { workspaceId, contactId, authorUserId: actorUserId, body },
      select: { id: true },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.note.add",
      targetType: "Contact",
      targetId: contactId,
      details: { noteId: note.id },
    });
    return note;
  });
}
