import Link from "next/link";
import type { InboxQuery } from "@/lib/inbox/query";
import { NETWORK_LABEL } from "@/components/ui/badges";
import { secondaryButton } from "@/components/ui/buttons";
import { CASE_STATUSES, PRIORITIES, SENTIMENTS } from "@/lib/domain/vocabulary";

interface Options {
  brands: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string }>;
}

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Filters and search as a plain GET form: every state of the inbox is a shareable URL. */
export function FilterBar({ query, options }: { query: InboxQuery; options: Options }) {
  const one = (values: string[]) => values[0] ?? "";
  return (
    <form role="search" action="/inbox" className="flex flex-wrap items-center gap-2" aria-label="Filters">
      <input type="hidden" name="view" value={query.view} />
      <input
        name="q"
        defaultValue={query.q}
        placeholder="Search mentions, customers, subjects  ( / )"
        aria-label="Search cases"
        className="min-w-56 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        data-shortcut="search"
      />
      <select name="status" defaultValue={one(query.status)} aria-label="Status" className={select}>
        <option value="">Any status</option>
        {CASE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s.replace("_", " ").toLowerCase()}
          </option>
        ))}
      </select>
      <select name="priority" defaultValue={one(query.priority)} aria-label="Priority" className={select}>
        <option value="">Any priority</option>
        {[...PRIORITIES].reverse().map((s) => (
          <option key={s} value={s}>
            {s.toLowerCase()}
          </option>
        ))}
      </select>
      <select name="brand" defaultValue={one(query.brand)} aria-label="Brand" className={select}>
        <option value="">Any brand</option>
        {options.brands.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
      <select name="network" defaultValue={one(query.network)} aria-label="Network" className={select}>
        <option value="">Any network</option>
        {Object.entries(NETWORK_LABEL).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
      <select name="sentiment" defaultValue={one(query.sentiment)} aria-label="Sentiment filter" className={select}>
        <option value="">Any sentiment</option>
        {[...SENTIMENTS].reverse().map((s) => (
          <option key={s} value={s}>
            {s.toLowerCase()}
          </option>
        ))}
      </select>
      <select name="assignee" defaultValue={one(query.assignee)} aria-label="Assignee" className={select}>
        <option value="">Anyone</option>
        <option value="none">Unassigned</option>
        {options.agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <input
        name="tag"
        defaultValue={one(query.tag)}
        placeholder="tag"
        aria-label="Tag"
        className="w-24 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      <button className={secondaryButton}>Apply</button>
      <Link href={`/inbox?view=${query.view}`} className="text-sm text-slate-500 hover:underline">
        Clear
      </Link>
    </form>
  );
}
