import { z } from "zod";
import { parseQuery } from "./query/parser";

// Shared by the rule editor (client-side hints) and the server actions (the real check).
const query = z
  .string()
  .max(10_000)
  .superRefine((value, ctx) => {
    const parsed = parseQuery(value);
    if (!parsed.ok)
      ctx.addIssue({ code: "custom", message: `${parsed.error.message} (at character ${parsed.error.offset + 1})` });
  });

export const ruleFieldsSchema = z.object({
  name: z.string().trim().min(1, "Give the rule a name.").max(120),
  query,
  active: z.boolean().default(true),
});

export const createRuleSchema = ruleFieldsSchema.extend({ brandId: z.string().min(1).max(100) });
export const updateRuleSchema = ruleFieldsSchema.extend({ ruleId: z.string().min(1).max(100) });
export const ruleIdSchema = z.object({ ruleId: z.string().min(1).max(100) });
export const setRuleActiveSchema = ruleIdSchema.extend({ active: z.boolean() });
export const previewRuleSchema = z.object({
  query: z.string().max(10_000),
  limit: z.number().int().min(10).max(5000).default(500),
});
