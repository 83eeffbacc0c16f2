"use server";

import { z } from "zod";
import { adminAction, agentAction } from "@/lib/actions/clients";
import { SENTIMENTS, type SentimentName } from "@/lib/domain/vocabulary";
import { correctSentiment, resetModel } from "./store";

export const correctSentimentAction = agentAction(
  "enrich.correctSentiment",
  z.object({ mentionId: z.string().min(1).max(100), label: z.enum(SENTIMENTS) }),
  async (input, { user, workspaceId }) => {
    await correctSentiment(workspaceId, user.id, input.mentionId, input.label);
    return null;
  },
  { revalidate: ["/inbox"] },
);

export const resetSentimentModelAction = adminAction(
  "enrich.resetModel",
  z.object({ confirm: z.literal(true) }),
  async (_input, { user, workspaceId }) => {
    await resetModel(workspaceId, user.id);
    return null;
  },
);

// The cursor is the one the previous page returned (its position, with the counts for progress).
export const rescoreMentionsAction = adminAction(
  "enrich.rescoreMentions",
  z.object({ cursor: z.string().max(200).nullable() }),
  async (input, { workspaceId }) => {
    const { rescorePage } = await import("./rescore");
    return rescorePage(workspaceId, input.cursor);
  },
);

export const importLabelsAction = adminAction(
  "enrich.importLabels",
  z.object({
    rows: z
      .array(z.object({ line: z.number().int(), text: z.string().max(10_000), label: z.string().max(40) }))
      .max(1000),
  }),
  async (input, { user, workspaceId }) => {
    const { learn } = await import("./store");
    const good: Array<{ text: string; label: SentimentName }> = [];
    const rejected: Array<{ line: number; reason: string }> = [];
    for (const row of input.rows) {
      const label = row.label.trim().toLowerCase();
      if (!row.text.trim()) rejected.push({ line: row.line, reason: "empty text" });
      else if (label !== "positive" && label !== "neutral" && label !== "negative")
        rejected.push({ line: row.line, reason: `label "${row.label}" is not positive, neutral or negative` });
      else good.push({ text: row.text, label: label.toUpperCase() as SentimentName });
    }
    const version = good.length ? (await learn(workspaceId, good, "import", user.id)).version : null;
    return { learned: good.length, rejected, modelVersion: version };
  },
);
