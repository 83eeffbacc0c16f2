import "server-only";
import { db } from "@/lib/db/client";
import { intLiteral, query, sql } from "@/lib/db/sql";
import { toCsvRow } from "@/lib/util/csv";
import { decodeCursor, encodeCursor } from "@/lib/util/cursor";
import { compileMentionWhere, type MentionQuery } from "./query";

// The mentions behind a dashboard figure: a keyset-paged list, its count, and its CSV export
// (one row per mention: what the dashboard's totals reconcile with).

export const MENTION_PAGE = 50;

export interface MentionRow {
  id: string;
  postedAt: Date;
  network: string;
  text: string;
  url: string | null;
  sentiment: string | null;
  deleted: boolean;
  brandName: string | null;
  authorId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  caseNumber: number | null;
}

const select = (
  textLength: number | null,
) => sql`SELECT m."id", m."postedAt", m."network"::text AS network, ${textLength ? sql`left(m."text", ${intLiteral(textLength)})` : sql`m."text"`} AS text, m."url", m."sentiment"::text AS sentiment, m."deleted",
    b."name" AS "brandName", m."authorId", a."handle" AS "authorHandle", a."displayName" AS "authorName",
    (SELECT c."number" FROM "CaseMessage" cm JOIN "Case" c ON c."id" = cm."caseId" WHERE cm."mentionId" = m."id" LIMIT 1) AS "caseNumber"
  FROM "Mention" m LEFT JOIN "Brand" b ON b."id" = m."brandId" LEFT JOIN "SocialIdentity" a ON a."id" = m."authorId"`;

async function page(
  workspaceId: string,
  timeZone: string,
  q: MentionQuery,
  cursor: { at: string; id: string } | null,
  size: number,
  textLength: number | null = 600,
): Promise<MentionRow[]> {
  const { sql: where } = compileMentionWhere(workspaceId, timeZone, q, cursor);
  return query<MentionRow>(
    db(),
    sql`${select(textLength)} WHERE ${where} ORDER BY m."postedAt" DESC, m."id" DESC LIMIT ${intLiteral(size)}`,
  );
}

const cursorOf = (r: MentionRow) => ({ at: r.postedAt.toISOString().slice(0, 23), id: r.id });

export async function listMentions(workspaceId: string, timeZone: string, q: MentionQuery) {
  const [rows, [{ n }]] = await Promise.all([
    page(workspaceId, timeZone, q, decodeCursor(q.after), MENTION_PAGE + 1),
    (() => {
      const { sql: where } = compileMentionWhere(workspaceId, timeZone, { ...q, after: undefined });
      return query<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM "Mention" m WHERE ${where}`);
    })(),
  ]);
  const more = rows.length > MENTION_PAGE;
  const shown = rows.slice(0, MENTION_PAGE);
  return { rows: shown, total: n, next: more ? encodeCursor(cursorOf(shown[shown.length - 1])) : null };
}

export const MENTION_CSV_HEADER = [
  "id",
  "posted_at_utc",
  "network",
  "brand",
  "author_id",
  "author_handle",
  "sentiment",
  "deleted_by_author",
  "case_number",
  "url",
  "text",
];

/** CSV lines (header first) of every mention the query matches, newest first. */
export async function* exportMentionsCsv(
  workspaceId: string,
  timeZone: string,
  q: MentionQuery,
): AsyncGenerator<string> {
  yield toCsvRow(MENTION_CSV_HEADER) + "\r\n";
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await page(workspaceId, timeZone, { ...q, after: undefined }, cursor, 1000, null);
    for (const r of rows) {
      yield (
        toCsvRow([
          r.id,
          r.postedAt.toISOString(),
          r.network,
          r.brandName,
          r.authorId,
          r.authorHandle,
          r.sentiment,
          r.deleted,
          r.caseNumber,
          r.url,
          r.text,
        ]) + "\r\n"
      );
    }
    if (rows.length < 1000) return;
    cursor = cursorOf(rows[rows.length - 1]);
  }
}
