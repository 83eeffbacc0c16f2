import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { listOutbox } from "@/lib/outbox/list";
import { PageHeader } from "@/components/ui/page-header";
import { NetworkBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const user = await requireUser();
  const rows = await listOutbox(user.workspace.id);
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Replies and their delivery. Networks without a configured connection use the sandbox: the reply is recorded, nothing is posted."
      />
      <div className="p-6">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="outbox-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Sent</th>
                <th className="px-3 py-2">Case</th>
                <th className="px-3 py-2">Network</th>
                <th className="px-3 py-2">Agent</th>
                <th className="px-3 py-2">Reply</th>
                <th className="px-3 py-2">Delivery</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                    <time dateTime={r.at}>{r.at.slice(0, 16).replace("T", " ")} UTC</time>
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/cases/${r.caseNumber}`} className="font-mono text-xs text-indigo-700 hover:underline">
                      #{r.caseNumber}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <NetworkBadge network={r.network} />
                  </td>
                  <td className="px-3 py-2 text-slate-600">{r.author}</td>
                  <td className="max-w-md px-3 py-2">
                    <span className="line-clamp-2">{r.excerpt}</span>
                  </td>
                  <td className="px-3 py-2">
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs ${r.delivery === "failed" ? "bg-red-100 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
                    >
                      {r.delivery}
                    </span>
                  </td>
                </tr>
              ))}
              {!rows.length && (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                    No replies yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
