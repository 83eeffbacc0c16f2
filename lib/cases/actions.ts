"use server";

import { agentAction, type Revalidation } from "@/lib/actions/clients";
import { addCaseNote, assignCase, bulkUpdateCases, replyToCase, setCaseStatus, updateCaseFields } from "./update";
import {
  assignSchema,
  bulkSchema,
  fieldsSchema,
  mergeCasesSchema,
  moveMessageSchema,
  noteSchema,
  presenceSchema,
  replySchema,
  splitCaseSchema,
  statusSchema,
} from "./schemas";
import { beat } from "./presence";
import { mergeCases, moveMessage, splitCase } from "./reshape";

// A case change shows in the inbox lists and on the case pages, under their layouts.
const CASE_VIEWS: Revalidation[] = [
  { path: "/inbox", type: "layout" },
  { path: "/cases", type: "layout" },
];

export const assignCaseAction = agentAction(
  "cases.assign",
  assignSchema,
  (input, { user, workspaceId }) => assignCase(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const setCaseStatusAction = agentAction(
  "cases.setStatus",
  statusSchema,
  (input, { user, workspaceId }) => setCaseStatus(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const updateCaseFieldsAction = agentAction(
  "cases.updateFields",
  fieldsSchema,
  (input, { user, workspaceId }) => updateCaseFields(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const addCaseNoteAction = agentAction(
  "cases.addNote",
  noteSchema,
  (input, { user, workspaceId }) => addCaseNote(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const replyToCaseAction = agentAction(
  "cases.reply",
  replySchema,
  (input, { user, workspaceId }) => replyToCase(workspaceId, user.id, input, { role: user.role }),
  { revalidate: CASE_VIEWS },
);

export const bulkUpdateCasesAction = agentAction(
  "cases.bulkUpdate",
  bulkSchema,
  (input, { user, workspaceId }) => bulkUpdateCases(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

/** The presence heartbeat: no revalidation, it changes nothing anyone renders on the server. */
export const casePresenceAction = agentAction(
  "cases.presence",
  presenceSchema,
  async (input, { user, workspaceId }) => {
    await beat(workspaceId, user.id, input.caseId, input.state);
    return null;
  },
);

export const mergeCasesAction = agentAction(
  "cases.merge",
  mergeCasesSchema,
  (input, { user, workspaceId }) => mergeCases(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const moveMessageAction = agentAction(
  "cases.moveMessage",
  moveMessageSchema,
  (input, { user, workspaceId }) => moveMessage(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);

export const splitCaseAction = agentAction(
  "cases.split",
  splitCaseSchema,
  (input, { user, workspaceId }) => splitCase(workspaceId, user.id, input),
  { revalidate: CASE_VIEWS },
);
