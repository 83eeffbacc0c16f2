// The mentions list's filters (the dashboard's drill-down), parsed from the URL and compiled to
// SQL over "Mention" m. Values travel as parameters. Pure.
import { z } from "zod";
import { NETWORKS } from "@/lib/ingest/mention";
import { decodeCursor } from "@/lib/inbox/query";
import { DATE_RULE, addDays, isLocalDate, startOfLocalDate } from "@/lib/metrics/period";
import { firstValue, idParam, parseFields, type SearchParams } from "@/lib/util/params";

// Every field accepts "absent"; parseFields reports a field it can't use and leaves it out, so
// a bad parameter never reaches SQL and never throws. A repeated parameter counts by its first value.
const one = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());
const localDate = z.string().refine(isLocalDate, DATE_RULE);
const wholeNumber = (max: number) =>
  z.union([z.number(), z.string().regex(/^\d{1,2}$/).transform(Number)], { error: `must be a whole number from 0 to ${max}` }).pipe(z.number().int().min(0).max(max, `must be a whole number from 0 to ${max}`));

export const mentionQueryFields = {
  from: one(localDate),
  to: one(localDate),
  /** A brand id, or "none" for mentions without a brand. */
  brand: one(idParam),
  network: one(z.enum(NETWORKS)),
  sentiment: one(z.enum(["POSITIVE", "NEUTRAL", "NEGATIVE", "none"])),
  rule: one(idParam),
  author: one(idParam),
  /** A term or a hashtag as the dashboard lists it ("refund", "#delta"). */
  term: one(z.string().regex(/^#?[\p{L}\p{N}_]{1,60}$/u, "is not a word or a hashtag").transform((t) => t.toLowerCase())),
  dow: one(wholeNumber(6)),
  hour: one(wholeNumber(23)),
  after: one(z.string().max(300).refine((s) => decodeCursor(s) !== null, "is not a page of this list")),
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
  where: string;
  params: unknown[];
}

/** WHERE over "Mention" m (and "Workspace" w for the local time); the workspace comes first. */
export function compileMentionWhere(workspaceId: string, timeZone: string, q: MentionQuery, cursor?: { at: string; id: string } | null): CompiledMentions {
  const params: unknown[] = [workspaceId];
  const p = (v: unknown, cast = "") => {
    params.push(v);
    return `$${params.length}${cast}`;
  };
  const utc = (d: Date) => d.toISOString().slice(0, 23);
  const clauses = [`m."workspaceId" = $1`];
  if (q.from) clauses.push(`m."postedAt" >= ${p(utc(startOfLocalDate(q.from, timeZone)), "::timestamp")}`);
  if (q.to) clauses.push(`m."postedAt" < ${p(utc(startOfLocalDate(addDays(q.to, 1), timeZone)), "::timestamp")}`);
  if (q.brand === "none") clauses.push(`m."brandId" IS NULL`);
  else if (q.brand) clauses.push(`m."brandId" = ${p(q.brand)}`);
  if (q.network) clauses.push(`m."network" = ${p(q.network)}::"Network"`);
  if (q.sentiment === "none") clauses.push(`m."sentiment" IS NULL`);
  else if (q.sentiment) clauses.push(`m."sentiment" = ${p(q.sentiment)}::"Sentiment"`);
  if (q.rule) clauses.push(`EXISTS (SELECT 1 FROM "MentionRuleMatch" x WHERE x."mentionId" = m."id" AND x."ruleId" = ${p(q.rule)})`);
  if (q.author) clauses.push(`m."authorId" = ${p(q.author)}`);
  if (q.term) {
    // A cheap substring test first; the exact term extraction (the rollups' own) decides.
    const word = q.term.replace(/^#/, "").replace(/[\\%_]/g, (c) => `\\${c}`);
    clauses.push(`(coalesce(m."title", '') || ' ' || m."text") ILIKE ${p(`%${word}%`)}`, `earshot_terms(coalesce(m."title", '') || ' ' || m."text") @> ARRAY[${p(q.term)}::text]`);
  }
  if (q.dow !== undefined) clauses.push(`extract(isodow FROM earshot_local(m."postedAt", ${p(timeZone)})) - 1 = ${p(q.dow)}`);
  if (q.hour !== undefined) clauses.push(`extract(hour FROM earshot_local(m."postedAt", ${p(timeZone)})) = ${p(q.hour)}`);
  if (cursor) clauses.push(`(m."postedAt", m."id") < (${p(cursor.at, "::timestamp")}, ${p(cursor.id)})`);
  return { where: clauses.join(" AND "), params };
}
