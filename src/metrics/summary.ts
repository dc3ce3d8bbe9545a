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
  /**
   * Present (true) when the sample grew past the values kept exactly and its quantiles come from a
   * streaming sketch: p50, p95 and p99 are then each within `relativeError` of the exact value
   * (count and max stay exact, mean exact up to rounding).
   */
  readonly approximate?: true;
  /** With `approximate`: the bound on each quantile's relative error (e.g. 0.01 = 1 %). */
  readonly relativeError?: number;
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
export function summarize(values: ArrayLike<number>): SampleSummary {
  return summarizeSorted(Float64Array.from(values).sort());
}

/**
 * {@link summarize} of values already sorted in ascending order.
 *
 * @example
 * ```ts
 * summarizeSorted(Float64Array.of(1, 2, 3)).p50; // 2
 * ```
 */
export function summarizeSorted(sorted: Float64Array): SampleSummary {
  if (sorted.length === 0) return { count: 0, mean: null, p50: null, p95: null, p99: null, max: null };
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
export function percentiles(values: ArrayLike<number>): number[] {
  return percentilesSorted(Float64Array.from(values).sort());
}

/**
 * {@link percentiles} of values already sorted in ascending order.
 *
 * @example
 * ```ts
 * percentilesSorted(Float64Array.of(0, 100))[50]; // 50
 * ```
 */
export function percentilesSorted(sorted: Float64Array): number[] {
  if (sorted.length === 0) return [];
  return Array.from({ length: 101 }, (_, i) => quantileSorted(sorted, i / 100));
}
