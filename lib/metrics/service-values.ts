import "server-only";
import { db } from "@/lib/db/client";
import { ident, join, query, sql, typed, typedArray, type ColumnName } from "@/lib/db/sql";
import type { Period } from "./period";
import { locateRank, type BinCount, type Spread } from "./percentile";
import type { ServiceFilter } from "./service";
import { caseFilterSql, date, ts } from "./sql";

// First-response and resolution percentiles from the value histograms (prisma/sql/service-stats.sql):
// the period's bins say which bin holds each rank, and only that bin's values are read, in
// order from an index. Exact — the same values percentile_disc over the period would return —
// at a cost that no longer grows with the period's number of cases.

type Measure = "frt" | "frt_bus" | "res" | "res_bus";

const COLUMNS: Record<Measure, { value: ColumnName; at: ColumnName }> = {
  frt: { value: "frtMinutes", at: "firstReplyAt" },
  frt_bus: { value: "frtBusinessMinutes", at: "firstReplyAt" },
  res: { value: "resolutionMinutes", at: "solvedAt" },
  res_bus: { value: "resolutionBusinessMinutes", at: "solvedAt" },
};
const MEASURES = Object.keys(COLUMNS) as Measure[];
const PERCENTILES = [0.5, 0.9] as const;

/** The histogram slice a filter reads, or null when it has none (the caller sorts instead). */
export function valueSlice(filter: ServiceFilter): string | null {
  if (filter.queueId || filter.agentId || (filter.brandId && filter.network)) return null;
  if (filter.brandId) return `b:${filter.brandId}`;
  if (filter.network) return `n:${filter.network}`;
  return "";
}

export interface ValueSpreads {
  frt: { calendar: Spread; business: Spread };
  resolution: { calendar: Spread; business: Spread };
}

export async function valueSpreads(
  workspaceId: string,
  period: Period,
  filter: ServiceFilter,
  slice: string,
): Promise<ValueSpreads> {
  const histogram = await query<{ measure: Measure; bin: number; n: number }>(
    db(),
    sql`SELECT s."measure", s."bin", sum(s."n")::int AS n FROM "ServiceValueStat" s
     WHERE s."workspaceId" = ${workspaceId} AND s."measure" = ANY(${typedArray(MEASURES, "text")}) AND s."slice" = ${slice}
       AND s."day" >= ${date(period.from)} AND s."day" <= ${date(period.to)}
     GROUP BY 1, 2 HAVING sum(s."n") <> 0 ORDER BY 1, 2`,
  );
  const bins = new Map<Measure, BinCount[]>(MEASURES.map((m) => [m, []]));
  for (const r of histogram) bins.get(r.measure)!.push({ bin: r.bin, n: r.n });

  // One statement: for each wanted rank, the value at its offset within its bin.
  const wanted = MEASURES.flatMap((measure) =>
    PERCENTILES.map((p) => ({ measure, p, at: locateRank(bins.get(measure)!, p) })),
  );
  const reads = wanted
    .filter((w) => w.at)
    .map(({ measure, p, at }) => {
      const [value, time] = [ident(COLUMNS[measure].value), ident(COLUMNS[measure].at)];
      return sql`(SELECT ${measure} AS measure, ${typed(p, "float8")} AS p, c.${value} AS v FROM "CaseCycle" c
      WHERE c."workspaceId" = ${workspaceId} AND earshot_value_bin(c.${value}) = ${typed(at!.bin, "int")}
        AND c.${time} >= ${ts(period.start)} AND c.${time} < ${ts(period.end)}${caseFilterSql(filter, "c")}
      ORDER BY c.${value} OFFSET ${typed(at!.offset, "int")} LIMIT 1)`;
    });
  const values = reads.length
    ? await query<{ measure: Measure; p: number; v: number }>(db(), join(reads, " UNION ALL "))
    : [];
  const spreadOf = (measure: Measure): Spread => {
    const count = bins.get(measure)!.reduce((sum, b) => sum + b.n, 0);
    const pick = (p: number) => values.find((v) => v.measure === measure && v.p === p)?.v ?? null;
    return { count, median: count ? pick(0.5) : null, p90: count ? pick(0.9) : null };
  };
  return {
    frt: { calendar: spreadOf("frt"), business: spreadOf("frt_bus") },
    resolution: { calendar: spreadOf("res"), business: spreadOf("res_bus") },
  };
}
