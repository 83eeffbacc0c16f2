"use client";

import { useMemo } from "react";
import { parseQuery } from "@/lib/listening/query/parser";

/** The query box: validates as the admin types and marks where the problem starts. */
export function QueryInput({ value, onChange, id }: { value: string; onChange: (v: string) => void; id: string }) {
  const result = useMemo(() => (value.trim() ? parseQuery(value) : null), [value]);
  const error = result && !result.ok ? result.error : null;
  return (
    <div>
      <textarea
        id={id}
        name="query"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={`${id}-status`}
        className={`mt-1 w-full rounded-md border px-2 py-1.5 font-mono text-sm ${error ? "border-red-400 bg-red-50/40" : "border-slate-300"}`}
        placeholder={'"northwind air" AND (lost OR missing) AND bag* -job*'}
      />
      <div id={`${id}-status`} className="mt-1 min-h-5 text-xs" data-testid="query-status">
        {error ? (
          <div role="alert" className="text-red-700">
            <div>
              {error.message} <span className="text-red-500">(character {error.offset + 1})</span>
            </div>
            <pre className="mt-1 overflow-x-auto rounded bg-white p-1 font-mono text-slate-700" aria-hidden>
              {value.slice(0, error.offset)}
              <span className="bg-red-200 text-red-900 underline decoration-wavy">
                {value.slice(error.offset, error.offset + 1) || " "}
              </span>
              {value.slice(error.offset + 1)}
            </pre>
          </div>
        ) : result?.ok ? (
          <span className="text-emerald-700">Valid query.</span>
        ) : (
          <span className="text-slate-500">
            AND, OR, NOT (upper case), &quot;phrases&quot;, wildcards*, NEAR/n, #tags, @mentions, {"{Case}"}, lang:,
            source:, author:, followers:[a TO b], verified:, site:
          </span>
        )}
      </div>
    </div>
  );
}
