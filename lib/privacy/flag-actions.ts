"use server";

import { managerAction } from "@/lib/actions/clients";
import { setPrivacyFlag } from "./flags";
import { setPrivacyFlagSchema } from "./flag-schemas";

// Setting or lifting a contact's privacy flag answers a person's request: a manager's act,
// recorded with its reason (docs/privacy/flags-and-deletions.md).
export const setPrivacyFlagAction = managerAction(
  "privacy.setFlag",
  setPrivacyFlagSchema,
  (input, { user, workspaceId }) => setPrivacyFlag(workspaceId, user.id, input),
  { revalidate: (input) => [`/contacts/${input.contactId}`] },
);
