import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/actions/errors";
import { replyContext } from "@/lib/outbox/replies";
import type { ReplyContext } from "@/lib/outbox/reply-context";
import type { Span } from "@/lib/listening/query/evaluate";
import type { Reason } from "@/lib/contacts/linking/evidence";

export type ConversationItem =
  | {
      kind: "inbound";
      id: string;
      at: string;
      mentionId: string | null;
      network: string | null;
      handle: string | null;
      url: string | null;
      text: string;
      title: string | null;
      spans: Span[];
      sentiment: string | null;
      deleted: boolean;
    }
  | {
      kind: "outbound";
      id: string;
      at: string;
      author: string | null;
      text: string;
      delivery: string | null;
      outbox: OutboundDelivery | null;
    }
  | { kind: "note"; id: string; at: string; author: string | null; text: string }
  | { kind: "event"; id: string; at: string; actor: string | null; event: string; before: unknown; after: unknown };

/** A reply's delivery, as the conversation shows it. */
export interface OutboundDelivery {
  id: string;
  state: string;
  url: string | null;
  error: string | null;
  errorCode: string | null;
  account: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  decisionNote: string | null;
  returned: boolean;
}

export interface CaseDetail {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  version: number;
  queueId: string | null;
  assignee: { id: string; name: string } | null;
  brandName: string | null;
  sla: { dueAt: string | null; atRiskAt: string | null; paused: boolean };
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  reopenCount: number;
  conversation: ConversationItem[];
  /** The composer's facts: the network, the account it posts as, its limit and reply rules. */
  reply: ReplyContext;
  author: {
    id: string;
    network: string;
    handle: string;
    displayName: string | null;
    followers: number | null;
    profileUrl: string | null;
  } | null;
  contact: {
    id: string;
    name: string;
    tier: string | null;
    company: string | null;
    identities: Array<{
      id: string;
      network: string;
      handle: string;
      followers: number | null;
      profileUrl: string | null;
    }>;
    pastCases: Array<{ number: number; subject: string; status: string }>;
  } | null;
  suggestions: Array<{ id: string; contactId: string; name: string; score: number; reasons: Reason[] }>;
  options: {
    queues: Array<{ id: string; name: string }>;
    agents: Array<{ id: string; name: string }>;
    macros: Array<{ id: string; name: string; body: string; actions: unknown }>;
  };
  asOf: number;
}

// Case numbers are PostgreSQL integers: anything else names no case, and is never queried.
const MAX_CASE_NUMBER = 2_147_483_647;

export async function getCaseByNumber(workspaceId: string, number: number): Promise<CaseDetail> {
  if (!Number.isInteger(number) || number < 1 || number > MAX_CASE_NUMBER) throw notFound("That case");
  const c = await db().case.findFirst({
    where: { workspaceId, number },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      tags: true,
      version: true,
      queueId: true,
      reopenCount: true,
      slaDueAt: true,
      slaAtRiskAt: true,
      slaPausedAt: true,
      firstResponseDueAt: true,
      resolutionDueAt: true,
      contactId: true,
      authorId: true,
      brandId: true,
      assignee: { select: { id: true, name: true } },
      brand: { select: { name: true } },
    },
  });
  if (!c) throw notFound("That case");
  const [messages, events, author, contact, queues, members, macros, reply] = await Promise.all([
    db().caseMessage.findMany({
      where: { workspaceId, caseId: c.id },
      orderBy: { createdAt: "asc" },
      take: 500,
      select: {
        id: true,
        kind: true,
        body: true,
        createdAt: true,
        deliveryStatus: true,
        authorUser: { select: { name: true } },
        outbox: {
          select: {
            id: true,
            state: true,
            externalUrl: true,
            lastError: true,
            errorCode: true,
            attempts: true,
            nextAttemptAt: true,
            decisionNote: true,
            returnedAt: true,
            account: { select: { label: true } },
          },
        },
        mention: {
          select: {
            id: true,
            network: true,
            url: true,
            text: true,
            title: true,
            sentiment: true,
            deleted: true,
            author: { select: { handle: true } },
            ruleMatches: { select: { spans: true } },
          },
        },
      },
    }),
    db().caseEvent.findMany({
      where: { workspaceId, caseId: c.id },
      orderBy: { createdAt: "asc" },
      take: 500,
      select: { id: true, kind: true, before: true, after: true, createdAt: true, actorUserId: true },
    }),
    c.authorId
      ? db().socialIdentity.findFirst({
          where: { id: c.authorId, workspaceId },
          select: { id: true, network: true, handle: true, displayName: true, followers: true, profileUrl: true },
        })
      : null,
    c.contactId
      ? db().contact.findFirst({
          where: { id: c.contactId, workspaceId },
          select: {
            id: true,
            name: true,
            tier: true,
            company: true,
            identities: { select: { id: true, network: true, handle: true, followers: true, profileUrl: true } },
            cases: {
              where: { id: { not: c.id } },
              orderBy: { createdAt: "desc" },
              take: 10,
              select: { number: true, subject: true, status: true },
            },
          },
        })
      : null,
    db().queue.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().membership.findMany({
      where: { workspaceId, active: true },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
    db().macro.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, body: true, actions: true },
    }),
    replyContext(workspaceId, c.id, c.brandId),
  ]);
  const suggestions =
    c.authorId && !c.contactId
      ? await db().linkSuggestion.findMany({
          where: { workspaceId, identityId: c.authorId, status: "OPEN" },
          orderBy: { score: "desc" },
          take: 3,
          select: { id: true, contactId: true, score: true, reasons: true, contact: { select: { name: true } } },
        })
      : [];
  const userName = new Map(members.map((m) => [m.user.id, m.user.name]));
  const conversation: ConversationItem[] = [
    ...messages.map((m): ConversationItem => {
      const at = m.createdAt.toISOString();
      if (m.kind === "INBOUND") {
        const mm = m.mention;
        const offset = mm?.title ? mm.title.length + 1 : 0;
        const spans = (mm?.ruleMatches ?? [])
          .flatMap((r) => (r.spans as Span[]) ?? [])
          .map(([a, b]) => [a - offset, b - offset] as Span)
          .filter(([a]) => a >= 0)
          .sort((x, y) => x[0] - y[0]);
        return {
          kind: "inbound",
          id: m.id,
          at,
          mentionId: mm?.id ?? null,
          network: mm?.network ?? null,
          handle: mm?.author?.handle ?? null,
          url: mm?.url ?? null,
          text: mm?.text ?? m.body,
          title: mm?.title ?? null,
          spans,
          sentiment: mm?.sentiment ?? null,
          deleted: mm?.deleted ?? false,
        };
      }
      if (m.kind === "OUTBOUND")
        return {
          kind: "outbound",
          id: m.id,
          at,
          author: m.authorUser?.name ?? null,
          text: m.body,
          delivery: m.deliveryStatus,
          outbox: m.outbox
            ? {
                id: m.outbox.id,
                state: m.outbox.state,
                url: m.outbox.externalUrl,
                error: m.outbox.lastError,
                errorCode: m.outbox.errorCode,
                account: m.outbox.account?.label ?? null,
                attempts: m.outbox.attempts,
                nextAttemptAt: m.outbox.state === "queued" ? m.outbox.nextAttemptAt.toISOString() : null,
                decisionNote: m.outbox.decisionNote,
                returned: !!m.outbox.returnedAt,
              }
            : null,
        };
      return { kind: "note", id: m.id, at, author: m.authorUser?.name ?? null, text: m.body };
    }),
    ...events
      .filter((e) => e.kind !== "mention_added" && e.kind !== "replied")
      .map((e): ConversationItem => ({
        kind: "event",
        id: e.id,
        at: e.createdAt.toISOString(),
        actor: e.actorUserId ? (userName.get(e.actorUserId) ?? null) : null,
        event: e.kind,
        before: e.before,
        after: e.after,
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: c.id,
    number: c.number,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    tags: c.tags,
    version: c.version,
    queueId: c.queueId,
    reopenCount: c.reopenCount,
    assignee: c.assignee,
    brandName: c.brand?.name ?? null,
    sla: {
      dueAt: c.slaDueAt?.toISOString() ?? null,
      atRiskAt: c.slaAtRiskAt?.toISOString() ?? null,
      paused: !!c.slaPausedAt,
    },
    firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: c.resolutionDueAt?.toISOString() ?? null,
    conversation,
    reply,
    author,
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          tier: contact.tier,
          company: contact.company,
          identities: contact.identities,
          pastCases: contact.cases,
        }
      : null,
    suggestions: suggestions.map((s) => ({
      id: s.id,
      contactId: s.contactId,
      name: s.contact.name,
      score: s.score,
      reasons: s.reasons as unknown as Reason[],
    })),
    options: { queues, agents: members.map((m) => m.user), macros },
    asOf: Date.now(),
  };
}
