import "server-only";
import { db } from "@/lib/db/client";
import { DONE_STATUSES } from "@/lib/domain/vocabulary";
import type { Network } from "@/lib/generated/prisma/client";
import { isSafeText } from "@/lib/util/params";

export interface ContactListRow {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  tier: string | null;
  identities: Array<{ network: Network; handle: string; followers: number | null }>;
  openCases: number;
}

export interface ContactPage {
  rows: ContactListRow[];
  /** Pass back as `after` for the next page (keyset on name, id). */
  next: string | null;
}

const encode = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString("base64url");
/** A cursor from the address bar; anything forged (NUL, broken Unicode, absurd length) is the first page. */
function decode(cursor: string | null | undefined): [string, string] | null {
  if (!cursor || cursor.length > 1000) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString());
    const ok = (x: unknown): x is string => typeof x === "string" && x.length <= 300 && isSafeText(x);
    return Array.isArray(value) && ok(value[0]) && ok(value[1]) ? [value[0], value[1]] : null;
  } catch {
    return null;
  }
}

/** Live contacts by name, a page at a time (keyset, never OFFSET). */
export async function listContacts(
  workspaceId: string,
  options: { after?: string | null; limit?: number; tier?: string | null } = {},
): Promise<ContactPage> {
  const limit = options.limit ?? 50;
  const after = decode(options.after);
  const rows = await db().contact.findMany({
    where: {
      workspaceId,
      mergedIntoId: null,
      ...(options.tier ? { tier: options.tier } : {}),
      ...(after ? { OR: [{ name: { gt: after[0] } }, { name: after[0], id: { gt: after[1] } }] } : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
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
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.emails[0] ?? null,
      company: r.company,
      tier: r.tier,
      identities: r.identities,
      openCases: r._count.cases,
    })),
    next: rows.length > limit ? encode(page[page.length - 1].name, page[page.length - 1].id) : null,
  };
}

export interface ProfileListRow {
  id: string;
  network: Network;
  handle: string;
  displayName: string | null;
  followers: number | null;
  mentions: number;
  suggestions: number;
  topSuggestion: { contactId: string; name: string; score: number } | null;
}

/** Social profiles with no contact, those with suggestions first, then the most followed. */
export async function listUnlinkedProfiles(workspaceId: string, limit = 50): Promise<ProfileListRow[]> {
  const rows = await db().socialIdentity.findMany({
    where: { workspaceId, contactId: null },
    orderBy: [{ followers: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      network: true,
      handle: true,
      displayName: true,
      followers: true,
      _count: { select: { mentions: true } },
      suggestions: {
        where: { status: "OPEN" },
        orderBy: { score: "desc" },
        take: 1,
        select: { contactId: true, score: true, contact: { select: { name: true } } },
      },
    },
  });
  const counts = await db().linkSuggestion.groupBy({
    by: ["identityId"],
    where: { workspaceId, status: "OPEN", identityId: { in: rows.map((r) => r.id) } },
    _count: true,
  });
  const countOf = new Map(counts.map((c) => [c.identityId, c._count]));
  return rows
    .map((r) => ({
      id: r.id,
      network: r.network,
      handle: r.handle,
      displayName: r.displayName,
      followers: r.followers,
      mentions: r._count.mentions,
      suggestions: countOf.get(r.id) ?? 0,
      topSuggestion: r.suggestions[0]
        ? { contactId: r.suggestions[0].contactId, name: r.suggestions[0].contact.name, score: r.suggestions[0].score }
        : null,
    }))
    .sort((a, b) => Number(b.suggestions > 0) - Number(a.suggestions > 0) || (b.followers ?? -1) - (a.followers ?? -1))
    .slice(0, limit);
}
