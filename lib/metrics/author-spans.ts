import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { empty, execute, query, sql, typed, type Sql } from "@/lib/db/sql";
import { addDays, localDateOf } from "@/lib/time/dates";
import type { Period } from "./period";
import { date } from "./sql";
import type { ListeningFilter } from "./listening";

// Top authors over a period without reading one row per author and day on every load. Authors
// are many and each posts rarely, so a period's author rows are the largest listening read by
// far (a uniform 150,000 authors over 30 days: ~840,000 rows). The closed days of the period
// (before today) are summed once into an AuthorSpan; a load reads that span's own top lists plus
// today's rows joined to it. Exact:
//   - an author with posts today gets span total + today's count;
//   - an author without gets their span total, and can only rank in the top N if they are in
//     the span's own top N under the same order — whoever is ahead of them in the span is still
//     ahead once today is added (counts and maxima only grow).
// A span is valid while the workspace's AuthorEpoch is unchanged (prisma/sql/metrics.sql).

export interface AuthorTotal {
  authorId: string;
  mentions: number;
  maxInfluence: number | null;
}

// The rankings' orders, ties by id in code-unit order whatever the database's collation.
export const VOLUME_ORDER = sql`mentions DESC, "maxInfluence" DESC NULLS LAST, "authorId" COLLATE "C"`;
export const INFLUENCE_ORDER = sql`"maxInfluence" DESC NULLS LAST, mentions DESC, "authorId" COLLATE "C"`;
const byId = (a: AuthorTotal, b: AuthorTotal) => (a.authorId < b.authorId ? -1 : a.authorId > b.authorId ? 1 : 0);
const byInfluenceValue = (a: AuthorTotal, b: AuthorTotal) =>
  (b.maxInfluence ?? -Infinity) - (a.maxInfluence ?? -Infinity);
export const byVolume = (a: AuthorTotal, b: AuthorTotal) =>
  b.mentions - a.mentions || byInfluenceValue(a, b) || byId(a, b);
export const byInfluence = (a: AuthorTotal, b: AuthorTotal) =>
  byInfluenceValue(a, b) || b.mentions - a.mentions || byId(a, b);

/** The author rows of a range of local days: the per-day table, or the per-brand-and-network one. */
export function authorRows(workspaceId: string, from: string, to: string, f: ListeningFilter): Sql {
  const table = !f.brandId && !f.network ? sql`"MentionAuthorDay"` : sql`"MentionAuthorStat"`;
  return sql`SELECT s."authorId", sum(s."mentions")::int AS mentions, max(s."maxInfluence") AS "maxInfluence" FROM ${table} s
    WHERE s."workspaceId" = ${workspaceId} AND s."day" >= ${date(from)} AND s."day" <= ${date(to)}
    ${f.network ? sql`AND s."network" = ${typed(f.network, '"Network"')}` : empty} ${f.brandId ? sql`AND s."brandId" = ${f.brandId}` : empty}
    GROUP BY 1`;
}

/** A span's key; `alias`: the table itself or the alias sp. */
function spanKey(
  workspaceId: string,
  f: ListeningFilter,
  from: string,
  to: string,
  alias: "AuthorSpan" | "sp" = "AuthorSpan",
): Sql {
  const t = alias === "sp" ? sql`sp` : sql`"AuthorSpan"`;
  return sql`${t}."workspaceId" = ${workspaceId} AND ${t}."brandId" = ${f.brandId ?? ""} AND ${t}."network" = ${f.network ?? ""}
    AND ${t}."fromDay" = ${date(from)} AND ${t}."toDay" = ${date(to)}`;
}

export interface TopAuthors {
  byVolume: AuthorTotal[];
  byInfluence: AuthorTotal[];
}

/**
 * Authors left out of top-author lists: the identities of contacts who asked not to be profiled
 * (Contact.doNotProfile, docs/privacy/flags-and-deletions.md). Read when a list is made, so setting or lifting
 * the flag shows at once, whatever the rollups and spans hold.
 */
export async function unprofiledAuthors(workspaceId: string): Promise<Set<string>> {
  const rows = await query<{ id: string }>(
    db(),
    sql`SELECT i."id" FROM "Contact" c JOIN "SocialIdentity" i ON i."contactId" = c."id"
      WHERE c."workspaceId" = ${workspaceId} AND c."doNotProfile" AND i."workspaceId" = ${workspaceId}`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The lists without the `hidden` authors, `top` long: made from the top `top + hidden.size`
 * (however many of the hidden are among them, the first `top` of the others are).
 */
export function withoutHidden(lists: TopAuthors, hidden: ReadonlySet<string>, top: number): TopAuthors {
  if (!hidden.size) return lists;
  const keep = (list: AuthorTotal[]) => list.filter((a) => !hidden.has(a.authorId)).slice(0, top);
  return { byVolume: keep(lists.byVolume), byInfluence: keep(lists.byInfluence) };
}

/**
 * The top `top` authors by volume and by influence, without the `hidden` ones; null when the
 * period has no closed day.
 */
export async function topAuthorsFromSpan(
  workspaceId: string,
  period: Period,
  filter: ListeningFilter,
  top: number,
  now = new Date(),
  hidden: ReadonlySet<string> = new Set(),
): Promise<TopAuthors | null> {
  const today = localDateOf(now, period.timeZone);
  const closedTo = period.to < today ? period.to : addDays(today, -1);
  if (closedTo < period.from) return null;
  const wanted = top + hidden.size;
  for (let attempt = 0; attempt < 2; attempt++) {
    const read = await readWithSpan(workspaceId, period, filter, closedTo, wanted);
    if (read) return withoutHidden(read, hidden, top);
    await buildSpan(workspaceId, period.from, closedTo, filter, wanted);
  }
  return null; // Rebuilt under our feet twice: the caller sums the rows itself.
}

async function readWithSpan(
  workspaceId: string,
  period: Period,
  filter: ListeningFilter,
  closedTo: string,
  top: number,
): Promise<TopAuthors | null> {
  const openFrom = addDays(closedTo, 1);
  const open = openFrom <= period.to;
  // One statement, one snapshot: the span is current (its epoch) and its totals are all there.
  const statement = sql`WITH span AS (
      SELECT sp."id", sp."top" FROM "AuthorSpan" sp WHERE ${spanKey(workspaceId, filter, period.from, closedTo, "sp")} AND sp."topN" >= ${typed(top, "int")}
        AND sp."epoch" = coalesce((SELECT e."epoch" FROM "AuthorEpoch" e WHERE e."workspaceId" = sp."workspaceId"), 0)
    ), open AS (
      ${open ? authorRows(workspaceId, openFrom, period.to, filter) : sql`SELECT NULL::text AS "authorId", 0 AS mentions, NULL::int AS "maxInfluence" WHERE false`}
    ), combined AS (
      SELECT o."authorId", o.mentions + coalesce(t.mentions, 0) AS mentions, greatest(o."maxInfluence", t."maxInfluence") AS "maxInfluence"
      FROM open o LEFT JOIN "AuthorSpanTotal" t ON t."spanId" = (SELECT "id" FROM span) AND t."authorId" = o."authorId" AND t."workspaceId" = ${workspaceId}
      UNION ALL
      SELECT x."authorId", x.mentions, x."maxInfluence" FROM span CROSS JOIN LATERAL jsonb_to_recordset(span."top") AS x("authorId" text, mentions int, "maxInfluence" int)
      WHERE NOT EXISTS (SELECT 1 FROM open o WHERE o."authorId" = x."authorId")
    )
    SELECT (SELECT count(*) FROM span)::int AS spans,
      (SELECT coalesce(json_agg(v), '[]') FROM (SELECT * FROM combined WHERE mentions > 0 ORDER BY ${VOLUME_ORDER} LIMIT ${typed(top, "int")}) v) AS "byVolume",
      (SELECT coalesce(json_agg(v), '[]') FROM (SELECT * FROM combined WHERE mentions > 0 ORDER BY ${INFLUENCE_ORDER} LIMIT ${typed(top, "int")}) v) AS "byInfluence"`;
  const [row] = await query<{ spans: number } & TopAuthors>(db(), statement);
  return row.spans ? { byVolume: row.byVolume.sort(byVolume), byInfluence: row.byInfluence.sort(byInfluence) } : null;
}

/** Sums the closed days into a span at the current epoch (one snapshot of the counts and epoch). */
export async function buildSpan(
  workspaceId: string,
  from: string,
  to: string,
  filter: ListeningFilter,
  top: number,
): Promise<void> {
  try {
    await db().$transaction(
      async (tx) => {
        // Summing every author of a month is one big aggregate: let it stay in memory.
        await execute(tx, sql`SET LOCAL work_mem = '64MB'`);
        const [{ epoch }] = await tx.$queryRaw<
          Array<{ epoch: bigint }>
        >`SELECT coalesce((SELECT "epoch" FROM "AuthorEpoch" WHERE "workspaceId" = ${workspaceId}), 0)::bigint AS epoch`;
        // This key's old span, and spans built before today (their days have moved on).
        await execute(
          tx,
          sql`DELETE FROM "AuthorSpan" WHERE (${spanKey(workspaceId, filter, from, to)}) OR ("workspaceId" = ${workspaceId} AND ("epoch" <> ${typed(epoch, "bigint")} OR "builtAt" < now() - interval '1 day'))`,
        );
        const [span] = await query<{ id: string }>(
          tx,
          sql`INSERT INTO "AuthorSpan" ("id", "workspaceId", "brandId", "network", "fromDay", "toDay", "epoch")
        VALUES (gen_random_uuid()::text, ${workspaceId}, ${filter.brandId ?? ""}, ${filter.network ?? ""}, ${date(from)}, ${date(to)}, ${typed(epoch, "bigint")})
        ON CONFLICT DO NOTHING RETURNING "id"`,
        );
        if (!span) return; // Built by a concurrent load.
        await execute(
          tx,
          sql`INSERT INTO "AuthorSpanTotal" ("workspaceId", "spanId", "authorId", "mentions", "maxInfluence")
        SELECT ${workspaceId}, ${span.id}, r."authorId", r.mentions, r."maxInfluence" FROM (${authorRows(workspaceId, from, to, filter)}) r WHERE r.mentions > 0
        ORDER BY r."authorId"`,
        );
        const ranked = (order: Sql) =>
          sql`(SELECT "authorId", mentions, "maxInfluence" FROM "AuthorSpanTotal" WHERE "workspaceId" = ${workspaceId} AND "spanId" = ${span.id} ORDER BY ${order} LIMIT ${typed(top, "int")})`;
        await execute(
          tx,
          sql`UPDATE "AuthorSpan" SET "topN" = ${typed(top, "int")}, "top" = (SELECT coalesce(jsonb_agg(x), '[]') FROM (${ranked(VOLUME_ORDER)} UNION ${ranked(INFLUENCE_ORDER)}) x)
        WHERE "id" = ${span.id}`,
        );
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000 },
    );
    // Fresh statistics, so that the next read joins today's authors to it sensibly.
    await execute(db(), sql`ANALYZE "AuthorSpanTotal"`);
  } catch (error) {
    // A concurrent build or epoch move: the caller reads again (or sums the rows itself).
    if (isConcurrencyError(error)) return;
    throw error;
  }
}

function isConcurrencyError(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return (
    /could not serialize|deadlock detected|duplicate key/i.test(text) || (error as { code?: string })?.code === "P2034"
  );
}

/**
 * Keeps the spans a load would want ready, so that nobody waits for one to be summed: the
 * default dashboard's (the last 30 days, no filter) and any span of yesterday whose closed days
 * changed since — at most one build a minute per span while its days keep changing (a backfill);
 * other retired spans, and any older than a day, are deleted.
 */
export async function refreshAuthorSpans(
  workspaceId: string,
  timeZone: string,
  top: number,
  now = new Date(),
): Promise<number> {
  const today = localDateOf(now, timeZone);
  const yesterday = addDays(today, -1);
  // As deep as a load will read them: the authors left out of the lists make them longer.
  top += (await unprofiledAuthors(workspaceId)).size;
  const [{ epoch }] = await db().$queryRaw<
    Array<{ epoch: bigint }>
  >`SELECT coalesce((SELECT "epoch" FROM "AuthorEpoch" WHERE "workspaceId" = ${workspaceId}), 0)::bigint AS epoch`;
  const spans = await db().authorSpan.findMany({
    where: { workspaceId, toDay: new Date(`${yesterday}T00:00:00Z`) },
    select: { brandId: true, network: true, fromDay: true, epoch: true, topN: true, builtAt: true },
  });
  const wanted = [
    { brandId: "", network: "", from: addDays(today, -29) },
    ...spans.map((s) => ({ brandId: s.brandId, network: s.network, from: s.fromDay.toISOString().slice(0, 10) })),
  ];
  let built = 0;
  const seen = new Set<string>();
  for (const key of wanted) {
    const id = `${key.brandId}|${key.network}|${key.from}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const span = spans.find(
      (s) =>
        s.brandId === key.brandId && s.network === key.network && s.fromDay.toISOString().slice(0, 10) === key.from,
    );
    if (span && span.epoch === epoch && span.topN >= top) continue;
    if (span && now.getTime() - span.builtAt.getTime() < 60_000) continue;
    await buildSpan(
      workspaceId,
      key.from,
      yesterday,
      { brandId: key.brandId || null, network: key.network || null },
      top,
    );
    built++;
  }
  // Retired spans nobody will rebuild here go now rather than at the next build: they hold
  // counts of posts that may since have been deleted or erased.
  await db().authorSpan.deleteMany({
    where: {
      workspaceId,
      OR: [
        { epoch: { not: epoch }, toDay: { not: new Date(`${yesterday}T00:00:00Z`) } },
        { builtAt: { lt: new Date(now.getTime() - 86_400_000) } },
      ],
    },
  });
  return built;
}
