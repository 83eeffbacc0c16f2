import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { execute, intLiteral, query, sql, typedArray, unnestColumns, type RawClient } from "@/lib/db/sql";
import { declaredHandles } from "../keys";
import { refreshContactKeys } from "../key-store";
import { byKey, lockRowsInOrder } from "../locks";
import { blueskyDomain } from "../handles";
import { hostOf } from "./domains";
import {
  decideLink,
  lookupKeys,
  profileEmails,
  profileSites,
  type CandidateContact,
  type IdentityProfile,
  type OtherProfile,
} from "./evidence";

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

type Reader = RawClient;

/** A profile's identity key in a batch. */
export const profileKey = (
  p: Pick<IdentityProfile, "network" | "handle" | "displayName" | "email" | "website" | "location" | "bio">,
) => JSON.stringify([p.network, p.handle, p.displayName, p.email, p.website, p.location, p.bio]);

/**
 * The candidate contacts of each profile: every live contact sharing a lookup key with it.
 * Reads only, so the pipeline runs it for the next batch while the current one is written.
 */
export async function fetchCandidates(
  reader: Reader,
  workspaceId: string,
  profiles: IdentityProfile[],
): Promise<Map<string, CandidateContact[]>> {
  const keysByProfile = new Map(profiles.map((p) => [profileKey(p), lookupKeys(p)]));
  const wanted = new Map<string, [string, string]>();
  for (const keys of keysByProfile.values())
    for (const k of keys) wanted.set(`${k.kind}\u0000${k.value}`, [k.kind, k.value]);
  const hits = new Map<string, Set<string>>();
  const candidateIds = new Set<string>();
  // Only contacts found through a handle need their linked handles (for "same handle elsewhere").
  const byHandle = new Set<string>();
  if (wanted.size) {
    const rows = await query<{ kind: string; value: string; contactId: string }>(
      reader,
      sql`SELECT k."kind", k."value", c."contactId" FROM ${unnestColumns([...wanted.values()], ["text", "text"])} AS k("kind","value")
       CROSS JOIN LATERAL (SELECT "contactId" FROM "ContactKey" ck
         WHERE ck."workspaceId" = ${workspaceId} AND ck."kind" = k."kind" AND ck."value" = k."value" LIMIT ${intLiteral(CANDIDATES_PER_KEY)}) c`,
    );
    for (const r of rows) {
      const key = `${r.kind}\u0000${r.value}`;
      if (!hits.has(key)) hits.set(key, new Set());
      hits.get(key)!.add(r.contactId);
      candidateIds.add(r.contactId);
      if (r.kind === "handle") byHandle.add(r.contactId);
    }
  }
  const contacts = new Map<string, CandidateContact>();
  if (candidateIds.size) {
    // Only the columns the evidence needs, with the linked handles, in one statement.
    const rows = await query<{
      id: string;
      name: string;
      location: string | null;
      company: string | null;
      emails: string[];
      websites: string[];
      handles: unknown;
      linked: Array<{ network: string; handle: string }> | null;
    }>(
      reader,
      sql`SELECT c."id", c."name", c."location", c."company", c."emails", c."websites", c."handles",
         CASE WHEN c."id" = ANY(${typedArray([...byHandle], "text")}) THEN
           (SELECT json_agg(json_build_object('network', s."network", 'handle', s."handle")) FROM "SocialIdentity" s WHERE s."contactId" = c."id")
         END AS "linked"
       FROM "Contact" c WHERE c."workspaceId" = ${workspaceId} AND c."id" = ANY(${typedArray([...candidateIds], "text")}) AND c."mergedIntoId" IS NULL`,
    );
    for (const c of rows)
      contacts.set(c.id, {
        id: c.id,
        name: c.name,
        location: c.location,
        company: c.company,
        emails: c.emails,
        websites: c.websites,
        handles: declaredHandles(c.handles),
        linkedHandles: c.linked ?? [],
      });
  }
  const out = new Map<string, CandidateContact[]>();
  for (const [key, keys] of keysByProfile) {
    const mine = new Set<string>();
    for (const k of keys) for (const id of hits.get(`${k.kind}\u0000${k.value}`) ?? []) mine.add(id);
    out.set(
      key,
      [...mine].map((id) => contacts.get(id)).filter((c): c is CandidateContact => !!c),
    );
  }
  return out;
}

/**
 * Links unlinked identities to contacts on strong evidence and records ranked suggestions on
 * weak evidence, inside the caller's transaction. Never merges contacts and never moves an
 * identity that is already linked. A fixed number of statements whatever the number of ids.
 * `prefetched` holds candidates fetched ahead for these profiles; others are fetched here.
 */
export async function linkIdentities(
  tx: Tx,
  workspaceId: string,
  identityIds: string[],
  options: LinkOptions = {},
  prefetched?: Map<string, CandidateContact[]>,
): Promise<LinkOutcome> {
  const outcome: LinkOutcome = { linked: 0, suggested: 0, created: 0 };
  if (!identityIds.length) return outcome;
  const identities = await query<IdentityProfile & { id: string }>(
    tx,
    sql`SELECT "id", "network"::text AS "network", "handle", "displayName", "email", "website", "location", "bio"
     FROM "SocialIdentity" WHERE "workspaceId" = ${workspaceId} AND "id" = ANY(${typedArray(identityIds, "text")}) AND "contactId" IS NULL`,
  );
  if (!identities.length) return outcome;
  // Profiles as stored may differ from what was prefetched (a field kept from before): fetch those now.
  const missing = identities.filter((i) => !prefetched?.has(profileKey(i)));
  const fetched = missing.length
    ? await fetchCandidates(tx, workspaceId, missing)
    : new Map<string, CandidateContact[]>();
  const candidatesOf = (i: IdentityProfile) => prefetched?.get(profileKey(i)) ?? fetched.get(profileKey(i)) ?? [];

  // An agent's "no" (a rejected suggestion, an unlink) is never overridden by automation.
  const rejected = await tx.linkSuggestion.findMany({
    where: { workspaceId, identityId: { in: identities.map((i) => i.id) }, status: "REJECTED" },
    select: { identityId: true, contactId: true },
  });
  const blocked = new Set(rejected.map((r) => `${r.identityId}\u0000${r.contactId}`));

  const othersOf = await otherProfiles(tx, workspaceId, identities);

  const links: Array<{ identityId: string; contactId: string; reasons: unknown }> = [];
  const suggestionRows: Array<[string, string, string, string, number, string]> = [];
  const toCreate: Array<IdentityProfile & { id: string }> = [];
  for (const identity of identities) {
    const candidates = candidatesOf(identity).filter((c) => !blocked.has(`${identity.id}\u0000${c.id}`));
    const decision = decideLink(identity, candidates, { others: othersOf(identity) });
    if (decision.link)
      links.push({ identityId: identity.id, contactId: decision.link.contactId, reasons: decision.link.reasons });
    else if (decision.suggestions.length) {
      for (const s of decision.suggestions)
        suggestionRows.push([randomUUID(), workspaceId, identity.id, s.contactId, s.score, JSON.stringify(s.reasons)]);
    } else if (options.autoCreate) toCreate.push(identity);
  }

  if (toCreate.length) {
    const rows = toCreate.map((i) => [
      randomUUID(),
      workspaceId,
      (i.displayName?.trim() || i.handle).slice(0, 200),
      JSON.stringify({ [i.network]: [i.handle] }),
      i.location,
    ]);
    // New rows in id order, like every multi-row write here (see locks.ts).
    const ordered = [...rows].sort(byKey((r) => r[0] as string));
    await execute(
      tx,
      sql`INSERT INTO "Contact" ("id","workspaceId","name","handles","location","updatedAt") SELECT *, now() FROM ${unnestColumns(ordered, ["text", "text", "text", "jsonb", "text"])}`,
    );
    toCreate.forEach((i, n) =>
      links.push({
        identityId: i.id,
        contactId: rows[n][0] as string,
        reasons: [{ code: "created", text: "contact created automatically for a new author" }],
      }),
    );
    outcome.created = toCreate.length;
  }
  if (links.length) {
    links.sort(byKey((l) => l.identityId));
    await lockRowsInOrder(
      tx,
      "SocialIdentity",
      links.map((l) => l.identityId),
    );
    const pairs = unnestColumns(
      links.map((l) => [l.identityId, l.contactId]),
      ["text", "text"],
    );
    const linked = await query<{ id: string }>(
      tx,
      sql`UPDATE "SocialIdentity" s SET "contactId" = l."contactId", "updatedAt" = now() FROM ${pairs} AS l("identityId","contactId")
       WHERE s."workspaceId" = ${workspaceId} AND s."id" = l."identityId" AND s."contactId" IS NULL RETURNING s."id"`,
    );
    outcome.linked = linked.length;
    // The author's cases belong to the contact from now on (locked in id order first).
    await execute(
      tx,
      sql`WITH locked AS (SELECT c."id", l."contactId" FROM "Case" c JOIN ${pairs} AS l("identityId","contactId") ON c."authorId" = l."identityId"
         WHERE c."workspaceId" = ${workspaceId} AND c."contactId" IS NULL ORDER BY c."id" COLLATE "C" FOR NO KEY UPDATE OF c)
       UPDATE "Case" c SET "contactId" = locked."contactId" FROM locked WHERE c."id" = locked."id"`,
    );
    // Open suggestions are settled.
    await execute(
      tx,
      sql`WITH doomed AS (SELECT "id" FROM "LinkSuggestion" WHERE "workspaceId" = ${workspaceId} AND "identityId" = ANY(${typedArray(
        links.map((l) => l.identityId),
        "text",
      )}) AND "status" = 'OPEN' ORDER BY "id" COLLATE "C" FOR UPDATE)
       DELETE FROM "LinkSuggestion" s USING doomed WHERE s."id" = doomed."id"`,
    );
    await tx.auditLog.createMany({
      data: links.map((l) => ({
        workspaceId,
        actorUserId: options.actorUserId ?? null,
        action: "contact.identity.autolink",
        targetType: "SocialIdentity",
        targetId: l.identityId,
        details: { contactId: l.contactId, reasons: l.reasons } as Prisma.InputJsonValue,
      })),
    });
    await refreshContactKeys(
      tx,
      workspaceId,
      links.map((l) => l.contactId),
    );
  }
  if (suggestionRows.length) {
    // Existing rows are updated in (identity, contact) order: the conflict key, sorted.
    suggestionRows.sort(byKey((r) => `${r[2]}\u0000${r[3]}`));
    // A suggestion an agent rejected stays rejected; an open one takes the new score.
    await execute(
      tx,
      sql`INSERT INTO "LinkSuggestion" ("id","workspaceId","identityId","contactId","score","reasons") SELECT * FROM ${unnestColumns(suggestionRows, ["text", "text", "text", "text", "float8", "jsonb"])}
       ON CONFLICT ("identityId","contactId") DO UPDATE SET "score" = EXCLUDED."score", "reasons" = EXCLUDED."reasons"
       WHERE "LinkSuggestion"."status" = 'OPEN'`,
    );
    outcome.suggested = suggestionRows.length;
  }
  return outcome;
}

/**
 * For each identity, the other stored profiles that publish one of its e-mails, its sites or
 * their hosts (a colleague's company site, a relative's address): evidence used by several
 * people is nobody's in particular. One indexed statement for the whole batch.
 */
async function otherProfiles(
  tx: Reader,
  workspaceId: string,
  identities: Array<IdentityProfile & { id: string }>,
): Promise<(i: IdentityProfile & { id: string }) => OtherProfile[]> {
  const wanted = identities.map((i) => {
    const sites = profileSites(i);
    return { id: i.id, emails: profileEmails(i).own, sites, hosts: [...new Set(sites.map(hostOf))] };
  });
  const emails = [...new Set(wanted.flatMap((w) => w.emails))];
  const sites = [...new Set(wanted.flatMap((w) => [...w.sites, ...w.hosts]))];
  if (!emails.length && !sites.length) return () => [];
  // The sites are one fragment used twice, so they travel as two parameters (the plan is the same).
  const sitesParam = typedArray(sites, "text");
  const rows = await query<{
    id: string;
    network: string;
    handle: string;
    email: string | null;
    website: string | null;
    displayName: string | null;
    contactId: string | null;
  }>(
    tx,
    sql`SELECT "id", "network"::text AS "network", "handle", "email", "website", "displayName", "contactId" FROM "SocialIdentity"
     WHERE "workspaceId" = ${workspaceId} AND ("email" = ANY(${typedArray(emails, "text")}) OR "website" = ANY(${sitesParam}) OR ("network" = 'bluesky' AND "handle" = ANY(${sitesParam})))
     LIMIT 2000`,
  );
  const byId = new Map(wanted.map((w) => [w.id, w]));
  return (i) => {
    const w = byId.get(i.id);
    if (!w) return [];
    return rows
      .filter((r) => r.id !== i.id)
      .map((r) => ({
        email: r.email,
        website: r.website,
        domain: blueskyDomain(r.network, r.handle),
        displayName: r.displayName,
        contactId: r.contactId,
      }))
      .filter(
        (o) =>
          (o.email && w.emails.includes(o.email)) ||
          (o.website && (w.sites.includes(o.website) || w.hosts.includes(hostOf(o.website)))) ||
          (o.domain && w.hosts.includes(o.domain)),
      );
  };
}

/**
 * The other direction: after contacts gain e-mails, websites or declared handles, link the
 * unlinked identities that carry them (same rules, same evidence).
 */
export async function linkForContacts(
  tx: Tx,
  workspaceId: string,
  contactIds: string[],
  options: LinkOptions = {},
): Promise<LinkOutcome> {
  if (!contactIds.length) return { linked: 0, suggested: 0, created: 0 };
  const keys = await tx.contactKey.findMany({
    where: { workspaceId, contactId: { in: contactIds }, kind: { in: ["email", "website", "declared"] } },
    select: { kind: true, value: true },
  });
  if (!keys.length) return { linked: 0, suggested: 0, created: 0 };
  const emails = keys.filter((k) => k.kind === "email").map((k) => k.value);
  const websites = keys.filter((k) => k.kind === "website").map((k) => k.value);
  const declared = keys
    .filter((k) => k.kind === "declared")
    .map((k) => k.value.split(":"))
    .map(([network, ...rest]) => [network, rest.join(":")]);
  // One array for both uses (a site may also be a Bluesky handle); it travels as two parameters.
  const sites = typedArray(websites, "text");
  const ids = await query<{ id: string }>(
    tx,
    sql`SELECT "id" FROM "SocialIdentity" WHERE "workspaceId" = ${workspaceId} AND "contactId" IS NULL AND "email" = ANY(${typedArray(emails, "text")})
     UNION SELECT "id" FROM "SocialIdentity" WHERE "workspaceId" = ${workspaceId} AND "contactId" IS NULL AND "website" = ANY(${sites})
     UNION SELECT "id" FROM "SocialIdentity" WHERE "workspaceId" = ${workspaceId} AND "contactId" IS NULL AND "network" = 'bluesky' AND "handle" = ANY(${sites})
     UNION SELECT s."id" FROM ${unnestColumns(declared, ["text", "text"])} AS k("network","handle") JOIN "SocialIdentity" s
       ON s."workspaceId" = ${workspaceId} AND lower(s."handle") = k."handle" AND s."network"::text = k."network" WHERE s."contactId" IS NULL`,
  );
  return linkIdentities(
    tx,
    workspaceId,
    ids.map((r) => r.id),
    { ...options, autoCreate: false },
  );
}

/**
 * Candidates for a batch's authors, fetched ahead (outside the write transaction) while the
 * previous batch is written. Authors already linked, or stored with this very profile, need
 * no linking and are skipped.
 */
export async function prefetchCandidates(
  workspaceId: string,
  authors: Array<IdentityProfile & { accountId: string }>,
): Promise<Map<string, CandidateContact[]>> {
  if (!authors.length) return new Map();
  const stored = await query<IdentityProfile & { accountId: string; contactId: string | null }>(
    db(),
    sql`SELECT s."network"::text AS "network", s."accountId", s."contactId", s."handle", s."displayName", s."email", s."website", s."location", s."bio"
     FROM "SocialIdentity" s WHERE s."workspaceId" = ${workspaceId} AND (s."network", s."accountId") IN (SELECT * FROM ${unnestColumns(
       authors.map((a) => [a.network, a.accountId]),
       ['"Network"', "text"],
     )})`,
  );
  const known = new Map(stored.map((s) => [`${s.network}\u0000${s.accountId}`, s]));
  const todo = authors.filter((a) => {
    const s = known.get(`${a.network}\u0000${a.accountId}`);
    return !s || (!s.contactId && profileKey(s) !== profileKey(a));
  });
  return fetchCandidates(db(), workspaceId, todo);
}
