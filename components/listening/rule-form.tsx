"use client";

import { useId, useState } from "react";
import { createRuleAction, previewRuleAction, updateRuleAction } from "@/lib/listening/actions";
import type { RulePreview } from "@/lib/listening/rules";
import { parseQuery } from "@/lib/listening/query/parser";
import { QueryInput } from "./query-input";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";
import { HighlightedText } from "./highlighted-text";

interface Props {
  brandId: string;
  rule?: { id: string; name: string; query: string; active: boolean };
  onDone: () => void;
}

export function RuleForm({ brandId, rule, onDone }: Props) {
  const id = useId();
  const [name, setName] = useState(rule?.name ?? "");
  const [query, setQuery] = useState(rule?.query ?? "");
  const [active, setActive] = useState(rule?.active ?? true);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const {
    pending,
    error: actionError,
    fieldErrors,
    run,
  } = useAction<ActionFields<typeof createRuleAction | typeof updateRuleAction>>();
  const error = fieldErrors.query?.[0] ?? fieldErrors.name?.[0] ?? actionError;
  const valid = query.trim() !== "" && parseQuery(query).ok;

  const runPreview = () => run(() => previewRuleAction({ query, limit: 500 }), setPreview);

  function save(event: React.FormEvent) {
    event.preventDefault();
    run(
      () =>
        rule
          ? updateRuleAction({ ruleId: rule.id, name, query, active })
          : createRuleAction({ brandId, name, query, active }),
      onDone,
    );
  }

  return (
    <form
      onSubmit={save}
      noValidate
      aria-label={rule ? `Edit rule ${rule.name}` : "New rule"}
      className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4"
    >
      <label className="block text-sm">
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      <label htmlFor={`${id}-query`} className="block text-sm">
        Query
      </label>
      <QueryInput
        id={`${id}-query`}
        value={query}
        onChange={(v) => {
          setQuery(v);
          setPreview(null);
        }}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          onClick={runPreview}
          disabled={!valid || pending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          Preview matches
        </button>
        <button
          type="submit"
          disabled={!valid || !name.trim() || pending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {rule ? "Save rule" : "Create rule"}
        </button>
        <button type="button" onClick={onDone} className="px-3 py-1.5 text-sm text-slate-600 hover:text-slate-900">
          Cancel
        </button>
      </div>
      {preview && (
        <section
          aria-label="Preview"
          data-testid="rule-preview"
          className="rounded-md border border-slate-200 bg-white p-3 text-sm"
        >
          <p className="font-medium">
            Would have matched {preview.matched} of the last {preview.scanned} mentions.
          </p>
          <ul className="mt-2 space-y-2">
            {preview.examples.map((m) => (
              <li key={m.id} className="border-l-2 border-yellow-300 pl-2">
                <div className="text-xs text-slate-500">
                  {m.network}
                  {m.author ? ` · @${m.author}` : ""}
                </div>
                <HighlightedText text={m.text} spans={m.spans} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}
