import Link from "next/link";
import { WEEKDAYS } from "@/lib/metrics/tables";

// The hour-of-week heatmap is itself a table (weekdays × local hours): readable by screen
// readers as it is, each cell a link to its mentions.

export function Heatmap({ cells, hrefFor }: { cells: number[][]; hrefFor: (dow: number, hour: number) => string }) {
  const max = Math.max(1, ...cells.flat());
  return (
    <div className="overflow-x-auto">
      <table className="text-[11px]" data-testid="heatmap">
        <caption className="sr-only">Mentions by weekday and local hour</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-2" />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="w-6 font-normal text-slate-500">
                {h % 3 === 0 ? h : <span className="sr-only">{h}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((hours, d) => (
            <tr key={d}>
              <th scope="row" className="pr-2 text-left font-normal text-slate-600">
                {WEEKDAYS[d].slice(0, 3)}
              </th>
              {hours.map((n, h) => (
                <td key={h} className="p-0.5">
                  <Link
                    href={hrefFor(d, h)}
                    title={`${WEEKDAYS[d]} ${String(h).padStart(2, "0")}:00 — ${n} mentions`}
                    className="block h-5 w-5 rounded-sm text-center leading-5 text-transparent hover:ring-2 hover:ring-indigo-400"
                    style={{ backgroundColor: n ? `rgba(79, 70, 229, ${0.12 + 0.88 * (n / max)})` : "#f1f5f9" }}
                  >
                    {n}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
