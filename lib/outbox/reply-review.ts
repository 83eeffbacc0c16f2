import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { planReply } from "./replies";
import { deliveryLabel } from "./states";
import { placeholderProblem } from "./placeholders";

type Tx = Prisma.TransactionClient;

// What happens to a reply after the agent sent it: a manager approves (as written or edited) or
// rejects it; an agent retries a failed one, edits and resends it, or withdraws one still waiting.
// Each is a case event and an audit row, in the transaction that changes the state.

export interface Actor {
  id: string;
  role: string;
}

async function loadReply(tx: Tx, workspaceId: string, outboxId: string) {
  // Locked first: an approval and the worker, or two approvers, never both act on one reply.
  const [locked] = await query<{ id: string }>(
    tx,
    sql`SELECT "id" FROM "OutboxItem" WHERE "id" = ${outboxId} AND "workspaceId" = ${workspaceId} AND "kind" = 'reply' FOR UPDATE`,
  );
  if (!locked) throw notFound("That reply");
  const item = await tx.outboxItem.findUniqueOrThrow({
    where: { id: outboxId },
    include: { caseMessage: { select: { id: true, caseId: true, body: true, authorUserId: true } } },
  });
  if (!item.caseMessage) throw notFound("That reply");
  return { ...item, message: item.caseMessage };
}

async function approverIdsOf(tx: Tx, ruleId: string | null): Promise<string[]> {
  if (!ruleId) return [];
  const rule = await tx.approvalRule.findUnique({ where: { id: ruleId }, select: { approverIds: true } });
  return rule?.approverIds ?? [];
}

/** Managers and admins approve; a rule that names approvers narrows that to them; nobody approves their own reply. */
async function checkApprover(
  tx: Tx,
  item: { createdById: string | null; approvalRuleId: string | null },
  actor: Actor,
) {
  if (item.createdById === actor.id)
    throw new ExpectedError("You cannot approve or reject your own reply.", "FORBIDDEN");
  const named = await approverIdsOf(tx, item.approvalRuleId);
  if (named.length && !named.includes(actor.id) && actor.role !== "ADMIN")
    throw new ExpectedError("This reply waits for one of the approvers its rule names.", "FORBIDDEN");
}

function mustBePending(item: { state: string; approvalExpiresAt: Date | null }, now: Date) {
  if (item.state !== "pending_approval")
    throw new ExpectedError(`This reply is no longer waiting for approval (${item.state}).`, "CONFLICT");
  if (item.approvalExpiresAt && item.approvalExpiresAt <= now)
    throw new ExpectedError("This reply's approval expired; the agent can send it again.", "CONFLICT");
}

async function caseEvent(
  tx: Tx,
  workspaceId: string,
  caseId: string,
  actorUserId: string | null,
  kind: string,
  after: Prisma.InputJsonValue,
) {
  await tx.caseEvent.create({ data: { workspaceId, caseId, actorUserId, kind, after } });
  await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
}

/** The body an approver or agent edited: the same checks as the composer's. */
function checkedBody(body: string): string {
  const text = body.trim();
  if (!text) throw new ExpectedError("A reply needs some text.");
  const unfilled = placeholderProblem(text);
  if (unfilled) throw new ExpectedError(unfilled);
  return text;
}

export async function approveReply(workspaceId: string, actor: Actor, input: { outboxId: string; body?: string }) {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const item = await loadReply(tx, workspaceId, input.outboxId);
    mustBePending(item, now);
    await checkApprover(tx, item, actor);
    const edited = input.body !== undefined && input.body.trim() !== item.message.body ? checkedBody(input.body) : null;
    const sandbox = !item.accountId;
    const state = sandbox ? "sent" : "queued";
    await tx.outboxItem.update({
      where: { id: item.id },
      data: {
        state,
        decidedById: actor.id,
        decidedAt: now,
        lastError: null,
        nextAttemptAt: now,
        ...(sandbox ? { sentAt: now } : {}),
        // Edited text is a new post: a new idempotency key, so a network never dedupes it against the old one.
        ...(edited ? { idempotencyKey: randomUUID() } : {}),
      },
    });
    await tx.caseMessage.update({
      where: { id: item.message.id },
      data: { deliveryStatus: deliveryLabel(state, sandbox), ...(edited ? { body: edited } : {}) },
    });
    await caseEvent(tx, workspaceId, item.message.caseId, actor.id, "reply.approved", {
      messageId: item.message.id,
      edited: !!edited,
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId: actor.id,
      action: edited ? "reply.edited_and_approved" : "reply.approved",
      targetType: "OutboxItem",
      targetId: item.id,
      details: { caseMessageId: item.message.id, ...(edited ? { before: item.message.body, after: edited } : {}) },
    });
    return { state: deliveryLabel(state, sandbox) };
  });
}

export async function rejectReply(workspaceId: string, actor: Actor, input: { outboxId: string; note: string }) {
  const note = input.note.trim();
  if (!note) throw new ExpectedError("Say why, so the agent can fix it.");
  return db().$transaction(async (tx) => {
    const now = new Date();
    const item = await loadReply(tx, workspaceId, input.outboxId);
    mustBePending(item, now);
    await checkApprover(tx, item, actor);
    await tx.outboxItem.update({
      where: { id: item.id },
      data: {
        state: "rejected",
        decidedById: actor.id,
        decidedAt: now,
        decisionNote: note,
        lastError: `Rejected: ${note}`,
      },
    });
    await tx.caseMessage.update({ where: { id: item.message.id }, data: { deliveryStatus: "rejected" } });
    await caseEvent(tx, workspaceId, item.message.caseId, actor.id, "reply.rejected", {
      messageId: item.message.id,
      note,
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId: actor.id,
      action: "reply.rejected",
      targetType: "OutboxItem",
      targetId: item.id,
      details: { caseMessageId: item.message.id, note },
    });
    return { state: "rejected" };
  });
}

/** Replies whose approval lapsed are cancelled (the agent sees why and can send again). */
export async function expireApprovals(now = new Date(), workspaceId?: string): Promise<number> {
  const due = await db().outboxItem.findMany({
    where: {
      kind: "reply",
      state: "pending_approval",
      approvalExpiresAt: { lte: now },
      ...(workspaceId ? { workspaceId } : {}),
    },
    select: { id: true, workspaceId: true },
    take: 500,
  });
  for (const { id, workspaceId } of due) {
    await db().$transaction(async (tx) => {
      const item = await loadReply(tx, workspaceId, id);
      if (item.state !== "pending_approval") return;
      await tx.outboxItem.update({
        where: { id },
        data: { state: "cancelled", lastError: "Nobody approved this reply in time; it was not sent." },
      });
      await tx.caseMessage.update({ where: { id: item.message.id }, data: { deliveryStatus: "cancelled" } });
      await caseEvent(tx, workspaceId, item.message.caseId, null, "reply.expired", { messageId: item.message.id });
      await writeAudit(tx, {
        workspaceId,
        actorUserId: null,
        action: "reply.approval_expired",
        targetType: "OutboxItem",
        targetId: id,
      });
    });
  }
  return due.length;
}

/** A failed reply, sent again as written (same idempotency key: a network that saw it dedupes it). */
export async function retryReply(workspaceId: string, actor: Actor, input: { outboxId: string }) {
  return db().$transaction(async (tx) => {
    const item = await loadReply(tx, workspaceId, input.outboxId);
    if (item.state !== "failed")
      throw new ExpectedError(`Only a failed reply can be retried (this one is ${item.state}).`, "CONFLICT");
    if (!item.accountId) throw new ExpectedError("The account this reply was for is no longer connected.");
    const account = await tx.connectedAccount.findUnique({
      where: { id: item.accountId },
      select: { status: true, label: true },
    });
    if (account?.status === "reauth")
      throw new ExpectedError(
        `Connect ${account.label} again (Admin → Channels) first: the network refused its credentials.`,
      );
    await tx.outboxItem.update({
      where: { id: item.id },
      data: { state: "queued", attempts: 0, nextAttemptAt: new Date(), lastError: null, errorCode: null },
    });
    await tx.caseMessage.update({ where: { id: item.message.id }, data: { deliveryStatus: "queued" } });
    await caseEvent(tx, workspaceId, item.message.caseId, actor.id, "reply.retried", { messageId: item.message.id });
    return { state: "queued" };
  });
}

/** A failed, rejected or cancelled reply with new text: planned again (limits, approval rules) like a new one. */
export async function editAndResendReply(workspaceId: string, actor: Actor, input: { outboxId: string; body: string }) {
  const body = checkedBody(input.body);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const item = await loadReply(tx, workspaceId, input.outboxId);
    if (!["failed", "rejected", "cancelled"].includes(item.state))
      throw new ExpectedError(
        `Only a reply that did not go out can be edited and resent (this one is ${item.state}).`,
        "CONFLICT",
      );
    const kase = await tx.case.findUniqueOrThrow({ where: { id: item.message.caseId }, select: { brandId: true } });
    const plan = await planReply(tx, {
      workspaceId,
      caseId: item.message.caseId,
      caseBrandId: kase.brandId,
      actor,
      body,
      now,
    });
    const sandbox = !plan.account;
    await tx.outboxItem.update({
      where: { id: item.id },
      data: {
        state: plan.state,
        accountId: plan.account?.id ?? null,
        attempts: 0,
        nextAttemptAt: now,
        idempotencyKey: randomUUID(),
        errorCode: null,
        decidedById: null,
        decidedAt: null,
        decisionNote: null,
        approvalRuleId: plan.approval?.ruleId ?? null,
        approvalExpiresAt: plan.approval?.expiresAt ?? null,
        lastError: plan.approval ? `Waiting for approval: ${plan.approval.reason}` : null,
        createdById: actor.id,
        ...(plan.state === "sent" ? { sentAt: now } : {}),
      },
    });
    const delivery = deliveryLabel(plan.state, sandbox);
    await tx.caseMessage.update({
      where: { id: item.message.id },
      data: { body, deliveryStatus: delivery, authorUserId: actor.id },
    });
    await caseEvent(tx, workspaceId, item.message.caseId, actor.id, "reply.resent", {
      messageId: item.message.id,
      delivery,
    });
    return { state: delivery };
  });
}

/** The agent withdraws a reply that has not gone out yet (waiting for approval, or queued). */
export async function cancelReply(workspaceId: string, actor: Actor, input: { outboxId: string }) {
  return db().$transaction(async (tx) => {
    const item = await loadReply(tx, workspaceId, input.outboxId);
    if (!["pending_approval", "queued"].includes(item.state))
      throw new ExpectedError(`This reply can no longer be withdrawn (${item.state}).`, "CONFLICT");
    if (item.createdById !== actor.id && actor.role === "AGENT")
      throw new ExpectedError("Only its author or a manager can withdraw a reply.", "FORBIDDEN");
    await tx.outboxItem.update({
      where: { id: item.id },
      data: { state: "cancelled", lastError: "Withdrawn before it was sent." },
    });
    await tx.caseMessage.update({ where: { id: item.message.id }, data: { deliveryStatus: "cancelled" } });
    await caseEvent(tx, workspaceId, item.message.caseId, actor.id, "reply.cancelled", { messageId: item.message.id });
    return { state: "cancelled" };
  });
}
