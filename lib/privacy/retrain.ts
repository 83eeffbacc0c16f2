import "server-only";
import { db } from "@/lib/db/client";
import { execute, sql } from "@/lib/db/sql";
import { featurize } from "@/lib/enrich/learn/features";
import { emptyModel, learnOne, type Label, type ModelState } from "@/lib/enrich/learn/model";
import { trainingExamplesPage } from "@/lib/enrich/learn/store";

// After an erasure the workspace's learned sentiment model must forget the person: its weights
// hold words of their posts. It is trained again from the examples that remain (the same two
// passes the incremental learning makes), stored as the next version, and every older version
// (which still holds the erased words) is deleted. Returns how many examples it learned from.

const PAGE = 5_000;

export async function retrainWithoutErased(workspaceId: string): Promise<number> {
  const latest = await db().sentimentModel.findFirst({
    where: { workspaceId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  if (!latest) return 0;
  const model: ModelState = emptyModel();
  const examples: Array<{ f: string[]; label: Label }> = [];
  // The same examples incremental learning uses (without do-not-profile contacts' posts).
  for (let after: string | null = null; ;) {
    const page = await trainingExamplesPage(workspaceId, after, PAGE);
    for (const l of page) examples.push({ f: featurize(l.text), label: l.label });
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  for (let pass = 0; pass < 2; pass++) for (const e of examples) learnOne(model, e.f, e.label);
  const version = latest.version + 1;
  await db().$transaction(async (tx) => {
    await tx.sentimentModel.create({ data: { workspaceId, version, examples: model.examples, state: model as never } });
    await execute(
      tx,
      sql`DELETE FROM "SentimentModel" WHERE "workspaceId" = ${workspaceId} AND "version" < ${version}`,
    );
  });
  return examples.length;
}
