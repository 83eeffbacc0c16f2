import type { z } from "zod";
import type { bulkSchema } from "@/lib/cases/schemas";
import { secondaryButton } from "@/components/ui/buttons";

/** One bulk change, applied to the selected cases (or the current one). */
export type BulkChange = Omit<z.input<typeof bulkSchema>, "caseIds">;
export type ApplyBulk = (change: BulkChange, label: string) => void;

const SHORTCUTS: Array<[string, string]> = [
  ["j / k", "next / previous case"],
  ["Enter", "open the case"],
  ["x", "select the case"],
  ["a", "assign to me (selected, or the current case)"],
  ["e", "solve (selected, or the current case)"],
  ["/", "search"],
  ["?", "this help"],
];

interface Props {
  selectedCount: number;
  userId: string;
  pending: boolean;
  /** The outcome of the last bulk change, or its error. */
  message: string | null;
  apply: ApplyBulk;
}

/** The bulk actions above the case list: shown once cases are selected. */
export function InboxToolbar({ selectedCount, userId, pending, message, apply }: Props) {
  function addTag(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tag = String(new FormData(event.currentTarget).get("tag") ?? "").trim();
    if (tag) apply({ addTag: tag }, `Tagged “${tag}”`);
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Bulk actions">
      <span className="text-slate-600">
        {selectedCount ? `${selectedCount} selected` : "Select cases (x) for bulk actions · ? for shortcuts"}
      </span>
      {selectedCount > 0 && (
        <>
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() => apply({ assigneeId: userId }, "Assigned to you")}
          >
            Assign to me
          </button>
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() => apply({ assigneeId: null }, "Unassigned")}
          >
            Unassign
          </button>
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() => apply({ status: "PENDING" }, "Pending")}
          >
            Pending
          </button>
          <button className={secondaryButton} disabled={pending} onClick={() => apply({ status: "SOLVED" }, "Solved")}>
            Solve
          </button>
          <form className="flex gap-1" onSubmit={addTag}>
            <input
              name="tag"
              placeholder="tag"
              aria-label="Tag to add"
              className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <button className={secondaryButton} disabled={pending}>
              Add tag
            </button>
          </form>
        </>
      )}
      {message && (
        <span role="status" className="text-emerald-700">
          {message}
        </span>
      )}
    </div>
  );
}

/** The keyboard shortcuts of the inbox, toggled with "?". */
export function ShortcutHelp() {
  return (
    <div
      role="dialog"
      aria-label="Keyboard shortcuts"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow"
    >
      <ul className="grid grid-cols-[6rem_1fr] gap-1">
        {SHORTCUTS.map(([k, v]) => (
          <li key={k} className="contents">
            <kbd className="font-mono text-xs">{k}</kbd>
            <span>{v}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500">In a case: r reply, n note, a assign to me, e solve.</p>
    </div>
  );
}
