import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { parseInboxQuery } from "@/lib/inbox/query";
import { listInbox, viewCounts } from "@/lib/inbox/list";
import { inboxOptions } from "@/lib/inbox/options";
import { inboxVersion } from "@/lib/inbox/version";
import { prepareCaseDrillDown } from "@/lib/metrics/dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { ViewNav } from "@/components/inbox/view-nav";
import { FilterBar } from "@/components/inbox/filter-bar";
import { InboxTable } from "@/components/inbox/inbox-table";
import { LiveRefresh } from "@/components/inbox/live-refresh";

export const metadata: Metadata = { title: "Inbox" };

const DRILL_LABEL: Record<string, string> = {
  created: "created", solved: "solved", responded: "first-responded", awaiting: "awaiting a first response", sla_met: "SLA met", sla_breached: "SLA breached",
};

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const options = await inboxOptions(user.workspace.id);
  const counts = await viewCounts(user.workspace.id, user.id, new Date(), options.queues);
  // Without a chosen view: the agent's own open cases, or the unassigned ones when they have none.
  const query = parseInboxQuery({ ...params, view: params.view ?? (counts.mine > 0 ? "mine" : "unassigned") });
  // A dashboard figure's drill-down: its dates are local to the workspace.
  const drill = query.metric && query.from && query.to;
  const timeZone = drill ? await prepareCaseDrillDown(user.workspace.id) : "UTC";
  const [page, version] = await Promise.all([
    listInbox(user.workspace.id, user.id, query, new Date(), timeZone),
    inboxVersion(user.workspace.id),
  ]);
  const keep = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (k === "after" ? [] : Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, String(v)]] : [])));
  return (
    <>
      <PageHeader title="Inbox" description={user.workspace.name}>
        <LiveRefresh url="/api/inbox/version" initial={version.version} />
      </PageHeader>
      <div className="flex flex-col gap-4 p-4 md:p-6 xl:flex-row">
        <ViewNav active={query.view} counts={counts} queues={options.queues} />
        <div className="min-w-0 flex-1 space-y-3">
          {drill && (
            <p className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="drill-banner">
              From the dashboard: cases counted as <strong>{DRILL_LABEL[query.metric!] ?? query.metric}</strong>
              {query.target ? ` (${query.target})` : ""} from {query.from} to {query.to}.{" "}
              <Link href="/inbox?view=all" className="underline">Clear</Link>
            </p>
          )}
          <FilterBar query={query} options={options} />
          <InboxTable rows={page.rows} asOf={page.asOf} userId={user.id} />
          <div className="flex gap-3 text-sm">
            {query.after && <Link href={`/inbox?${keep}`} className="text-indigo-700 hover:underline">First page</Link>}
            {page.next && <Link href={`/inbox?${keep}&after=${encodeURIComponent(page.next)}`} className="text-indigo-700 hover:underline">Next page →</Link>}
          </div>
        </div>
      </div>
    </>
  );
}
