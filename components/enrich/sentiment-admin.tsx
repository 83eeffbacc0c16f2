"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { importLabelsAction, rescoreMentionsAction, resetSentimentModelAction } from "@/lib/enrich/learn/actions";
import type { ModelSummary } from "@/lib/enrich/learn/store";
import { parseCsvRecords } from "@/lib/util/csv";

function Progress({ value, total, label }: { value: number; total: number; label: string }) {
  const pct = total ? Math.round((value / total) * 100) : 0;
  return (
    <div aria-label={label}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={value}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-2 bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <div className="mt-1 text-xs text-slate-600" data-testid={`${label}-progress`}>
        {value.toLocaleString("en")} / {total.toLocaleString("en")}
      </div>
    </div>
  );
}

export function SentimentAdmin({ summary }: { summary: ModelSummary }) {
  const router = useRouter();
  const [textColumn, setTextColumn] = useState("text");
  const [labelColumn, setLabelColumn] = useState("label");
  const [importState, setImportState] = useState<{
    done: number;
    total: number;
    rejected: Array<{ line: number; reason: string }>;
  } | null>(null);
  const [rescore, setRescore] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(file: File) {
    setError(null);
    const records = parseCsvRecords(await file.text());
    if (records.length && (!(textColumn in records[0].record) || !(labelColumn in records[0].record))) {
      setError(
        `The file needs the columns "${textColumn}" and "${labelColumn}" (it has: ${Object.keys(records[0].record).join(", ")}).`,
      );
      return;
    }
    setBusy(true);
    const rejected: Array<{ line: number; reason: string }> = [];
    setImportState({ done: 0, total: records.length, rejected });
    for (let i = 0; i < records.length; i += 500) {
      const rows = records
        .slice(i, i + 500)
        .map((r) => ({ line: r.line, text: r.record[textColumn] ?? "", label: r.record[labelColumn] ?? "" }));
      const result = await importLabelsAction({ rows });
      if (!result.ok) {
        setError(result.error);
        break;
      }
      rejected.push(...result.data.rejected);
      setImportState({ done: Math.min(i + 500, records.length), total: records.length, rejected: [...rejected] });
    }
    setBusy(false);
    router.refresh();
  }

  async function runRescore() {
    setBusy(true);
    setError(null);
    let cursor: string | null = null;
    do {
      const result = await rescoreMentionsAction({ cursor });
      if (!result.ok) {
        setError(result.error);
        break;
      }
      setRescore({ done: result.data.done, total: result.data.total });
      cursor = result.data.cursor;
    } while (cursor);
    setBusy(false);
  }

  async function reset() {
    if (
      !window.confirm("Forget everything this workspace's model learned? Mentions keep their labels until re-scored.")
    )
      return;
    const result = await resetSentimentModelAction({ confirm: true });
    if (!result.ok) setError(result.error);
    router.refresh();
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label="Model" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-medium">This workspace&apos;s model</h2>
        {summary.version === null ? (
          <p data-testid="model-summary">Not trained yet: the built-in analyzer labels mentions.</p>
        ) : (
          <p data-testid="model-summary">
            Version {summary.version}, learned from {summary.examples.toLocaleString("en")} examples (
            {summary.corrections} corrections, {summary.imported} imported).
          </p>
        )}
        <div className="flex gap-2 pt-2">
          <button
            type="button"
            disabled={busy}
            onClick={runRescore}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50 disabled:opacity-50"
          >
            Re-score all mentions
          </button>
          {summary.version !== null && (
            <button
              type="button"
              disabled={busy}
              onClick={reset}
              className="rounded-md border border-red-200 px-3 py-1.5 text-red-700 hover:bg-red-50"
            >
              Reset model
            </button>
          )}
        </div>
        {rescore && <Progress value={rescore.done} total={rescore.total} label="rescore" />}
      </section>
      <section
        aria-label="Import labelled examples"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <h2 className="font-medium">Import labelled examples (CSV)</h2>
        <div className="flex gap-2">
          <label className="flex-1">
            Text column
            <input
              value={textColumn}
              onChange={(e) => setTextColumn(e.target.value)}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="flex-1">
            Label column
            <input
              value={labelColumn}
              onChange={(e) => setLabelColumn(e.target.value)}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            />
          </label>
        </div>
        <label className="block">
          File (labels: positive, neutral, negative)
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
            className="mt-1 block w-full"
          />
        </label>
        {importState && <Progress value={importState.done} total={importState.total} label="import" />}
        {importState && importState.rejected.length > 0 && (
          <details open>
            <summary className="cursor-pointer text-red-700">{importState.rejected.length} rows skipped</summary>
            <ul className="list-disc pl-5 text-xs text-red-800">
              {importState.rejected.slice(0, 50).map((r) => (
                <li key={r.line}>
                  line {r.line}: {r.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {error && (
        <p role="alert" className="text-sm text-red-700 lg:col-span-2">
          {error}
        </p>
      )}
    </div>
  );
}
