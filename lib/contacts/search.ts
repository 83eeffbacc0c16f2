import "server-only";
import { db } from "@/lib/db/client";
import { DONE_STATUSES } from "@/lib/domain/vocabulary";
import { query as queryRows, sql, typedArray, type Sql } from "@/lib/db/sql";
import type { ContactListRow } from "./list";
import { cleanText } from "@/lib/util/params";
import { normalizeHandle, normalizeText, phoneDigits } from "./normalize";

/** A search hit has the shape of a contact-list row. */
export type ContactSearchRow = ContactListRow;

/**
 * Search terms as key prefixes: a phone-looking term by its digits, an e-mail or handle as
 * typed (lowercase, no @), a word by its normal form. Every term must match some key.
 */
export function searchTerms(query: string): string[] {
  // NUL and broken Unicode never reach the database; an absurd query is cut short.
  const raw = cleanText(query.slice(0, 1000)).trim().toLowerCase();
  if (!raw) return [];
  if (/^[+()\d\s.-]{6,}$/.test(raw)) {
    const digits = phoneDigits(raw);
    return digits ? [digits] : [];
  }
  const terms: string[] = [];
  for (const part of raw.split(/\s+/).slice(0, 6)) {
    if (part.includes("@") && !part.startsWith("@")) terms.push(part);
    else if (part.startsWith("@")) terms.push(normalizeHandle(part));
    else terms.push(...normalizeText(part).split(" ").filter(Boolean));
  }
  return [...new Set(terms.filter(Boolean).map((t) => t.slice(0, 200)))].slice(0, 6);
}

/**
 * The ids of contacts with a key starting with each term, at most `maxIds` of them. Each term
 * is a range scan of the prefix index (~>=~ and ~<~ are the byte-wise operators
 * text_pattern_ops serves); a LIKE with the pattern from a join could not use the index.
 */
export function contactSearchStatement(workspaceId: string, terms: readonly string[], maxIds: number): Sql {
  return sql`SELECT k."contactId" FROM unnest(${typedArray(terms, "text")}) WITH ORDINALITY AS t("term", "n")
     CROSS JOIN LATERAL (
       SELECT DISTINCT ck."contactId" FROM "ContactKey" ck
       WHERE ck."workspaceId" = ${workspaceId} AND ck."value" ~>=~ t."term" AND ck."value" ~<~ (t."term" || chr(1114111))
         AND ck."kind" IN ('token', 'email', 'phone', 'handle', 'website', 'name')
       LIMIT 5000) k
     GROUP BY k."contactId" HAVING count(*) = ${terms.length}
     LIMIT ${maxIds}`;
}

/** Contacts whose keys start with every term, best-named first. Index-only prefix scans. */
export async function searchContacts(workspaceId: string, query: string, limit = 50): Promise<ContactSearchRow[]> {
  const terms = searchTerms(query);
  if (!terms.length) return [];
  const ids = await queryRows<{ contactId: string }>(db(), contactSearchStatement(workspaceId, terms, limit * 4));
  if (!ids.length) return [];
  const rows = await db().contact.findMany({
    where: { workspaceId, id: { in: ids.map((r) => r.contactId) }, mergedIntoId: null },
    select: {
      id: true,
      name: true,
      emails: true,
      company: true,
      tier: true,
      identities: { select: { network: true, handle: true, followers: true } },
      _count: { select: { cases: { where: { status: { notIn: [...DONE_STATUSES] } } } } },
    },
  });
  const first = terms[0];
  const rank = (name: string) => (normalizeText(name).startsWith(first) ? 0 : 1);
  return rows
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      name: r.name,
      email: r.emails[0] ?? null,
      company: r.company,
      tier: r.tier,
      identities: r.identities,
      openCases: r._count.cases,
    }));
}
