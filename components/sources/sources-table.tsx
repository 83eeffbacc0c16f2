"use client";

import { setSourceEnabledAction } from "@/lib/sources/actions";
import type { SourceRow } from "@/lib/sources/sources";
import type { SourceState } from "@/lib/sources/health";
import { useAction } from "@/components/ui/use-action";

const STATE: Record<SourceState, [string, string]> = {
  ok: ["Healthy", "bg-emerald-100 text-emerald-800"],
  waiting: ["No events yet", "bg-slate-100 text-slate-600"],
  silent: ["Silent", "bg-amber-100 text-amber-800"],
  failing: ["Failing", "bg-red-100 text-red-800"],
  auth_failed: ["Authentication failing", "bg-red-100 text-red-800"],
  disabled: ["Disabled", "bg-slate-100 text-slate-500"],
};

export function SourcesTable({ sources }: { sources: SourceRow[] }) {
  const { pending, error, run } = useAction();
  const flagged = sources.filter((s) => ["silent", "failing", "auth_failed"].includes(s.state));
  return (
    <section aria-label="Sources" className="rounded-lg border border-slate-200 bg-white">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="font-medium">Sources</h2>
        {flagged.length > 0 && (
          <span role="status" className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-700">
            {flagged.length} need attention
          </span>
        )}
      </header>
      {error && (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="sources-table">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-3 py-2">Source</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Last event</th>
              <th className="px-3 py-2">Last error</th>
              <th className="px-3 py-2">Errors</th>
              <th className="px-3 py-2">Cursor</th>
              <th className="px-3 py-2">Mentions</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sources.map((s) => (
              <tr key={s.id} data-source={s.name}>
                <td className="px-3 py-2">
                  <div className="font-medium">{s.name}</div>
                  <div className="text-xs text-slate-500">
                    {s.network}
                    {s.feedUrl ? ` · ${s.feedUrl}` : ""}
                  </div>
                  {s.webhookPath && (
                    <div className="text-xs text-slate-500">
                      Callback <code>{s.webhookPath}</code> · verify token <code>{s.verifyToken}</code>
                    </div>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${STATE[s.state][1]}`}>{STATE[s.state][0]}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">
                  {s.lastEventAt ? s.lastEventAt.slice(0, 16).replace("T", " ") : "—"}
                </td>
                <td className="max-w-xs truncate px-3 py-2 text-xs text-red-700" title={s.lastError ?? ""}>
                  {s.lastError ?? ""}
                </td>
                <td className="px-3 py-2 tabular-nums">{s.errorCount}</td>
                <td className="max-w-[10rem] truncate px-3 py-2 font-mono text-xs text-slate-500">{s.cursor ?? ""}</td>
                <td className="px-3 py-2 tabular-nums">{s.mentions}</td>
                <td className="px-3 py-2 text-right">
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => run(() => setSourceEnabledAction({ sourceId: s.id, enabled: !s.enabled }))}
                    className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                  >
                    {s.enabled ? "Disable" : "Enable"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
