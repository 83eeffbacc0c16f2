import { loadTeamTables, type Viewer } from "@/lib/metrics/dashboard";
import { dashboardQuery, type DashboardFilter } from "@/lib/metrics/filters";
import type { Period } from "@/lib/metrics/period";
import type { ServiceMetrics } from "@/lib/metrics/service";
import { serviceTables, type Names } from "@/lib/metrics/tables";
import { DataTable } from "./data-table";
import { Panel } from "./panel";

// Per agent and per queue, streamed after the rest of the dashboard (inside <Suspense>): their
// median first responses sort every first response of the period once per agent and queue.
export async function TeamTables({
  viewer,
  s,
  period,
  filter,
  names,
}: {
  viewer: Viewer;
  s: ServiceMetrics;
  period: Period;
  filter: DashboardFilter;
  names: Names;
}) {
  const tables = serviceTables({ ...s, ...(await loadTeamTables(viewer, filter, period, s)) }, period, filter, names);
  const csv = (table: string) => `/api/dashboard/export?${dashboardQuery(filter, { table })}`;
  return (
    <>
      <Panel title="Per agent">
        <DataTable table={tables.agents} csvHref={csv("agents")} />
      </Panel>
      <Panel title="Per queue">
        <DataTable table={tables.queues} csvHref={csv("queues")} />
      </Panel>
    </>
  );
}

export function TeamTablesLoading() {
  return (
    <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500 xl:col-span-2" role="status">
      Loading per-agent and per-queue figures…
    </p>
  );
}
