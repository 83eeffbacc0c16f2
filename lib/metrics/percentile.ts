// Nearest-rank percentiles: the smallest value with at least p of the values at or below it —
// always a value that occurred, and what PostgreSQL's percentile_disc returns. Pure.

export function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = rankOf(sorted.length, p);
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

/** The nearest rank (1-based) of p among n values — the position nearestRank reads. */
export function rankOf(n: number, p: number): number {
  // The epsilon keeps 0.9 × 30 at rank 27 despite floating point.
  return Math.max(1, Math.ceil(p * n - 1e-9));
}

export interface BinCount {
  bin: number;
  n: number;
}

/**
 * Where the nearest-rank p falls in a histogram: the bin holding it and how many of that bin's
 * values (in value order) come before it. `bins` ascending by bin; null when there are no values.
 */
export function locateRank(bins: BinCount[], p: number): { bin: number; offset: number } | null {
  const total = bins.reduce((sum, b) => sum + b.n, 0);
  if (!total) return null;
  const rank = rankOf(total, p);
  let before = 0;
  for (const b of bins) {
    if (before + b.n >= rank) return { bin: b.bin, offset: rank - before - 1 };
    before += b.n;
  }
  return null;
}
