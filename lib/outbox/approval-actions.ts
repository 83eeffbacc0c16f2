"use server";

import { adminAction, managerAction, type Revalidation } from "@/lib/actions/clients";
import { approveReply, rejectReply } from "./reply-review";
import {
  approvalExpirySchema,
  approvalRuleIdSchema,
  approveReplySchema,
  createApprovalRuleSchema,
  rejectReplySchema,
  updateApprovalRuleSchema,
} from "./approval-schemas";
import { createApprovalRule, deleteApprovalRule, setApprovalExpiryHours, updateApprovalRule } from "./approval-rules";

// A decision changes the approvals list, the rules page's counts and the case's conversation
// (the reply's delivery state and a case event), wherever the case is open.
const APPROVAL_VIEWS: Revalidation[] = [
  "/approvals",
  "/admin/routing",
  { path: "/cases", type: "layout" },
  { path: "/inbox", type: "layout" },
];

export const approveReplyAction = managerAction(
  "approvals.approve",
  approveReplySchema,
  (input, { user, workspaceId }) => approveReply(workspaceId, { id: user.id, role: user.role }, input),
  { revalidate: APPROVAL_VIEWS },
);

export const rejectReplyAction = managerAction(
  "approvals.reject",
  rejectReplySchema,
  (input, { user, workspaceId }) => rejectReply(workspaceId, { id: user.id, role: user.role }, input),
  { revalidate: APPROVAL_VIEWS },
);

export const createApprovalRuleAction = adminAction(
  "approvalRules.create",
  createApprovalRuleSchema,
  (input, { user, workspaceId }) => createApprovalRule(workspaceId, user.id, input),
  { revalidate: APPROVAL_VIEWS },
);

export const updateApprovalRuleAction = adminAction(
  "approvalRules.update",
  updateApprovalRuleSchema,
  (input, { user, workspaceId }) => updateApprovalRule(workspaceId, user.id, input),
  { revalidate: APPROVAL_VIEWS },
);

export const deleteApprovalRuleAction = adminAction(
  "approvalRules.delete",
  approvalRuleIdSchema,
  (input, { user, workspaceId }) => deleteApprovalRule(workspaceId, user.id, input.ruleId),
  { revalidate: APPROVAL_VIEWS },
);

export const setApprovalExpiryAction = adminAction(
  "approvalRules.setExpiry",
  approvalExpirySchema,
  (input, { user, workspaceId }) => setApprovalExpiryHours(workspaceId, user.id, input.hours),
  { revalidate: APPROVAL_VIEWS },
);
