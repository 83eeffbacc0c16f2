import "server-only";
import { execute, sql, typedArray, type RawClient, type RecordColumn, type Sql } from "@/lib/db/sql";

// A case's "latest inbound" columns: "lastInboundAt", "network" and "sentiment", copied from its
// newest customer (INBOUND) message and that message's mention, for the inbox's views and
// filters and for routing (was the last word the agent's?). This module is their only writer;
// every other module calls one of these:
//   - latestInboundValues with LATEST_INBOUND_COLUMNS, then LATEST_INBOUND_TARGETS / latestInboundFrom
//     (insert) or setLatestInbound (update): lib/cases/route-batch.ts,
//     which knows the newest message of each case it routes a mention into (it just wrote it);
//   - latestInboundFromMessages: lib/cases/reshape.ts (merge, split, move) and the demo seed
//     (lib/demo/seed-cases.ts), which recompute them from the messages a case holds;
//   - refreshCaseSentiment: lib/enrich/learn (a corrected or re-scored mention's sentiment).

/** The newest inbound message of case `caseId` (an SQL expression) with its mention: ("createdAt", "network", "sentiment"). */
function latestInboundMessage(caseId: Sql): Sql {
  return sql`SELECT cm."createdAt", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
    WHERE cm."caseId" = ${caseId} AND cm."kind" = 'INBOUND' ORDER BY cm."createdAt" DESC, cm."id" DESC LIMIT 1`;
}

/** The columns of a batch's records that carry the latest inbound values (in latestInboundValues' order). */
export const LATEST_INBOUND_COLUMNS: RecordColumn[] = [
  ["lastIn", "timestamptz"],
  ["network", '"Network"'],
  ["sentiment", '"Sentiment"'],
];

/** A case's latest inbound values, for records with LATEST_INBOUND_COLUMNS. */
export function latestInboundValues(c: {
  lastInboundAt: Date | null;
  network: string | null;
  sentiment: string | null;
}): [Date | null, string | null, string | null] {
  return [c.lastInboundAt, c.network, c.sentiment];
}

/** For an INSERT from records with LATEST_INBOUND_COLUMNS: the target columns, and the values from `records` (its alias), in the same order. */
export const LATEST_INBOUND_TARGETS = sql`"lastInboundAt", "network", "sentiment"`;
export function latestInboundFrom(records: Sql): Sql {
  return sql`${records}."lastIn", ${records}."network", ${records}."sentiment"`;
}

/** SET assignments from records (alias `records`) with LATEST_INBOUND_COLUMNS. */
export function setLatestInbound(records: Sql): Sql {
  return sql`"lastInboundAt" = ${records}."lastIn", "network" = ${records}."network", "sentiment" = ${records}."sentiment"`;
}

/** SET assignment recomputing the columns of case row `c` (its alias) from the messages it holds; NULLs when it holds none. */
export function latestInboundFromMessages(c: Sql): Sql {
  return sql`("lastInboundAt", "network", "sentiment") = (${latestInboundMessage(sql`${c}."id"`)})`;
}

/**
 * After mentions' sentiment changes (a correction, a re-score), their cases follow: each case
 * of these mentions takes its latest inbound mention's network and sentiment again.
 */
export async function refreshCaseSentiment(db: RawClient, workspaceId: string, mentionIds: string[]): Promise<void> {
  if (!mentionIds.length) return;
  // Index lookups only (the cases of these mentions, each one's latest inbound message), so the
  // cost follows the mentions given, not the workspace. The cases are locked in id order first,
  // as ingestion locks them: a re-score running beside ingestion waits for it rather than
  // deadlocking; each is then updated from its locked row (found by primary key).
  await execute(
    db,
    sql`WITH touched AS (
       SELECT DISTINCT cm."caseId" FROM "CaseMessage" cm WHERE cm."workspaceId" = ${workspaceId} AND cm."mentionId" = ANY(${typedArray(mentionIds, "text")})),
     x AS (
       SELECT t."caseId", latest."network", latest."sentiment" FROM touched t
       CROSS JOIN LATERAL (${latestInboundMessage(sql`t."caseId"`)}) latest),
     locked AS (
       SELECT c."id", x."network", x."sentiment" FROM "Case" c JOIN x ON x."caseId" = c."id"
       WHERE c."workspaceId" = ${workspaceId} AND (c."sentiment", c."network") IS DISTINCT FROM (x."sentiment", x."network")
       ORDER BY c."id" FOR NO KEY UPDATE OF c)
     UPDATE "Case" c SET "sentiment" = l."sentiment", "network" = l."network" FROM locked l WHERE c."id" = l."id"`,
  );
}
