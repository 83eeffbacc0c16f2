"use server";

import { adminAction } from "@/lib/actions/clients";
import { createSource, setSourceEnabled } from "./sources";
import { createSourceSchema, setSourceEnabledSchema } from "./schemas";

// Sources are managed on the channels admin page.
const CHANNELS_PAGE = ["/admin/channels"];

export const createSourceAction = adminAction(
  "sources.create",
  createSourceSchema,
  (input, { user, workspaceId }) => createSource(workspaceId, user.id, input),
  { revalidate: CHANNELS_PAGE },
);

export const setSourceEnabledAction = adminAction(
  "sources.setEnabled",
  setSourceEnabledSchema,
  async (input, { user, workspaceId }) => {
    await setSourceEnabled(workspaceId, user.id, input.sourceId, input.enabled);
    return null;
  },
  { revalidate: CHANNELS_PAGE },
);
