import "server-only";
import { randomUUID } from "node:crypto";
import { ExpectedError } from "@/lib/actions/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { approvalReason, approvalRuleFor, type ApprovalConditions } from "./approval-match";
import { countReply, overLimitReason } from "./limits";
import { isReplyNetwork } from "./registry";
import { xReplyEligibility } from "./transports/x";
import type { ReplyEligibility, ReplyNetwork } from "./transport";
import type { ReplyContext } from "./reply-context";

export type { ReplyContext };
import { deliveryLabel, type OutboxState } from "./states";

type Tx = Prisma.TransactionClient;

// A reply, from the composer or the API, becomes an outbound message and its outbox item in the
// case's transaction. Nothing is sent here: the outbox worker sends after commit. Without a
// connected account for the brand on that network the reply stays in the sandbox (recorded,
// never posted), so nothing leaves the building by accident.

/** How long a reply may wait for approval when the workspace does not say (settings.approvalExpiryHours). */
export const DEFAULT_APPROVAL_EXPIRY_HOURS = 24;

export interface ReplyPlan {
  network: ReplyNetwork | null;
  mentionId: string | null;
  account: { id: string; label: string } | null;
  state: OutboxState;
  approval: { ruleId: string; reason: string; expiresAt: Date } | null;
}

/** The post a reply answers: the case's latest inbound mention, with what the rules need of its author. */
async function latestInbound(tx: Tx | ReturnType<typeof db>, caseId: string) {
  const message = await tx.caseMessage.findFirst({
    where: { caseId, kind: "INBOUND", mentionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: {
      mention: {
        select: {
          id: true,
          network: true,
          text: true,
          directReach: true,
          influence: true,
          brandId: true,
          author: { select: { followers: true } },
        },
      },
    },
  });
  return message?.mention ?? null;
}

function brandHandles(ownHandles: unknown, network: string): string[] {
  const list = ((ownHandles ?? {}) as Record<string, unknown>)[network];
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === "string") : [];
}

/** Whether the network lets the brand reply to this post by API (X restricts replies to posts that addressed the brand). */
export function eligibilityOf(
  network: string | null,
  mention: { text: string; directReach: boolean } | null,
  handles: string[],
): ReplyEligibility {
  if (network !== "x" || !mention) return { allowed: true };
  if (mention.directReach) return { allowed: true };
  return xReplyEligibility({ addressedTo: [], text: mention.text, brandHandles: handles });
}

async function approvalFor(
  tx: Tx,
  workspaceId: string,
  facts: Parameters<typeof approvalRuleFor>[1],
  now: Date,
): Promise<ReplyPlan["approval"]> {
  const rules = await tx.approvalRule.findMany({
    where: { workspaceId, enabled: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const rule = approvalRuleFor(
    rules.map((r) => ({ ...r, conditions: (r.conditions ?? {}) as ApprovalConditions })),
    facts,
  );
  if (!rule) return null;
  const ws = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  const hours =
    Number(((ws?.settings ?? {}) as { approvalExpiryHours?: unknown }).approvalExpiryHours) ||
    DEFAULT_APPROVAL_EXPIRY_HOURS;
  return {
    ruleId: rule.id,
    reason: approvalReason(rule, facts),
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
  };
}

/**
 * Everything decided before the reply is stored: the network and post it answers, the account it
 * goes out from, the network's length limit and reply rules (refused here with the reason), and
 * whether it waits for approval.
 */
export async function planReply(
  tx: Tx,
  input: {
    workspaceId: string;
    caseId: string;
    caseBrandId: string | null;
    actor: { id: string; role: string };
    body: string;
    now?: Date;
  },
): Promise<ReplyPlan> {
  const now = input.now ?? new Date();
  const mention = await latestInbound(tx, input.caseId);
  const network = isReplyNetwork(mention?.network) ? mention.network : null;
  const brandId = input.caseBrandId ?? mention?.brandId ?? null;
  const brand = brandId
    ? await tx.brand.findFirst({ where: { id: brandId, workspaceId: input.workspaceId }, select: { ownHandles: true } })
    : null;
  const account = network
    ? await tx.connectedAccount.findFirst({
        where: { workspaceId: input.workspaceId, network, ...(brandId ? { brandId } : {}) },
        orderBy: { createdAt: "asc" },
        select: { id: true, label: true, textLimit: true },
      })
    : null;
  if (network) {
    const over = overLimitReason(countReply(network, input.body, { instanceLimit: account?.textLimit ?? undefined }));
    if (over) throw new ExpectedError(`The reply is too long: ${over}.`);
    const eligibility = eligibilityOf(network, mention, brandHandles(brand?.ownHandles, network));
    if (account && !eligibility.allowed)
      throw new ExpectedError(eligibility.reason ?? "The network does not allow this reply.");
  }
  const approval = await approvalFor(
    tx,
    input.workspaceId,
    {
      brandId,
      network,
      followers: mention?.author?.followers ?? null,
      influence: mention?.influence ?? null,
      agentId: input.actor.id,
      role: input.actor.role,
      body: input.body,
    },
    now,
  );
  const state: OutboxState = approval ? "pending_approval" : account ? "queued" : "sent";
  return {
    network,
    mentionId: mention?.id ?? null,
    account: account && { id: account.id, label: account.label },
    state,
    approval,
  };
}

/** Stores the reply's outbound message and its outbox item; returns the message id and its delivery label. */
export async function storeReply(
  tx: Tx,
  input: { workspaceId: string; caseId: string; actorUserId: string | null; body: string; plan: ReplyPlan; now?: Date },
) {
  const { plan } = input;
  const now = input.now ?? new Date();
  // A reply without a connected account is "sent" to the sandbox at once: recorded, never posted.
  const sandbox = !plan.account;
  const delivery = deliveryLabel(plan.state, sandbox);
  const message = await tx.caseMessage.create({
    data: {
      id: randomUUID(),
      workspaceId: input.workspaceId,
      caseId: input.caseId,
      kind: "OUTBOUND",
      authorUserId: input.actorUserId,
      body: input.body,
      deliveryStatus: delivery,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.outboxItem.create({
    data: {
      workspaceId: input.workspaceId,
      kind: "reply",
      state: plan.state,
      caseMessageId: message.id,
      accountId: plan.account?.id ?? null,
      network: plan.network,
      idempotencyKey: randomUUID(),
      payload: { mentionId: plan.mentionId, sandbox },
      nextAttemptAt: now,
      createdById: input.actorUserId,
      ...(plan.state === "sent" ? { sentAt: now } : {}),
      ...(plan.approval
        ? {
            approvalRuleId: plan.approval.ruleId,
            approvalExpiresAt: plan.approval.expiresAt,
            lastError: `Waiting for approval: ${plan.approval.reason}`,
          }
        : {}),
    },
  });
  if (plan.approval)
    await writeAudit(tx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      action: "reply.approval_requested",
      targetType: "CaseMessage",
      targetId: message.id,
      details: { caseId: input.caseId, rule: plan.approval.reason, expiresAt: plan.approval.expiresAt.toISOString() },
    });
  return { messageId: message.id, delivery, sandbox };
}

/** What the composer shows before the agent types: the network, the account, its limit and rules. */
export async function replyContext(
  workspaceId: string,
  caseId: string,
  caseBrandId: string | null,
): Promise<ReplyContext> {
  const mention = await latestInbound(db(), caseId);
  const network = isReplyNetwork(mention?.network) ? mention.network : null;
  if (!network) return { network: null, account: null, eligibility: { allowed: true }, authorHandle: null };
  const brandId = caseBrandId ?? mention?.brandId ?? null;
  const [brand, account, author] = await Promise.all([
    brandId ? db().brand.findFirst({ where: { id: brandId, workspaceId }, select: { ownHandles: true } }) : null,
    db().connectedAccount.findFirst({
      where: { workspaceId, network, ...(brandId ? { brandId } : {}) },
      orderBy: { createdAt: "asc" },
      select: { label: true, status: true, textLimit: true },
    }),
    mention
      ? db().mention.findUnique({ where: { id: mention.id }, select: { author: { select: { handle: true } } } })
      : null,
  ]);
  return {
    network,
    account,
    eligibility: eligibilityOf(network, mention, brandHandles(brand?.ownHandles, network)),
    authorHandle: author?.author?.handle ?? null,
  };
}
