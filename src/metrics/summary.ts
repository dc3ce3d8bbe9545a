/**
 * Summary statistics of a sample. Null fields when the sample is empty.
 *
 * @example
 * ```ts
 * const waits: SampleSummary = summarize([0.5, 1, 4]);
 * waits.p50; // 1
 * summarize([]).mean; // null
 * ```
 */
export interface SampleSummary {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/**
 * Quantile of sorted values by linear interpolation between closest ranks (Hyndman–Fan type 7,
 * the default of R, NumPy and d3).
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (b - a) * (h - lo);
}

/**
 * Count, mean, median, 95th and 99th percentiles and maximum of a sample (quantiles of type 7).
 *
 * @example
 * ```ts
 * summarize([3, 1, 2]); // { count: 3, mean: 2, p50: 2, p95: 2.9, p99: 2.98, max: 3 }
 * ```
 */
export function summarize(values: readonly number[]): SampleSummary {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * The quantiles of a sample at 0 %, 1 %, …, 100 % (101 values, type 7), for CDF charts; [] for an
 * empty sample.
 *
 * @example
 * ```ts
 * const q = percentiles([0, 100]);
 * q.length; // 101
 * q[25];    // 25
 * ```
 */
export function percentiles(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: 101 }, (_, i) => quantileSorted(sorted, i / 100));
}
