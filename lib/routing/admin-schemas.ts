// Inputs of the routing administration actions. Pure (zod).
import { z } from "zod";
import { routingActionsSchema, routingConditionsSchema, routingSettingsSchema } from "./rules";
import { isValidTimeZone } from "@/lib/time/zone";

const id = z.string().min(1).max(100);
const name = z.string().trim().min(1, "Give it a name.").max(120);

export const ruleInputSchema = z.object({ name, conditions: routingConditionsSchema, actions: routingActionsSchema });
export const createRoutingRuleSchema = ruleInputSchema;
export const updateRoutingRuleSchema = ruleInputSchema.extend({ ruleId: id, active: z.boolean() });
export const ruleIdSchema = z.object({ ruleId: id });
export const moveRoutingRuleSchema = z.object({ ruleId: id, direction: z.enum(["up", "down"]) });

export const queueSchema = z.object({ name, description: z.string().trim().max(500).nullish() });
export const renameQueueSchema = queueSchema.extend({ queueId: id });
export const queueIdSchema = z.object({ queueId: id });

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 90)
  .optional();
const targets = z.object({ firstResponse: minutes, nextResponse: minutes, resolution: minutes });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM");
const day = z
  .array(
    z
      .tuple([hhmm, hhmm])
      .refine(([a, b]) => b === "24:00" || b === "00:00" || b > a, "A period must end after it starts"),
  )
  .max(4);

export const slaPolicySchema = z.object({
  policyId: id.nullish(),
  name,
  targets: z.object({ LOW: targets, NORMAL: targets, HIGH: targets, URGENT: targets }).partial(),
  /** null: the clock runs around the clock. */
  businessHours: z
    .object({
      timeZone: z.string().refine(isValidTimeZone, "Unknown time zone (use an IANA name such as Europe/Lisbon)."),
      weekly: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }).partial(),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Holidays are YYYY-MM-DD")).max(100),
    })
    .nullable(),
});
export const policyIdSchema = z.object({ policyId: id });
export const routingSettingsInputSchema = routingSettingsSchema;
