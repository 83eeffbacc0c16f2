"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, agentAction } from "@/lib/actions/clients";
import { correctSentiment, resetModel } from "./store";

export const correctSentimentAction = agentAction(
  z.object({ mentionId: z.string().min(1).max(100), label: z.enum(["POSITIVE", "NEUTRAL", "NEGATIVE"]) }),
  async (input, { user, workspaceId }) => {
    await correctSentiment(workspaceId, user.id, input.mentionId, input.label);
    revalidatePath("/inbox");
    return null;
  },
);

export const resetSentimentModelAction = adminAction(z.object({ confirm: z.literal(true) }), async (_input, { user, workspaceId }) => {
  await resetModel(workspaceId, user.id);
  return null;
});
