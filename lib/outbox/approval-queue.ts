import "server-only";
import { db } from "@/lib/db/client";

// The "Needs approval" view: replies waiting for a manager, with what the manager needs to decide
// (the reply, the case, the customer's post it answers, the account it will post as) and whether
// this viewer may decide. The decision itself is lib/outbox/reply-review.ts, which checks again.

const WAITING_PREFIX = "Waiting for approval: ";
/** More than this many waiting replies is a backlog to fix elsewhere; the view shows the newest. */
const MAX_LISTED = 200;

export interface PendingApproval {
  outboxId: string;
  body: string;
  agent: { id: string | null; name: string | null };
  createdAt: string;
  expiresAt: string | null;
  rule: { id: string | null; name: string | null; reason: string | null; approverNames: string[] };
  case: { number: number; subject: string; status: string };
  post: {
    text: string;
    authorName: string | null;
    authorHandle: string | null;
    network: string;
    url: string | null;
    postedAt: string;
  } | null;
  /** Who it posts as; null: no connected account, so approving records it in the sandbox. */
  accountLabel: string | null;
  canDecide: boolean;
  /** Why this viewer may not decide (shown on the disabled card). */
  cannotDecideReason: string | null;
}

export interface Viewer {
  id: string;
  role: string;
}

const waitingWhere = (workspaceId: string, now: Date) => ({
  workspaceId,
  kind: "reply",
  state: "pending_approval",
  // Expired but not yet swept by expireApprovals: no longer decidable, so not listed.
  OR: [{ approvalExpiresAt: null }, { approvalExpiresAt: { gt: now } }],
});

function mentionIdOf(payload: unknown): string | null {
  const id = (payload as { mentionId?: unknown } | null)?.mentionId;
  return typeof id === "string" ? id : null;
}

function reasonOf(lastError: string | null): string | null {
  if (!lastError) return null;
  return lastError.startsWith(WAITING_PREFIX) ? lastError.slice(WAITING_PREFIX.length) : lastError;
}

/** The same rules as reply-review's checkApprover, said in advance so the card can explain. */
function decision(
  viewer: Viewer,
  authorId: string | null,
  approverIds: string[],
  approverNames: string[],
): { canDecide: boolean; cannotDecideReason: string | null } {
  if (authorId === viewer.id)
    return { canDecide: false, cannotDecideReason: "Your own reply: another manager approves it." };
  if (viewer.role !== "MANAGER" && viewer.role !== "ADMIN")
    return { canDecide: false, cannotDecideReason: "Only managers and admins approve replies." };
  if (approverIds.length && !approverIds.includes(viewer.id) && viewer.role !== "ADMIN")
    return {
      canDecide: false,
      cannotDecideReason: `This rule names its approvers: ${approverNames.join(", ") || "other members"}.`,
    };
  return { canDecide: true, cannotDecideReason: null };
}

async function mentionsById(workspaceId: string, ids: string[]) {
  if (!ids.length) return new Map<string, NonNullable<PendingApproval["post"]>>();
  const rows = await db().mention.findMany({
    where: { workspaceId, id: { in: ids } },
    select: {
      id: true,
      text: true,
      network: true,
      url: true,
      postedAt: true,
      author: { select: { displayName: true, handle: true } },
    },
  });
  return new Map(
    rows.map((m) => [
      m.id,
      {
        text: m.text,
        authorName: m.author?.displayName ?? null,
        authorHandle: m.author?.handle ?? null,
        network: m.network,
        url: m.url,
        postedAt: m.postedAt.toISOString(),
      },
    ]),
  );
}

async function rulesById(workspaceId: string, ids: string[]) {
  const rules = ids.length
    ? await db().approvalRule.findMany({
        where: { workspaceId, id: { in: ids } },
        select: { id: true, name: true, approverIds: true },
      })
    : [];
  const userIds = [...new Set(rules.flatMap((r) => r.approverIds))];
  const users = userIds.length
    ? await db().membership.findMany({
        where: { workspaceId, userId: { in: userIds } },
        select: { userId: true, user: { select: { name: true } } },
      })
    : [];
  const nameOf = new Map(users.map((m) => [m.userId, m.user.name]));
  return new Map(
    rules.map((r) => [
      r.id,
      { ...r, approverNames: r.approverIds.map((id) => nameOf.get(id)).filter((n): n is string => !!n) },
    ]),
  );
}

/** Replies waiting for approval and not yet expired, newest first. */
export async function listPendingApprovals(
  workspaceId: string,
  viewer: Viewer,
  now = new Date(),
): Promise<PendingApproval[]> {
  const items = await db().outboxItem.findMany({
    where: waitingWhere(workspaceId, now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_LISTED,
    select: {
      id: true,
      payload: true,
      createdAt: true,
      createdById: true,
      approvalRuleId: true,
      approvalExpiresAt: true,
      lastError: true,
      account: { select: { label: true } },
      caseMessage: {
        select: {
          body: true,
          authorUserId: true,
          authorUser: { select: { name: true } },
          case: { select: { number: true, subject: true, status: true } },
        },
      },
    },
  });
  const listed = items.filter((i) => i.caseMessage);
  const [mentions, rules] = await Promise.all([
    mentionsById(workspaceId, [
      ...new Set(listed.map((i) => mentionIdOf(i.payload)).filter((id): id is string => !!id)),
    ]),
    rulesById(workspaceId, [...new Set(listed.map((i) => i.approvalRuleId).filter((id): id is string => !!id))]),
  ]);
  return listed.map((item) => {
    const message = item.caseMessage!;
    const rule = item.approvalRuleId ? rules.get(item.approvalRuleId) : undefined;
    const mentionId = mentionIdOf(item.payload);
    const authorId = item.createdById ?? message.authorUserId;
    const approverNames = rule?.approverNames ?? [];
    return {
      outboxId: item.id,
      body: message.body,
      agent: { id: authorId, name: message.authorUser?.name ?? null },
      createdAt: item.createdAt.toISOString(),
      expiresAt: item.approvalExpiresAt?.toISOString() ?? null,
      rule: { id: rule?.id ?? null, name: rule?.name ?? null, reason: reasonOf(item.lastError), approverNames },
      case: { number: message.case.number, subject: message.case.subject, status: message.case.status },
      post: (mentionId && mentions.get(mentionId)) || null,
      accountLabel: item.account?.label ?? null,
      ...decision(viewer, authorId, rule?.approverIds ?? [], approverNames),
    };
  });
}

/** How many replies wait for approval (for a badge in the navigation). */
export async function countPendingApprovals(workspaceId: string, now = new Date()): Promise<number> {
  return db().outboxItem.count({ where: waitingWhere(workspaceId, now) });
}
