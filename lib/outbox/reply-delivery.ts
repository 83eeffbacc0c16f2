import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contextFor, loadAccount } from "./accounts";
import { nextAllowedAtAll, rateLimitsFor } from "./rate-policy";
import { transportOf } from "./registry";
import type { ReplyNetwork, ReplyTarget, SendRequest } from "./transport";
import type { ClaimedItem, Deferral, DeliveryHandler, DeliveryOutcome } from "./worker";

type Tx = Prisma.TransactionClient;

// Replies through the outbox: the account's rate limit, the post replied to, one attempt through
// the network's transport, and what the outcome changes in the conversation.

export type ReplyEvent = { event: "reply.sent" | "reply.failed"; data: Record<string, unknown> };

export interface ReplyHandlerOptions {
  /** Called in the recording transaction for webhooks (reply.sent, reply.failed). */
  emit?: (tx: Tx, workspaceId: string, events: ReplyEvent[]) => Promise<void>;
  timeoutMs?: number;
}

const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;

async function targetOf(workspaceId: string, mentionId: unknown): Promise<ReplyTarget | null> {
  if (typeof mentionId !== "string") return null;
  const m = await db().mention.findFirst({
    where: { id: mentionId, workspaceId },
    select: {
      externalId: true,
      url: true,
      threadKey: true,
      inReplyToId: true,
      replyRef: true,
      deleted: true,
      author: { select: { handle: true, accountId: true } },
    },
  });
  if (!m || m.deleted) return null;
  return {
    externalId: m.externalId,
    url: m.url,
    authorHandle: m.author?.handle ?? null,
    authorAccountId: m.author?.accountId ?? null,
    ref: asStrings(m.replyRef),
    threadKey: m.threadKey,
    inReplyToId: m.inReplyToId,
  };
}

/** The account's sends inside its network's published windows: whether another may go now. */
async function rateDeferral(accountId: string, network: ReplyNetwork, now: Date): Promise<Deferral | null> {
  const policies = rateLimitsFor(network);
  const widest = policies.reduce((a, b) => (b.windowMs > a.windowMs ? b : a));
  const sent = await db().outboxItem.findMany({
    where: { accountId, sentAt: { gte: new Date(now.getTime() - widest.windowMs) } },
    select: { sentAt: true },
    orderBy: { sentAt: "desc" },
    take: Math.max(...policies.map((p) => p.max)),
  });
  const at = nextAllowedAtAll(
    sent.map((s) => s.sentAt!),
    policies,
    now,
  );
  return at ? { kind: "deferred", until: at, reason: "Waiting for the account's posting limit on the network." } : null;
}

async function sendReply(item: ClaimedItem, options: ReplyHandlerOptions): Promise<DeliveryOutcome | Deferral> {
  if (!item.accountId)
    return { kind: "permanent", code: "reauth", reason: "The account this reply goes out from was disconnected." };
  const account = await loadAccount(item.workspaceId, item.accountId);
  if (!account)
    return { kind: "permanent", code: "reauth", reason: "The account this reply goes out from was disconnected." };
  if (account.status === "reauth")
    return {
      kind: "permanent",
      code: "reauth",
      reason: `${account.label} must be connected again before replies go out.`,
    };
  const deferral = await rateDeferral(account.id, account.network, new Date());
  if (deferral) return deferral;
  const message = item.caseMessageId
    ? await db().caseMessage.findUnique({ where: { id: item.caseMessageId }, select: { body: true } })
    : null;
  if (!message) return { kind: "permanent", code: "invalid", reason: "The reply was deleted." };
  const target = await targetOf(item.workspaceId, item.payload.mentionId);
  if (!target) return { kind: "permanent", code: "gone", reason: "The post replied to was deleted." };
  const transport = transportOf(account.network);
  const ctx = await contextFor(item.workspaceId, account.id, { timeoutMs: options.timeoutMs });
  const request: SendRequest = {
    idempotencyKey: item.idempotencyKey,
    body: message.body,
    target,
    account: account.credentials,
    queuedAt: item.createdAt,
  };
  // A previous attempt may have posted it before its worker died: look before posting again.
  if (item.payload.unknownOutcome && transport.findExisting) {
    // A lookup that fails is no answer: sending anyway could post the reply twice, so try later.
    let found: Awaited<ReturnType<NonNullable<typeof transport.findExisting>>>;
    try {
      found = await transport.findExisting(request, ctx);
    } catch (error) {
      return {
        kind: "retryable",
        reason: `Could not check whether an earlier attempt was posted: ${(error as Error).message}`,
      };
    }
    if (found) return { kind: "sent", externalId: found.externalId, url: found.url };
  }
  return transport.send(request, ctx);
}

async function recordReply(
  tx: Tx,
  item: ClaimedItem,
  outcome: DeliveryOutcome,
  final: boolean,
  options: ReplyHandlerOptions,
) {
  if (!item.caseMessageId) return;
  const state = outcome.kind === "sent" ? "sent" : final ? "failed" : "queued";
  const message = await tx.caseMessage.update({
    where: { id: item.caseMessageId },
    data: { deliveryStatus: state },
    select: { id: true, caseId: true, case: { select: { number: true } } },
  });
  if (outcome.kind === "permanent" && outcome.code === "reauth" && item.accountId)
    await tx.connectedAccount.update({
      where: { id: item.accountId },
      data: { status: "reauth", lastError: outcome.reason },
    });
  if (outcome.kind === "retryable" && outcome.retryAt && item.accountId)
    await tx.connectedAccount.update({ where: { id: item.accountId }, data: { pausedUntil: outcome.retryAt } });
  // The conversation shows the new state on its next live refresh; not a version change, so an
  // agent's next edit does not conflict with the worker's bookkeeping.
  await tx.case.update({ where: { id: message.caseId }, data: { updatedAt: new Date() } });
  if (!final) return;
  const sent = outcome.kind === "sent" ? outcome : null;
  await tx.caseEvent.create({
    data: {
      workspaceId: item.workspaceId,
      caseId: message.caseId,
      kind: sent ? "reply.sent" : "reply.failed",
      after: sent
        ? { messageId: message.id, externalId: sent.externalId, url: sent.url }
        : { messageId: message.id, error: outcome.kind === "sent" ? null : outcome.reason },
    },
  });
  await options.emit?.(tx, item.workspaceId, [
    {
      event: sent ? "reply.sent" : "reply.failed",
      data: {
        caseNumber: message.case.number,
        messageId: message.id,
        network: item.network,
        externalId: sent?.externalId ?? null,
        url: sent?.url ?? null,
        error: outcome.kind === "sent" ? null : outcome.reason,
      },
    },
  ]);
}

export function replyHandler(options: ReplyHandlerOptions = {}): DeliveryHandler {
  return {
    send: (item) => sendReply(item, options),
    record: (tx, item, outcome, final) => recordReply(tx, item, outcome, final, options),
  };
}
