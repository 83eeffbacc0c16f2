import "server-only";
import { db } from "@/lib/db/client";
import { execute, sql, typed } from "@/lib/db/sql";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalConditions } from "./approval-match";
import type { CreateApprovalRuleInput, UpdateApprovalRuleInput } from "./approval-schemas";
import { DEFAULT_APPROVAL_EXPIRY_HOURS } from "./replies";

// The rules that make a reply wait for a manager (lib/outbox/replies.ts applies them), and how
// long a waiting reply may wait. Admins configure both; every change is audited in its own
// transaction and checks that the brands and people it names belong to the workspace.

type Tx = Prisma.TransactionClient;
const json = (v: unknown) => v as Prisma.InputJsonValue;

export interface ApprovalRuleView {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: ApprovalConditions;
  approverIds: string[];
}

/** Only the conditions that say something: an empty list or a cleared number matches everything anyway. */
function storedConditions(c: CreateApprovalRuleInput["conditions"]): ApprovalConditions {
  const out: ApprovalConditions = {};
  if (c.brandIds?.length) out.brandIds = c.brandIds;
  if (c.networks?.length) out.networks = c.networks;
  if (c.minFollowers != null) out.minFollowers = c.minFollowers;
  if (c.minInfluence != null) out.minInfluence = c.minInfluence;
  if (c.agentIds?.length) out.agentIds = c.agentIds;
  if (c.roles?.length) out.roles = c.roles;
  if (c.words?.length) out.words = c.words;
  return out;
}

/** Brands, agents and approvers named by a rule must be this workspace's; approvers must be able to approve. */
async function checkReferences(tx: Tx, workspaceId: string, conditions: ApprovalConditions, approverIds: string[]) {
  const brandIds = conditions.brandIds ?? [];
  const agentIds = conditions.agentIds ?? [];
  // One after another: a transaction's queries share one connection.
  const brands = brandIds.length ? await tx.brand.count({ where: { workspaceId, id: { in: brandIds } } }) : 0;
  const agents = agentIds.length ? await tx.membership.count({ where: { workspaceId, userId: { in: agentIds } } }) : 0;
  const approvers = approverIds.length
    ? await tx.membership.findMany({
        where: { workspaceId, userId: { in: approverIds } },
        select: { userId: true, role: true, active: true, user: { select: { name: true } } },
      })
    : [];
  if (brands !== brandIds.length) throw notFound("A brand in the conditions");
  if (agents !== agentIds.length) throw notFound("A member in the conditions");
  if (approvers.length !== approverIds.length) throw notFound("An approver");
  const unable = approvers.find((m) => m.role === "AGENT" || !m.active);
  if (unable)
    throw new ExpectedError(
      `${unable.user.name} cannot approve replies: approvers must be active managers or admins.`,
      "INVALID",
    );
}

async function checkNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = await tx.approvalRule.findFirst({
    where: { workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ExpectedError(`An approval rule named “${name}” already exists.`, "CONFLICT");
}

/** A unique-name race between the check and the write reads the same as the check. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function withNameRace<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ExpectedError(`An approval rule named “${name}” already exists.`, "CONFLICT");
    throw error;
  }
}

/** The workspace's approval rules in the order they apply (the first that matches decides). */
export async function listApprovalRules(workspaceId: string): Promise<ApprovalRuleView[]> {
  const rules = await db().approvalRule.findMany({
    where: { workspaceId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, enabled: true, position: true, conditions: true, approverIds: true },
  });
  return rules.map((r) => ({ ...r, conditions: (r.conditions ?? {}) as ApprovalConditions }));
}

export async function createApprovalRule(workspaceId: string, actorUserId: string, input: CreateApprovalRuleInput) {
  const conditions = storedConditions(input.conditions);
  return withNameRace(input.name, () =>
    db().$transaction(async (tx) => {
      await checkReferences(tx, workspaceId, conditions, input.approverIds);
      await checkNameFree(tx, workspaceId, input.name);
      const last = await tx.approvalRule.aggregate({ where: { workspaceId }, _max: { position: true } });
      const rule = await tx.approvalRule.create({
        data: {
          workspaceId,
          name: input.name,
          enabled: input.enabled,
          position: (last._max.position ?? 0) + 1,
          conditions: json(conditions),
          approverIds: input.approverIds,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        workspaceId,
        actorUserId,
        action: "approval.rule.create",
        targetType: "ApprovalRule",
        targetId: rule.id,
        details: json({ name: input.name, enabled: input.enabled, conditions, approverIds: input.approverIds }),
      });
      return rule;
    }),
  );
}

export async function updateApprovalRule(workspaceId: string, actorUserId: string, input: UpdateApprovalRuleInput) {
  const conditions = storedConditions(input.conditions);
  return withNameRace(input.name, () =>
    db().$transaction(async (tx) => {
      const found = await tx.approvalRule.findFirst({ where: { id: input.ruleId, workspaceId }, select: { id: true } });
      if (!found) throw notFound("That approval rule");
      await checkReferences(tx, workspaceId, conditions, input.approverIds);
      await checkNameFree(tx, workspaceId, input.name, found.id);
      await tx.approvalRule.update({
        where: { id: found.id },
        data: {
          name: input.name,
          enabled: input.enabled,
          conditions: json(conditions),
          approverIds: input.approverIds,
        },
      });
      await writeAudit(tx, {
        workspaceId,
        actorUserId,
        action: "approval.rule.update",
        targetType: "ApprovalRule",
        targetId: found.id,
        details: json({ name: input.name, enabled: input.enabled, conditions, approverIds: input.approverIds }),
      });
      return null;
    }),
  );
}

/**
 * Replies already waiting under a deleted rule keep waiting (until approved, rejected or
 * expired); with the rule gone, any manager or admin may decide on them.
 */
export async function deleteApprovalRule(workspaceId: string, actorUserId: string, ruleId: string) {
  return db().$transaction(async (tx) => {
    const found = await tx.approvalRule.findFirst({
      where: { id: ruleId, workspaceId },
      select: { id: true, name: true },
    });
    if (!found) throw notFound("That approval rule");
    await tx.approvalRule.delete({ where: { id: found.id } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "approval.rule.delete",
      targetType: "ApprovalRule",
      targetId: found.id,
      details: { name: found.name },
    });
    return null;
  });
}

/** Swaps a rule with its neighbour: the first rule that matches names the approvers. */
export async function moveApprovalRule(
  workspaceId: string,
  actorUserId: string,
  ruleId: string,
  direction: "up" | "down",
) {
  return db().$transaction(async (tx) => {
    const rules = await tx.approvalRule.findMany({
      where: { workspaceId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    const at = rules.findIndex((r) => r.id === ruleId);
    if (at < 0) throw notFound("That approval rule");
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rules.length) return null;
    [rules[at], rules[to]] = [rules[to], rules[at]];
    for (const [i, r] of rules.entries())
      await tx.approvalRule.update({ where: { id: r.id }, data: { position: i + 1 } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "approval.rule.move",
      targetType: "ApprovalRule",
      targetId: ruleId,
      details: { direction },
    });
    return null;
  });
}

/** How long a reply may wait for approval before it is cancelled, in hours. */
export async function getApprovalExpiryHours(workspaceId: string): Promise<number> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  const hours = Number(((ws?.settings ?? {}) as { approvalExpiryHours?: unknown }).approvalExpiryHours);
  return Number.isInteger(hours) && hours > 0 ? hours : DEFAULT_APPROVAL_EXPIRY_HOURS;
}

/** Applies to replies that start waiting from now on; those already waiting keep their expiry. */
export async function setApprovalExpiryHours(workspaceId: string, actorUserId: string, hours: number) {
  if (!Number.isInteger(hours) || hours < 1 || hours > 168)
    throw new ExpectedError("Pending replies expire after 1 to 168 hours.");
  return db().$transaction(async (tx) => {
    const before = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
    if (!before) throw notFound("That workspace");
    // One key set in place: other settings written at the same time (routing, threading) are kept.
    await execute(
      tx,
      sql`UPDATE "Workspace" SET "settings" = jsonb_set(COALESCE("settings", '{}'::jsonb), '{approvalExpiryHours}', to_jsonb(${typed(hours, "int")}), true), "updatedAt" = now() WHERE "id" = ${workspaceId}`,
    );
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "approval.expiry.set",
      targetType: "Workspace",
      targetId: workspaceId,
      details: {
        before: ((before.settings ?? {}) as { approvalExpiryHours?: number }).approvalExpiryHours ?? null,
        after: hours,
      },
    });
    return { hours };
  });
}

/** Everything the admin section needs beyond brands and members (which their own features list). */
export async function approvalRulesAdmin(workspaceId: string) {
  const [rules, expiryHours] = await Promise.all([listApprovalRules(workspaceId), getApprovalExpiryHours(workspaceId)]);
  return { rules, expiryHours };
}
