"use client";
import { useRouter } from "next/navigation";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

// Charts drawn with Recharts. Every bar is a link to the cases or mentions behind it; the
// same figures are in the table beside each chart (its accessible alternative), so the chart
// itself is hidden from screen readers behind a short description.

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
  /** Drawn as a line over the bars (e.g. backlog). */
  line?: boolean;
}

export interface ChartProps {
  label: string;
  data: Array<Record<string, string | number>>;
  xKey: string;
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
  /** Per data row: where clicking its bar leads. */
  hrefs?: string[];
  height?: number;
}

export function Chart({ label, data, xKey, series, stacked, horizontal, hrefs, height = 240 }: ChartProps) {
  const router = useRouter();
  const go = (index: number | undefined) => {
    const href = index !== undefined ? hrefs?.[index] : undefined;
    if (href) router.push(href);
  };
  const bars = series.filter((s) => !s.line);
  const lines = series.filter((s) => s.line);
  const axisProps = { tick: { fontSize: 11 }, stroke: "#94a3b8" };
  return (
    <figure className="w-full" aria-label={label} data-testid={`chart-${label}`}>
      <div aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {horizontal ? (
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} {...axisProps} />
              <YAxis type="category" dataKey={xKey} width={120} {...axisProps} />
              <Tooltip />
              {bars.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.color}
                  stackId={stacked ? "a" : undefined}
                  cursor={hrefs ? "pointer" : undefined}
                  onClick={(_, i) => go(i)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          ) : (
            <ComposedChart data={data} margin={{ left: 0, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey={xKey} {...axisProps} minTickGap={12} />
              <YAxis allowDecimals={false} {...axisProps} width={40} />
              <Tooltip />
              {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
              {bars.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.color}
                  stackId={stacked ? "a" : undefined}
                  cursor={hrefs ? "pointer" : undefined}
                  onClick={(_, i) => go(i)}
                  isAnimationActive={false}
                />
              ))}
              {lines.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </ComposedChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
