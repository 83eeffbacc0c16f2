import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unnestColumns } from "@/lib/ingest/sql";
import { declaredHandles } from "../keys";
import { refreshContactKeys } from "../key-store";
import { decideLink, lookupKeys, type CandidateContact, type IdentityProfile } from "./evidence";

type Tx = Prisma.TransactionClient;

export interface LinkOutcome {
  linked: number;
  suggested: number;
  created: number;
}

export interface LinkOptions {
  /** Workspace setting: a contact is created for an author with no contact and no suggestion. */
  autoCreate?: boolean;
  actorUserId?: string | null;
}

// A common token ("maria") can name thousands of contacts: each key brings at most this many.
const CANDIDATES_PER_KEY = 40;

/**
 * Links unlinked identities to contacts on strong evidence and records ranked suggestions on
 * weak evidence, inside the caller's transaction. Never merges contacts and never moves an
 * identity that is already linked. A fixed number of statements whatever the number of ids.
 */
export async function linkIdentities(tx: Tx, workspaceId: string, identityIds: string[], options: LinkOptions = {}): Promise<LinkOutcome> {
  const outcome: LinkOutcome = { linked: 0, suggested: 0, created: 0 };
  if (!identityIds.length) return outcome;
  const identities = await tx.$queryRawUnsafe<Array<IdentityProfile & { id: string }>>(
    `SELECT "id", "network"::text AS "network", "handle", "displayName", "email", "website", "location", "bio"
     FROM "SocialIdentity" WHERE "workspaceId" = $1 AND "id" = ANY($2::text[]) AND "contactId" IS NULL`,
    workspaceId,
    identityIds,
  );
  if (!identities.length) return outcome;

  // Candidates: every contact sharing any lookup key with any of these profiles.
  const keysByIdentity = new Map(identities.map((i) => [i.id, lookupKeys(i)]));
  const wanted = new Map<string, [string, string]>();
  for (const keys of keysByIdentity.values()) for (const k of keys) wanted.set(`${k.kind}\u0000${k.value}`, [k.kind, k.value]);
  const hits = new Map<string, Set<string>>();
  const candidateIds = new Set<string>();
  if (wanted.size) {
    const v = unnestColumns([...wanted.values()], ["text", "text"], 1);
    const rows = await tx.$queryRawUnsafe<Array<{ kind: string; value: string; contactId: string }>>(
      `SELECT k."kind", k."value", c."contactId" FROM ${v.sql} AS k("kind","value")
       CROSS JOIN LATERAL (SELECT "contactId" FROM "ContactKey" ck
         WHERE ck."workspaceId" = $1 AND ck."kind" = k."kind" AND ck."value" = k."value" LIMIT ${CANDIDATES_PER_KEY}) c`,
      workspaceId,
      ...v.params,
    );
    for (const r of rows) {
      const key = `${r.kind}\u0000${r.value}`;
      if (!hits.has(key)) hits.set(key, new Set());
      hits.get(key)!.add(r.contactId);
      candidateIds.add(r.contactId);
    }
  }
  const contacts = new Map<string, CandidateContact>();
  if (candidateIds.size) {
    const rows = await tx.contact.findMany({
      where: { workspaceId, id: { in: [...candidateIds] }, mergedIntoId: null },
      select: { id: true, name: true, location: true, emails: true, websites: true, handles: true, identities: { select: { network: true, handle: true } } },
    });
    for (const c of rows) contacts.set(c.id, { id: c.id, name: c.name, location: c.location, emails: c.emails, websites: c.websites, handles: declaredHandles(c.handles), linkedHandles: c.identities });
  }

  // An agent's "no" (a rejected suggestion, an unlink) is never overridden by automation.
  const rejected = await tx.linkSuggestion.findMany({ where: { workspaceId, identityId: { in: identities.map((i) => i.id) }, status: "REJECTED" }, select: { identityId: true, contactId: true } });
  const blocked = new Set(rejected.map((r) => `${r.identityId}\u0000${r.contactId}`));

  const links: Array<{ identityId: string; contactId: string; reasons: unknown }> = [];
  const suggestionRows: unknown[][] = [];
  const toCreate: Array<IdentityProfile & { id: string }> = [];
  for (const identity of identities) {
    const mine = new Set<string>();
    for (const k of keysByIdentity.get(identity.id)!) for (const id of hits.get(`${k.kind}\u0000${k.value}`) ?? []) mine.add(id);
    const candidates = [...mine].filter((id) => !blocked.has(`${identity.id}\u0000${id}`)).map((id) => contacts.get(id)).filter((c): c is CandidateContact => !!c);
    const decision = decideLink(identity, candidates);
    if (decision.link) links.push({ identityId: identity.id, contactId: decision.link.contactId, reasons: decision.link.reasons });
    else if (decision.suggestions.length) {
      for (const s of decision.suggestions) suggestionRows.push([randomUUID(), workspaceId, identity.id, s.contactId, s.score, JSON.stringify(s.reasons)]);
    } else if (options.autoCreate) toCreate.push(identity);
  }

  if (toCreate.length) {
    const rows = toCreate.map((i) => [randomUUID(), workspaceId, (i.displayName?.trim() || i.handle).slice(0, 200), JSON.stringify({ [i.network]: [i.handle] }), i.location]);
    const v = unnestColumns(rows, ["text", "text", "text", "jsonb", "text"]);
    await tx.$executeRawUnsafe(`INSERT INTO "Contact" ("id","workspaceId","name","handles","location","updatedAt") SELECT *, now() FROM ${v.sql}`, ...v.params);
    toCreate.forEach((i, n) => links.push({ identityId: i.id, contactId: rows[n][0] as string, reasons: [{ code: "created", text: "contact created automatically for a new author" }] }));
    outcome.created = toCreate.length;
  }
  if (links.length) {
    const v = unnestColumns(links.map((l) => [l.identityId, l.contactId]), ["text", "text"], 1);
    const linked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `UPDATE "SocialIdentity" s SET "contactId" = l."contactId", "updatedAt" = now() FROM ${v.sql} AS l("identityId","contactId")
       WHERE s."workspaceId" = $1 AND s."id" = l."identityId" AND s."contactId" IS NULL RETURNING s."id"`,
      workspaceId,
      ...v.params,
    );
    outcome.linked = linked.length;
    // The author's cases belong to the contact from now on; open suggestions are settled.
    await tx.$executeRawUnsafe(
      `UPDATE "Case" c SET "contactId" = l."contactId" FROM ${v.sql} AS l("identityId","contactId")
       WHERE c."workspaceId" = $1 AND c."authorId" = l."identityId" AND c."contactId" IS NULL`,
      workspaceId,
      ...v.params,
    );
    await tx.linkSuggestion.deleteMany({ where: { workspaceId, identityId: { in: links.map((l) => l.identityId) }, status: "OPEN" } });
    await tx.auditLog.createMany({
      data: links.map((l) => ({ workspaceId, actorUserId: options.actorUserId ?? null, action: "contact.identity.autolink", targetType: "SocialIdentity", targetId: l.identityId, details: { contactId: l.contactId, reasons: l.reasons } as Prisma.InputJsonValue })),
    });
    await refreshContactKeys(tx, workspaceId, links.map((l) => l.contactId));
  }
  if (suggestionRows.length) {
    const v = unnestColumns(suggestionRows, ["text", "text", "text", "text", "float8", "jsonb"]);
    // A suggestion an agent rejected stays rejected; an open one takes the new score.
    await tx.$executeRawUnsafe(
      `INSERT INTO "LinkSuggestion" ("id","workspaceId","identityId","contactId","score","reasons") SELECT * FROM ${v.sql}
       ON CONFLICT ("identityId","contactId") DO UPDATE SET "score" = EXCLUDED."score", "reasons" = EXCLUDED."reasons"
       WHERE "LinkSuggestion"."status" = 'OPEN'`,
      ...v.params,
    );
    outcome.suggested = suggestionRows.length;
  }
  return outcome;
}

/**
 * The other direction: after contacts gain e-mails, websites or declared handles, link the
 * unlinked identities that carry them (same rules, same evidence).
 */
export async function linkForContacts(tx: Tx, workspaceId: string, contactIds: string[], options: LinkOptions = {}): Promise<LinkOutcome> {
  if (!contactIds.length) return { linked: 0, suggested: 0, created: 0 };
  const keys = await tx.contactKey.findMany({ where: { workspaceId, contactId: { in: contactIds }, kind: { in: ["email", "website", "declared"] } }, select: { kind: true, value: true } });
  if (!keys.length) return { linked: 0, suggested: 0, created: 0 };
  const emails = keys.filter((k) => k.kind === "email").map((k) => k.value);
  const websites = keys.filter((k) => k.kind === "website").map((k) => k.value);
  const declared = keys.filter((k) => k.kind === "declared").map((k) => k.value.split(":")).map(([network, ...rest]) => [network, rest.join(":")]);
  const d = unnestColumns(declared, ["text", "text"], 3);
  const ids = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT "id" FROM "SocialIdentity" WHERE "workspaceId" = $1 AND "contactId" IS NULL AND "email" = ANY($2::text[])
     UNION SELECT "id" FROM "SocialIdentity" WHERE "workspaceId" = $1 AND "contactId" IS NULL AND "website" = ANY($3::text[])
     UNION SELECT s."id" FROM ${d.sql} AS k("network","handle") JOIN "SocialIdentity" s
       ON s."workspaceId" = $1 AND lower(s."handle") = k."handle" AND s."network"::text = k."network" WHERE s."contactId" IS NULL`,
    workspaceId,
    emails,
    websites,
    ...d.params,
  );
  return linkIdentities(tx, workspaceId, ids.map((r) => r.id), { ...options, autoCreate: false });
}
