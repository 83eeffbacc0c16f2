"use client";

import { useState } from "react";
import { deleteRuleAction, setRuleActiveAction } from "@/lib/listening/actions";
import type { BrandWithRules } from "@/lib/listening/rules";
import { useAction } from "@/components/ui/use-action";
import { RuleForm } from "./rule-form";

export function BrandRules({ brand }: { brand: BrandWithRules }) {
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const { pending, error, run } = useAction();

  return (
    <section aria-label={brand.name} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <div className="flex items-center gap-2">
          <span
            className="h-3 w-3 rounded-full"
            style={{ backgroundColor: /^#[0-9a-f]{6}$/i.test(brand.color) ? brand.color : "#64748b" }}
          />
          <h2 className="font-medium">{brand.name}</h2>
          {brand.isCompetitor && (
            <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700">Competitor</span>
          )}
        </div>
        <button
          type="button"
          onClick={() => setEditing("new")}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
        >
          Add rule
        </button>
      </header>
      <div className="space-y-2 p-4">
        {editing === "new" && <RuleForm brandId={brand.id} onDone={() => setEditing(null)} />}
        {brand.rules.length === 0 && editing !== "new" && (
          <p className="text-sm text-slate-500">No keyword rules yet.</p>
        )}
        {brand.rules.map((rule) =>
          editing === rule.id ? (
            <RuleForm key={rule.id} brandId={brand.id} rule={rule} onDone={() => setEditing(null)} />
          ) : (
            <div
              key={rule.id}
              data-rule={rule.name}
              className={`flex items-start justify-between gap-4 rounded-md border border-slate-100 px-3 py-2 ${rule.active ? "" : "opacity-60"}`}
            >
              <div className="min-w-0">
                <div className="text-sm font-medium">
                  {rule.name} {!rule.active && <span className="text-xs font-normal text-slate-500">(disabled)</span>}
                </div>
                <code className="block truncate text-xs text-slate-600">{rule.query}</code>
              </div>
              <div className="flex shrink-0 gap-1 text-xs">
                <button
                  type="button"
                  onClick={() => setEditing(rule.id)}
                  className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                >
                  Edit
                </button>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => run(() => setRuleActiveAction({ ruleId: rule.id, active: !rule.active }))}
                  className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                >
                  {rule.active ? "Disable" : "Enable"}
                </button>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => {
                    if (window.confirm(`Delete the rule "${rule.name}"?`))
                      run(() => deleteRuleAction({ ruleId: rule.id }));
                  }}
                  className="rounded border border-red-200 px-2 py-1 text-red-700 hover:bg-red-50"
                >
                  Delete
                </button>
              </div>
            </div>
          ),
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
