"use server";

import { adminAction, type Revalidation } from "@/lib/actions/clients";
import {
  createQueue,
  createRoutingRule,
  deleteQueue,
  deleteRoutingRule,
  moveRoutingRule,
  renameQueue,
  saveRoutingSettings,
  saveSlaPolicy,
  updateRoutingRule,
} from "./admin";
import {
  createRoutingRuleSchema,
  moveRoutingRuleSchema,
  queueIdSchema,
  queueSchema,
  renameQueueSchema,
  routingSettingsInputSchema,
  ruleIdSchema,
  slaPolicySchema,
  updateRoutingRuleSchema,
} from "./admin-schemas";

// Routing changes show on the routing admin page and in the inbox (queues, SLA targets).
const ROUTING_VIEWS: Revalidation[] = ["/admin/routing", { path: "/inbox", type: "layout" }];

export const createRoutingRuleAction = adminAction(
  "routing.createRule",
  createRoutingRuleSchema,
  (input, { user, workspaceId }) => createRoutingRule(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
export const updateRoutingRuleAction = adminAction(
  "routing.updateRule",
  updateRoutingRuleSchema,
  (input, { user, workspaceId }) => updateRoutingRule(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
export const deleteRoutingRuleAction = adminAction(
  "routing.deleteRule",
  ruleIdSchema,
  (input, { user, workspaceId }) => deleteRoutingRule(workspaceId, user.id, input.ruleId),
  { revalidate: ROUTING_VIEWS },
);
export const moveRoutingRuleAction = adminAction(
  "routing.moveRule",
  moveRoutingRuleSchema,
  (input, { user, workspaceId }) => moveRoutingRule(workspaceId, user.id, input.ruleId, input.direction),
  { revalidate: ROUTING_VIEWS },
);
export const createQueueAction = adminAction(
  "routing.createQueue",
  queueSchema,
  (input, { user, workspaceId }) => createQueue(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
export const renameQueueAction = adminAction(
  "routing.renameQueue",
  renameQueueSchema,
  (input, { user, workspaceId }) => renameQueue(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
export const deleteQueueAction = adminAction(
  "routing.deleteQueue",
  queueIdSchema,
  (input, { user, workspaceId }) => deleteQueue(workspaceId, user.id, input.queueId),
  { revalidate: ROUTING_VIEWS },
);
export const saveSlaPolicyAction = adminAction(
  "routing.saveSlaPolicy",
  slaPolicySchema,
  (input, { user, workspaceId }) => saveSlaPolicy(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
export const saveRoutingSettingsAction = adminAction(
  "routing.saveSettings",
  routingSettingsInputSchema,
  (input, { user, workspaceId }) => saveRoutingSettings(workspaceId, user.id, input),
  { revalidate: ROUTING_VIEWS },
);
