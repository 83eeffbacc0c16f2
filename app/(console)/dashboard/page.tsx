import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/guards";
import { loadDashboard } from "@/lib/metrics/dashboard";
import { localDateOf } from "@/lib/time/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FilterForm } from "@/components/dashboard/filter-form";
import { ServiceSection } from "@/components/dashboard/service-section";
import { ListeningSection } from "@/components/dashboard/listening-section";
import { TopAuthors, TopAuthorsLoading } from "@/components/dashboard/top-authors";
import { TeamTables, TeamTablesLoading } from "@/components/dashboard/team-tables";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const viewer = { id: user.id, role: user.role, workspaceId: user.workspace.id };
  // The top authors and the per-agent and per-queue medians stream after the rest of the page
  // (see TopAuthors and TeamTables): they are its largest reads.
  const data = await loadDashboard(viewer, await searchParams, new Date(), { authors: false, medians: false });
  const { filter, period } = data;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${data.ownOnly ? "Your numbers" : user.workspace.name} · ${filter.range.from} to ${filter.range.to} (${data.timeZone}), by ${period.granularity}`}
      />
      <div className="space-y-6 p-4 md:p-6">
        <FilterForm
          filter={filter}
          names={data.names}
          today={localDateOf(data.generatedAt, data.timeZone)}
          ownOnly={data.ownOnly}
        />
        {data.errors.length > 0 && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {data.errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        )}
        <ServiceSection
          s={data.service}
          period={period}
          filter={filter}
          names={data.names}
          team={
            <Suspense fallback={<TeamTablesLoading />}>
              <TeamTables viewer={viewer} s={data.service} period={period} filter={filter} names={data.names} />
            </Suspense>
          }
        />
        {data.listening ? (
          <ListeningSection
            l={data.listening}
            period={period}
            filter={filter}
            names={data.names}
            authors={
              <Suspense fallback={<TopAuthorsLoading />}>
                <TopAuthors viewer={viewer} filter={filter} period={period} />
              </Suspense>
            }
          />
        ) : (
          <p className="text-sm text-slate-500">
            Listening figures (volume, sentiment, share of voice) are shown to managers and admins.
          </p>
        )}
        <p className="text-xs text-slate-500">
          Every figure is defined in the metrics guide (docs/metrics.md); totals equal the sum of their buckets and the
          rows of their CSV export. Queue and agent filters apply to service figures; listening figures are filtered by
          date, brand and network.
        </p>
      </div>
    </>
  );
}
