"use client";

import { useEffect, useState } from "react";
import type { InboxRow } from "@/lib/inbox/list";
import { bulkUpdateCasesAction } from "@/lib/cases/actions";
import { useAction } from "@/components/ui/use-action";
import { InboxRows } from "./inbox-rows";
import { InboxToolbar, ShortcutHelp, type ApplyBulk } from "./inbox-toolbar";

const toggle = (ids: string[], id: string) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);

/** The inbox: the case list with its cursor and selection, bulk actions and keyboard shortcuts. */
export function InboxTable({ rows, asOf, userId }: { rows: InboxRow[]; asOf: number; userId: string }) {
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { pending, run, router } = useAction();

  const targets = () => (selected.length ? selected : rows[cursor] ? [rows[cursor].id] : []);
  // The outcome, success or failure, is reported in the toolbar; either way the selection is
  // spent and the list re-read.
  const bulk: ApplyBulk = (change, label) => {
    const caseIds = targets();
    if (!caseIds.length) return;
    const settle = (text: string) => {
      setMessage(text);
      setSelected([]);
      router.refresh();
    };
    run(() => bulkUpdateCasesAction({ caseIds, ...change }), {
      onSuccess: (result) => settle(`${label}: ${result.changed} case${result.changed === 1 ? "" : "s"}.`),
      onFailure: (failure) => {
        settle(failure.error);
        return true;
      },
    });
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const el = event.target as HTMLElement;
      if (
        el.closest("input, textarea, select, [contenteditable=true]") ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey
      )
        return;
      if (event.key === "j") setCursor((c) => Math.min(rows.length - 1, c + 1));
      else if (event.key === "k") setCursor((c) => Math.max(0, c - 1));
      else if (event.key === "Enter" && rows[cursor]) router.push(`/cases/${rows[cursor].number}`);
      else if (event.key === "x" && rows[cursor]) setSelected((s) => toggle(s, rows[cursor].id));
      else if (event.key === "a") bulk({ assigneeId: userId }, "Assigned to you");
      else if (event.key === "e") bulk({ status: "SOLVED" }, "Solved");
      else if (event.key === "/")
        (document.querySelector('[data-shortcut="search"]') as HTMLInputElement | null)?.focus();
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

  if (!rows.length)
    return <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-500">No cases here.</p>;
  return (
    <div className="space-y-2">
      <InboxToolbar selectedCount={selected.length} userId={userId} pending={pending} message={message} apply={bulk} />
      {help && <ShortcutHelp />}
      <InboxRows
        rows={rows}
        asOf={asOf}
        cursor={cursor}
        selected={selected}
        onCursor={setCursor}
        onToggle={(id) => setSelected((s) => toggle(s, id))}
      />
    </div>
  );
}
