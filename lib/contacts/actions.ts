"use server";

import { revalidatePath } from "next/cache";
import { adminAction, agentAction, managerAction } from "@/lib/actions/clients";
import { addContactNote, createContact, updateContact } from "./contacts";
import { acceptSuggestion, createContactFromIdentity, linkIdentity, rejectSuggestion, unlinkIdentity } from "./identity-links";
import { mergeContacts, undoMerge } from "./merge";
import { importContacts } from "./import";
import { setContactSettings } from "./settings-store";
import { searchContacts } from "./search";
import {
  addNoteSchema, contactSettingsInputSchema, createContactSchema, createFromIdentitySchema, importChunkSchema, linkIdentitySchema, mergeSchema,
  searchSchema, suggestionSchema, undoMergeSchema, unlinkIdentitySchema, updateContactSchema,
} from "./schemas";
import type { ContactFields } from "./fields";

const changed = () => revalidatePath("/contacts", "layout");

export const createContactAction = agentAction(createContactSchema, async (fields, { user, workspaceId }) => {
  const contact = await createContact(workspaceId, user.id, fields);
  changed();
  return contact;
});

export const updateContactAction = agentAction(updateContactSchema, async (input, { user, workspaceId }) => {
  const result = await updateContact(workspaceId, user.id, input.contactId, input.version, input.base as Partial<ContactFields>, input.fields);
  changed();
  return result;
});

export const addContactNoteAction = agentAction(addNoteSchema, async (input, { user, workspaceId }) => {
  const note = await addContactNote(workspaceId, user.id, input.contactId, input.body);
  changed();
  return note;
});

export const linkIdentityAction = agentAction(linkIdentitySchema, async (input, { user, workspaceId }) => {
  const result = await linkIdentity(workspaceId, user.id, input);
  changed();
  return result;
});

export const unlinkIdentityAction = agentAction(unlinkIdentitySchema, async (input, { user, workspaceId }) => {
  const result = await unlinkIdentity(workspaceId, user.id, input);
  changed();
  return result;
});

export const createContactFromIdentityAction = agentAction(createFromIdentitySchema, async (input, { user, workspaceId }) => {
  const result = await createContactFromIdentity(workspaceId, user.id, input);
  changed();
  return result;
});

export const acceptSuggestionAction = agentAction(suggestionSchema, async (input, { user, workspaceId }) => {
  const result = await acceptSuggestion(workspaceId, user.id, input.suggestionId);
  changed();
  return result;
});

export const rejectSuggestionAction = agentAction(suggestionSchema, async (input, { user, workspaceId }) => {
  const result = await rejectSuggestion(workspaceId, user.id, input.suggestionId);
  changed();
  return result;
});

export const mergeContactsAction = agentAction(mergeSchema, async (input, { user, workspaceId }) => {
  const result = await mergeContacts(workspaceId, user.id, input);
  changed();
  return result;
});

export const undoMergeAction = agentAction(undoMergeSchema, async (input, { user, workspaceId }) => {
  const result = await undoMerge(workspaceId, user.id, input.mergeId);
  changed();
  return result;
});

export const searchContactsAction = agentAction(searchSchema, async (input, { workspaceId }) => searchContacts(workspaceId, input.query, 20));

export const importContactsAction = managerAction(importChunkSchema, async (input, { user, workspaceId }) => {
  const report = await importContacts(workspaceId, user.id, input);
  if (!input.dryRun) changed();
  return report;
});

export const setContactSettingsAction = adminAction(contactSettingsInputSchema, async (input, { user, workspaceId }) => {
  await setContactSettings(workspaceId, user.id, input);
  revalidatePath("/admin/contacts");
  return input;
});
