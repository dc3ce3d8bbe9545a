import jStat from 'jstat';
import type { IntervalEstimate, MetricDirection, Verdict } from './comparisonReport.ts';

/**
 * Arithmetic mean; NaN for no values.
 *
 * @example
 * ```ts
 * mean([1, 2, 6]); // 3
 * ```
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample standard deviation (divisor n − 1); 0 for fewer than two values.
 *
 * @example
 * ```ts
 * sampleSd([2, 4, 4, 4, 5, 5, 7, 9]); // 2.138…
 * ```
 */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The quantile of Student's t distribution with `dof` degrees of freedom, e.g. t(0.975, 4) ≈ 2.776.
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 9); // 2.262…
 * ```
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(dof >= 1)) throw new RangeError(`Student's t needs ≥ 1 degree of freedom, got ${dof}`);
  return jStat.studentt.inv(p, dof);
}

/**
 * Mean and 95% confidence interval of independent replications: mean ± t(0.975, n − 1) · sd / √n.
 * Null for no values; with one value the interval is the point and `halfWidth` is null.
 *
 * @example
 * ```ts
 * intervalEstimate([1, 2, 3]); // { n: 3, mean: 2, sd: 1, halfWidth: 2.484…, low: -0.484…, high: 4.484… }
 * ```
 */
export function intervalEstimate(values: readonly number[]): IntervalEstimate | null {
  const n = values.length;
  if (n === 0) return null;
  const m = mean(values);
  const sd = sampleSd(values);
  if (n === 1) return { n, mean: m, sd: 0, halfWidth: null, low: m, high: m };
  const halfWidth = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, halfWidth, low: m - halfWidth, high: m + halfWidth };
}

/**
 * Per-key differences `variant − baseline` over the keys (seeds) both have a value for, in the
 * baseline's key order.
 *
 * @example
 * ```ts
 * pairedDifferences([[1, 10], [2, 20]], [[2, 25], [1, 11]]); // [1, 5]
 * ```
 */
export function pairedDifferences<K>(
  baseline: readonly (readonly [K, number | null])[],
  variant: readonly (readonly [K, number | null])[],
): number[] {
  const other = new Map(variant);
  const out: number[] = [];
  for (const [key, b] of baseline) {
    const v = other.get(key);
    if (b !== null && v !== undefined && v !== null) out.push(v - b);
  }
  return out;
}

/**
 * The verdict on a paired difference (variant − baseline): when its 95% interval lies wholly above
 * or below 0 the variant is `better` or `worse` by the metric's direction; otherwise (the interval
 * holds 0, or there is a single replication, or none) `within-noise`. A difference that is exactly
 * 0 on every seed is within noise.
 *
 * @example
 * ```ts
 * verdict({ n: 5, mean: -3, sd: 1, halfWidth: 1.24, low: -4.24, high: -1.76 }, 'lower'); // 'better'
 * ```
 */
export function verdict(difference: IntervalEstimate | null, better: MetricDirection): Verdict {
  if (difference === null || difference.halfWidth === null) return 'within-noise';
  const above = difference.low > 0;
  const below = difference.high < 0;
  if (!above && !below) return 'within-noise';
  return above === (better === 'higher') ? 'better' : 'worse';
}
