import { loadTopAuthors, type Viewer } from "@/lib/metrics/dashboard";
import { dashboardQuery, type DashboardFilter } from "@/lib/metrics/filters";
import type { Period } from "@/lib/metrics/period";
import { authorTables } from "@/lib/metrics/tables";
import { DataTable } from "./data-table";
import { Panel } from "./panel";

// Streamed after the rest of the dashboard (inside <Suspense>): the top authors read one row
// per author and day of the period, the largest read of the page.
export async function TopAuthors({
  viewer,
  filter,
  period,
}: {
  viewer: Viewer;
  filter: DashboardFilter;
  period: Period;
}) {
  const top = await loadTopAuthors(viewer, filter, period);
  if (!top) return null;
  const tables = authorTables(top.byVolume, top.byInfluence, filter, top.authors);
  const csv = (table: string) => `/api/dashboard/export?${dashboardQuery(filter, { table })}`;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Panel title="Top authors by volume">
        <DataTable table={tables.authors_volume} csvHref={csv("authors_volume")} compact />
      </Panel>
      <Panel title="Top authors by influence">
        <DataTable table={tables.authors_influence} csvHref={csv("authors_influence")} compact />
      </Panel>
    </div>
  );
}

export function TopAuthorsLoading() {
  return (
    <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500" role="status">
      Loading top authors…
    </p>
  );
}
