// Inputs of the approval actions: deciding on a waiting reply, and the rules that make replies
// wait. Pure (zod), so the admin form can use the same limits.
import { z } from "zod";
import { idParam } from "@/lib/util/params";
import { REPLY_NETWORKS, type ReplyNetwork } from "./transport";

/** How long a reply may wait for approval, in hours (the workspace's setting). */
export const APPROVAL_EXPIRY_HOURS = { min: 1, max: 168 } as const;
/** The roles a rule can name: an admin's reply never waits for a manager. */
export const APPROVAL_RULE_ROLES = ["AGENT", "MANAGER"] as const;

const ids = (max: number) =>
  z
    .array(idParam)
    .max(max)
    .transform((list) => [...new Set(list)]);

const words = z
  .array(z.string().trim().max(100, "A word or phrase is at most 100 characters."))
  .max(50, "At most 50 words or phrases.")
  // Empty entries ("refund, , late") are dropped; duplicates (any case) kept once.
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((w) => w && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
  });

export const approvalConditionsSchema = z.object({
  brandIds: ids(100).optional(),
  networks: z
    .array(z.enum(REPLY_NETWORKS as unknown as [ReplyNetwork, ...ReplyNetwork[]]))
    .max(REPLY_NETWORKS.length)
    .transform((list) => [...new Set(list)])
    .optional(),
  minFollowers: z.number().int().min(0).max(1_000_000_000).nullish(),
  minInfluence: z.number().int().min(0).max(100).nullish(),
  agentIds: ids(500).optional(),
  roles: z
    .array(z.enum(APPROVAL_RULE_ROLES))
    .max(APPROVAL_RULE_ROLES.length)
    .transform((list) => [...new Set(list)])
    .optional(),
  words: words.optional(),
});
export type ApprovalConditionsInput = z.input<typeof approvalConditionsSchema>;

const name = z.string().trim().min(1, "Give the rule a name.").max(120, "A name is at most 120 characters.");

export const createApprovalRuleSchema = z.object({
  name,
  enabled: z.boolean().default(true),
  conditions: approvalConditionsSchema,
  /** Empty: any manager or admin of the workspace approves. */
  approverIds: ids(100).default([]),
});
export const updateApprovalRuleSchema = createApprovalRuleSchema.extend({ ruleId: idParam, enabled: z.boolean() });
export const approvalRuleIdSchema = z.object({ ruleId: idParam });
export const approvalExpirySchema = z.object({
  hours: z
    .number()
    .int("Use whole hours.")
    .min(APPROVAL_EXPIRY_HOURS.min, `At least ${APPROVAL_EXPIRY_HOURS.min} hour.`)
    .max(APPROVAL_EXPIRY_HOURS.max, `At most ${APPROVAL_EXPIRY_HOURS.max} hours (a week).`),
});

export const approveReplySchema = z.object({
  outboxId: idParam,
  /** The approver's edited text; left out, the reply goes as the agent wrote it. */
  body: z.string().trim().min(1, "A reply needs some text.").max(10_000).optional(),
});
export const rejectReplySchema = z.object({
  outboxId: idParam,
  note: z.string().trim().min(1, "Say why, so the agent can fix it.").max(2_000, "A note is at most 2,000 characters."),
});

export type CreateApprovalRuleInput = z.output<typeof createApprovalRuleSchema>;
export type UpdateApprovalRuleInput = z.output<typeof updateApprovalRuleSchema>;
