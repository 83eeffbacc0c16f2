// Approvals: rules hold matching replies in pending_approval; managers approve (as written or
// edited) or reject them with a note; nobody approves their own; named approvers narrow who may;
// waiting replies expire. Every step is a case event and an audit row. The test workspaces have
// no connected account, so an approved reply is recorded in the sandbox ("sent (sandbox)").
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import { ingestDocument } from "@/lib/ingest/ingest";
import { replyToCase } from "@/lib/cases/update";
import { approveReply, expireApprovals, rejectReply } from "@/lib/outbox/reply-review";
import {
  createApprovalRule,
  deleteApprovalRule,
  getApprovalExpiryHours,
  listApprovalRules,
  moveApprovalRule,
  setApprovalExpiryHours,
  updateApprovalRule,
} from "@/lib/outbox/approval-rules";
import { countPendingApprovals, listPendingApprovals } from "@/lib/outbox/approval-queue";
import {
  approvalExpirySchema,
  createApprovalRuleSchema,
  rejectReplySchema,
  updateApprovalRuleSchema,
} from "@/lib/outbox/approval-schemas";
import {
  approveReplyAction,
  createApprovalRuleAction,
  rejectReplyAction,
  setApprovalExpiryAction,
} from "@/lib/outbox/approval-actions";
import { createMember, createTestWorkspace, uniqueSuffix, type TestWorkspace } from "../support/factory";

const POST_URL = "https://x.com/tess/status/1001";

async function freshCase() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  await ingestDocument(
    ws.id,
    "jsonl",
    JSON.stringify({
      network: "x",
      externalId: `r-${uniqueSuffix()}`,
      url: POST_URL,
      createdAt: new Date(Date.UTC(2026, 10, 20, 10)).toISOString(),
      text: "Northwind where is my refund? <b>now</b>",
      author: { accountId: "a1", handle: "tess", displayName: "Tess Traveller", followers: 1200 },
    }),
  );
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
  return { ws, brand, kase };
}

const ruleInput = (input: unknown) => createApprovalRuleSchema.parse(input);

async function addRule(ws: TestWorkspace, input: unknown) {
  return createApprovalRule(ws.id, ws.admin.userId, ruleInput(input));
}

/** Sends a reply as `member` on the case's current version; returns the message and its outbox item. */
async function reply(ws: TestWorkspace, member: { userId: string; role: string }, caseId: string, body: string) {
  const { version } = await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
  const sent = await replyToCase(
    ws.id,
    member.userId,
    { caseId, version, body, confirmStale: false },
    { role: member.role },
  );
  const item = await db().outboxItem.findUniqueOrThrow({ where: { caseMessageId: sent.messageId } });
  return { ...sent, item };
}

const message = (id: string) => db().caseMessage.findUniqueOrThrow({ where: { id } });
const events = (caseId: string, kind: string) =>
  db().caseEvent.findMany({ where: { caseId, kind }, orderBy: { createdAt: "asc" } });
const audits = (workspaceId: string, action: string) =>
  db().auditLog.findMany({ where: { workspaceId, action }, orderBy: { createdAt: "asc" } });
const actor = (m: { userId: string; role: string }) => ({ id: m.userId, role: m.role });

describe("approval rules hold matching replies", () => {
  it("a reply with a rule's word waits for approval; one without goes out (to the sandbox)", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });

    const held = await reply(ws, ws.agent, kase.id, "Hi Tess, your Refund is on its way.");
    expect(held.delivery).toBe("pending_approval");
    expect((await message(held.messageId)).deliveryStatus).toBe("pending_approval");
    expect(held.item).toMatchObject({
      state: "pending_approval",
      createdById: ws.agent.userId,
      lastError: "Waiting for approval: Refunds (mentions “refund”)",
    });
    expect(held.item.approvalExpiresAt).not.toBeNull();

    const free = await reply(ws, ws.agent, kase.id, "Hi Tess, we are looking into it.");
    expect(free.delivery).toBe("sent (sandbox)");
    expect(free.item).toMatchObject({ state: "sent", approvalRuleId: null });
    expect((await message(free.messageId)).deliveryStatus).toBe("sent (sandbox)");
  });

  it("a disabled rule holds nothing; the rule's conditions must all hold", async () => {
    const { ws, kase, brand } = await freshCase();
    const rule = await addRule(ws, { name: "Refunds", enabled: false, conditions: { words: ["refund"] } });
    expect((await reply(ws, ws.agent, kase.id, "Your refund is coming")).delivery).toBe("sent (sandbox)");

    await updateApprovalRule(
      ws.id,
      ws.admin.userId,
      updateApprovalRuleSchema.parse({
        ruleId: rule.id,
        name: "Refunds by agents on X for Northwind",
        enabled: true,
        conditions: { words: ["refund"], roles: ["AGENT"], networks: ["x"], brandIds: [brand.id], minFollowers: 1000 },
      }),
    );
    expect((await reply(ws, ws.manager, kase.id, "Your refund is coming")).delivery).toBe("sent (sandbox)");
    expect((await reply(ws, ws.agent, kase.id, "Your refund is coming")).delivery).toBe("pending_approval");
  });
});

describe("the Needs approval list", () => {
  it("shows the waiting reply with the customer's post, the case and the agent; newest first; counts it", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const first = await reply(ws, ws.agent, kase.id, "A refund is on its way.");
    const second = await reply(ws, ws.agent, kase.id, "Refund sent, Tess.");
    // A minute apart, so "newest first" does not hang on two writes landing in one millisecond.
    await db().outboxItem.update({ where: { id: first.item.id }, data: { createdAt: new Date(Date.now() - 60_000) } });

    const list = await listPendingApprovals(ws.id, actor(ws.manager));
    expect(list.map((i) => i.outboxId)).toEqual([second.item.id, first.item.id]);
    expect(list[1]).toMatchObject({
      outboxId: first.item.id,
      body: "A refund is on its way.",
      agent: { id: ws.agent.userId, name: "Test agent" },
      rule: { name: "Refunds", reason: "Refunds (mentions “refund”)", approverNames: [] },
      case: { number: kase.number, subject: kase.subject, status: "OPEN" },
      post: {
        text: "Northwind where is my refund? <b>now</b>",
        authorName: "Tess Traveller",
        authorHandle: "tess",
        network: "x",
        url: POST_URL,
        postedAt: "2026-11-20T10:00:00.000Z",
      },
      accountLabel: null,
      canDecide: true,
      cannotDecideReason: null,
    });
    expect(list[1].expiresAt).toBe(first.item.approvalExpiresAt!.toISOString());
    expect(await countPendingApprovals(ws.id)).toBe(2);

    // The author sees why they cannot decide; another workspace sees nothing.
    const mine = await listPendingApprovals(ws.id, actor(ws.agent));
    expect(mine[0]).toMatchObject({
      canDecide: false,
      cannotDecideReason: "Your own reply: another manager approves it.",
    });
    const other = await createTestWorkspace();
    expect(await listPendingApprovals(other.id, actor(other.manager))).toEqual([]);
    expect(await countPendingApprovals(other.id)).toBe(0);
  });
});

describe("deciding on a waiting reply", () => {
  it("nobody approves their own reply; another manager does, and it is sent (sandbox)", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const held = await reply(ws, ws.manager, kase.id, "Your refund is approved.");
    expect(held.delivery).toBe("pending_approval");

    await expect(approveReply(ws.id, actor(ws.manager), { outboxId: held.item.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await listPendingApprovals(ws.id, actor(ws.manager)))[0].canDecide).toBe(false);

    const other = await createMember(ws.id, "MANAGER", "second-manager");
    expect(await approveReply(ws.id, actor(other), { outboxId: held.item.id })).toEqual({ state: "sent (sandbox)" });
    expect(await message(held.messageId)).toMatchObject({
      deliveryStatus: "sent (sandbox)",
      body: "Your refund is approved.",
    });
    expect(await db().outboxItem.findUniqueOrThrow({ where: { id: held.item.id } })).toMatchObject({
      state: "sent",
      decidedById: other.userId,
      lastError: null,
    });
    const [event] = await events(kase.id, "reply.approved");
    expect(event).toMatchObject({ actorUserId: other.userId, after: { messageId: held.messageId, edited: false } });
    const [audit] = await audits(ws.id, "reply.approved");
    expect(audit).toMatchObject({ actorUserId: other.userId, targetType: "OutboxItem", targetId: held.item.id });
    expect(await listPendingApprovals(ws.id, actor(other))).toEqual([]);

    // Decided once: a second decision is a conflict.
    await expect(approveReply(ws.id, actor(ws.admin), { outboxId: held.item.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("approve with edits changes the message and is audited as reply.edited_and_approved", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const held = await reply(ws, ws.agent, kase.id, "Refund coming soon!!");

    await approveReply(ws.id, actor(ws.manager), { outboxId: held.item.id, body: "Your refund was sent today." });
    expect(await message(held.messageId)).toMatchObject({
      body: "Your refund was sent today.",
      deliveryStatus: "sent (sandbox)",
    });
    const item = await db().outboxItem.findUniqueOrThrow({ where: { id: held.item.id } });
    expect(item.idempotencyKey).not.toBe(held.item.idempotencyKey);
    const [audit] = await audits(ws.id, "reply.edited_and_approved");
    expect(audit).toMatchObject({
      actorUserId: ws.manager.userId,
      targetId: held.item.id,
      details: { caseMessageId: held.messageId, before: "Refund coming soon!!", after: "Your refund was sent today." },
    });
    expect((await events(kase.id, "reply.approved"))[0].after).toMatchObject({ edited: true });
  });

  it("reject needs a note; the note is on the outbox item, in a case event and in the audit", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const held = await reply(ws, ws.agent, kase.id, "Full refund, no questions asked.");

    expect(rejectReplySchema.safeParse({ outboxId: held.item.id, note: "   " }).success).toBe(false);
    expect(rejectReplySchema.safeParse({ outboxId: held.item.id, note: "x".repeat(2001) }).success).toBe(false);
    await expect(rejectReply(ws.id, actor(ws.manager), { outboxId: held.item.id, note: "  " })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(rejectReply(ws.id, actor(ws.agent), { outboxId: held.item.id, note: "my own" })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );

    const note = "We cannot promise a full refund; offer a voucher.";
    expect(await rejectReply(ws.id, actor(ws.manager), { outboxId: held.item.id, note })).toEqual({
      state: "rejected",
    });
    expect(await db().outboxItem.findUniqueOrThrow({ where: { id: held.item.id } })).toMatchObject({
      state: "rejected",
      decisionNote: note,
      decidedById: ws.manager.userId,
    });
    expect((await message(held.messageId)).deliveryStatus).toBe("rejected");
    const [event] = await events(kase.id, "reply.rejected");
    expect(event).toMatchObject({ actorUserId: ws.manager.userId, after: { messageId: held.messageId, note } });
    const [audit] = await audits(ws.id, "reply.rejected");
    expect(audit).toMatchObject({ targetId: held.item.id, details: { note } });
    expect(await countPendingApprovals(ws.id)).toBe(0);
  });

  it("a rule's named approvers: another manager is refused, the named one and an admin may decide", async () => {
    const { ws, kase } = await freshCase();
    const named = await createMember(ws.id, "MANAGER", "named");
    await addRule(ws, { name: "Legal", conditions: { words: ["lawyer"] }, approverIds: [named.userId] });
    const a = await reply(ws, ws.agent, kase.id, "Our lawyer will call you.");
    const b = await reply(ws, ws.agent, kase.id, "Our lawyer says yes.");

    await expect(approveReply(ws.id, actor(ws.manager), { outboxId: a.item.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const seen = await listPendingApprovals(ws.id, actor(ws.manager));
    expect(seen[0]).toMatchObject({
      canDecide: false,
      rule: { approverNames: ["Test named"] },
      cannotDecideReason: "This rule names its approvers: Test named.",
    });
    expect((await listPendingApprovals(ws.id, actor(named))).every((i) => i.canDecide)).toBe(true);
    expect((await listPendingApprovals(ws.id, actor(ws.admin))).every((i) => i.canDecide)).toBe(true);

    expect(await approveReply(ws.id, actor(ws.admin), { outboxId: a.item.id })).toEqual({ state: "sent (sandbox)" });
    expect(await approveReply(ws.id, actor(named), { outboxId: b.item.id })).toEqual({ state: "sent (sandbox)" });
  });

  it("another workspace's reply is not found", async () => {
    const { ws, kase } = await freshCase();
    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const held = await reply(ws, ws.agent, kase.id, "Refund done.");
    const other = await createTestWorkspace();
    await expect(approveReply(other.id, actor(other.admin), { outboxId: held.item.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      rejectReply(other.id, actor(other.admin), { outboxId: held.item.id, note: "no" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("expiry", () => {
  it("a reply waits the workspace's hours, then is cancelled with a case event and an audit row", async () => {
    const { ws, kase } = await freshCase();
    expect(await getApprovalExpiryHours(ws.id)).toBe(24);
    await expect(setApprovalExpiryHours(ws.id, ws.admin.userId, 0)).rejects.toMatchObject({ code: "INVALID" });
    await expect(setApprovalExpiryHours(ws.id, ws.admin.userId, 169)).rejects.toMatchObject({ code: "INVALID" });
    expect(approvalExpirySchema.safeParse({ hours: 1.5 }).success).toBe(false);
    expect(await setApprovalExpiryHours(ws.id, ws.admin.userId, 1)).toEqual({ hours: 1 });
    expect(await getApprovalExpiryHours(ws.id)).toBe(1);
    const [setting] = await audits(ws.id, "approval.expiry.set");
    expect(setting).toMatchObject({ actorUserId: ws.admin.userId, details: { before: null, after: 1 } });

    await addRule(ws, { name: "Refunds", conditions: { words: ["refund"] } });
    const before = Date.now();
    const held = await reply(ws, ws.agent, kase.id, "Refund sent.");
    const expires = held.item.approvalExpiresAt!.getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000);

    const later = new Date(Date.now() + 2 * 3_600_000);
    // Lapsed but not yet swept: no longer listed or counted.
    expect(await listPendingApprovals(ws.id, actor(ws.manager), later)).toEqual([]);
    expect(await countPendingApprovals(ws.id, later)).toBe(0);

    expect(await expireApprovals(later)).toBeGreaterThanOrEqual(1);
    expect(await db().outboxItem.findUniqueOrThrow({ where: { id: held.item.id } })).toMatchObject({
      state: "cancelled",
    });
    expect((await message(held.messageId)).deliveryStatus).toBe("cancelled");
    expect(await events(kase.id, "reply.expired")).toHaveLength(1);
    expect(await audits(ws.id, "reply.approval_expired")).toHaveLength(1);
    await expect(approveReply(ws.id, actor(ws.manager), { outboxId: held.item.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("approval rule administration", () => {
  it("creates, renames, disables, reorders and deletes rules, each with an audit row", async () => {
    const { ws, brand } = await freshCase();
    const a = await addRule(ws, {
      name: "Refunds",
      conditions: { words: ["refund", " ", "Refund", "chargeback"], brandIds: [brand.id], networks: ["x", "x"] },
    });
    const b = await addRule(ws, {
      name: "Big audience",
      conditions: { minFollowers: 10_000, minInfluence: null, agentIds: [ws.agent.userId], roles: [] },
      approverIds: [ws.manager.userId, ws.admin.userId],
    });
    expect(await listApprovalRules(ws.id)).toEqual([
      {
        id: a.id,
        name: "Refunds",
        enabled: true,
        position: 1,
        conditions: { words: ["refund", "chargeback"], brandIds: [brand.id], networks: ["x"] },
        approverIds: [],
      },
      {
        id: b.id,
        name: "Big audience",
        enabled: true,
        position: 2,
        conditions: { minFollowers: 10_000, agentIds: [ws.agent.userId] },
        approverIds: [ws.manager.userId, ws.admin.userId],
      },
    ]);
    expect((await audits(ws.id, "approval.rule.create")).map((r) => r.targetId)).toEqual([a.id, b.id]);

    await expect(addRule(ws, { name: "Refunds", conditions: {} })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An approval rule named “Refunds” already exists.",
    });
    const rename = (ruleId: string, name: string, enabled = true) =>
      updateApprovalRule(
        ws.id,
        ws.admin.userId,
        updateApprovalRuleSchema.parse({ ruleId, name, enabled, conditions: {}, approverIds: [] }),
      );
    await expect(rename(b.id, "Refunds")).rejects.toMatchObject({ code: "CONFLICT" });
    await rename(b.id, "Everything", false);
    expect((await listApprovalRules(ws.id))[1]).toMatchObject({
      name: "Everything",
      enabled: false,
      conditions: {},
      approverIds: [],
    });
    expect(await audits(ws.id, "approval.rule.update")).toHaveLength(1);

    await moveApprovalRule(ws.id, ws.admin.userId, b.id, "up");
    expect((await listApprovalRules(ws.id)).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(await audits(ws.id, "approval.rule.move")).toHaveLength(1);

    await deleteApprovalRule(ws.id, ws.admin.userId, a.id);
    expect((await listApprovalRules(ws.id)).map((r) => r.id)).toEqual([b.id]);
    const [deleted] = await audits(ws.id, "approval.rule.delete");
    expect(deleted).toMatchObject({ targetId: a.id, details: { name: "Refunds" } });
    await expect(deleteApprovalRule(ws.id, ws.admin.userId, a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another workspace's rule is not found; named brands, agents and approvers must be this workspace's", async () => {
    const { ws } = await freshCase();
    const other = await freshCase();
    const foreign = await addRule(other.ws, { name: "Theirs", conditions: {} });

    await expect(
      updateApprovalRule(
        ws.id,
        ws.admin.userId,
        updateApprovalRuleSchema.parse({ ruleId: foreign.id, name: "Mine now", enabled: true, conditions: {} }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteApprovalRule(ws.id, ws.admin.userId, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(moveApprovalRule(ws.id, ws.admin.userId, foreign.id, "up")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().approvalRule.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: "Theirs" });

    await expect(addRule(ws, { name: "b", conditions: { brandIds: [other.brand.id] } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(addRule(ws, { name: "a", conditions: { agentIds: [other.ws.agent.userId] } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      addRule(ws, { name: "m", conditions: {}, approverIds: [other.ws.manager.userId] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Approvers must be managers or admins (and active).
    await expect(addRule(ws, { name: "m", conditions: {}, approverIds: [ws.agent.userId] })).rejects.toMatchObject({
      code: "INVALID",
    });
    await db().membership.update({ where: { id: ws.manager.membershipId }, data: { active: false } });
    await expect(addRule(ws, { name: "m", conditions: {}, approverIds: [ws.manager.userId] })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await listApprovalRules(ws.id)).toEqual([]);
    expect(await audits(ws.id, "approval.rule.create")).toEqual([]);
  });
});

describe("the approval actions", () => {
  it("check roles: agents cannot decide, managers cannot configure rules, admins can", async () => {
    const { ws, kase } = await freshCase();
    const created = await runAsSession(ws.admin.claims, () =>
      createApprovalRuleAction({ name: "Refunds", conditions: { words: ["refund"] } }),
    );
    expect(created).toMatchObject({ ok: true });
    expect(
      await runAsSession(ws.manager.claims, () => createApprovalRuleAction({ name: "Mine", conditions: {} })),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAsSession(ws.manager.claims, () => setApprovalExpiryAction({ hours: 2 }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await runAsSession(ws.admin.claims, () => setApprovalExpiryAction({ hours: 200 }))).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { hours: ["At most 168 hours (a week)."] },
    });

    const held = await reply(ws, ws.agent, kase.id, "Refund issued.");
    expect(await runAsSession(ws.agent.claims, () => approveReplyAction({ outboxId: held.item.id }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      await runAsSession(ws.manager.claims, () => rejectReplyAction({ outboxId: held.item.id, note: "" })),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { note: ["Say why, so the agent can fix it."] } });
    expect(await runAsSession(ws.manager.claims, () => approveReplyAction({ outboxId: held.item.id }))).toEqual({
      ok: true,
      data: { state: "sent (sandbox)" },
    });
  });
});
