import "server-only";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseRule, routingSettings, type RoutingActions, type RoutingConditions, type RoutingSettings } from "./rules";
import type { z } from "zod";
import type { slaPolicySchema } from "./admin-schemas";

// Routing rules, queues, SLA policies and business hours: what admins configure. Every change
// is audited and checks that the objects it names belong to the workspace.

const json = (v: unknown) => v as Prisma.InputJsonValue;

async function checkReferences(workspaceId: string, conditions: RoutingConditions, actions: RoutingActions) {
  const [brands, rules, queue, policy] = await Promise.all([
    conditions.brandIds?.length ? db().brand.count({ where: { workspaceId, id: { in: conditions.brandIds } } }) : 0,
    conditions.keywordRuleIds?.length
      ? db().keywordRule.count({ where: { workspaceId, id: { in: conditions.keywordRuleIds } } })
      : 0,
    actions.queueId ? db().queue.count({ where: { workspaceId, id: actions.queueId } }) : 0,
    actions.slaPolicyId ? db().slaPolicy.count({ where: { workspaceId, id: actions.slaPolicyId } }) : 0,
  ]);
  if ((conditions.brandIds?.length ?? 0) !== brands) throw notFound("A brand in the conditions");
  if ((conditions.keywordRuleIds?.length ?? 0) !== rules) throw notFound("A keyword rule in the conditions");
  if (actions.queueId && !queue) throw notFound("That queue");
  if (actions.slaPolicyId && !policy) throw notFound("That SLA policy");
}

export async function listRoutingAdmin(workspaceId: string) {
  const [rules, queues, policies, brands, keywordRules, workspace] = await Promise.all([
    db().routingRule.findMany({ where: { workspaceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db().queue.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, description: true, _count: { select: { cases: true } } },
    }),
    db().slaPolicy.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        targets: true,
        businessHours: { select: { timeZone: true, weeklyHours: true, holidays: true } },
      },
    }),
    db().brand.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().keywordRule.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } }),
  ]);
  return {
    rules: rules.map((r) => ({
      ...parseRule(r),
      id: r.id,
      name: r.name,
      active: r.active,
      position: r.position,
      valid: !!parseRule(r),
    })),
    queues: queues.map((q) => ({ id: q.id, name: q.name, description: q.description, cases: q._count.cases })),
    policies,
    brands,
    keywordRules,
    settings: routingSettings(workspace?.settings),
  };
}

export async function createRoutingRule(
  workspaceId: string,
  actorUserId: string,
  input: { name: string; conditions: RoutingConditions; actions: RoutingActions },
) {
  await checkReferences(workspaceId, input.conditions, input.actions);
  return db().$transaction(async (tx) => {
    const last = await tx.routingRule.aggregate({ where: { workspaceId }, _max: { position: true } });
    const rule = await tx.routingRule.create({
      data: {
        workspaceId,
        name: input.name,
        position: (last._max.position ?? 0) + 1,
        conditions: json(input.conditions),
        actions: json(input.actions),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "routing.rule.create",
      targetType: "RoutingRule",
      targetId: rule.id,
      details: json(input),
    });
    return rule;
  });
}

export async function updateRoutingRule(
  workspaceId: string,
  actorUserId: string,
  input: { ruleId: string; name: string; active: boolean; conditions: RoutingConditions; actions: RoutingActions },
) {
  await checkReferences(workspaceId, input.conditions, input.actions);
  return db().$transaction(async (tx) => {
    const found = await tx.routingRule.findFirst({ where: { id: input.ruleId, workspaceId }, select: { id: true } });
    if (!found) throw notFound("That routing rule");
    await tx.routingRule.update({
      where: { id: found.id },
      data: {
        name: input.name,
        active: input.active,
        conditions: json(input.conditions),
        actions: json(input.actions),
      },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "routing.rule.update",
      targetType: "RoutingRule",
      targetId: found.id,
      details: json(input),
    });
    return null;
  });
}

export async function deleteRoutingRule(workspaceId: string, actorUserId: string, ruleId: string) {
  return db().$transaction(async (tx) => {
    const deleted = await tx.routingRule.deleteMany({ where: { id: ruleId, workspaceId } });
    if (!deleted.count) throw notFound("That routing rule");
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "routing.rule.delete",
      targetType: "RoutingRule",
      targetId: ruleId,
    });
    return null;
  });
}

/** Swaps a rule with its neighbour: order decides which rule applies first. */
export async function moveRoutingRule(
  workspaceId: string,
  actorUserId: string,
  ruleId: string,
  direction: "up" | "down",
) {
  return db().$transaction(async (tx) => {
    const rules = await tx.routingRule.findMany({
      where: { workspaceId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    const at = rules.findIndex((r) => r.id === ruleId);
    if (at < 0) throw notFound("That routing rule");
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rules.length) return null;
    [rules[at], rules[to]] = [rules[to], rules[at]];
    for (const [i, r] of rules.entries())
      await tx.routingRule.update({ where: { id: r.id }, data: { position: i + 1 } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "routing.rule.move",
      targetType: "RoutingRule",
      targetId: ruleId,
      details: { direction },
    });
    return null;
  });
}

export async function createQueue(
  workspaceId: string,
  actorUserId: string,
  input: { name: string; description?: string | null },
) {
  if (await db().queue.findFirst({ where: { workspaceId, name: input.name }, select: { id: true } }))
    throw new ExpectedError(`A queue named “${input.name}” already exists.`);
  return db().$transaction(async (tx) => {
    const queue = await tx.queue.create({
      data: { workspaceId, name: input.name, description: input.description ?? null },
      select: { id: true },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "queue.create",
      targetType: "Queue",
      targetId: queue.id,
      details: { name: input.name },
    });
    return queue;
  });
}

export async function renameQueue(
  workspaceId: string,
  actorUserId: string,
  input: { queueId: string; name: string; description?: string | null },
) {
  return db().$transaction(async (tx) => {
    const found = await tx.queue.findFirst({ where: { id: input.queueId, workspaceId }, select: { id: true } });
    if (!found) throw notFound("That queue");
    const clash = await tx.queue.findFirst({
      where: { workspaceId, name: input.name, id: { not: found.id } },
      select: { id: true },
    });
    if (clash) throw new ExpectedError(`A queue named “${input.name}” already exists.`);
    await tx.queue.update({
      where: { id: found.id },
      data: { name: input.name, description: input.description ?? null },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "queue.update",
      targetType: "Queue",
      targetId: found.id,
      details: { name: input.name },
    });
    return null;
  });
}

/** Deleting a queue leaves its cases without a queue (they stay in every other view). */
export async function deleteQueue(workspaceId: string, actorUserId: string, queueId: string) {
  return db().$transaction(async (tx) => {
    const found = await tx.queue.findFirst({ where: { id: queueId, workspaceId }, select: { id: true, name: true } });
    if (!found) throw notFound("That queue");
    await tx.queue.delete({ where: { id: found.id } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "queue.delete",
      targetType: "Queue",
      targetId: found.id,
      details: { name: found.name },
    });
    return null;
  });
}

export async function saveSlaPolicy(workspaceId: string, actorUserId: string, input: z.output<typeof slaPolicySchema>) {
  return db().$transaction(async (tx) => {
    const existing = input.policyId
      ? await tx.slaPolicy.findFirst({
          where: { id: input.policyId, workspaceId },
          select: { id: true, businessHoursId: true },
        })
      : null;
    if (input.policyId && !existing) throw notFound("That SLA policy");
    const clash = await tx.slaPolicy.findFirst({
      where: { workspaceId, name: input.name, ...(existing ? { id: { not: existing.id } } : {}) },
      select: { id: true },
    });
    if (clash) throw new ExpectedError(`An SLA policy named “${input.name}” already exists.`);
    let businessHoursId: string | null = null;
    if (input.businessHours) {
      const data = {
        timeZone: input.businessHours.timeZone,
        weeklyHours: json(input.businessHours.weekly),
        holidays: input.businessHours.holidays,
      };
      businessHoursId = existing?.businessHoursId
        ? (await tx.businessHours.update({ where: { id: existing.businessHoursId }, data, select: { id: true } })).id
        : (
            await tx.businessHours.create({
              data: { workspaceId, name: `${input.name} hours ${Date.now().toString(36)}`, ...data },
              select: { id: true },
            })
          ).id;
    }
    const data = { name: input.name, targets: json(input.targets), businessHoursId };
    const policy = existing
      ? await tx.slaPolicy.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.slaPolicy.create({ data: { workspaceId, ...data }, select: { id: true } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: existing ? "sla.policy.update" : "sla.policy.create",
      targetType: "SlaPolicy",
      targetId: policy.id,
      details: json(input),
    });
    return policy;
  });
}

export async function saveRoutingSettings(workspaceId: string, actorUserId: string, input: RoutingSettings) {
  if (
    input.defaultSlaPolicyId &&
    !(await db().slaPolicy.count({ where: { workspaceId, id: input.defaultSlaPolicyId } }))
  )
    throw notFound("That SLA policy");
  return db().$transaction(async (tx) => {
    const ws = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { settings: true } });
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { settings: json({ ...((ws.settings ?? {}) as object), routing: input }) },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "routing.settings",
      targetType: "Workspace",
      targetId: workspaceId,
      details: json(input),
    });
    return null;
  });
}
