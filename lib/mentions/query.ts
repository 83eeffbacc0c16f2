// The mentions list's filters (the dashboard's drill-down), parsed from the URL and compiled to
// SQL over "Mention" m. Values travel as parameters (lib/db/sql.ts). Pure.
import { z } from "zod";
import { join, sql, typed, type Sql } from "@/lib/db/sql";
import { NETWORKS, SENTIMENTS } from "@/lib/domain/vocabulary";
import { DATE_RULE, addDays, isLocalDate, startOfLocalDate } from "@/lib/time/dates";
import { decodeCursor } from "@/lib/util/cursor";
import { firstValue, idParam, parseFields, type SearchParams } from "@/lib/util/params";

// Every field accepts "absent"; parseFields reports a field it can't use and leaves it out, so
// a bad parameter never reaches SQL and never throws. A repeated parameter counts by its first value.
const one = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());
const localDate = z.string().refine(isLocalDate, DATE_RULE);
const wholeNumber = (max: number) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\d{1,2}$/)
          .transform(Number),
      ],
      { error: `must be a whole number from 0 to ${max}` },
    )
    .pipe(z.number().int().min(0).max(max, `must be a whole number from 0 to ${max}`));

export const mentionQueryFields = {
  from: one(localDate),
  to: one(localDate),
  /** A brand id, or "none" for mentions without a brand. */
  brand: one(idParam),
  network: one(z.enum(NETWORKS)),
  /** A sentiment, or "none" for mentions not scored. */
  sentiment: one(z.enum([...SENTIMENTS, "none"])),
  rule: one(idParam),
  author: one(idParam),
  /** A term or a hashtag as the dashboard lists it ("refund", "#delta"). */
  term: one(
    z
      .string()
      .regex(/^#?[\p{L}\p{N}_]{1,60}$/u, "is not a word or a hashtag")
      .transform((t) => t.toLowerCase()),
  ),
  dow: one(wholeNumber(6)),
  hour: one(wholeNumber(23)),
  after: one(
    z
      .string()
      .max(300)
      .refine((s) => decodeCursor(s) !== null, "is not a page of this list"),
  ),
};

export const mentionQuerySchema = z.object(mentionQueryFields);

export type MentionQuery = z.output<typeof mentionQuerySchema>;

/** The mentions list's filter from the URL, and what in it was not understood (shown, then ignored). */
export function parseMentionQueryWithProblems(params: SearchParams): { query: MentionQuery; problems: string[] } {
  const { value, problems } = parseFields(mentionQueryFields, params);
  return { query: value, problems };
}

export function parseMentionQuery(params: SearchParams): MentionQuery {
  return parseMentionQueryWithProblems(params).query;
}

export interface CompiledMentions {
  /** The conditions as a fragment, for the statement that uses them. */
  sql: Sql;
  /** The same, standalone: its text (numbered from $1) and its parameters, to inspect. */
  where: string;
  params: unknown[];
}

const utc = (d: Date) => d.toISOString().slice(0, 23);

/** WHERE over "Mention" m (and "Workspace" w for the local time); the workspace comes first. */
export function compileMentionWhere(
  workspaceId: string,
  timeZone: string,
  q: MentionQuery,
  cursor?: { at: string; id: string } | null,
): CompiledMentions {
  const clauses = [sql`m."workspaceId" = ${workspaceId}`];
  if (q.from) clauses.push(sql`m."postedAt" >= ${typed(utc(startOfLocalDate(q.from, timeZone)), "timestamp")}`);
  if (q.to) clauses.push(sql`m."postedAt" < ${typed(utc(startOfLocalDate(addDays(q.to, 1), timeZone)), "timestamp")}`);
  if (q.brand === "none") clauses.push(sql`m."brandId" IS NULL`);
  else if (q.brand) clauses.push(sql`m."brandId" = ${q.brand}`);
  if (q.network) clauses.push(sql`m."network" = ${typed(q.network, '"Network"')}`);
  if (q.sentiment === "none") clauses.push(sql`m."sentiment" IS NULL`);
  else if (q.sentiment) clauses.push(sql`m."sentiment" = ${typed(q.sentiment, '"Sentiment"')}`);
  if (q.rule)
    clauses.push(
      sql`EXISTS (SELECT 1 FROM "MentionRuleMatch" x WHERE x."mentionId" = m."id" AND x."ruleId" = ${q.rule})`,
    );
  if (q.author) clauses.push(sql`m."authorId" = ${q.author}`);
  if (q.term) {
    // A cheap substring test first; the exact term extraction (the rollups' own) decides.
    const word = q.term.replace(/^#/, "").replace(/[\\%_]/g, (c) => `\\${c}`);
    clauses.push(
      sql`(coalesce(m."title", '') || ' ' || m."text") ILIKE ${`%${word}%`}`,
      sql`earshot_terms(coalesce(m."title", '') || ' ' || m."text") @> ARRAY[${typed(q.term, "text")}]`,
    );
  }
  if (q.dow !== undefined)
    clauses.push(sql`extract(isodow FROM earshot_local(m."postedAt", ${timeZone})) - 1 = ${q.dow}`);
  if (q.hour !== undefined) clauses.push(sql`extract(hour FROM earshot_local(m."postedAt", ${timeZone})) = ${q.hour}`);
  if (cursor) clauses.push(sql`(m."postedAt", m."id") < (${typed(cursor.at, "timestamp")}, ${cursor.id})`);
  const where = join(clauses, " AND ");
  return { sql: where, where: where.text, params: where.values };
}
