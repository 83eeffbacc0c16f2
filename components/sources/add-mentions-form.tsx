"use client";

import { useState } from "react";
import { ingestUploadAction } from "@/lib/ingest/actions";
import type { IngestSummary } from "@/lib/ingest/pipeline";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";

const FORMATS = [
  ["jsonl", "JSON lines (normalized mentions)"],
  ["x", "X API v2 (search page or stream lines)"],
  ["mastodon", "Mastodon statuses / streaming events"],
  ["bluesky", "Bluesky Jetstream events"],
  ["reddit", "Reddit listing"],
  ["facebook", "Facebook page webhook"],
  ["instagram", "Instagram webhook"],
  ["youtube", "YouTube commentThreads"],
  ["rss", "RSS or Atom feed"],
] as const;

function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function AddMentionsForm() {
  const [format, setFormat] = useState<(typeof FORMATS)[number][0]>("jsonl");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<IngestSummary | null>(null);
  const { pending, error: actionError, fieldErrors, run, reset } = useAction<ActionFields<typeof ingestUploadAction>>();
  const error = fieldErrors.content?.[0] ?? actionError;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSummary(null);
    reset();
    run(async () => {
      // Files go as bytes (base64) so feeds keep their declared encoding.
      const payload = file
        ? { content: toBase64(await file.arrayBuffer()), encoding: "base64" as const }
        : { content: text, encoding: "text" as const };
      return ingestUploadAction({ format, ...payload });
    }, setSummary);
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Add mentions"
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 className="font-medium">Add mentions</h2>
      <label className="block text-sm">
        Format
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as typeof format)}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        File
        <input
          type="file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1 block w-full text-sm"
        />
      </label>
      <label className="block text-sm">
        …or paste
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={!!file}
          rows={5}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
        />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        disabled={pending || (!file && !text.trim())}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {pending ? "Adding…" : "Add"}
      </button>
      {summary && (
        <div data-testid="ingest-summary" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <dl className="grid grid-cols-3 gap-2">
            {(["received", "accepted", "duplicates", "ignored", "matched", "updated"] as const).map((k) => (
              <div key={k}>
                <dt className="text-xs uppercase text-slate-500">{k}</dt>
                <dd className="font-semibold tabular-nums" data-field={k}>
                  {summary[k]}
                </dd>
              </div>
            ))}
          </dl>
          {summary.rejected.length > 0 && (
            <details className="mt-2" open>
              <summary className="cursor-pointer text-red-700">{summary.rejected.length} rejected</summary>
              <ul className="mt-1 list-disc pl-5 text-xs text-red-800">
                {summary.rejected.slice(0, 50).map((r, i) => (
                  <li key={i}>
                    <strong>{r.where}</strong>: {r.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </form>
  );
}
