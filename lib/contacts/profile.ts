import "server-only";
import { ID_PATTERN } from "@/lib/util/params";
import { db } from "@/lib/db/client";
import { query, sql, typedArray } from "@/lib/db/sql";
import { notFound } from "@/lib/actions/errors";
import type { CaseStatus, Network, Priority, Sentiment } from "@/lib/generated/prisma/client";
import { contactFieldSelect, fieldsOf } from "./contacts";
import type { ContactFields } from "./fields";
import type { Reason } from "./linking/evidence";

// What the contact 360 page and the social-profile page show. Each is a fixed set of queries.

export interface IdentityView {
  id: string;
  network: Network;
  /** The network's own id of the account (what exports and erasure name it by). */
  accountId: string;
  handle: string;
  displayName: string | null;
  followers: number | null;
  verified: boolean;
  profileUrl: string | null;
  bio: string | null;
  location: string | null;
}

export type TimelineItem =
  | {
      kind: "mention";
      id: string;
      at: Date;
      network: Network;
      handle: string;
      text: string;
      url: string | null;
      sentiment: Sentiment | null;
      deleted: boolean;
    }
  | { kind: "case"; id: string; at: Date; number: number; subject: string; status: CaseStatus; priority: Priority };

export interface SentimentWeek {
  week: string;
  positive: number;
  neutral: number;
  negative: number;
}

export interface SuggestionView {
  id: string;
  score: number;
  reasons: Reason[];
  identity: IdentityView;
  contact: { id: string; name: string; company: string | null; location: string | null };
}

export interface Contact360 {
  id: string;
  version: number;
  createdAt: Date;
  fields: ContactFields;
  identities: IdentityView[];
  timeline: TimelineItem[];
  sentiment: SentimentWeek[];
  notes: Array<{ id: string; body: string; at: Date; author: string | null }>;
  suggestions: SuggestionView[];
  merges: Array<{ id: string; mergedId: string; mergedName: string; at: Date; by: string | null }>;
  mergedIntoId: string | null;
}

const identitySelect = {
  id: true,
  network: true,
  accountId: true,
  handle: true,
  displayName: true,
  followers: true,
  verified: true,
  profileUrl: true,
  bio: true,
  location: true,
} as const;
const TIMELINE = 100;

async function timelineOf(
  workspaceId: string,
  identityIds: string[],
  caseWhere: { contactId: string } | { authorId: string },
) {
  const [mentions, cases] = await Promise.all([
    identityIds.length
      ? db().mention.findMany({
          where: { workspaceId, authorId: { in: identityIds } },
          orderBy: { postedAt: "desc" },
          take: TIMELINE,
          select: {
            id: true,
            postedAt: true,
            network: true,
            text: true,
            url: true,
            sentiment: true,
            deleted: true,
            author: { select: { handle: true } },
          },
        })
      : [],
    db().case.findMany({
      where: { workspaceId, ...caseWhere },
      orderBy: { createdAt: "desc" },
      take: TIMELINE,
      select: { id: true, createdAt: true, number: true, subject: true, status: true, priority: true },
    }),
  ]);
  const items: TimelineItem[] = [
    ...mentions.map((m) => ({
      kind: "mention" as const,
      id: m.id,
      at: m.postedAt,
      network: m.network,
      handle: m.author?.handle ?? "",
      text: m.text.slice(0, 600),
      url: m.url,
      sentiment: m.sentiment,
      deleted: m.deleted,
    })),
    ...cases.map((c) => ({
      kind: "case" as const,
      id: c.id,
      at: c.createdAt,
      number: c.number,
      subject: c.subject,
      status: c.status,
      priority: c.priority,
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, TIMELINE);
}

async function sentimentWeeks(workspaceId: string, identityIds: string[]): Promise<SentimentWeek[]> {
  if (!identityIds.length) return [];
  const rows = await query<{ week: Date; sentiment: Sentiment | null; n: number }>(
    db(),
    sql`SELECT date_trunc('week', "postedAt") AS "week", "sentiment", count(*)::int AS "n" FROM "Mention"
     WHERE "workspaceId" = ${workspaceId} AND "authorId" = ANY(${typedArray(identityIds, "text")}) AND "postedAt" > now() - interval '26 weeks' AND NOT "deleted"
     GROUP BY 1, 2 ORDER BY 1`,
  );
  const weeks = new Map<string, SentimentWeek>();
  for (const r of rows) {
    const week = r.week.toISOString().slice(0, 10);
    const w = weeks.get(week) ?? { week, positive: 0, neutral: 0, negative: 0 };
    if (r.sentiment === "POSITIVE") w.positive += r.n;
    else if (r.sentiment === "NEGATIVE") w.negative += r.n;
    else w.neutral += r.n;
    weeks.set(week, w);
  }
  return [...weeks.values()];
}

const suggestionSelect = {
  id: true,
  score: true,
  reasons: true,
  identity: { select: identitySelect },
  contact: { select: { id: true, name: true, company: true, location: true } },
} as const;

export async function getContact360(workspaceId: string, contactId: string): Promise<Contact360> {
  // An id from the address bar that no id can look like (NUL, broken Unicode, 10,000 characters) is simply not found.
  if (!ID_PATTERN.test(contactId)) throw notFound("That contact");
  const contact = await db().contact.findFirst({
    where: { id: contactId, workspaceId },
    select: { ...contactFieldSelect, createdAt: true },
  });
  if (!contact) throw notFound("That contact");
  const identities = await db().socialIdentity.findMany({
    where: { workspaceId, contactId },
    orderBy: [{ followers: { sort: "desc", nulls: "last" } }],
    select: identitySelect,
  });
  const ids = identities.map((i) => i.id);
  const [timeline, sentiment, notes, suggestions, merges] = await Promise.all([
    timelineOf(workspaceId, ids, { contactId }),
    sentimentWeeks(workspaceId, ids),
    db().contactNote.findMany({
      where: { workspaceId, contactId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, body: true, createdAt: true, authorUserId: true },
    }),
    db().linkSuggestion.findMany({
      where: { workspaceId, contactId, status: "OPEN" },
      orderBy: { score: "desc" },
      take: 20,
      select: suggestionSelect,
    }),
    db().contactMerge.findMany({
      where: { workspaceId, survivorId: contactId, undoneAt: null },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, mergedId: true, createdAt: true, actorUserId: true },
    }),
  ]);
  const userIds = [
    ...new Set(
      [...notes.map((n) => n.authorUserId), ...merges.map((m) => m.actorUserId)].filter((id): id is string => !!id),
    ),
  ];
  const [users, mergedContacts] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    merges.length
      ? db().contact.findMany({
          where: { workspaceId, id: { in: merges.map((m) => m.mergedId) } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const contactName = new Map(mergedContacts.map((c) => [c.id, c.name]));
  return {
    id: contact.id,
    version: contact.version,
    createdAt: contact.createdAt,
    mergedIntoId: contact.mergedIntoId,
    fields: fieldsOf(contact),
    identities,
    timeline,
    sentiment,
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      at: n.createdAt,
      author: n.authorUserId ? (userName.get(n.authorUserId) ?? null) : null,
    })),
    suggestions: suggestions.map((s) => ({ ...s, reasons: s.reasons as unknown as Reason[] })),
    merges: merges.map((m) => ({
      id: m.id,
      mergedId: m.mergedId,
      mergedName: contactName.get(m.mergedId) ?? "contact",
      at: m.createdAt,
      by: m.actorUserId ? (userName.get(m.actorUserId) ?? null) : null,
    })),
  };
}

export interface SocialProfile {
  identity: IdentityView & { contactId: string | null; contactName: string | null };
  timeline: TimelineItem[];
  suggestions: SuggestionView[];
  /** Unlinked profiles with the same handle on other networks: possibly the same person. */
  sameHandle: IdentityView[];
}

export async function getSocialProfile(workspaceId: string, identityId: string): Promise<SocialProfile> {
  if (!ID_PATTERN.test(identityId)) throw notFound("That social profile");
  const identity = await db().socialIdentity.findFirst({
    where: { id: identityId, workspaceId },
    select: { ...identitySelect, contactId: true, contact: { select: { name: true } } },
  });
  if (!identity) throw notFound("That social profile");
  const [timeline, suggestions, sameHandle] = await Promise.all([
    timelineOf(workspaceId, [identity.id], { authorId: identity.id }),
    db().linkSuggestion.findMany({
      where: { workspaceId, identityId, status: "OPEN" },
      orderBy: { score: "desc" },
      take: 10,
      select: suggestionSelect,
    }),
    db().socialIdentity.findMany({
      where: {
        workspaceId,
        handle: { equals: identity.handle, mode: "insensitive" },
        id: { not: identity.id },
        network: { not: identity.network },
      },
      take: 10,
      select: identitySelect,
    }),
  ]);
  const { contact, ...rest } = identity;
  return {
    identity: { ...rest, contactName: contact?.name ?? null },
    timeline,
    suggestions: suggestions.map((s) => ({ ...s, reasons: s.reasons as unknown as Reason[] })),
    sameHandle,
  };
}

/** Contacts for the link picker and the merge form: by name prefix, live ones only. */
export async function contactBrief(workspaceId: string, contactId: string) {
  if (!ID_PATTERN.test(contactId)) throw notFound("That contact");
  const row = await db().contact.findFirst({
    where: { id: contactId, workspaceId },
    select: {
      ...contactFieldSelect,
      createdAt: true,
      _count: { select: { identities: true, cases: true, notes: true } },
    },
  });
  if (!row) throw notFound("That contact");
  return {
    id: row.id,
    version: row.version,
    mergedIntoId: row.mergedIntoId,
    fields: fieldsOf(row),
    counts: row._count,
  };
}
