import "server-only";
import { refreshCaseSentiment } from "@/lib/cases/denormalized";
import { db } from "@/lib/db/client";
import { empty, intLiteral, query, sql } from "@/lib/db/sql";
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

/**
 * An agent's one-click correction: the mention takes the label and the model learns from it —
 * unless its author's contact asked not to be profiled (Contact.doNotProfile): then the
 * mention is corrected, and nothing is learned or kept as an example.
 */
export async function correctSentiment(
  workspaceId: string,
  actorUserId: string,
  mentionId: string,
  label: Label,
): Promise<void> {
  const mention = await db().mention.findFirst({
    where: { id: mentionId, workspaceId },
    select: {
      id: true,
      text: true,
      title: true,
      sentiment: true,
      author: { select: { contact: { select: { doNotProfile: true } } } },
    },
  });
  if (!mention) throw notFound("That mention");
  const learnable = !mention.author?.contact?.doNotProfile;
  await db().$transaction(async (tx) => {
    await tx.mention.update({ where: { id: mention.id }, data: { sentiment: label, sentimentConfidence: 1 } });
    await refreshCaseSentiment(tx, workspaceId, [mention.id]);
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "mention.sentiment_corrected",
      targetType: "mention",
      targetId: mention.id,
      details: { from: mention.sentiment, to: label, ...(learnable ? {} : { learned: false }) },
    });
  });
  if (!learnable) return;
  await learn(
    workspaceId,
    [{ text: mention.title ? `${mention.title}\n${mention.text}` : mention.text, label, mentionId: mention.id }],
    "correction",
    actorUserId,
  );
}

/**
 * A page of the examples a model may learn from (by id, after `afterId`): every stored label but
 * those from posts of contacts who asked not to be profiled. What a retraining reads.
 */
export async function trainingExamplesPage(
  workspaceId: string,
  afterId: string | null,
  take: number,
): Promise<Array<{ id: string; text: string; label: Label }>> {
  return query<{ id: string; text: string; label: Label }>(
    db(),
    sql`SELECT l."id", l."text", l."label"::text AS "label" FROM "SentimentLabel" l
      WHERE l."workspaceId" = ${workspaceId} ${afterId === null ? empty : sql`AND l."id" > ${afterId}`}
        AND NOT EXISTS (SELECT 1 FROM "Mention" m JOIN "SocialIdentity" i ON i."id" = m."authorId" JOIN "Contact" c ON c."id" = i."contactId"
          WHERE m."id" = l."mentionId" AND m."workspaceId" = ${workspaceId} AND c."doNotProfile")
      ORDER BY l."id" LIMIT ${intLiteral(take)}`,
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
