import Link from "next/link";
import type { ViewCounts } from "@/lib/inbox/list";

const VIEWS: Array<[string, string]> = [
  ["mine", "My open"],
  ["unassigned", "Unassigned"],
  ["vip", "VIP"],
  ["negative", "Negative"],
  ["sla_risk", "SLA at risk"],
  ["sla_breached", "SLA breached"],
  ["all", "All"],
];

export function ViewNav({
  active,
  counts,
  queues,
}: {
  active: string;
  counts: ViewCounts;
  queues: Array<{ id: string; name: string }>;
}) {
  const item = (key: string, label: string, count: number | null) => (
    <li key={key}>
      <Link
        href={`/inbox?view=${key}`}
        aria-current={active === key ? "page" : undefined}
        className={`flex items-center justify-between gap-2 rounded px-2 py-1.5 text-sm ${active === key ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
      >
        <span>{label}</span>
        {count !== null && <span className="text-xs text-slate-500">{count}</span>}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Views" className="w-full shrink-0 space-y-2 xl:w-48 xl:space-y-3">
      {/* Beside the list on wide screens; a row of chips above it on tablets. */}
      <ul className="flex flex-wrap gap-1 xl:block xl:space-y-0.5">
        {VIEWS.map(([key, label]) =>
          item(key, label, key === "all" ? null : counts[key as keyof Omit<ViewCounts, "queues">]),
        )}
      </ul>
      <Link
        href="/outbox"
        className="inline-block rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 xl:block"
      >
        Outbox
      </Link>
      {queues.length > 0 && (
        <div>
          <p className="px-2 text-xs font-medium uppercase text-slate-500">Queues</p>
          <ul className="mt-1 flex flex-wrap gap-1 xl:block xl:space-y-0.5">
            {queues.map((q) => item(`queue:${q.id}`, q.name, counts.queues[q.id] ?? 0))}
          </ul>
        </div>
      )}
    </nav>
  );
}
