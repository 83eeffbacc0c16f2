import "server-only";
import { refreshCaseSentiment } from "@/lib/cases/denormalized";
import { db } from "@/lib/db/client";
import { enrich } from "@/lib/enrich";
import { unnestColumns } from "@/lib/ingest/sql";
import { currentModel } from "./store";

export interface RescoreProgress {
  done: number;
  total: number;
  /** Pass back to continue; null when finished. */
  cursor: string | null;
}

/** Re-scores one page of the workspace's mentions (keyset by id) with the current model. */
export async function rescorePage(workspaceId: string, cursor: string | null, pageSize = 1000): Promise<RescoreProgress & { updated: number }> {
  const model = (await currentModel(workspaceId))?.model ?? null;
  const [total, done, page] = await Promise.all([
    db().mention.count({ where: { workspaceId } }),
    cursor ? db().mention.count({ where: { workspaceId, id: { lte: cursor } } }) : Promise.resolve(0),
    db().mention.findMany({
      where: { workspaceId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, text: true, title: true, language: true },
    }),
  ]);
  if (page.length) {
    const rows = page.map((m) => {
      const e = enrich({ text: m.text, title: m.title, lang: m.language }, model);
      return [m.id, e.sentiment, e.sentimentScore, e.sentimentConfidence, e.intent];
    });
    const v = unnestColumns(rows, ["text", '"Sentiment"', "float8", "float8", '"Intent"'], 1);
    await db().$executeRawUnsafe(
      `UPDATE "Mention" m SET "sentiment" = u.s, "sentimentScore" = u.score, "sentimentConfidence" = u.conf, "intent" = u.intent
       FROM (SELECT * FROM ${v.sql}) AS u(id, s, score, conf, intent) WHERE m."id" = u.id AND m."workspaceId" = $1`,
      workspaceId,
      ...v.params,
    );
    await refreshCaseSentiment(db(), workspaceId, page.map((m) => m.id));
  }
  const last = page.at(-1)?.id ?? null;
  return { done: done + page.length, total, cursor: page.length === pageSize ? last : null, updated: page.length };
}
