import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { workspaceSummary } from "@/lib/dashboard/summary";
import { ComingSoon, PageHeader } from "@/components/ui/page-header";
import { NETWORK_LABEL } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Dashboard" };

function Tile({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-xs uppercase text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold">{value.toLocaleString("en")}</div>
    </div>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const summary = await workspaceSummary(user.workspace.id);
  const open = ["NEW", "OPEN", "PENDING", "ON_HOLD"].reduce((n, s) => n + (summary.casesByStatus[s] ?? 0), 0);
  return (
    <>
      <PageHeader title="Dashboard" description="Listening and service at a glance" />
      <div className="space-y-6 p-6">
        <ComingSoon>
          Trusted metrics (first response time, SLA compliance, share of voice) with drill-down and export arrive with the dashboards feature.
        </ComingSoon>
        <section className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Tile label="Mentions, last 30 days" value={summary.mentionsLast30Days} />
          <Tile label="Open cases" value={open} />
          <Tile label="Solved cases" value={(summary.casesByStatus.SOLVED ?? 0) + (summary.casesByStatus.CLOSED ?? 0)} />
          <Tile label="Negative mentions" value={summary.mentionsBySentiment.NEGATIVE ?? 0} />
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-medium">Mentions by network</h2>
          <table className="w-full text-sm">
            <tbody>
              {Object.entries(summary.mentionsByNetwork).sort((a, b) => b[1] - a[1]).map(([network, count]) => (
                <tr key={network}>
                  <th scope="row" className="w-32 py-1 text-left font-normal text-slate-600">{NETWORK_LABEL[network] ?? network}</th>
                  <td className="py-1">
                    <div className="h-3 rounded bg-indigo-500" style={{ width: `${Math.max(2, (count / Math.max(1, ...Object.values(summary.mentionsByNetwork))) * 100)}%` }} />
                  </td>
                  <td className="w-16 py-1 text-right tabular-nums">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
