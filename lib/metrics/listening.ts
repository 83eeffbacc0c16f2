import "server-only";
import { db } from "@/lib/db/client";
import { empty, intLiteral, join, query, sql, typed, type Sql } from "@/lib/db/sql";
import { addDays } from "@/lib/time/dates";
import { bucketIndexOfDate, weekCover, type Period } from "./period";
import { date, localMidnight, ts } from "./sql";
import { drainMentionQueue } from "./mention-queue";
import {
  authorRows,
  INFLUENCE_ORDER,
  topAuthorsFromSpan,
  unprofiledAuthors,
  VOLUME_ORDER,
  withoutHidden,
} from "./author-spans";

// The listening figures (docs/metrics.md, "Listening"). `rollup` reads the trigger-kept
// rollups (prisma/sql/metrics.sql); `raw` computes the same from the mentions themselves —
// slower, and what the tests hold the rollups to.

export type Source = "rollup" | "raw";

export interface ListeningFilter {
  brandId?: string | null;
  network?: string | null;
}

export interface Series<K> {
  key: K;
  total: number;
  buckets: number[];
}

export interface ListeningMetrics {
  total: number;
  deleted: number;
  buckets: number[];
  byBrand: Array<Series<string | null>>;
  byNetwork: Array<Series<string>>;
  /** Per rule: a mention matching two rules counts under each (the sum can exceed the total). */
  byRule: Array<Series<string>>;
  sentiment: {
    POSITIVE: number;
    NEUTRAL: number;
    NEGATIVE: number;
    UNSCORED: number;
    net: number | null;
    buckets: Array<Record<"POSITIVE" | "NEUTRAL" | "NEGATIVE" | "UNSCORED", number>>;
  };
  /** Every tracked brand's share in the same period and network filter (the brand filter does not apply: it is a share of all). */
  shareOfVoice: Array<{ brandId: string | null; mentions: number; share: number }>;
  /** [weekday Monday=0][local hour]. */
  heatmap: number[][];
  topTerms: Array<{ term: string; mentions: number }>;
  topHashtags: Array<{ term: string; mentions: number }>;
  topAuthorsByVolume: Array<{ authorId: string; mentions: number; maxInfluence: number | null }>;
  topAuthorsByInfluence: Array<{ authorId: string; mentions: number; maxInfluence: number | null }>;
}

/** How many top terms, hashtags and authors. */
export const TOP = 15;

const run = <T>(statement: Sql): Promise<T[]> => query<T>(db(), statement);

// What the raw figures join to the period's mentions, before its WHERE (fixed text).
const RULE_MATCHES = sql`JOIN "MentionRuleMatch" x ON x."mentionId" = m."id" `;
const MENTION_TERMS = sql`CROSS JOIN LATERAL unnest(earshot_terms(coalesce(m."title", '') || ' ' || m."text")) AS t(term) `;

/** The mentions of the period, as a FROM … WHERE with the local time `lt` (raw) or the rollup's key; `joined` goes before the WHERE. */
function rawFrom(workspaceId: string, period: Period, f: ListeningFilter, brand: boolean, joined: Sql = empty): Sql {
  return sql`FROM "Mention" m JOIN "Workspace" w ON w."id" = m."workspaceId" CROSS JOIN LATERAL (SELECT earshot_local(m."postedAt", w."timeZone") AS lt) l
    ${joined}WHERE m."workspaceId" = ${workspaceId} AND m."postedAt" >= ${ts(period.start)} AND m."postedAt" < ${ts(period.end)}
    ${f.network ? sql`AND m."network" = ${typed(f.network, '"Network"')}` : empty} ${brand && f.brandId ? sql`AND m."brandId" = ${f.brandId}` : empty}`;
}

function rollupWhere(
  workspaceId: string,
  period: Period,
  f: ListeningFilter,
  brand: boolean,
  key: "hour" | "day",
): Sql {
  const until = addDays(period.to, 1);
  const range =
    key === "hour"
      ? sql`s."hour" >= ${typed(localMidnight(period.from), "timestamp")} AND s."hour" < ${typed(localMidnight(until), "timestamp")}`
      : sql`s."day" >= ${date(period.from)} AND s."day" < ${date(until)}`;
  return sql`WHERE s."workspaceId" = ${workspaceId} AND ${range}
    ${f.network ? sql`AND s."network" = ${typed(f.network, '"Network"')}` : empty} ${brand && f.brandId ? sql`AND s."brandId" = ${f.brandId}` : empty}`;
}

/**
 * Every listening figure. `authors: false` leaves the top authors out (empty): the dashboard
 * streams that panel after the rest (its first load after a change to a closed day builds a
 * span, author-spans.ts).
 */
export async function listeningMetrics(
  workspaceId: string,
  period: Period,
  filter: ListeningFilter,
  source: Source = "rollup",
  options: { authors?: boolean } = {},
): Promise<ListeningMetrics> {
  const raw = source === "raw";
  if (!raw) await drainMentionQueue(workspaceId);
  const [cells, rules, heat, terms, authors] = await Promise.all([
    // Day × brand × network × sentiment: volume, sentiment, brands, networks, share of voice.
    run<{ d: string; brandId: string; network: string; sentiment: string; n: number; deleted: number }>(
      raw
        ? sql`SELECT to_char(l.lt, 'YYYY-MM-DD') AS d, coalesce(m."brandId", '') AS "brandId", m."network"::text AS network, coalesce(m."sentiment"::text, '') AS sentiment,
           count(*)::int AS n, (count(*) FILTER (WHERE m."deleted"))::int AS deleted ${rawFrom(workspaceId, period, filter, false)} GROUP BY 1, 2, 3, 4`
        : sql`SELECT to_char(s."hour", 'YYYY-MM-DD') AS d, s."brandId", s."network"::text AS network, s."sentiment", sum(s."mentions")::int AS n, sum(s."deleted")::int AS deleted
         FROM "MentionStat" s ${rollupWhere(workspaceId, period, filter, false, "hour")} GROUP BY 1, 2, 3, 4`,
    ),
    run<{ d: string; ruleId: string; n: number }>(
      raw
        ? sql`SELECT to_char(l.lt, 'YYYY-MM-DD') AS d, x."ruleId", count(*)::int AS n ${rawFrom(workspaceId, period, filter, true, RULE_MATCHES)} GROUP BY 1, 2`
        : sql`SELECT to_char(s."hour", 'YYYY-MM-DD') AS d, s."ruleId", sum(s."mentions")::int AS n FROM "MentionRuleStat" s ${rollupWhere(workspaceId, period, filter, true, "hour")} GROUP BY 1, 2`,
    ),
    run<{ dow: number; hour: number; n: number }>(
      raw
        ? sql`SELECT (extract(isodow FROM l.lt) - 1)::int AS dow, extract(hour FROM l.lt)::int AS hour, count(*)::int AS n ${rawFrom(workspaceId, period, filter, true)} GROUP BY 1, 2`
        : sql`SELECT (extract(isodow FROM s."hour") - 1)::int AS dow, extract(hour FROM s."hour")::int AS hour, sum(s."mentions")::int AS n FROM "MentionStat" s ${rollupWhere(workspaceId, period, filter, true, "hour")} GROUP BY 1, 2`,
    ),
    topTerms(workspaceId, period, filter, raw),
    options.authors === false ? { byVolume: [], byInfluence: [] } : topAuthors(workspaceId, period, filter, raw),
  ]);

  const n = period.buckets.length;
  const zeros = () => Array.from({ length: n }, () => 0);
  const buckets = zeros();
  const brands = new Map<string | null, Series<string | null>>();
  const networks = new Map<string, Series<string>>();
  const sentimentBuckets = period.buckets.map(() => ({ POSITIVE: 0, NEUTRAL: 0, NEGATIVE: 0, UNSCORED: 0 }));
  const sov = new Map<string | null, number>();
  let deleted = 0;
  for (const c of cells) {
    const brandId = c.brandId || null;
    sov.set(brandId, (sov.get(brandId) ?? 0) + c.n);
    if (filter.brandId && brandId !== filter.brandId) continue;
    const i = bucketIndexOfDate(period, c.d);
    if (i < 0) continue;
    buckets[i] += c.n;
    deleted += c.deleted;
    const b = brands.get(brandId) ?? brands.set(brandId, { key: brandId, total: 0, buckets: zeros() }).get(brandId)!;
    b.total += c.n;
    b.buckets[i] += c.n;
    const nw =
      networks.get(c.network) ??
      networks.set(c.network, { key: c.network, total: 0, buckets: zeros() }).get(c.network)!;
    nw.total += c.n;
    nw.buckets[i] += c.n;
    sentimentBuckets[i][(c.sentiment || "UNSCORED") as "POSITIVE"] += c.n;
  }
  const sentiment = { POSITIVE: 0, NEUTRAL: 0, NEGATIVE: 0, UNSCORED: 0 };
  for (const b of sentimentBuckets)
    for (const k of Object.keys(sentiment) as Array<keyof typeof sentiment>) sentiment[k] += b[k];
  const scored = sentiment.POSITIVE + sentiment.NEUTRAL + sentiment.NEGATIVE;
  const ruleSeries = new Map<string, Series<string>>();
  for (const r of rules) {
    const i = bucketIndexOfDate(period, r.d);
    if (i < 0) continue;
    const s =
      ruleSeries.get(r.ruleId) ??
      ruleSeries.set(r.ruleId, { key: r.ruleId, total: 0, buckets: zeros() }).get(r.ruleId)!;
    s.total += r.n;
    s.buckets[i] += r.n;
  }
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const h of heat) heatmap[h.dow][h.hour] += h.n;
  const sovTotal = [...sov.values()].reduce((a, b) => a + b, 0);
  const byTotal = <T extends { total: number; key: unknown }>(a: T, b: T) =>
    b.total - a.total || String(a.key).localeCompare(String(b.key));
  return {
    total: buckets.reduce((a, b) => a + b, 0),
    deleted,
    buckets,
    byBrand: [...brands.values()].sort(byTotal),
    byNetwork: [...networks.values()].sort(byTotal),
    byRule: [...ruleSeries.values()].sort(byTotal),
    sentiment: {
      ...sentiment,
      net: scored ? Math.round(((sentiment.POSITIVE - sentiment.NEGATIVE) / scored) * 1000) / 10 : null,
      buckets: sentimentBuckets,
    },
    shareOfVoice: [...sov]
      .map(([brandId, mentions]) => ({ brandId, mentions, share: sovTotal ? mentions / sovTotal : 0 }))
      .sort((a, b) => b.mentions - a.mentions || String(a.brandId).localeCompare(String(b.brandId))),
    heatmap,
    topTerms: terms.terms,
    topHashtags: terms.hashtags,
    topAuthorsByVolume: authors.byVolume,
    topAuthorsByInfluence: authors.byInfluence,
  };
}

/** Without a brand or network filter, the per-day tables without those keys (far fewer rows). */
const unfiltered = (f: ListeningFilter) => !f.brandId && !f.network;

/** The period's term rows: its whole weeks from MentionTermWeek, its edge days from MentionTermDay. */
function termsByWeek(workspaceId: string, period: Period): Sql {
  const { weeks, days } = weekCover(period);
  const parts = days.map(
    (d) =>
      sql`SELECT s."term", s."mentions" FROM "MentionTermDay" s WHERE s."workspaceId" = ${workspaceId} AND s."day" >= ${date(d.from)} AND s."day" < ${date(d.until)}`,
  );
  if (weeks)
    parts.push(
      sql`SELECT s."term", s."mentions" FROM "MentionTermWeek" s WHERE s."workspaceId" = ${workspaceId} AND s."week" >= ${date(weeks.from)} AND s."week" < ${date(weeks.until)}`,
    );
  return join(parts, " UNION ALL ");
}

/** The top terms and the top hashtags from one pass over the term rows of the period. */
async function topTerms(workspaceId: string, period: Period, filter: ListeningFilter, raw: boolean) {
  const rows = await run<{ term: string; mentions: number }>(sql`SELECT term, mentions FROM (
      SELECT term, mentions, row_number() OVER (PARTITION BY left(term, 1) = '#' ORDER BY mentions DESC, term) AS rank FROM (
        ${
          raw
            ? sql`SELECT t.term, count(*)::int AS mentions ${rawFrom(workspaceId, period, filter, true, MENTION_TERMS)} GROUP BY 1`
            : unfiltered(filter)
              ? sql`SELECT term, sum(mentions)::int AS mentions FROM (${termsByWeek(workspaceId, period)}) x GROUP BY 1 HAVING sum(mentions) > 0`
              : sql`SELECT s."term" AS term, sum(s."mentions")::int AS mentions FROM "MentionTermStat" s
             ${rollupWhere(workspaceId, period, filter, true, "day")} GROUP BY 1 HAVING sum(s."mentions") > 0`
        }
      ) totals
    ) ranked WHERE rank <= ${intLiteral(TOP)} ORDER BY mentions DESC, term`);
  return { terms: rows.filter((r) => !r.term.startsWith("#")), hashtags: rows.filter((r) => r.term.startsWith("#")) };
}

/**
 * The top authors by volume and by influence: from the closed days' span plus today
 * (author-spans.ts), or — raw, or a period with no closed day — one pass over the author rows.
 * Contacts who asked not to be profiled are left out (the next authors move up).
 */
export async function topAuthors(
  workspaceId: string,
  period: Period,
  filter: ListeningFilter,
  raw = false,
  now = new Date(),
) {
  const [hidden] = await Promise.all([unprofiledAuthors(workspaceId), raw ? null : drainMentionQueue(workspaceId)]);
  const wanted = TOP + hidden.size;
  if (!raw) {
    const fromSpan = await topAuthorsFromSpan(workspaceId, period, filter, TOP, now, hidden);
    if (fromSpan) return fromSpan;
  }
  type Row = { authorId: string; mentions: number; maxInfluence: number | null; byVolume: number; byInfluence: number };
  const rows = await run<Row>(sql`SELECT * FROM (
      SELECT *, row_number() OVER (ORDER BY ${VOLUME_ORDER})::int AS "byVolume", row_number() OVER (ORDER BY ${INFLUENCE_ORDER})::int AS "byInfluence" FROM (
        ${
          raw
            ? sql`SELECT m."authorId", count(*)::int AS mentions, max(m."influence") AS "maxInfluence" ${rawFrom(workspaceId, period, filter, true)} AND m."authorId" IS NOT NULL GROUP BY 1`
            : sql`${authorRows(workspaceId, period.from, period.to, filter)} HAVING sum(s."mentions") > 0`
        }
      ) totals
    ) ranked WHERE "byVolume" <= ${intLiteral(wanted)} OR "byInfluence" <= ${intLiteral(wanted)}`);
  const pick = (key: "byVolume" | "byInfluence") =>
    rows
      .filter((r) => r[key] <= wanted)
      .sort((a, b) => a[key] - b[key])
      .map(({ authorId, mentions, maxInfluence }) => ({ authorId, mentions, maxInfluence }));
  return withoutHidden({ byVolume: pick("byVolume"), byInfluence: pick("byInfluence") }, hidden, TOP);
}
