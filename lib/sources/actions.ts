"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/clients";
import { createSource, setSourceEnabled } from "./sources";
import { createSourceSchema, setSourceEnabledSchema } from "./schemas";

export const createSourceAction = adminAction(createSourceSchema, async (input, { user, workspaceId }) => {
  const source = await createSource(workspaceId, user.id, input);
  revalidatePath("/admin/channels");
  return source;
});

export const setSourceEnabledAction = adminAction(setSourceEnabledSchema, async (input, { user, workspaceId }) => {
  await setSourceEnabled(workspaceId, user.id, input.sourceId, input.enabled);
  revalidatePath("/admin/channels");
  return null;
});
