import { NETWORK_LABEL } from "@/components/ui/badges";
import { dashboardQuery, mentionsLink, type DashboardFilter } from "@/lib/metrics/filters";
import type { ListeningMetrics } from "@/lib/metrics/listening";
import type { Period } from "@/lib/metrics/period";
import { listeningTables, type Names } from "@/lib/metrics/tables";
import { Chart } from "./chart";
import { DataTable } from "./data-table";
import { Heatmap } from "./heatmap";
import { countText, NETWORK_COLORS, SENTIMENT_COLORS } from "./format";
import { Kpi, Panel, WithTable } from "./panel";

export function ListeningSection({
  l,
  period,
  filter,
  names,
  authors,
}: {
  l: ListeningMetrics;
  period: Period;
  filter: DashboardFilter;
  names: Names & { brands: Array<{ id: string; name: string; color: string }> };
  authors: React.ReactNode;
}) {
  const tables = listeningTables(l, period, filter, names);
  const csv = (table: string) => `/api/dashboard/export?${dashboardQuery(filter, { table })}`;
  const scored = l.sentiment.POSITIVE + l.sentiment.NEUTRAL + l.sentiment.NEGATIVE;
  const days = period.buckets.map((b) => b.key.slice(5));
  const brandName = (id: string | null) =>
    id ? (names.brands.find((b) => b.id === id)?.name ?? "(deleted)") : "(no brand)";
  return (
    <section aria-labelledby="listening-heading" className="space-y-4">
      <h2 id="listening-heading" className="text-lg font-semibold">
        Listening
      </h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Kpi
          label="Mentions"
          value={countText(l.total)}
          hint={l.deleted ? `${l.deleted} since deleted by their authors` : undefined}
          href={mentionsLink(filter)}
          testId="kpi-mentions"
        />
        <Kpi
          label="Net sentiment"
          value={l.sentiment.net === null ? "—" : `${l.sentiment.net > 0 ? "+" : ""}${l.sentiment.net}`}
          hint="% positive − % negative"
          testId="kpi-net-sentiment"
        />
        <Kpi
          label="Negative"
          value={countText(l.sentiment.NEGATIVE)}
          hint={scored ? `${((l.sentiment.NEGATIVE / scored) * 100).toFixed(1)}% of scored` : undefined}
          href={mentionsLink(filter, { sentiment: "NEGATIVE" })}
          testId="kpi-negative"
        />
        <Kpi
          label="Positive"
          value={countText(l.sentiment.POSITIVE)}
          hint={scored ? `${((l.sentiment.POSITIVE / scored) * 100).toFixed(1)}% of scored` : undefined}
          href={mentionsLink(filter, { sentiment: "POSITIVE" })}
          testId="kpi-positive"
        />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <Panel title="Mention volume by network">
          <WithTable
            chart={
              <Chart
                label="Mention volume by network"
                xKey="day"
                stacked
                hrefs={tables.volume.rows.map((r) => r.href!)}
                data={days.map((day, i) => ({
                  day,
                  ...Object.fromEntries(l.byNetwork.map((n) => [n.key, n.buckets[i]])),
                }))}
                series={l.byNetwork.map((n) => ({
                  key: n.key,
                  name: NETWORK_LABEL[n.key] ?? n.key,
                  color: NETWORK_COLORS[n.key] ?? "#64748b",
                }))}
              />
            }
            table={
              <>
                <DataTable table={tables.volume} csvHref={csv("volume")} compact />
                <div className="mt-3">
                  <DataTable table={tables.networks} csvHref={csv("networks")} compact />
                </div>
              </>
            }
          />
        </Panel>
        <Panel title="Sentiment mix">
          <WithTable
            chart={
              <Chart
                label="Sentiment mix"
                xKey="day"
                stacked
                hrefs={tables.volume.rows.map((r) => r.href!)}
                data={days.map((day, i) => ({ day, ...l.sentiment.buckets[i] }))}
                series={(["NEGATIVE", "NEUTRAL", "POSITIVE", "UNSCORED"] as const).map((k) => ({
                  key: k,
                  name: k.charAt(0) + k.slice(1).toLowerCase(),
                  color: SENTIMENT_COLORS[k],
                }))}
              />
            }
            table={<DataTable table={tables.volume} csvHref={csv("volume")} compact />}
          />
        </Panel>
        <Panel title="Share of voice">
          <WithTable
            chart={
              <Chart
                label="Share of voice"
                xKey="brand"
                horizontal
                height={Math.max(120, 36 * l.shareOfVoice.length)}
                hrefs={tables.share_of_voice.rows.map((r) => r.href!)}
                data={l.shareOfVoice.map((s) => ({ brand: brandName(s.brandId), mentions: s.mentions }))}
                series={[{ key: "mentions", name: "Mentions", color: "#4f46e5" }]}
              />
            }
            table={<DataTable table={tables.share_of_voice} csvHref={csv("share_of_voice")} />}
          />
          <p className="mt-1 text-xs text-slate-500">{tables.share_of_voice.note}</p>
        </Panel>
        <Panel title="Mentions by keyword rule">
          <WithTable
            chart={
              <Chart
                label="Mentions by keyword rule"
                xKey="rule"
                horizontal
                height={Math.max(120, 30 * l.byRule.length)}
                hrefs={tables.rules.rows.map((r) => r.href!)}
                data={tables.rules.rows.map((r) => ({ rule: String(r.cells[0]), mentions: Number(r.cells[1]) }))}
                series={[{ key: "mentions", name: "Mentions", color: "#0ea5e9" }]}
              />
            }
            table={<DataTable table={tables.rules} csvHref={csv("rules")} />}
          />
          <p className="mt-1 text-xs text-slate-500">{tables.rules.note}</p>
        </Panel>
      </div>
      <Panel
        title="When people talk: mentions by hour of the week (local time)"
        actions={
          <a href={csv("heatmap")} className="text-xs text-indigo-700 hover:underline" download>
            Download CSV
          </a>
        }
      >
        <Heatmap cells={l.heatmap} hrefFor={(dow, hour) => mentionsLink(filter, { dow, hour })} />
      </Panel>
      <div className="grid gap-4 md:grid-cols-2">
        <Panel title="Top terms">
          <DataTable table={tables.terms} csvHref={csv("terms")} compact />
        </Panel>
        <Panel title="Top hashtags">
          <DataTable table={tables.hashtags} csvHref={csv("hashtags")} compact />
        </Panel>
      </div>
      {authors}
    </section>
  );
}
