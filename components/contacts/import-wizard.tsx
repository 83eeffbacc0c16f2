"use client";

import { useState } from "react";
import { importContactsAction } from "@/lib/contacts/actions";
import { IMPORT_TARGETS, guessMapping, type ImportMapping, type ImportTarget } from "@/lib/contacts/import-plan";
import type { ConflictChoice, ImportReport, ImportRowResult } from "@/lib/contacts/import";
import { parseCsv } from "@/lib/util/csv";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";

// Upload → map columns → dry run (what each row would do) → import. Rows go to the server
// in chunks, so large files show real progress and never hit a request size limit.

const CHUNK = 500;
type Rows = Array<{ line: number; record: Record<string, string> }>;
const TARGET_LABEL = (t: string) =>
  t === "ignore" ? "— ignore —" : t === "id" ? "Earshot id" : t.startsWith("handle:") ? `${t.slice(7)} handle` : t;

export function ImportWizard() {
  const [file, setFile] = useState<{ name: string; headers: string[]; rows: Rows } | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [progress, setProgress] = useState<{ done: number; total: number; dryRun: boolean } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<ImportRowResult["action"] | "all">("all");
  // Rows that would change who a contact is (a shared family or team e-mail, another name).
  const [onConflict, setOnConflict] = useState<ConflictChoice>("skip");

  async function onFile(f: File | undefined) {
    setReport(null);
    setError(null);
    if (!f) return;
    const parsed = parseCsv(await f.text());
    const [header, ...body] = parsed;
    if (!header || !header.fields.some((h) => h.trim())) return setError("That file has no header row.");
    const headers = header.fields.map((h) => h.trim());
    const rows = body
      .filter((r) => r.fields.some((x) => x.trim()))
      .map((r) => ({ line: r.line, record: Object.fromEntries(headers.map((h, i) => [h, r.fields[i] ?? ""])) }));
    setFile({ name: f.name, headers, rows });
    setMapping(guessMapping(headers));
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setReport(null);
    const all: ImportReport = {
      dryRun,
      results: [],
      counts: { create: 0, update: 0, unchanged: 0, reject: 0, conflict: 0 },
    };
    setProgress({ done: 0, total: file.rows.length, dryRun });
    for (let i = 0; i < file.rows.length; i += CHUNK) {
      const result = await importContactsAction({ rows: file.rows.slice(i, i + CHUNK), mapping, dryRun, onConflict });
      if (!result.ok) {
        setError(
          `Stopped at line ${file.rows[i].line}: ${result.error}${dryRun || i === 0 ? "" : " Rows before it were imported; running the import again is safe."}`,
        );
        break;
      }
      all.results.push(...result.data.results);
      for (const k of Object.keys(all.counts) as Array<keyof ImportReport["counts"]>)
        all.counts[k] += result.data.counts[k];
      setProgress({ done: Math.min(i + CHUNK, file.rows.length), total: file.rows.length, dryRun });
    }
    setReport(all);
  }

  function chooseConflicts(choice: ConflictChoice) {
    setOnConflict(choice);
    // The dry run shown was for the other choice: run it again before importing.
    setReport(null);
  }

  const mapped = Object.values(mapping);
  const canRun =
    !!file &&
    (mapped.includes("name") ||
      mapped.includes("firstName") ||
      mapped.includes("email") ||
      mapped.includes("externalId") ||
      mapped.includes("id"));
  const shown = report?.results.filter((r) => filter === "all" || r.action === filter).slice(0, 500) ?? [];

  return (
    <div className="space-y-4">
      <label className="block text-sm">
        CSV file (UTF-8, first row is the header)
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          className="mt-1 block text-sm"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
      </label>
      {file && (
        <section aria-label="Column mapping" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-medium">
            {file.name}: {file.rows.length.toLocaleString("en")} rows. Map each column.
          </h2>
          <p className="mt-1 text-xs text-slate-500">
            Rows match existing contacts by Earshot id, then external id, then e-mail. A shared e-mail never turns one
            person into another: a row with another external id or another person&rsquo;s name is a conflict, skipped or
            created separately as you choose. Empty cells change nothing; lists gain entries and never lose them, so
            importing a file twice is safe.
          </p>
          <div className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {file.headers.map((h) => (
              <label key={h} className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate font-mono text-xs" title={h}>
                  {h}
                </span>
                <select
                  aria-label={`Column ${h}`}
                  value={mapping[h] ?? "ignore"}
                  onChange={(e) => setMapping({ ...mapping, [h]: e.target.value as ImportTarget })}
                  className="rounded border border-slate-300 px-1 py-1 text-sm"
                >
                  {[
                    ...IMPORT_TARGETS,
                    ...(mapping[h]?.startsWith("custom:") ? [mapping[h]] : []),
                    `custom:${h.replace(/[^\w .-]/g, "").slice(0, 60) || "field"}`,
                  ].map((t) => (
                    <option key={t} value={t}>
                      {TARGET_LABEL(t)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="mt-4 flex gap-2">
            <button
              className={secondaryButton}
              disabled={!canRun || !!(progress && progress.done < progress.total)}
              onClick={() => run(true)}
            >
              Dry run
            </button>
            <button
              className={primaryButton}
              disabled={!canRun || !report?.dryRun || !!(progress && progress.done < progress.total)}
              onClick={() => run(false)}
              title={report?.dryRun ? undefined : "Do a dry run first"}
            >
              Import
            </button>
          </div>
          {!canRun && (
            <p className="mt-2 text-xs text-amber-700">
              Map a name (or first/last name), e-mail, external id or Earshot id column.
            </p>
          )}
        </section>
      )}
      {progress && (
        <div>
          <div className="mb-1 text-sm text-slate-600">
            {progress.dryRun ? "Checking" : "Importing"}: {progress.done.toLocaleString("en")} of{" "}
            {progress.total.toLocaleString("en")} rows
          </div>
          <progress
            className="h-2 w-full"
            max={progress.total}
            value={progress.done}
            aria-label={progress.dryRun ? "Dry run progress" : "Import progress"}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      {report && (
        <section aria-label="Import report" className="space-y-2">
          <h2 className="font-medium">
            {report.dryRun ? "Dry run: nothing was written." : "Imported."} {report.counts.create}{" "}
            {report.dryRun ? "would be created" : "created"}, {report.counts.update}{" "}
            {report.dryRun ? "would be updated" : "updated"}, {report.counts.unchanged} unchanged,{" "}
            {report.counts.reject} rejected
            {report.counts.conflict > 0 &&
              `, ${report.counts.conflict} ${report.dryRun ? "conflicts would be skipped" : "conflicts skipped"}`}
            .
          </h2>
          {(report.counts.conflict > 0 || onConflict === "create") && (
            <fieldset className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" aria-label="Conflicts">
              <legend className="px-1 font-medium">Rows that share an e-mail with a different person</legend>
              <p className="text-xs text-slate-600">
                A shared family or team mailbox is not the same person: such rows never change an existing contact.
              </p>
              <label className="mr-4">
                <input
                  type="radio"
                  name="on-conflict"
                  checked={onConflict === "skip"}
                  onChange={() => chooseConflicts("skip")}
                />{" "}
                Skip them
              </label>
              <label>
                <input
                  type="radio"
                  name="on-conflict"
                  checked={onConflict === "create"}
                  onChange={() => chooseConflicts("create")}
                />{" "}
                Create separate contacts
              </label>
            </fieldset>
          )}
          <div className="flex gap-2 text-sm">
            {(["all", "create", "update", "unchanged", "conflict", "reject"] as const).map((f) => (
              <button
                key={f}
                onClick={() => setFilter(f)}
                className={`rounded px-2 py-0.5 ${filter === f ? "bg-indigo-100 text-indigo-800" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {f}
              </button>
            ))}
          </div>
          <table className="w-full text-left text-sm" data-testid="import-report">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="px-2 py-1">Line</th>
                <th className="px-2 py-1">Result</th>
                <th className="px-2 py-1">Name</th>
                <th className="px-2 py-1">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((r) => (
                <tr key={r.line}>
                  <td className="px-2 py-1">{r.line}</td>
                  <td
                    className={`px-2 py-1 ${r.action === "reject" ? "text-red-700" : r.action === "conflict" ? "text-amber-700" : ""}`}
                  >
                    {r.action}
                  </td>
                  <td className="px-2 py-1">
                    {r.contactId ? (
                      <a className="text-indigo-700 hover:underline" href={`/contacts/${r.contactId}`}>
                        {r.name}
                      </a>
                    ) : (
                      r.name
                    )}
                  </td>
                  <td className="px-2 py-1 text-slate-600">
                    {r.reason ?? (r.changes ? `changes: ${r.changes.join(", ")}` : "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.results.length > shown.length && filter === "all" && (
            <p className="text-xs text-slate-500">Showing the first 500 rows.</p>
          )}
        </section>
      )}
    </div>
  );
}
