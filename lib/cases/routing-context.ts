import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseRule, routingSettings, type RoutingRuleDef, type RoutingSettings } from "@/lib/routing/rules";
import type { BusinessCalendar, Weekday } from "@/lib/sla/business-time";
import type { PolicyTargets } from "@/lib/sla/clock";

type Reader = Pick<Prisma.TransactionClient, "routingRule" | "slaPolicy" | "workspace">;

export interface SlaPolicyInfo {
  id: string;
  targets: PolicyTargets;
  calendar: BusinessCalendar | null;
}

export interface RoutingContext {
  rules: RoutingRuleDef[];
  settings: RoutingSettings;
  policies: Map<string, SlaPolicyInfo>;
}

export function toCalendar(
  hours: { timeZone: string; weeklyHours: unknown; holidays: string[] } | null,
): BusinessCalendar | null {
  if (!hours) return null;
  const weekly: BusinessCalendar["weekly"] = {};
  for (const [day, list] of Object.entries((hours.weeklyHours ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(list))
      weekly[day as Weekday] = list.filter(
        (p): p is [string, string] => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "string"),
      );
  }
  return { timeZone: hours.timeZone, weekly, holidays: hours.holidays };
}

/** Active routing rules in order, the workspace's routing settings and its SLA policies. */
export async function loadRoutingContext(db: Reader, workspaceId: string): Promise<RoutingContext> {
  const [rules, policies, workspace] = await Promise.all([
    db.routingRule.findMany({
      where: { workspaceId, active: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, conditions: true, actions: true },
    }),
    db.slaPolicy.findMany({
      where: { workspaceId },
      select: {
        id: true,
        targets: true,
        businessHours: { select: { timeZone: true, weeklyHours: true, holidays: true } },
      },
    }),
    db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } }),
  ]);
  return {
    rules: rules.map(parseRule).filter((r): r is RoutingRuleDef => !!r),
    settings: routingSettings(workspace?.settings),
    policies: new Map(
      policies.map((p) => [
        p.id,
        { id: p.id, targets: (p.targets ?? {}) as PolicyTargets, calendar: toCalendar(p.businessHours) },
      ]),
    ),
  };
}

/** One SLA policy with its calendar (for a case change: not the whole routing context). */
export async function loadSlaPolicy(
  db: Pick<Prisma.TransactionClient, "slaPolicy">,
  workspaceId: string,
  policyId: string | null,
): Promise<SlaPolicyInfo | null> {
  if (!policyId) return null;
  const p = await db.slaPolicy.findFirst({
    where: { id: policyId, workspaceId },
    select: {
      id: true,
      targets: true,
      businessHours: { select: { timeZone: true, weeklyHours: true, holidays: true } },
    },
  });
  return p ? { id: p.id, targets: (p.targets ?? {}) as PolicyTargets, calendar: toCalendar(p.businessHours) } : null;
}
