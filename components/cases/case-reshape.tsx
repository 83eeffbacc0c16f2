"use client";

import { useState } from "react";
import { mergeCasesAction, moveMessageAction, splitCaseAction } from "@/lib/cases/actions";
import { useAction } from "@/components/ui/use-action";
import { secondaryButton } from "@/components/ui/buttons";

/** Merge this case into another, split messages off into a new case, or move one to another case. */
export function CaseReshape({ caseId, messages }: { caseId: string; messages: Array<{ id: string; text: string }> }) {
  const { pending, error, run, router } = useAction();
  const [target, setTarget] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const number = Number(target.replace(/^#/, ""));
  const valid = Number.isInteger(number) && number > 0;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-medium">Merge, split or move</summary>
      <div className="mt-2 space-y-2">
        <label className="block">
          Other case number{" "}
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="#1234"
            aria-label="Other case number"
            className="w-24 rounded border border-slate-300 px-1"
          />
        </label>
        <button
          className={secondaryButton}
          disabled={pending || !valid}
          onClick={() =>
            run(
              () => mergeCasesAction({ sourceId: caseId, targetNumber: number }),
              (r) => router.push(`/cases/${r.targetNumber}`),
            )
          }
        >
          Merge this case into #{valid ? number : "…"}
        </button>
        <fieldset>
          <legend className="text-slate-600">Customer messages</legend>
          {messages.map((m) => (
            <label key={m.id} className="flex items-start gap-1">
              <input
                type="checkbox"
                checked={chosen.includes(m.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((x) => x !== m.id))}
              />
              <span className="line-clamp-1">{m.text}</span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <button
            className={secondaryButton}
            disabled={pending || !chosen.length}
            onClick={() =>
              run(
                () => splitCaseAction({ caseId, messageIds: chosen }),
                (r) => router.push(`/cases/${r.number}`),
              )
            }
          >
            Split into a new case
          </button>
          <button
            className={secondaryButton}
            disabled={pending || chosen.length !== 1 || !valid}
            onClick={() =>
              run(
                () => moveMessageAction({ messageId: chosen[0], targetNumber: number }),
                () => {
                  setChosen([]);
                  router.refresh();
                },
              )
            }
          >
            Move to #{valid ? number : "…"}
          </button>
        </div>
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
