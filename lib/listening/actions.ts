"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/clients";
import { createRule, deleteRule, previewRule, setRuleActive, updateRule } from "./rules";
import { createRuleSchema, previewRuleSchema, ruleIdSchema, setRuleActiveSchema, updateRuleSchema } from "./schemas";

export const createRuleAction = adminAction(createRuleSchema, async (input, { user, workspaceId }) => {
  const rule = await createRule(workspaceId, user.id, input);
  revalidatePath("/admin/brands");
  return rule;
});

export const updateRuleAction = adminAction(updateRuleSchema, async (input, { user, workspaceId }) => {
  await updateRule(workspaceId, user.id, input);
  revalidatePath("/admin/brands");
  return null;
});

export const setRuleActiveAction = adminAction(setRuleActiveSchema, async (input, { user, workspaceId }) => {
  await setRuleActive(workspaceId, user.id, input.ruleId, input.active);
  revalidatePath("/admin/brands");
  return null;
});

export const deleteRuleAction = adminAction(ruleIdSchema, async (input, { user, workspaceId }) => {
  await deleteRule(workspaceId, user.id, input.ruleId);
  revalidatePath("/admin/brands");
  return null;
});

export const previewRuleAction = adminAction(previewRuleSchema, async (input, { workspaceId }) =>
  previewRule(workspaceId, input.query, input.limit),
);
