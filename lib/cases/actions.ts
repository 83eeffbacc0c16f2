"use server";

import { revalidatePath } from "next/cache";
import { agentAction } from "@/lib/actions/clients";
import { addCaseNote, assignCase, bulkUpdateCases, replyToCase, setCaseStatus, updateCaseFields } from "./update";
import { assignSchema, bulkSchema, fieldsSchema, noteSchema, presenceSchema, replySchema, statusSchema } from "./schemas";
import { beat } from "./presence";
import { mergeCases, moveMessage, splitCase } from "./reshape";
import { mergeCasesSchema, moveMessageSchema, splitCaseSchema } from "./schemas";

const changed = () => {
  revalidatePath("/inbox", "layout");
  revalidatePath("/cases", "layout");
};

export const assignCaseAction = agentAction(assignSchema, async (input, { user, workspaceId }) => {
  const r = await assignCase(workspaceId, user.id, input);
  changed();
  return r;
});

export const setCaseStatusAction = agentAction(statusSchema, async (input, { user, workspaceId }) => {
  const r = await setCaseStatus(workspaceId, user.id, input);
  changed();
  return r;
});

export const updateCaseFieldsAction = agentAction(fieldsSchema, async (input, { user, workspaceId }) => {
  const r = await updateCaseFields(workspaceId, user.id, input);
  changed();
  return r;
});

export const addCaseNoteAction = agentAction(noteSchema, async (input, { user, workspaceId }) => {
  const r = await addCaseNote(workspaceId, user.id, input);
  changed();
  return r;
});

export const replyToCaseAction = agentAction(replySchema, async (input, { user, workspaceId }) => {
  const r = await replyToCase(workspaceId, user.id, input);
  changed();
  return r;
});

export const bulkUpdateCasesAction = agentAction(bulkSchema, async (input, { user, workspaceId }) => {
  const r = await bulkUpdateCases(workspaceId, user.id, input);
  changed();
  return r;
});

/** The presence heartbeat: no revalidation, it changes nothing anyone renders on the server. */
export const casePresenceAction = agentAction(presenceSchema, async (input, { user, workspaceId }) => {
  await beat(workspaceId, user.id, input.caseId, input.state);
  return null;
});

export const mergeCasesAction = agentAction(mergeCasesSchema, async (input, { user, workspaceId }) => {
  const r = await mergeCases(workspaceId, user.id, input);
  changed();
  return r;
});

export const moveMessageAction = agentAction(moveMessageSchema, async (input, { user, workspaceId }) => {
  const r = await moveMessage(workspaceId, user.id, input);
  changed();
  return r;
});

export const splitCaseAction = agentAction(splitCaseSchema, async (input, { user, workspaceId }) => {
  const r = await splitCase(workspaceId, user.id, input);
  changed();
  return r;
});
