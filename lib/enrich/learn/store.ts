import "server-only";
import { refreshCaseSentiment } from "@/lib/cases/denormalized";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { notFound } from "@/lib/actions/errors";
import { featurize } from "./features";
import { emptyModel, learnOne, type Label, type ModelState } from "./model";

// Each workspace's learned model lives in the database (so every app server shares it),
// one row per version. New labels update the current model incrementally and save the
// result as the next version; older versions are pruned.

const KEEP_VERSIONS = 5;
const cache = ((
  globalThis as unknown as { __earshotModels?: Map<string, { version: number; model: ModelState }> }
).__earshotModels ??= new Map());

export async function currentModel(workspaceId: string): Promise<{ version: number; model: ModelState } | null> {
  const latest = await db().sentimentModel.findFirst({
    where: { workspaceId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  if (!latest) return null;
  const cached = cache.get(workspaceId);
  if (cached && cached.version === latest.version) return cached;
  const row = await db().sentimentModel.findUniqueOrThrow({
    where: { workspaceId_version: { workspaceId, version: latest.version } },
  });
  const entry = { version: row.version, model: row.state as unknown as ModelState };
  cache.set(workspaceId, entry);
  return entry;
}

/** Learns from new labelled examples (two passes over them) and stores the next version. */
export async function learn(
  workspaceId: string,
  examples: Array<{ text: string; label: Label; mentionId?: string | null }>,
  origin: "correction" | "import",
  actorUserId: string | null,
): Promise<{ version: number; examples: number }> {
  const current = await currentModel(workspaceId);
  const model: ModelState = current ? structuredClone(current.model) : emptyModel();
  const featurized = examples.map((e) => ({ f: featurize(e.text), label: e.label }));
  for (let pass = 0; pass < 2; pass++) for (const e of featurized) learnOne(model, e.f, e.label);
  const version = (current?.version ?? 0) + 1;
  await db().$transaction(async (tx) => {
    await tx.sentimentModel.create({ data: { workspaceId, version, examples: model.examples, state: model as never } });
    await tx.sentimentModel.deleteMany({ where: { workspaceId, version: { lte: version - KEEP_VERSIONS } } });
    await tx.sentimentLabel.createMany({
      data: examples.map((e) => ({
        workspaceId,
        text: e.text,
        label: e.label,
        origin,
        mentionId: e.mentionId ?? null,
        userId: actorUserId,
      })),
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "sentiment.learned",
      targetType: "sentimentModel",
      targetId: String(version),
      details: { origin, examples: examples.length },
    });
  });
  cache.delete(workspaceId);
  return { version, examples: model.examples };
}

export async function resetModel(workspaceId: string, actorUserId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.sentimentModel.deleteMany({ where: { workspaceId } });
    await writeAudit(tx, { workspaceId, actorUserId, action: "sentiment.reset", targetType: "sentimentModel" });
  });
  cache.delete(workspaceId);
}

/** An agent's one-click correction: the mention takes the label and the model learns from it. */
export async function correctSentiment(
  workspaceId: string,
  actorUserId: string,
  mentionId: string,
  label: Label,
): Promise<void> {
  const mention = await db().mention.findFirst({
    where: { id: mentionId, workspaceId },
    select: { id: true, text: true, title: true, sentiment: true },
  });
  if (!mention) throw notFound("That mention");
  await db().$transaction(async (tx) => {
    await tx.mention.update({ where: { id: mention.id }, data: { sentiment: label, sentimentConfidence: 1 } });
    await refreshCaseSentiment(tx, workspaceId, [mention.id]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "mention.sentiment_corrected",
      targetType: "mention",
      targetId: mention.id,
      details: { from: mention.sentiment, to: label },
    });
  });
  await learn(
    workspaceId,
    [{ text: mention.title ? `${mention.title}\n${mention.text}` : mention.text, label, mentionId: mention.id }],
    "correction",
    actorUserId,
  );
}

export interface ModelSummary {
  version: number | null;
  examples: number;
  corrections: number;
  imported: number;
  updatedAt: string | null;
}

export async function modelSummary(workspaceId: string): Promise<ModelSummary> {
  const [latest, byOrigin] = await Promise.all([
    db().sentimentModel.findFirst({
      where: { workspaceId },
      orderBy: { version: "desc" },
      select: { version: true, examples: true, createdAt: true },
    }),
    db().sentimentLabel.groupBy({ by: ["origin"], where: { workspaceId }, _count: { _all: true } }),
  ]);
  const count = (origin: string) => byOrigin.find((o) => o.origin === origin)?._count._all ?? 0;
  return {
    version: latest?.version ?? null,
    examples: latest?.examples ?? 0,
    corrections: count("correction"),
    imported: count("import"),
    updatedAt: latest?.createdAt.toISOString() ?? null,
  };
}
