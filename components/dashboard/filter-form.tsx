import Link from "next/link";
import { NETWORK_LABEL } from "@/components/ui/badges";
import { NETWORKS } from "@/lib/domain/vocabulary";
import type { DashboardFilter } from "@/lib/metrics/filters";
import type { DashboardNames } from "@/lib/metrics/dashboard";
import { addDays } from "@/lib/time/dates";

// The dashboard's filters as a plain GET form: the URL is the state (shareable, bookmarkable).

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function FilterForm({
  filter,
  names,
  today,
  ownOnly,
}: {
  filter: DashboardFilter;
  names: DashboardNames;
  today: string;
  ownOnly: boolean;
}) {
  const preset = (days: number) => {
    const u = new URLSearchParams({ from: addDays(today, -(days - 1)), to: today });
    for (const [k, v] of [
      ["brand", filter.brandId],
      ["network", filter.network],
      ["queue", filter.queueId],
      ["agent", ownOnly ? null : filter.agentId],
    ] as const)
      if (v) u.set(k, v);
    return `/dashboard?${u}`;
  };
  return (
    <form
      method="get"
      action="/dashboard"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Dashboard filters"
    >
      <label className="text-xs text-slate-600">
        From
        <input type="date" name="from" defaultValue={filter.range.from} className={`${select} mt-0.5 block`} required />
      </label>
      <label className="text-xs text-slate-600">
        To
        <input type="date" name="to" defaultValue={filter.range.to} className={`${select} mt-0.5 block`} required />
      </label>
      <label className="text-xs text-slate-600">
        Brand
        <select name="brand" defaultValue={filter.brandId ?? ""} className={`${select} mt-0.5 block`}>
          <option value="">All brands</option>
          {names.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
              {b.isCompetitor ? " (competitor)" : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Network
        <select name="network" defaultValue={filter.network ?? ""} className={`${select} mt-0.5 block`}>
          <option value="">All networks</option>
          {NETWORKS.map((n) => (
            <option key={n} value={n}>
              {NETWORK_LABEL[n] ?? n}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Queue
        <select name="queue" defaultValue={filter.queueId ?? ""} className={`${select} mt-0.5 block`}>
          <option value="">All queues</option>
          {names.queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      {!ownOnly && (
        <label className="text-xs text-slate-600">
          Agent
          <select name="agent" defaultValue={filter.agentId ?? ""} className={`${select} mt-0.5 block`}>
            <option value="">All agents</option>
            {names.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Apply
      </button>
      <span className="flex gap-2 text-xs">
        {[7, 30, 90].map((d) => (
          <Link key={d} href={preset(d)} className="text-indigo-700 hover:underline">
            Last {d} days
          </Link>
        ))}
      </span>
    </form>
  );
}
