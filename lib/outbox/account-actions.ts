"use server";

import { adminAction } from "@/lib/actions/clients";
import { deleteAccount, saveAccount, testAccount } from "./accounts";
import { accountIdSchema, saveAccountSchema } from "./account-schemas";

// Connected accounts are managed on the channels admin page. Secrets go in sealed and never come
// back: every result here is ids, names and reasons only.
const CHANNELS_PAGE = ["/admin/channels"];

export const saveAccountAction = adminAction(
  "accounts.save",
  saveAccountSchema,
  (input, { user, workspaceId }) => saveAccount(workspaceId, user.id, input),
  { revalidate: CHANNELS_PAGE },
);

/**
 * Asks the network who the credentials post as. A refusal is the answer the admin asked for, so it
 * is a successful action carrying { ok: false, reason, reauth }; only a missing account fails.
 */
export const testAccountAction = adminAction(
  "accounts.test",
  accountIdSchema,
  (input, { user, workspaceId }) => testAccount(workspaceId, user.id, input.accountId),
  { revalidate: CHANNELS_PAGE },
);

export const deleteAccountAction = adminAction(
  "accounts.delete",
  accountIdSchema,
  async (input, { user, workspaceId }) => {
    await deleteAccount(workspaceId, user.id, input.accountId);
    return null;
  },
  { revalidate: CHANNELS_PAGE },
);
