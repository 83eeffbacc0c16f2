import Link from "next/link";
import type { Table } from "@/lib/metrics/tables";

// A dashboard table: the first cell of a row links to what the row counts; the CSV link
// exports exactly these rows under the same filter.

export function DataTable({
  table,
  csvHref,
  caption = true,
  compact,
}: {
  table: Table;
  csvHref?: string;
  caption?: boolean;
  compact?: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={`table-${table.id}`}>
        {caption && <caption className="sr-only">{table.title}</caption>}
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase text-slate-500">
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={`py-1.5 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length} className="py-3 text-slate-500">
                Nothing in this period.
              </td>
            </tr>
          )}
          {table.rows.map((row, r) => (
            <tr key={r} className="border-b border-slate-100 last:border-0">
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className={`pr-3 text-left font-normal ${compact ? "py-0.5" : "py-1.5"}`}>
                    {row.href ? (
                      <Link href={row.href} className="text-indigo-700 hover:underline">
                        {cell ?? "—"}
                      </Link>
                    ) : (
                      (cell ?? "—")
                    )}
                  </th>
                ) : (
                  <td key={i} className={`pr-3 text-right tabular-nums ${compact ? "py-0.5" : "py-1.5"}`}>
                    {cell === null ? "—" : typeof cell === "number" ? cell.toLocaleString("en") : cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {(table.note || csvHref) && (
        <p className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
          <span>{table.note}</span>
          {csvHref && (
            <a href={csvHref} className="text-indigo-700 hover:underline" download>
              Download CSV
            </a>
          )}
        </p>
      )}
    </div>
  );
}
