"use server";

import { adminAction, agentAction, managerAction, type Revalidation } from "@/lib/actions/clients";
import { addContactNote, createContact, updateContact } from "./contacts";
import {
  acceptSuggestion,
  createContactFromIdentity,
  linkIdentity,
  rejectSuggestion,
  unlinkIdentity,
} from "./identity-links";
import { mergeContacts, undoMerge } from "./merge";
import { importContacts } from "./import";
import { setContactSettings } from "./settings-store";
import { searchContacts } from "./search";
import {
  addNoteSchema,
  contactSettingsInputSchema,
  createContactSchema,
  createFromIdentitySchema,
  importChunkSchema,
  linkIdentitySchema,
  mergeSchema,
  searchSchema,
  suggestionSchema,
  undoMergeSchema,
  unlinkIdentitySchema,
  updateContactSchema,
} from "./schemas";
import type { ContactFields } from "./fields";

// A contact change shows in the contact list and on every contact page, under their layout.
const CONTACT_VIEWS: Revalidation[] = [{ path: "/contacts", type: "layout" }];

export const createContactAction = agentAction(
  "contacts.create",
  createContactSchema,
  (fields, { user, workspaceId }) => createContact(workspaceId, user.id, fields),
  { revalidate: CONTACT_VIEWS },
);

export const updateContactAction = agentAction(
  "contacts.update",
  updateContactSchema,
  (input, { user, workspaceId }) =>
    updateContact(
      workspaceId,
      user.id,
      input.contactId,
      input.version,
      input.base as Partial<ContactFields>,
      input.fields,
    ),
  { revalidate: CONTACT_VIEWS },
);

export const addContactNoteAction = agentAction(
  "contacts.addNote",
  addNoteSchema,
  (input, { user, workspaceId }) => addContactNote(workspaceId, user.id, input.contactId, input.body),
  { revalidate: CONTACT_VIEWS },
);

export const linkIdentityAction = agentAction(
  "contacts.linkIdentity",
  linkIdentitySchema,
  (input, { user, workspaceId }) => linkIdentity(workspaceId, user.id, input),
  { revalidate: CONTACT_VIEWS },
);

export const unlinkIdentityAction = agentAction(
  "contacts.unlinkIdentity",
  unlinkIdentitySchema,
  (input, { user, workspaceId }) => unlinkIdentity(workspaceId, user.id, input),
  { revalidate: CONTACT_VIEWS },
);

export const createContactFromIdentityAction = agentAction(
  "contacts.createFromIdentity",
  createFromIdentitySchema,
  (input, { user, workspaceId }) => createContactFromIdentity(workspaceId, user.id, input),
  { revalidate: CONTACT_VIEWS },
);

export const acceptSuggestionAction = agentAction(
  "contacts.acceptSuggestion",
  suggestionSchema,
  (input, { user, workspaceId }) => acceptSuggestion(workspaceId, user.id, input.suggestionId),
  { revalidate: CONTACT_VIEWS },
);

export const rejectSuggestionAction = agentAction(
  "contacts.rejectSuggestion",
  suggestionSchema,
  (input, { user, workspaceId }) => rejectSuggestion(workspaceId, user.id, input.suggestionId),
  { revalidate: CONTACT_VIEWS },
);

export const mergeContactsAction = agentAction(
  "contacts.merge",
  mergeSchema,
  (input, { user, workspaceId }) => mergeContacts(workspaceId, user.id, input),
  { revalidate: CONTACT_VIEWS },
);

export const undoMergeAction = agentAction(
  "contacts.undoMerge",
  undoMergeSchema,
  (input, { user, workspaceId }) => undoMerge(workspaceId, user.id, input.mergeId),
  { revalidate: CONTACT_VIEWS },
);

/** A read: no revalidation. */
export const searchContactsAction = agentAction("contacts.search", searchSchema, (input, { workspaceId }) =>
  searchContacts(workspaceId, input.query, 20),
);

/** A dry run only reports what an import would do, so nothing is stale after it. */
export const importContactsAction = managerAction(
  "contacts.import",
  importChunkSchema,
  (input, { user, workspaceId }) => importContacts(workspaceId, user.id, input),
  {
    revalidate: (input) => (input.dryRun ? [] : CONTACT_VIEWS),
  },
);

export const setContactSettingsAction = adminAction(
  "contacts.saveSettings",
  contactSettingsInputSchema,
  async (input, { user, workspaceId }) => {
    await setContactSettings(workspaceId, user.id, input);
    return input;
  },
  { revalidate: ["/admin/contacts"] },
);
