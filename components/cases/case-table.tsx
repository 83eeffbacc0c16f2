import type { CaseListRow } from "@/lib/cases/list";
import { NetworkBadge, PriorityText, SentimentBadge, StatusBadge } from "@/components/ui/badges";
import { RelativeTime } from "@/components/ui/relative-time";
import { SentimentControl } from "@/components/sentiment/sentiment-control";

export function CaseTable({ cases, asOf }: { cases: CaseListRow[]; asOf: number }) {
  if (cases.length === 0) {
    return <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-500">No cases yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="case-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-3 py-2">Case</th>
            <th className="px-3 py-2">Customer</th>
            <th className="px-3 py-2">Subject</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Priority</th>
            <th className="px-3 py-2">Assignee</th>
            <th className="px-3 py-2">Last activity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {cases.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-500">#{c.number}</td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-1.5">
                  <NetworkBadge network={c.network} />
                  <span className="font-medium">{c.contactName ?? (c.authorHandle ? `@${c.authorHandle}` : "Unknown")}</span>
                </div>
              </td>
              <td className="max-w-md px-3 py-2">
                <div className="truncate">{c.subject}</div>
                <div className="mt-0.5 flex gap-1.5 text-xs text-slate-500">
                  {c.brandName && <span>{c.brandName}</span>}
                  {c.mentionId ? <SentimentControl mentionId={c.mentionId} sentiment={c.sentiment} reasons={c.sentimentReasons} /> : <SentimentBadge sentiment={c.sentiment} />}
                </div>
              </td>
              <td className="px-3 py-2"><StatusBadge status={c.status} /></td>
              <td className="px-3 py-2"><PriorityText priority={c.priority} /></td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{c.assigneeName ?? <span className="text-slate-400">Unassigned</span>}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-500"><RelativeTime iso={c.lastActivityAt} now={asOf} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
