"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { InboxRow } from "@/lib/inbox/list";
import { bulkUpdateCasesAction } from "@/lib/cases/actions";
import { NetworkBadge, PriorityText, StatusBadge } from "@/components/ui/badges";
import { RelativeTime } from "@/components/ui/relative-time";
import { HighlightedText } from "@/components/listening/highlighted-text";
import { SentimentControl } from "@/components/sentiment/sentiment-control";
import { secondaryButton } from "@/components/ui/buttons";
import { SlaBadge } from "./sla-badge";

const SHORTCUTS: Array<[string, string]> = [
  ["j / k", "next / previous case"], ["Enter", "open the case"], ["x", "select the case"], ["a", "assign to me (selected, or the current case)"],
  ["e", "solve (selected, or the current case)"], ["/", "search"], ["?", "this help"],
];

export function InboxTable({ rows, asOf, userId }: { rows: InboxRow[]; asOf: number; userId: string }) {
  const router = useRouter();
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const targets = () => (selected.length ? selected : rows[cursor] ? [rows[cursor].id] : []);
  const bulk = (change: { assigneeId?: string | null; status?: "SOLVED" | "OPEN" | "PENDING"; addTag?: string }, label: string) => {
    const caseIds = targets();
    if (!caseIds.length) return;
    start(async () => {
      const result = await bulkUpdateCasesAction({ caseIds, ...change });
      setMessage(result.ok ? `${label}: ${result.data.changed} case${result.data.changed === 1 ? "" : "s"}.` : result.error);
      setSelected([]);
      router.refresh();
    });
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const el = event.target as HTMLElement;
      if (el.closest("input, textarea, select, [contenteditable=true]") || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j") setCursor((c) => Math.min(rows.length - 1, c + 1));
      else if (event.key === "k") setCursor((c) => Math.max(0, c - 1));
      else if (event.key === "Enter" && rows[cursor]) router.push(`/cases/${rows[cursor].number}`);
      else if (event.key === "x" && rows[cursor]) setSelected((s) => (s.includes(rows[cursor].id) ? s.filter((id) => id !== rows[cursor].id) : [...s, rows[cursor].id]));
      else if (event.key === "a") bulk({ assigneeId: userId }, "Assigned to you");
      else if (event.key === "e") bulk({ status: "SOLVED" }, "Solved");
      else if (event.key === "/") (document.querySelector('[data-shortcut="search"]') as HTMLInputElement | null)?.focus();
      else if (event.key === "?") setHelp((h) => !h);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    document.querySelector(`[data-row="${cursor}"]`)?.scrollIntoView({ block: "nearest" });
  }, [cursor]);

  if (!rows.length) return <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-500">No cases here.</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Bulk actions">
        <span className="text-slate-600">{selected.length ? `${selected.length} selected` : "Select cases (x) for bulk actions · ? for shortcuts"}</span>
        {selected.length > 0 && (
          <>
            <button className={secondaryButton} disabled={pending} onClick={() => bulk({ assigneeId: userId }, "Assigned to you")}>Assign to me</button>
            <button className={secondaryButton} disabled={pending} onClick={() => bulk({ assigneeId: null }, "Unassigned")}>Unassign</button>
            <button className={secondaryButton} disabled={pending} onClick={() => bulk({ status: "PENDING" }, "Pending")}>Pending</button>
            <button className={secondaryButton} disabled={pending} onClick={() => bulk({ status: "SOLVED" }, "Solved")}>Solve</button>
            <form className="flex gap-1" onSubmit={(e) => { e.preventDefault(); const tag = String(new FormData(e.currentTarget).get("tag") ?? "").trim(); if (tag) bulk({ addTag: tag }, `Tagged “${tag}”`); }}>
              <input name="tag" placeholder="tag" aria-label="Tag to add" className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm" />
              <button className={secondaryButton} disabled={pending}>Add tag</button>
            </form>
          </>
        )}
        {message && <span role="status" className="text-emerald-700">{message}</span>}
      </div>
      {help && (
        <div role="dialog" aria-label="Keyboard shortcuts" className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow">
          <ul className="grid grid-cols-[6rem_1fr] gap-1">{SHORTCUTS.map(([k, v]) => <li key={k} className="contents"><kbd className="font-mono text-xs">{k}</kbd><span>{v}</span></li>)}</ul>
          <p className="mt-2 text-xs text-slate-500">In a case: r reply, n note, a assign to me, e solve.</p>
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="case-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="w-8 px-2 py-2"><span className="sr-only">Select</span></th>
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
              <tr key={c.id} data-row={i} aria-selected={i === cursor} className={`${i === cursor ? "bg-indigo-50/70 outline outline-1 outline-indigo-300" : "hover:bg-slate-50"} align-top`} onClick={() => setCursor(i)}>
                <td className="px-2 py-2">
                  <input type="checkbox" aria-label={`Select case ${c.number}`} checked={selected.includes(c.id)} onChange={() => setSelected((s) => (s.includes(c.id) ? s.filter((x) => x !== c.id) : [...s, c.id]))} />
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Link href={`/cases/${c.number}`} className="font-mono text-xs text-indigo-700 hover:underline">#{c.number}</Link>
                  <div className="mt-1"><StatusBadge status={c.status} /></div>
                </td>
                <td className="px-2 py-2">
                  <div className="flex items-center gap-1.5">
                    {c.mention && <NetworkBadge network={c.mention.network} />}
                    <span className="font-medium">{c.contact?.name ?? (c.mention?.handle ? `@${c.mention.handle}` : "Unknown")}</span>
                    {c.contact?.tier && <span className="rounded bg-amber-100 px-1 text-xs text-amber-800">{c.contact.tier}</span>}
                  </div>
                  {c.contact && c.mention?.handle && <div className="text-xs text-slate-500">@{c.mention.handle}</div>}
                </td>
                <td className="max-w-lg px-2 py-2">
                  <div className="line-clamp-2 text-slate-800">{c.mention ? <HighlightedText text={c.mention.excerpt} spans={c.mention.spans} /> : c.subject}</div>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                    {c.brandName && <span>{c.brandName}</span>}
                    {c.queueName && <span>· {c.queueName}</span>}
                    {c.mention && <SentimentControl mentionId={c.mention.id} sentiment={c.mention.sentiment} reasons={[]} />}
                    {c.tags.map((t) => <span key={t} className="rounded bg-slate-100 px-1">{t}</span>)}
                  </div>
                </td>
                <td className="px-2 py-2"><PriorityText priority={c.priority} /></td>
                <td className="px-2 py-2"><SlaBadge sla={c.sla} now={asOf} /></td>
                <td className="whitespace-nowrap px-2 py-2 text-slate-600">{c.assignee?.name ?? <span className="text-slate-400">Unassigned</span>}</td>
                <td className="whitespace-nowrap px-2 py-2 text-slate-500"><RelativeTime iso={c.lastActivityAt} now={asOf} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
