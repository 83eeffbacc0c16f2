// Nearest-rank percentiles: the smallest value with at least p of the values at or below it —
// always a value that occurred, and what PostgreSQL's percentile_disc returns. Pure.

export function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // The epsilon keeps 0.9 × 30 at rank 27 despite floating point.
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1];
}

export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}

export function spread(values: number[]): Spread {
  return { count: values.length, median: nearestRank(values, 0.5), p90: nearestRank(values, 0.9) };
}
