// Every dashboard table as columns and rows: the page renders them (the charts' accessible
// alternatives too) and the CSV export writes the same rows, so screen and file agree. Each
// row may carry the link to the cases or mentions behind it. Pure.
import { casesLink, mentionsLink, type DashboardFilter } from "./filters";
import type { ListeningMetrics } from "./listening";
import type { Period } from "./period";
import type { ServiceMetrics } from "./service";

export type Cell = string | number | null;

export interface Table {
  id: string;
  title: string;
  columns: string[];
  rows: Array<{ cells: Cell[]; href?: string }>;
  /** A sentence under the table (what a figure includes). */
  note?: string;
}

export interface Names {
  brands: Array<{ id: string; name: string; isCompetitor?: boolean }>;
  queues: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string }>;
  rules: Array<{ id: string; name: string }>;
  policies: Array<{ id: string; name: string }>;
  authors: Array<{ id: string; handle: string; displayName: string | null; network: string }>;
}

const name = (list: Array<{ id: string; name: string }>, id: string | null, none: string) =>
  id ? (list.find((x) => x.id === id)?.name ?? "(deleted)") : none;
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const LISTENING_TABLES = [
  "volume",
  "networks",
  "share_of_voice",
  "rules",
  "heatmap",
  "terms",
  "hashtags",
  "authors_volume",
  "authors_influence",
] as const;
export const SERVICE_TABLES = ["service", "response_times", "sla", "sla_policies", "agents", "queues"] as const;
export type TableId = (typeof LISTENING_TABLES)[number] | (typeof SERVICE_TABLES)[number];

type TopAuthor = ListeningMetrics["topAuthorsByVolume"][number];

/** The two top-authors tables (the dashboard streams them after the rest). */
export function authorTables(
  byVolume: TopAuthor[],
  byInfluence: TopAuthor[],
  f: DashboardFilter,
  authors: Names["authors"],
): Record<"authors_volume" | "authors_influence", Table> {
  const author = (id: string) => authors.find((a) => a.id === id);
  const rows = (list: TopAuthor[]) =>
    list.map((a) => ({
      cells: [
        author(a.authorId)?.handle ?? a.authorId,
        author(a.authorId)?.network ?? null,
        author(a.authorId)?.displayName ?? null,
        a.mentions,
        a.maxInfluence,
      ],
      href: mentionsLink(f, { author: a.authorId }),
    }));
  const columns = ["Handle", "Network", "Name", "Mentions", "Highest influence"];
  return {
    authors_volume: { id: "authors_volume", title: "Top authors by volume", columns, rows: rows(byVolume) },
    authors_influence: { id: "authors_influence", title: "Top authors by influence", columns, rows: rows(byInfluence) },
  };
}

export function listeningTables(
  l: ListeningMetrics,
  period: Period,
  f: DashboardFilter,
  names: Names,
): Record<(typeof LISTENING_TABLES)[number], Table> {
  return {
    ...authorTables(l.topAuthorsByVolume, l.topAuthorsByInfluence, f, names.authors),
    volume: {
      id: "volume",
      title: "Mention volume and sentiment",
      columns: [
        period.granularity === "day" ? "Day" : "Week from",
        "Mentions",
        "Positive",
        "Neutral",
        "Negative",
        "Unscored",
      ],
      rows: period.buckets.map((b, i) => ({
        cells: [
          b.key,
          l.buckets[i],
          l.sentiment.buckets[i].POSITIVE,
          l.sentiment.buckets[i].NEUTRAL,
          l.sentiment.buckets[i].NEGATIVE,
          l.sentiment.buckets[i].UNSCORED,
        ],
        href: mentionsLink(f, { from: b.key, to: addDaysExclusive(b.until) }),
      })),
      note: `Total ${l.total} mentions, ${l.deleted} of them since deleted by their authors (counted: they were said).`,
    },
    networks: {
      id: "networks",
      title: "Mentions by network",
      columns: ["Network", "Mentions"],
      rows: l.byNetwork.map((n) => ({ cells: [n.key, n.total], href: mentionsLink(f, { network: n.key }) })),
    },
    share_of_voice: {
      id: "share_of_voice",
      title: "Share of voice",
      columns: ["Brand", "Competitor", "Mentions", "Share %"],
      rows: l.shareOfVoice.map((s) => ({
        cells: [
          name(names.brands, s.brandId, "(no brand)"),
          s.brandId ? (names.brands.find((b) => b.id === s.brandId)?.isCompetitor ? "yes" : "no") : null,
          s.mentions,
          pct(s.share),
        ],
        href: mentionsLink(f, { brand: s.brandId }),
      })),
      note: "Shares of all tracked brands' mentions in the period and network filter; the brand filter does not narrow this table.",
    },
    rules: {
      id: "rules",
      title: "Mentions by keyword rule",
      columns: ["Rule", "Mentions"],
      rows: l.byRule.map((r) => ({
        cells: [name(names.rules, r.key, "(none)"), r.total],
        href: mentionsLink(f, { rule: r.key }),
      })),
      note: "A mention matching two rules counts under each: this table can add up to more than the total.",
    },
    heatmap: {
      id: "heatmap",
      title: "Mentions by hour of the week (local time)",
      columns: ["Weekday", ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}h`)],
      rows: l.heatmap.map((hours, d) => ({ cells: [WEEKDAYS[d], ...hours], href: mentionsLink(f, { dow: d }) })),
    },
    terms: {
      id: "terms",
      title: "Top terms",
      columns: ["Term", "Mentions"],
      rows: l.topTerms.map((t) => ({ cells: [t.term, t.mentions], href: mentionsLink(f, { term: t.term }) })),
    },
    hashtags: {
      id: "hashtags",
      title: "Top hashtags",
      columns: ["Hashtag", "Mentions"],
      rows: l.topHashtags.map((t) => ({ cells: [t.term, t.mentions], href: mentionsLink(f, { term: t.term }) })),
    },
  };
}

/** A bucket's last local date, for a link (buckets end at the next one's first day). */
function addDaysExclusive(until: string): string {
  const [y, m, d] = until.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export function serviceTables(
  s: ServiceMetrics,
  period: Period,
  f: DashboardFilter,
  names: Names,
): Record<(typeof SERVICE_TABLES)[number], Table> {
  const compliance = (
    t: keyof Pick<ServiceMetrics["sla"], "firstResponse" | "nextResponse" | "resolution">,
    label: string,
  ) => ({
    cells: [label, s.sla[t].met, s.sla[t].breached, pct(s.sla[t].rate)],
    href: casesLink(f, "sla_breached", { target: t }),
  });
  return {
    service: {
      id: "service",
      title: "Cases created, solved and backlog",
      columns: [period.granularity === "day" ? "Day" : "Week from", "Created", "Solved", "Backlog at end"],
      rows: period.buckets.map((b, i) => ({
        cells: [b.key, s.created.buckets[i], s.solved.buckets[i], s.backlog.buckets[i]],
        href: casesLink(f, "created", { from: b.key, to: addDaysExclusive(b.until) }),
      })),
      note: `Created ${s.created.total}, solved ${s.solved.total} (a case solved twice counts twice), ${s.awaitingFirstResponse} awaiting a first response.`,
    },
    response_times: {
      id: "response_times",
      title: "Response and resolution times (minutes)",
      columns: ["Measure", "Count", "Median", "90th percentile"],
      rows: [
        {
          cells: [
            "First response, calendar time",
            s.frt.calendar.count,
            round(s.frt.calendar.median),
            round(s.frt.calendar.p90),
          ],
          href: casesLink(f, "responded"),
        },
        {
          cells: [
            "First response, business time",
            s.frt.business.count,
            round(s.frt.business.median),
            round(s.frt.business.p90),
          ],
          href: casesLink(f, "responded"),
        },
        {
          cells: [
            "Resolution, calendar time",
            s.resolution.calendar.count,
            round(s.resolution.calendar.median),
            round(s.resolution.calendar.p90),
          ],
          href: casesLink(f, "solved"),
        },
        {
          cells: [
            "Resolution, business time",
            s.resolution.business.count,
            round(s.resolution.business.median),
            round(s.resolution.business.p90),
          ],
          href: casesLink(f, "solved"),
        },
      ],
      note: "Each reopening is its own response cycle. Internal notes, automated messages and failed deliveries are not responses.",
    },
    sla: {
      id: "sla",
      title: "SLA compliance",
      columns: ["Target", "Met", "Breached", "Compliance %"],
      rows: [
        compliance("firstResponse", "First response"),
        compliance("nextResponse", "Next response"),
        compliance("resolution", "Resolution"),
      ],
      note: "Met ÷ (met + breached) for targets met or due in the period; paused time (pending, on hold) is excluded as on the clocks.",
    },
    sla_policies: {
      id: "sla_policies",
      title: "SLA breaches by policy",
      columns: ["Policy", "Breaches"],
      rows: s.sla.breachesByPolicy.map((p) => ({
        cells: [name(names.policies, p.slaPolicyId, "(no policy)"), p.breached],
        href: casesLink(f, "sla_breached"),
      })),
    },
    agents: {
      id: "agents",
      title: "Per agent",
      columns: ["Agent", "Replies", "Cases solved", "Median FRT (min)", "Median FRT, business (min)"],
      rows: s.agents.map((a) => ({
        cells: [
          name(names.agents, a.userId, "(unknown)"),
          a.replies,
          a.solved,
          round(a.frtMedian),
          round(a.frtBusinessMedian),
        ],
        href: casesLink(f, "solved", { agentId: a.userId }),
      })),
      note: "Replies sent, cases the agent set to solved, and the median first response of the cycles the agent answered first.",
    },
    queues: {
      id: "queues",
      title: "Per queue",
      columns: ["Queue", "Replies", "Cases solved", "Median FRT (min)", "Median FRT, business (min)"],
      rows: s.queues.map((q) => ({
        cells: [
          name(names.queues, q.queueId, "(no queue)"),
          q.replies,
          q.solved,
          round(q.frtMedian),
          round(q.frtBusinessMedian),
        ],
        href: casesLink(f, "solved", { queueId: q.queueId }),
      })),
    },
  };
}
