// The dashboard's filters, from the URL (zod), and the links from a figure to the cases or
// mentions behind it. Pure.
import { z } from "zod";
import { NETWORKS } from "@/lib/domain/vocabulary";
import { DATE_RULE, daysBetween, isLocalDate } from "@/lib/time/dates";
import { idParam as id } from "@/lib/util/params";
import { MAX_RANGE_DAYS, lastDays, type LocalDateRange } from "./period";

const localDate = z.string().refine(isLocalDate, DATE_RULE);

export const dashboardParamsSchema = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  brand: id.optional(),
  network: z.enum(NETWORKS).optional(),
  queue: id.optional(),
  agent: id.optional(),
});

export interface DashboardFilter {
  range: LocalDateRange;
  brandId: string | null;
  network: string | null;
  queueId: string | null;
  agentId: string | null;
}

export const DEFAULT_DAYS = 30;

/** Filters from search params; what is invalid is reported and replaced by the default. */
export function parseDashboardFilter(
  params: Record<string, string | string[] | undefined>,
  timeZone: string,
  now = new Date(),
): { filter: DashboardFilter; errors: string[] } {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const errors: string[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(dashboardParamsSchema.shape)) {
    if (flat[key] === undefined) continue;
    const r = (schema as z.ZodType).safeParse(flat[key]);
    if (r.success) clean[key] = r.data;
    else errors.push(`"${key}" ${r.error.issues[0]?.message ?? "is invalid"}; it was ignored.`);
  }
  const fallback = lastDays(DEFAULT_DAYS, timeZone, now);
  let range: LocalDateRange = {
    from: (clean.from as string) ?? fallback.from,
    to: (clean.to as string) ?? fallback.to,
  };
  if (clean.from && !clean.to && range.from > range.to) range = { from: range.from, to: range.from };
  if (range.from > range.to) {
    errors.push(`The range starts (${range.from}) after it ends (${range.to}): showing the last ${DEFAULT_DAYS} days.`);
    range = fallback;
  } else if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS) {
    errors.push(`A range can span at most ${MAX_RANGE_DAYS} days: showing the last ${DEFAULT_DAYS} days.`);
    range = fallback;
  }
  return {
    filter: {
      range,
      brandId: (clean.brand as string) ?? null,
      network: (clean.network as string) ?? null,
      queueId: (clean.queue as string) ?? null,
      agentId: (clean.agent as string) ?? null,
    },
    errors,
  };
}

function query(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") u.set(k, String(v));
  return u.toString();
}

export function dashboardQuery(f: DashboardFilter, extra: Record<string, string | null> = {}): string {
  return query({
    from: f.range.from,
    to: f.range.to,
    brand: f.brandId,
    network: f.network,
    queue: f.queueId,
    agent: f.agentId,
    ...extra,
  });
}

export type CaseMetric = "created" | "solved" | "responded" | "awaiting" | "sla_met" | "sla_breached";

/** The inbox listing the cases behind a figure (a bucket narrows the dates). */
export function casesLink(
  f: DashboardFilter,
  metric: CaseMetric,
  opts: { from?: string; to?: string; target?: string; queueId?: string | null; agentId?: string | null } = {},
): string {
  return `/inbox?${query({
    view: "all",
    metric,
    from: opts.from ?? f.range.from,
    to: opts.to ?? f.range.to,
    target: opts.target,
    brand: f.brandId,
    network: f.network,
    queue: opts.queueId !== undefined ? (opts.queueId ?? "none") : f.queueId,
    assignee: opts.agentId ?? f.agentId,
  })}`;
}

export interface MentionDrill {
  from?: string;
  to?: string;
  brand?: string | null;
  network?: string | null;
  sentiment?: string;
  rule?: string;
  author?: string;
  term?: string;
  dow?: number;
  hour?: number;
}

/** The mentions list behind a figure. */
export function mentionsLink(f: DashboardFilter, d: MentionDrill = {}): string {
  return `/mentions?${query({
    from: d.from ?? f.range.from,
    to: d.to ?? f.range.to,
    brand: d.brand !== undefined ? (d.brand ?? "none") : f.brandId,
    network: d.network ?? f.network,
    sentiment: d.sentiment,
    rule: d.rule,
    author: d.author,
    term: d.term,
    dow: d.dow,
    hour: d.hour,
  })}`;
}
