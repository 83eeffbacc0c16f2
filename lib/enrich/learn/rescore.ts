import "server-only";
import { refreshCaseSentiment } from "@/lib/cases/denormalized";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/actions/errors";
import { enrich } from "@/lib/enrich";
import { empty, execute, jsonRecords, query, sql, typed, typedArray } from "@/lib/db/sql";
import { currentModel } from "./store";

// Re-scoring a workspace's mentions with its current model, page by page (the admin page and the
// CLI call this repeatedly with the cursor it returns, showing progress). Each page costs the
// same wherever it is in the workspace: it is read along the (workspace, posted at) index from
// where the last one ended, the total and the count done so far travel in the cursor instead of
// being counted again, only the mentions whose scores change are written, and only the cases
// of those whose sentiment changed are refreshed.

export interface RescoreProgress {
  done: number;
  total: number;
  /** Pass back to continue; null when finished. */
  cursor: string | null;
}

interface Position {
  total: number;
  done: number;
  postedAt: Date;
  id: string;
}

// "<total>.<done>.<posted at, ms>.<id>": opaque to the callers, who only hand it back.
const CURSOR = /^(\d{1,12})\.(\d{1,12})\.(-?\d{1,15})\.(.{1,100})$/s;
const encodeCursor = (p: Position) => `${p.total}.${p.done}.${p.postedAt.getTime()}.${p.id}`;

function decodeCursor(cursor: string): Position {
  const m = CURSOR.exec(cursor);
  if (!m) throw new ExpectedError("This re-scoring cannot be continued (its position is unreadable): start it again.");
  return { total: Number(m[1]), done: Number(m[2]), postedAt: new Date(Number(m[3])), id: m[4] };
}

type Row = {
  id: string;
  text: string;
  title: string | null;
  language: string | null;
  postedAt: Date;
  sentiment: string | null;
  sentimentScore: number | null;
  sentimentConfidence: number | null;
  intent: string | null;
  /** Not to be enriched (its author restricts processing), or its words erased: left as it is. */
  untouchable: boolean;
};

/** Re-scores one page of the workspace's mentions (keyset by posted at, then id) with the current model. */
export async function rescorePage(
  workspaceId: string,
  cursor: string | null,
  pageSize = 1000,
): Promise<RescoreProgress & { updated: number }> {
  const from = cursor ? decodeCursor(cursor) : null;
  const [model, total, page] = await Promise.all([
    currentModel(workspaceId).then((m) => m?.model ?? null),
    from ? Promise.resolve(from.total) : db().mention.count({ where: { workspaceId } }),
    query<Row>(
      db(),
      sql`SELECT "id", "text", "title", "language", "postedAt", "sentiment"::text AS "sentiment", "sentimentScore", "sentimentConfidence", "intent"::text AS "intent",
         ("restricted" OR "redactedAt" IS NOT NULL) AS "untouchable"
       FROM "Mention" WHERE "workspaceId" = ${workspaceId} ${from ? sql`AND ("postedAt", "id") > (${typed(from.postedAt.toISOString().replace("Z", ""), "timestamp")}, ${typed(from.id, "text")})` : empty}
       ORDER BY "postedAt", "id" LIMIT ${pageSize}`,
    ),
  ]);
  const changed: unknown[][] = [];
  const sentimentChanged: string[] = [];
  for (const m of page) {
    if (m.untouchable) continue;
    const e = enrich({ text: m.text, title: m.title, lang: m.language }, model);
    if (
      e.sentiment === m.sentiment &&
      e.sentimentScore === m.sentimentScore &&
      e.sentimentConfidence === m.sentimentConfidence &&
      e.intent === m.intent
    )
      continue;
    changed.push([m.id, e.sentiment, e.sentimentScore, e.sentimentConfidence, e.intent]);
    if (e.sentiment !== m.sentiment) sentimentChanged.push(m.id);
  }
  if (changed.length) {
    changed.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    const records = jsonRecords(
      changed,
      [
        ["id", "text"],
        ["s", '"Sentiment"'],
        ["score", "float8"],
        ["conf", "float8"],
        ["intent", '"Intent"'],
      ],
      "u",
    );
    // One statement for the page: the rows locked in id order first, as ingestion locks them,
    // then each updated from its locked row (found by primary key).
    await execute(
      db(),
      sql`WITH locked AS (
         SELECT m."id", u."s", u."score", u."conf", u."intent" FROM ${records} JOIN "Mention" m ON m."id" = u."id"
         WHERE m."id" = ANY(${typedArray(
           changed.map((row) => row[0]),
           "text",
         )}) AND m."workspaceId" = ${workspaceId} ORDER BY m."id" FOR NO KEY UPDATE OF m)
       UPDATE "Mention" m SET "sentiment" = l."s", "sentimentScore" = l."score", "sentimentConfidence" = l."conf", "intent" = l."intent"
       FROM locked l WHERE m."id" = l."id"`,
    );
  }
  // The cases of mentions whose label moved show their latest inbound mention's sentiment.
  if (sentimentChanged.length) await refreshCaseSentiment(db(), workspaceId, sentimentChanged);
  const done = (from?.done ?? 0) + page.length;
  const last = page.at(-1);
  return {
    done,
    total: Math.max(total, done),
    cursor:
      page.length === pageSize && last ? encodeCursor({ total, done, postedAt: last.postedAt, id: last.id }) : null,
    updated: page.length,
  };
}
