import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contactFieldsSchema } from "./fields";
import { createContactTx, loadContact } from "./contacts";
import { refreshContactKeys } from "./key-store";
import { isRoleMailbox } from "./normalize";
import { lockRowsInOrder } from "./locks";
import { profileEmails } from "./linking/evidence";

type Tx = Prisma.TransactionClient;

// Agent decisions about which contact a social identity belongs to. Each runs in one
// transaction, is audited, and says clearly when the identity moved under the agent's feet.

async function loadIdentity(tx: Tx, workspaceId: string, identityId: string) {
  const identity = await tx.socialIdentity.findFirst({
    where: { id: identityId, workspaceId },
    select: {
      id: true,
      network: true,
      handle: true,
      displayName: true,
      email: true,
      bio: true,
      website: true,
      location: true,
      contactId: true,
      contact: { select: { name: true } },
    },
  });
  if (!identity) throw notFound("That social profile");
  return identity;
}

/** Points the identity's cases and open suggestions at its new owner (or none). */
async function moveIdentity(tx: Tx, workspaceId: string, identityId: string, from: string | null, to: string | null) {
  await tx.socialIdentity.update({ where: { id: identityId }, data: { contactId: to } });
  // Several rows each: locked in id order first (see locks.ts), then written.
  const cases = await tx.case.findMany({
    where: { workspaceId, authorId: identityId, contactId: from },
    select: { id: true },
  });
  await lockRowsInOrder(
    tx,
    "Case",
    cases.map((c) => c.id),
  );
  await tx.case.updateMany({ where: { id: { in: cases.map((c) => c.id) }, contactId: from }, data: { contactId: to } });
  if (to) {
    const stale = await tx.linkSuggestion.findMany({
      where: { workspaceId, identityId, status: "OPEN", contactId: { not: to } },
      select: { id: true },
    });
    await lockRowsInOrder(
      tx,
      "LinkSuggestion",
      stale.map((x) => x.id),
      "delete",
    );
    await tx.linkSuggestion.deleteMany({ where: { id: { in: stale.map((x) => x.id) }, status: "OPEN" } });
  }
  await refreshContactKeys(
    tx,
    workspaceId,
    [from, to].filter((id): id is string => !!id),
  );
}

function expectUnlinked(
  identity: { contactId: string | null; contact: { name: string } | null },
  expected: string | null,
) {
  if (identity.contactId !== expected) {
    throw new ExpectedError(
      identity.contact
        ? `This profile is already linked to ${identity.contact.name}.`
        : "This profile was unlinked in the meantime.",
      "CONFLICT",
      { contactId: identity.contactId },
    );
  }
}

export async function linkIdentity(
  workspaceId: string,
  actorUserId: string,
  input: { identityId: string; contactId: string; expectedContactId: string | null },
) {
  return db().$transaction(async (tx) => {
    const identity = await loadIdentity(tx, workspaceId, input.identityId);
    const contact = await loadContact(tx, workspaceId, input.contactId);
    if (identity.contactId === contact.id) return { contactId: contact.id };
    expectUnlinked(identity, input.expectedContactId);
    await moveIdentity(tx, workspaceId, identity.id, identity.contactId, contact.id);
    await tx.linkSuggestion.updateMany({
      where: { workspaceId, identityId: identity.id, contactId: contact.id },
      data: { status: "ACCEPTED", decidedById: actorUserId, decidedAt: new Date() },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.identity.link",
      targetType: "SocialIdentity",
      targetId: identity.id,
      details: { from: identity.contactId, to: contact.id },
    });
    return { contactId: contact.id };
  });
}

export async function unlinkIdentity(
  workspaceId: string,
  actorUserId: string,
  input: { identityId: string; expectedContactId: string },
) {
  return db().$transaction(async (tx) => {
    const identity = await loadIdentity(tx, workspaceId, input.identityId);
    expectUnlinked(identity, input.expectedContactId);
    await moveIdentity(tx, workspaceId, identity.id, identity.contactId, null);
    // Remember the "no": automatic linking must not put it back.
    await tx.linkSuggestion.upsert({
      where: { identityId_contactId: { identityId: identity.id, contactId: input.expectedContactId } },
      create: {
        workspaceId,
        identityId: identity.id,
        contactId: input.expectedContactId,
        score: 0,
        reasons: [{ code: "unlinked", text: "unlinked by an agent" }],
        status: "REJECTED",
        decidedById: actorUserId,
        decidedAt: new Date(),
      },
      update: { status: "REJECTED", decidedById: actorUserId, decidedAt: new Date() },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.identity.unlink",
      targetType: "SocialIdentity",
      targetId: identity.id,
      details: { from: input.expectedContactId },
    });
    return { contactId: input.expectedContactId };
  });
}

export async function createContactFromIdentity(
  workspaceId: string,
  actorUserId: string,
  input: { identityId: string; name?: string | null },
) {
  return db().$transaction(async (tx) => {
    const identity = await loadIdentity(tx, workspaceId, input.identityId);
    expectUnlinked(identity, null);
    const fields = contactFieldsSchema.parse({
      name: input.name?.trim() || identity.displayName?.trim() || identity.handle,
      // Only the author's own address: not a team mailbox, not an agent's or a relative's quoted in the bio.
      emails:
        identity.email && !isRoleMailbox(identity.email) && profileEmails(identity).own.includes(identity.email)
          ? [identity.email]
          : [],
      websites: identity.website ? [identity.website] : [],
      location: identity.location,
      handles: { [identity.network]: [identity.handle] },
    });
    const contact = await createContactTx(tx, workspaceId, actorUserId, fields, "contact.create.from-identity");
    // createContactTx may already have linked it through the declared handle.
    const now = await tx.socialIdentity.findUnique({ where: { id: identity.id }, select: { contactId: true } });
    if (!now?.contactId) await moveIdentity(tx, workspaceId, identity.id, null, contact.id);
    else await refreshContactKeys(tx, workspaceId, [contact.id]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.identity.link",
      targetType: "SocialIdentity",
      targetId: identity.id,
      details: { from: null, to: contact.id },
    });
    return { contactId: contact.id };
  });
}

async function loadSuggestion(tx: Tx, workspaceId: string, suggestionId: string) {
  const suggestion = await tx.linkSuggestion.findFirst({
    where: { id: suggestionId, workspaceId },
    select: { id: true, identityId: true, contactId: true, status: true },
  });
  if (!suggestion) throw notFound("That suggestion");
  if (suggestion.status !== "OPEN")
    throw new ExpectedError(
      `That suggestion was already ${suggestion.status === "ACCEPTED" ? "accepted" : "rejected"}.`,
      "CONFLICT",
    );
  return suggestion;
}

/** Marks a suggestion decided and audits it, in the caller's transaction. */
async function recordDecision(
  tx: Tx,
  workspaceId: string,
  actorUserId: string,
  suggestion: { id: string; identityId: string; contactId: string },
  status: "ACCEPTED" | "REJECTED",
) {
  await tx.linkSuggestion.update({
    where: { id: suggestion.id },
    data: { status, decidedById: actorUserId, decidedAt: new Date() },
  });
  await writeAudit(tx, {
    workspaceId,
    actorUserId,
    action: status === "ACCEPTED" ? "contact.suggestion.accept" : "contact.suggestion.reject",
    targetType: "SocialIdentity",
    targetId: suggestion.identityId,
    details: { suggestionId: suggestion.id, contactId: suggestion.contactId },
  });
  return { contactId: suggestion.contactId, identityId: suggestion.identityId };
}

export async function acceptSuggestion(workspaceId: string, actorUserId: string, suggestionId: string) {
  return db().$transaction(async (tx) => {
    const suggestion = await loadSuggestion(tx, workspaceId, suggestionId);
    const identity = await loadIdentity(tx, workspaceId, suggestion.identityId);
    expectUnlinked(identity, null);
    await loadContact(tx, workspaceId, suggestion.contactId);
    await moveIdentity(tx, workspaceId, identity.id, null, suggestion.contactId);
    return recordDecision(tx, workspaceId, actorUserId, suggestion, "ACCEPTED");
  });
}

export async function rejectSuggestion(workspaceId: string, actorUserId: string, suggestionId: string) {
  return db().$transaction(async (tx) => {
    const suggestion = await loadSuggestion(tx, workspaceId, suggestionId);
    return recordDecision(tx, workspaceId, actorUserId, suggestion, "REJECTED");
  });
}
