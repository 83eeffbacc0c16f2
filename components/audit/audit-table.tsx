import Link from "next/link";
import type { AuditViewRow } from "@/lib/audit/viewer";

// The audit rows of one page. Everything a row holds is shown as text (React escapes it);
// details are the stored JSON, pretty-printed inside a collapsed <details>.

const MAX_DETAILS = 20_000;

function detailsText(details: unknown): string {
  const text = JSON.stringify(details ?? {}, null, 2);
  return text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS)}\n… (cut: download the CSV for all of it)` : text;
}

function ObjectCell({ row }: { row: AuditViewRow }) {
  const id = row.targetId ? (
    row.objectHref ? (
      <Link href={row.objectHref} className="font-mono text-indigo-700 hover:underline">
        {row.targetId}
      </Link>
    ) : (
      <span className="font-mono">{row.targetId}</span>
    )
  ) : null;
  return (
    <span className="flex flex-col">
      <span>{row.targetType}</span>
      {id && <span className="break-all text-xs">{id}</span>}
    </span>
  );
}

export function AuditTable({ rows, timeZone }: { rows: AuditViewRow[]; timeZone: string }) {
  const fmt = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-3 py-2">Time</th>
            <th className="px-3 py-2">Actor</th>
            <th className="px-3 py-2">Action</th>
            <th className="px-3 py-2">Object</th>
            <th className="px-3 py-2">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-4 text-slate-500">
                No audit rows match.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id} data-audit-id={r.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <time dateTime={r.createdAt.toISOString()}>{fmt.format(r.createdAt)}</time>
              </td>
              <td className="px-3 py-2">
                {r.actorUserId ? (r.actorName ?? r.actorUserId) : <span className="text-slate-500">System</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
              <td className="px-3 py-2">
                <ObjectCell row={r} />
              </td>
              <td className="px-3 py-2">
                <details>
                  <summary className="cursor-pointer text-xs text-slate-500">JSON</summary>
                  <pre className="mt-1 max-w-xl overflow-x-auto whitespace-pre-wrap break-all text-xs">
                    {detailsText(r.details)}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
