import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { inboxPage } from "@/lib/inbox/list";
import { PageHeader } from "@/components/ui/page-header";
import { ViewNav } from "@/components/inbox/view-nav";
import { FilterBar } from "@/components/inbox/filter-bar";
import { InboxTable } from "@/components/inbox/inbox-table";
import { LiveRefresh } from "@/components/inbox/live-refresh";

export const metadata: Metadata = { title: "Inbox" };

const DRILL_LABEL: Record<string, string> = {
  created: "created",
  solved: "solved",
  responded: "first-responded",
  awaiting: "awaiting a first response",
  sla_met: "SLA met",
  sla_breached: "SLA breached",
};

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { options, counts, query, problems, drill, page, version } = await inboxPage(
    user.workspace.id,
    user.id,
    await searchParams,
  );
  const keep = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) =>
      k === "after" ? [] : Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, String(v)]] : [],
    ),
  );
  return (
    <>
      <PageHeader title="Inbox" description={user.workspace.name}>
        <LiveRefresh url="/api/inbox/version" initial={version.version} />
      </PageHeader>
      <div className="flex flex-col gap-4 p-4 md:p-6 xl:flex-row">
        <ViewNav active={query.view} counts={counts} queues={options.queues} />
        <div className="min-w-0 flex-1 space-y-3">
          {problems.length > 0 && (
            <div
              role="alert"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="query-problems"
            >
              {problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          )}
          {drill && (
            <p
              className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
              data-testid="drill-banner"
            >
              From the dashboard: cases counted as <strong>{DRILL_LABEL[query.metric!] ?? query.metric}</strong>
              {query.target ? ` (${query.target})` : ""} from {query.from} to {query.to}.{" "}
              <Link href="/inbox?view=all" className="underline">
                Clear
              </Link>
            </p>
          )}
          <FilterBar query={query} options={options} />
          <InboxTable rows={page.rows} asOf={page.asOf} userId={user.id} />
          <div className="flex gap-3 text-sm">
            {query.after && (
              <Link href={`/inbox?${keep}`} className="text-indigo-700 hover:underline">
                First page
              </Link>
            )}
            {page.next && (
              <Link
                href={`/inbox?${keep}&after=${encodeURIComponent(page.next)}`}
                className="text-indigo-700 hover:underline"
              >
                Next page →
              </Link>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
