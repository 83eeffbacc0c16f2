"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/actions/clients";
import { createApiKey, revokeApiKey } from "./keys";

export const createApiKeyAction = adminAction(z.object({ name: z.string().trim().min(1, "Name the key.").max(120) }), async (input, { user, workspaceId }) => {
  const key = await createApiKey(workspaceId, user.id, input.name);
  revalidatePath("/admin/channels");
  return key;
});

export const revokeApiKeyAction = adminAction(z.object({ keyId: z.string().min(1).max(100) }), async (input, { user, workspaceId }) => {
  await revokeApiKey(workspaceId, user.id, input.keyId);
  revalidatePath("/admin/channels");
  return null;
});
