"use server";

import { adminAction } from "@/lib/actions/clients";
import { createRule, deleteRule, previewRule, setRuleActive, updateRule } from "./rules";
import { createRuleSchema, previewRuleSchema, ruleIdSchema, setRuleActiveSchema, updateRuleSchema } from "./schemas";

// Keyword rules are listed under their brands.
const BRANDS_PAGE = ["/admin/brands"];

export const createRuleAction = adminAction(
  "listening.createRule",
  createRuleSchema,
  (input, { user, workspaceId }) => createRule(workspaceId, user.id, input),
  { revalidate: BRANDS_PAGE },
);

export const updateRuleAction = adminAction(
  "listening.updateRule",
  updateRuleSchema,
  async (input, { user, workspaceId }) => {
    await updateRule(workspaceId, user.id, input);
    return null;
  },
  { revalidate: BRANDS_PAGE },
);

export const setRuleActiveAction = adminAction(
  "listening.setRuleActive",
  setRuleActiveSchema,
  async (input, { user, workspaceId }) => {
    await setRuleActive(workspaceId, user.id, input.ruleId, input.active);
    return null;
  },
  { revalidate: BRANDS_PAGE },
);

export const deleteRuleAction = adminAction(
  "listening.deleteRule",
  ruleIdSchema,
  async (input, { user, workspaceId }) => {
    await deleteRule(workspaceId, user.id, input.ruleId);
    return null;
  },
  { revalidate: BRANDS_PAGE },
);

export const previewRuleAction = adminAction("listening.previewRule", previewRuleSchema, (input, { workspaceId }) =>
  previewRule(workspaceId, input.query, input.limit),
);
