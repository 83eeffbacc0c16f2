import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { NETWORKS, type NetworkName } from "@/lib/domain/vocabulary";
import { idParam, isSafeText } from "@/lib/util/params";

// Who a privacy request is about: a contact (with every social identity linked to it and the
// hidden contacts merged into it) or one social identity on its own. Resolved once, workspace-
// scoped, into the ids the exporter reads by; another workspace's ids are "not found".

/** A subject as asked for: a contact id, or a network and the account id on that network. */
export type SubjectInput = { contactId: string } | { network: NetworkName; accountId: string };

export interface ResolvedSubject {
  kind: "contact" | "identity";
  /** The contact (contact subjects) or the identity (identity subjects): the audit row's target. */
  targetId: string;
  targetType: "Contact" | "SocialIdentity";
  /** A human name for the person: the contact's name, or the identity's display name or @handle. */
  label: string;
  /** The contact and the hidden contacts merged into it (empty for an identity subject). */
  contactIds: string[];
  /** Their social identities: the contact's linked ones, or the one identity. */
  identityIds: string[];
  /** An identity subject's network and account id. */
  identity?: { network: NetworkName; accountId: string; handle: string };
  /** An identity subject that is linked to a contact: the export still covers the identity only. */
  linkedContactId?: string | null;
}

// Account ids are free text on some networks (a Bluesky DID holds colons): the network is what
// comes before the first colon, the account id everything after it.
const MAX_ACCOUNT_ID = 500;

/** "bluesky:did:plc:abc" → {network: "bluesky", accountId: "did:plc:abc"}; null when malformed. */
export function parseIdentityRef(ref: string): { network: NetworkName; accountId: string } | null {
  const at = ref.indexOf(":");
  if (at <= 0) return null;
  const network = ref.slice(0, at);
  const accountId = ref.slice(at + 1);
  if (!(NETWORKS as readonly string[]).includes(network)) return null;
  if (!accountId || accountId.length > MAX_ACCOUNT_ID || !isSafeText(accountId)) return null;
  return { network: network as NetworkName, accountId };
}

/** The `--identity`/`?identity=` value's shape, said in one sentence for 400s and CLI errors. */
export const IDENTITY_REF_HELP = `NETWORK:ACCOUNT_ID, with NETWORK one of ${NETWORKS.join(", ")}`;

/**
 * A subject from a contact id or an identity reference (exactly one of them), as the route's
 * query string and the CLI's options give them; throws ExpectedError (400) otherwise.
 */
export function subjectFromParams(params: { contact?: string | null; identity?: string | null }): SubjectInput {
  const contact = params.contact ?? undefined;
  const identity = params.identity ?? undefined;
  if ((contact === undefined) === (identity === undefined))
    throw new ExpectedError(`Give either a contact id or an identity (${IDENTITY_REF_HELP}), not both.`);
  if (contact !== undefined) {
    const checked = idParam.safeParse(contact);
    if (!checked.success) throw new ExpectedError("The contact id is not a valid id.");
    return { contactId: checked.data };
  }
  const ref = parseIdentityRef(z.string().parse(identity));
  if (!ref) throw new ExpectedError(`The identity must be ${IDENTITY_REF_HELP}.`);
  return ref;
}

// Merges can chain (A into B, B into C): C's export covers A and B. Bounded, in case of a cycle.
const MAX_MERGE_DEPTH = 50;

async function contactsMergedInto(workspaceId: string, contactId: string): Promise<string[]> {
  const found: string[] = [];
  let frontier = [contactId];
  for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length; depth++) {
    const rows = await db().contact.findMany({
      where: { workspaceId, mergedIntoId: { in: frontier }, id: { notIn: [contactId, ...found] } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    frontier = rows.map((r) => r.id);
    found.push(...frontier);
  }
  return found;
}

async function resolveContact(workspaceId: string, contactId: string): Promise<ResolvedSubject> {
  const contact = await db().contact.findFirst({
    where: { id: contactId, workspaceId },
    select: { id: true, name: true, mergedIntoId: true },
  });
  if (!contact) throw notFound("That contact");
  if (contact.mergedIntoId)
    throw new ExpectedError(
      "That contact was merged into another one: export the contact it was merged into (its export covers this one).",
      "CONFLICT",
      { mergedIntoId: contact.mergedIntoId },
    );
  const contactIds = [contact.id, ...(await contactsMergedInto(workspaceId, contact.id))];
  const identities = await db().socialIdentity.findMany({
    where: { workspaceId, contactId: { in: contactIds } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return {
    kind: "contact",
    targetId: contact.id,
    targetType: "Contact",
    label: contact.name,
    contactIds,
    identityIds: identities.map((i) => i.id),
  };
}

async function resolveIdentity(workspaceId: string, network: NetworkName, accountId: string): Promise<ResolvedSubject> {
  const identity = await db().socialIdentity.findFirst({
    where: { workspaceId, network, accountId },
    select: { id: true, handle: true, displayName: true, contactId: true },
  });
  if (!identity) throw notFound("That social identity");
  return {
    kind: "identity",
    targetId: identity.id,
    targetType: "SocialIdentity",
    label: identity.displayName || `@${identity.handle}`,
    contactIds: [],
    identityIds: [identity.id],
    identity: { network, accountId, handle: identity.handle },
    linkedContactId: identity.contactId,
  };
}

/** The subject's ids in this workspace; "not found" (404) for an unknown or another workspace's id. */
export function resolveSubject(workspaceId: string, input: SubjectInput): Promise<ResolvedSubject> {
  return "contactId" in input
    ? resolveContact(workspaceId, input.contactId)
    : resolveIdentity(workspaceId, input.network, input.accountId);
}
