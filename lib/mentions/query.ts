// The mentions list's filters (the dashboard's drill-down), parsed from the URL and compiled to
// SQL over "Mention" m. Values travel as parameters. Pure.
import { z } from "zod";
import { NETWORKS } from "@/lib/ingest/mention";
import { addDays, isLocalDate, startOfLocalDate } from "@/lib/metrics/period";

const id = z.string().regex(/^[\w-]{1,100}$/);

export const mentionQuerySchema = z.object({
  from: z.string().refine(isLocalDate).optional().catch(undefined),
  to: z.string().refine(isLocalDate).optional().catch(undefined),
  /** A brand id, or "none" for mentions without a brand. */
  brand: id.optional().catch(undefined),
  network: z.enum(NETWORKS).optional().catch(undefined),
  sentiment: z.enum(["POSITIVE", "NEUTRAL", "NEGATIVE", "none"]).optional().catch(undefined),
  rule: id.optional().catch(undefined),
  author: id.optional().catch(undefined),
  /** A term or a hashtag as the dashboard lists it ("refund", "#delta"). */
  term: z.string().regex(/^#?[\p{L}\p{N}_]{1,60}$/u).transform((t) => t.toLowerCase()).optional().catch(undefined),
  dow: z.coerce.number().int().min(0).max(6).optional().catch(undefined),
  hour: z.coerce.number().int().min(0).max(23).optional().catch(undefined),
  after: z.string().max(300).optional().catch(undefined),
});

export type MentionQuery = z.output<typeof mentionQuerySchema>;

export function parseMentionQuery(params: Record<string, string | string[] | undefined>): MentionQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  return mentionQuerySchema.parse(flat);
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
