"use server";

import { z } from "zod";
import { adminAction } from "@/lib/actions/clients";
import { createApiKey, revokeApiKey } from "./keys";

export const createApiKeyAction = adminAction(
  "apiKeys.create",
  z.object({ name: z.string().trim().min(1, "Name the key.").max(120) }),
  (input, { user, workspaceId }) => createApiKey(workspaceId, user.id, input.name),
  {
    revalidate: ["/admin/channels"],
  },
);

export const revokeApiKeyAction = adminAction(
  "apiKeys.revoke",
  z.object({ keyId: z.string().min(1).max(100) }),
  async (input, { user, workspaceId }) => {
    await revokeApiKey(workspaceId, user.id, input.keyId);
    return null;
  },
  { revalidate: ["/admin/channels"] },
);
