// Routing rules: conditions on a matched mention, actions on its case. Pure (zod).
import { z } from "zod";
import { INTENTS, NETWORKS, PRIORITIES, SENTIMENTS } from "@/lib/domain/vocabulary";

const ids = z.array(z.string().min(1).max(100)).max(100);

/** Every condition given must hold (an empty list or absent field holds for anything). */
export const routingConditionsSchema = z.object({
  brandIds: ids.optional(),
  keywordRuleIds: ids.optional(),
  networks: z.array(z.enum(NETWORKS)).optional(),
  sentiments: z.array(z.enum(SENTIMENTS)).optional(),
  intents: z.array(z.enum(INTENTS)).optional(),
  /** Influence 0–100 at least this. */
  minInfluence: z.number().int().min(0).max(100).optional(),
  /** Author followers at least this. */
  minFollowers: z.number().int().min(0).optional(),
  contactTiers: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  /** Only mentions that reached the brand directly (an @mention, a reply, a comment on its page). */
  directOnly: z.boolean().optional(),
});

export const routingActionsSchema = z.object({
  /** false: log the mention without a case. */
  createCase: z.boolean().default(true),
  queueId: z.string().min(1).max(100).nullish(),
  priority: z.enum(PRIORITIES).nullish(),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  slaPolicyId: z.string().min(1).max(100).nullish(),
});

export type RoutingConditions = z.output<typeof routingConditionsSchema>;
export type RoutingActions = z.output<typeof routingActionsSchema>;

export interface RoutingRuleDef {
  id: string;
  name: string;
  conditions: RoutingConditions;
  actions: RoutingActions;
}

/** Stored JSON to a rule; a rule whose JSON no longer validates is skipped, never guessed. */
export function parseRule(row: {
  id: string;
  name: string;
  conditions: unknown;
  actions: unknown;
}): RoutingRuleDef | null {
  const c = routingConditionsSchema.safeParse(row.conditions ?? {});
  const a = routingActionsSchema.safeParse(row.actions ?? {});
  return c.success && a.success ? { id: row.id, name: row.name, conditions: c.data, actions: a.data } : null;
}

export const routingSettingsSchema = z.object({
  /** A new mention by the same author about the same brand joins their open case within this window. */
  joinWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(72),
  /** A new mention on a solved case within this window reopens it. */
  reopenWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(72),
  /** The SLA policy of cases no rule gives one. */
  defaultSlaPolicyId: z.string().nullish(),
});
export type RoutingSettings = z.output<typeof routingSettingsSchema>;

export function routingSettings(settings: unknown): RoutingSettings {
  const raw = settings && typeof settings === "object" ? (settings as Record<string, unknown>).routing : undefined;
  const parsed = routingSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : routingSettingsSchema.parse({});
}
