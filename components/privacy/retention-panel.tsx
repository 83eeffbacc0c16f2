"use client";

import { useState } from "react";
import { runRetentionAction } from "@/lib/privacy/retention-actions";
import { RETENTION_KINDS, type RetentionReport, type RetentionRunSummary } from "@/lib/privacy/settings";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, secondaryButton } from "@/components/ui/buttons";
import { RetentionReportTable } from "./retention-report";

// Preview (a dry run: counts only, audited as a preview), run now (audited), and the last run.

const TRIGGERS: Record<string, string> = {
  schedule: "the scheduled job",
  admin: "an admin",
  cli: "the command line",
};

function lastRunLine(last: RetentionRunSummary): string {
  const by = last.actor ?? TRIGGERS[last.trigger] ?? last.trigger;
  return `Last run ${new Date(last.at).toUTCString()}, by ${by}.`;
}

export function RetentionPanel({
  lastRun,
  configured,
}: {
  lastRun: RetentionRunSummary | null;
  /** Whether any retention period is saved (without one, a run has nothing to do). */
  configured: boolean;
}) {
  const { pending, error, run, router } = useAction();
  const [result, setResult] = useState<RetentionReport | null>(null);
  const due = result?.dryRun ? RETENTION_KINDS.reduce((n, k) => n + result.kinds[k].matched, 0) : null;

  return (
    <section aria-label="Retention job" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div>
        <h2 className="font-medium">Retention job</h2>
        <p className="text-slate-500">
          Runs every 6 hours in batches that each hold their locks only briefly, and writes an audit row with what it
          did. The dashboards keep their totals: anonymised posts are still counted.
        </p>
      </div>
      {!configured && <p className="text-slate-600">Every kind is kept forever: the job has nothing to do.</p>}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButton}
          disabled={pending}
          onClick={() =>
            run(
              () => runRetentionAction({ dryRun: true }),
              (report) => setResult(report),
            )
          }
        >
          Preview retention
        </button>
        <button
          type="button"
          className={dangerButton}
          disabled={pending || !configured}
          onClick={() => {
            const sure = window.confirm(
              "Run retention now? What is due is anonymised or deleted for good. Preview retention shows the counts first.",
            );
            if (!sure) return;
            run(
              () => runRetentionAction({ dryRun: false }),
              (report) => {
                setResult(report);
                router.refresh();
              },
            );
          }}
        >
          Run retention now
        </button>
        {pending && (
          <span role="status" className="self-center text-slate-500">
            Working…
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      {result && (
        <div aria-live="polite" className="rounded-md bg-slate-50 p-3">
          <RetentionReportTable
            report={result}
            caption={
              result.dryRun
                ? due === 0
                  ? "Preview: nothing is due now."
                  : "Preview: what a run would change now."
                : "Done just now."
            }
          />
        </div>
      )}
      <div>
        <h3 className="font-medium">Last run</h3>
        {lastRun ? (
          <RetentionReportTable report={lastRun.report} caption={lastRunLine(lastRun)} />
        ) : (
          <p className="text-slate-500">No retention run is on record yet.</p>
        )}
      </div>
    </section>
  );
}
