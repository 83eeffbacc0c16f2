import Link from "next/link";
import type { InboxRow } from "@/lib/inbox/list";
import { NetworkBadge, PriorityText, StatusBadge } from "@/components/ui/badges";
import { RelativeTime } from "@/components/ui/relative-time";
import { HighlightedText } from "@/components/listening/highlighted-text";
import { SentimentControl } from "@/components/enrich/sentiment-control";
import { SlaBadge } from "./sla-badge";

interface Props {
  rows: InboxRow[];
  /** The server's clock when the rows were read, so times and SLA states agree with it. */
  asOf: number;
  /** Index of the current row (the keyboard cursor). */
  cursor: number;
  selected: string[];
  onCursor: (index: number) => void;
  onToggle: (caseId: string) => void;
}

/** The case list: one row per case, the current one highlighted, each selectable. */
export function InboxRows({ rows, asOf, cursor, selected, onCursor, onToggle }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="case-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="w-8 px-2 py-2">
              <span className="sr-only">Select</span>
            </th>
            <th className="px-2 py-2">Case</th>
            <th className="px-2 py-2">Customer</th>
            <th className="px-2 py-2">Latest message</th>
            <th className="px-2 py-2">Priority</th>
            <th className="px-2 py-2">SLA</th>
            <th className="px-2 py-2">Assignee</th>
            <th className="px-2 py-2">Activity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((c, i) => (
            <tr
              key={c.id}
              data-row={i}
              aria-selected={i === cursor}
              className={`${i === cursor ? "bg-indigo-50/70 outline outline-1 outline-indigo-300" : "hover:bg-slate-50"} align-top`}
              onClick={() => onCursor(i)}
            >
              <td className="px-2 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select case ${c.number}`}
                  checked={selected.includes(c.id)}
                  onChange={() => onToggle(c.id)}
                />
              </td>
              <td className="whitespace-nowrap px-2 py-2">
                <Link href={`/cases/${c.number}`} className="font-mono text-xs text-indigo-700 hover:underline">
                  #{c.number}
                </Link>
                <div className="mt-1">
                  <StatusBadge status={c.status} />
                </div>
              </td>
              <td className="px-2 py-2">
                <div className="flex items-center gap-1.5">
                  {c.mention && <NetworkBadge network={c.mention.network} />}
                  <span className="font-medium">
                    {c.contact?.name ?? (c.mention?.handle ? `@${c.mention.handle}` : "Unknown")}
                  </span>
                  {c.contact?.tier && (
                    <span className="rounded bg-amber-100 px-1 text-xs text-amber-800">{c.contact.tier}</span>
                  )}
                </div>
                {c.contact && c.mention?.handle && <div className="text-xs text-slate-500">@{c.mention.handle}</div>}
              </td>
              <td className="max-w-lg px-2 py-2">
                <div className="line-clamp-2 text-slate-800">
                  {c.mention ? <HighlightedText text={c.mention.excerpt} spans={c.mention.spans} /> : c.subject}
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                  {c.brandName && <span>{c.brandName}</span>}
                  {c.queueName && <span>· {c.queueName}</span>}
                  {c.mention && (
                    <SentimentControl mentionId={c.mention.id} sentiment={c.mention.sentiment} reasons={[]} />
                  )}
                  {c.tags.map((t) => (
                    <span key={t} className="rounded bg-slate-100 px-1">
                      {t}
                    </span>
                  ))}
                </div>
              </td>
              <td className="px-2 py-2">
                <PriorityText priority={c.priority} />
              </td>
              <td className="px-2 py-2">
                <SlaBadge sla={c.sla} now={asOf} />
              </td>
              <td className="whitespace-nowrap px-2 py-2 text-slate-600">
                {c.assignee?.name ?? <span className="text-slate-400">Unassigned</span>}
              </td>
              <td className="whitespace-nowrap px-2 py-2 text-slate-500">
                <RelativeTime iso={c.lastActivityAt} now={asOf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
