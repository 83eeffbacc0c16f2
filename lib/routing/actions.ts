"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/clients";
import {
  createQueue, createRoutingRule, deleteQueue, deleteRoutingRule, moveRoutingRule, renameQueue, saveRoutingSettings, saveSlaPolicy, updateRoutingRule,
} from "./admin";
import {
  createRoutingRuleSchema, moveRoutingRuleSchema, queueIdSchema, queueSchema, renameQueueSchema, routingSettingsInputSchema, ruleIdSchema, slaPolicySchema,
  updateRoutingRuleSchema,
} from "./admin-schemas";

const changed = () => {
  revalidatePath("/admin/routing");
  revalidatePath("/inbox", "layout");
};

export const createRoutingRuleAction = adminAction(createRoutingRuleSchema, async (input, { user, workspaceId }) => {
  const r = await createRoutingRule(workspaceId, user.id, input);
  changed();
  return r;
});
export const updateRoutingRuleAction = adminAction(updateRoutingRuleSchema, async (input, { user, workspaceId }) => {
  const r = await updateRoutingRule(workspaceId, user.id, input);
  changed();
  return r;
});
export const deleteRoutingRuleAction = adminAction(ruleIdSchema, async (input, { user, workspaceId }) => {
  const r = await deleteRoutingRule(workspaceId, user.id, input.ruleId);
  changed();
  return r;
});
export const moveRoutingRuleAction = adminAction(moveRoutingRuleSchema, async (input, { user, workspaceId }) => {
  const r = await moveRoutingRule(workspaceId, user.id, input.ruleId, input.direction);
  changed();
  return r;
});
export const createQueueAction = adminAction(queueSchema, async (input, { user, workspaceId }) => {
  const r = await createQueue(workspaceId, user.id, input);
  changed();
  return r;
});
export const renameQueueAction = adminAction(renameQueueSchema, async (input, { user, workspaceId }) => {
  const r = await renameQueue(workspaceId, user.id, input);
  changed();
  return r;
});
export const deleteQueueAction = adminAction(queueIdSchema, async (input, { user, workspaceId }) => {
  const r = await deleteQueue(workspaceId, user.id, input.queueId);
  changed();
  return r;
});
export const saveSlaPolicyAction = adminAction(slaPolicySchema, async (input, { user, workspaceId }) => {
  const r = await saveSlaPolicy(workspaceId, user.id, input);
  changed();
  return r;
});
export const saveRoutingSettingsAction = adminAction(routingSettingsInputSchema, async (input, { user, workspaceId }) => {
  const r = await saveRoutingSettings(workspaceId, user.id, input);
  changed();
  return r;
});
