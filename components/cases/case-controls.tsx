"use client";

import { useEffect, useSyncExternalStore } from "react";
import { assignCaseAction, setCaseStatusAction, updateCaseFieldsAction } from "@/lib/cases/actions";
import type { ActionResult } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { CASE_STATUSES, PRIORITIES } from "@/lib/domain/vocabulary";

interface Props {
  caseId: string;
  version: number;
  userId: string;
  status: string;
  priority: string;
  queueId: string | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  options: { queues: Array<{ id: string; name: string }>; agents: Array<{ id: string; name: string }> };
}

// The agent's own changes to a case, as version steps (from → to), shared by the controls and the
// composer on the page. The page's version can lag behind the agent's own last change (the refresh
// is still on its way); following these steps means that change never counts as a conflict, while
// a step by anyone else still does, because no own step starts from the version it produced.
const ownSteps = new Map<string, Map<number, number>>();
const listeners = new Set<() => void>();
let stepsSeen = 0;

/** Records that this agent's change took the case from version `from` to `to`. */
export function noteOwnChange(caseId: string, from: number, to: number) {
  if (from === to) return;
  const steps = ownSteps.get(caseId) ?? new Map<number, number>();
  steps.set(from, to);
  ownSteps.set(caseId, steps);
  stepsSeen++;
  listeners.forEach((listener) => listener());
}

function followOwnChanges(caseId: string, version: number): number {
  const steps = ownSteps.get(caseId);
  let current = version;
  for (let hops = 0; steps?.has(current) && hops < 1000; hops++) current = steps.get(current)!;
  return current;
}

/** `version` advanced over the agent's own later changes. */
export function useOwnVersion(caseId: string, version: number): number {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => stepsSeen,
    () => 0,
  );
  return followOwnChanges(caseId, version);
}

const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** Assignment, status, priority, queue and tags; each a compare-and-set on the version shown. */
export function CaseControls(p: Props) {
  const { pending, error, run: runAction, router } = useAction();
  const version = useOwnVersion(p.caseId, p.version);
  // Refreshed either way: a refused compare-and-set means the case changed, so show the change.
  const run = (call: () => Promise<ActionResult<{ version: number }>>) =>
    runAction(call, {
      onSuccess: (result) => {
        noteOwnChange(p.caseId, version, result.version);
        router.refresh();
      },
      onFailure: () => router.refresh(),
    });
  const assign = (assigneeId: string | null) => run(() => assignCaseAction({ caseId: p.caseId, version, assigneeId }));
  const status = (s: string) => run(() => setCaseStatusAction({ caseId: p.caseId, version, status: s as "OPEN" }));

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.target as HTMLElement).closest("input, textarea, select") || event.metaKey || event.ctrlKey) return;
      if (event.key === "a") assign(p.userId);
      else if (event.key === "e") status("SOLVED");
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <section aria-label="Case controls" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-500">Assignee</span>
        <strong data-testid="assignee">{p.assignee?.name ?? "Unassigned"}</strong>
        {p.assignee?.id !== p.userId && (
          <button className={primaryButton} disabled={pending} onClick={() => assign(p.userId)}>
            Assign to me (a)
          </button>
        )}
        <select
          aria-label="Assign to"
          className={select}
          value={p.assignee?.id ?? ""}
          disabled={pending}
          onChange={(e) => assign(e.target.value || null)}
        >
          <option value="">Unassigned</option>
          {p.options.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          Status
          <select
            aria-label="Status"
            className={select}
            value={p.status}
            disabled={pending}
            onChange={(e) => status(e.target.value)}
          >
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ").toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Priority
          <select
            aria-label="Priority"
            className={select}
            value={p.priority}
            disabled={pending}
            onChange={(e) =>
              run(() => updateCaseFieldsAction({ caseId: p.caseId, version, priority: e.target.value as "LOW" }))
            }
          >
            {PRIORITIES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Queue
          <select
            aria-label="Queue"
            className={select}
            value={p.queueId ?? ""}
            disabled={pending}
            onChange={(e) =>
              run(() => updateCaseFieldsAction({ caseId: p.caseId, version, queueId: e.target.value || null }))
            }
          >
            <option value="">No queue</option>
            {p.options.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
        {p.status !== "SOLVED" && (
          <button className={secondaryButton} disabled={pending} onClick={() => status("SOLVED")}>
            Solve (e)
          </button>
        )}
      </div>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const tags = String(new FormData(e.currentTarget).get("tags") ?? "")
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean);
          run(() => updateCaseFieldsAction({ caseId: p.caseId, version, tags }));
        }}
      >
        <input
          name="tags"
          defaultValue={p.tags.join(", ")}
          aria-label="Tags"
          placeholder="tags, comma separated"
          className="flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <button className={secondaryButton} disabled={pending}>
          Save tags
        </button>
      </form>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
