import { casesLink, dashboardQuery, type DashboardFilter } from "@/lib/metrics/filters";
import type { Period } from "@/lib/metrics/period";
import type { ServiceMetrics } from "@/lib/metrics/service";
import { serviceTables, type Names } from "@/lib/metrics/tables";
import { Chart } from "./chart";
import { DataTable } from "./data-table";
import { countText, minutesText, percentText } from "./format";
import { Kpi, Panel, WithTable } from "./panel";

export function ServiceSection({
  s,
  period,
  filter,
  names,
  team,
}: {
  s: ServiceMetrics;
  period: Period;
  filter: DashboardFilter;
  names: Names;
  team: React.ReactNode;
}) {
  const tables = serviceTables(s, period, filter, names);
  const csv = (table: string, extra: Record<string, string> = {}) =>
    `/api/dashboard/export?${dashboardQuery(filter, { table, ...extra })}`;
  return (
    <section aria-labelledby="service-heading" className="space-y-4">
      <h2 id="service-heading" className="text-lg font-semibold">
        Service
      </h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <Kpi
          label="Cases created"
          value={countText(s.created.total)}
          href={casesLink(filter, "created")}
          testId="kpi-created"
        />
        <Kpi
          label="Solved"
          value={countText(s.solved.total)}
          hint="solves in the period"
          href={casesLink(filter, "solved")}
          testId="kpi-solved"
        />
        <Kpi label="Backlog" value={countText(s.backlog.atEnd)} hint="open at the end" testId="kpi-backlog" />
        <Kpi
          label="Awaiting first reply"
          value={countText(s.awaitingFirstResponse)}
          href={casesLink(filter, "awaiting")}
          testId="kpi-awaiting"
        />
        <Kpi
          label="First response, median"
          value={minutesText(s.frt.calendar.median)}
          hint={`business ${minutesText(s.frt.business.median)} · p90 ${minutesText(s.frt.calendar.p90)}`}
          href={casesLink(filter, "responded")}
          testId="kpi-frt"
        />
        <Kpi
          label="Resolution, median"
          value={minutesText(s.resolution.calendar.median)}
          hint={`business ${minutesText(s.resolution.business.median)} · p90 ${minutesText(s.resolution.calendar.p90)}`}
          href={casesLink(filter, "solved")}
          testId="kpi-resolution"
        />
        <Kpi
          label="SLA first response"
          value={percentText(s.sla.firstResponse.rate)}
          hint={`${s.sla.firstResponse.met} met · ${s.sla.firstResponse.breached} breached`}
          href={casesLink(filter, "sla_breached", { target: "firstResponse" })}
          testId="kpi-sla-fr"
        />
        <Kpi
          label="SLA resolution"
          value={percentText(s.sla.resolution.rate)}
          hint={`${s.sla.resolution.met} met · ${s.sla.resolution.breached} breached`}
          href={casesLink(filter, "sla_breached", { target: "resolution" })}
          testId="kpi-sla-res"
        />
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        <Panel
          title="Cases created, solved and backlog"
          className="xl:col-span-2"
          actions={
            <a href={csv("cases", { metric: "created" })} className="text-xs text-indigo-700 hover:underline" download>
              Per-case CSV
            </a>
          }
        >
          <WithTable
            chart={
              <Chart
                label="Cases created, solved and backlog"
                xKey="day"
                data={period.buckets.map((b, i) => ({
                  day: b.key.slice(5),
                  created: s.created.buckets[i],
                  solved: s.solved.buckets[i],
                  backlog: s.backlog.buckets[i],
                }))}
                series={[
                  { key: "created", name: "Created", color: "#4f46e5" },
                  { key: "solved", name: "Solved", color: "#16a34a" },
                  { key: "backlog", name: "Backlog", color: "#f59e0b", line: true },
                ]}
                hrefs={tables.service.rows.map((r) => r.href!)}
              />
            }
            table={<DataTable table={tables.service} csvHref={csv("service")} compact />}
          />
        </Panel>
        <Panel title="Response and resolution times">
          <DataTable table={tables.response_times} csvHref={csv("response_times")} />
        </Panel>
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        <Panel title="SLA compliance">
          <DataTable table={tables.sla} csvHref={csv("sla")} />
        </Panel>
        {team}
      </div>
      {tables.sla_policies.rows.length > 0 && (
        <Panel title="SLA breaches by policy">
          <DataTable table={tables.sla_policies} csvHref={csv("sla_policies")} />
        </Panel>
      )}
    </section>
  );
}
