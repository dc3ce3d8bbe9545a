import type { IntervalEstimate, MetricInfo, PairedDifference } from './comparisonReport.ts';

/**
 * A metric's value for people: fractions as percentages, seconds and counts with sensible
 * decimals, and the unit.
 *
 * @example
 * ```ts
 * formatMetricValue(0.8123, 'fraction'); // '81.2%'
 * formatMetricValue(41.26, 's');         // '41.3 s'
 * formatMetricValue(3, 'tasks');         // '3 tasks'
 * ```
 */
export function formatMetricValue(value: number | null, unit: string): string {
  if (value === null) return '-';
  if (unit === 'fraction') return `${(value * 100).toFixed(value !== 0 && Math.abs(value) < 0.01 ? 3 : 1)}%`;
  const digits =
    Number.isInteger(value) && unit !== 's' ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A relative difference as a percentage, with a decimal where rounding would mislead (99.5% is not 100%). */
function percent(relative: number): string {
  const coarse = Math.round(relative * 100);
  const misleading = relative < 0.1 || (coarse === 100 && relative !== 1) || coarse === 0;
  return `${(relative * 100).toFixed(misleading ? 1 : 0)}%`;
}

function formatDifferenceBound(value: number, unit: string): string {
  return unit === 'fraction' ? (value * 100).toFixed(1) : formatMetricValue(value, unit).replace(` ${unit}`, '');
}

function interval(d: IntervalEstimate, unit: string): string {
  if (d.halfWidth === null) return 'one seed: no interval';
  const suffix = unit === 'fraction' ? ' points' : ` ${unit}`;
  return `95% CI ${formatDifferenceBound(d.low, unit)} to ${formatDifferenceBound(d.high, unit)}${suffix}`;
}

/**
 * The plain sentence for one paired difference: which setup is better and by how much, or that the
 * difference is within noise. Fractions are compared in percentage points, other metrics in
 * percent of the baseline's mean (or in their unit when the baseline's mean is 0).
 *
 * @example
 * ```ts
 * findingSentence(cpuAllocatedInfo, difference);
 * // 'CPU allocated: shared is 18.2 percentage points higher than static (95% CI 17.3 to 19.1 points) — better'
 * ```
 */
export function findingSentence(metric: MetricInfo, difference: PairedDifference): string {
  const { variant, baseline } = difference;
  const d = difference.difference;
  if (d === null) return `${metric.label}: no value to compare between ${variant} and ${baseline}`;
  if (difference.verdict === 'within-noise') {
    const exact =
      d.sd === 0 && d.mean === 0
        ? 'identical on every seed'
        : `mean difference ${formatDifferenceBound(d.mean, metric.unit)}${metric.unit === 'fraction' ? ' points' : ` ${metric.unit}`}, ${interval(d, metric.unit)}`;
    return `${metric.label}: no difference beyond noise between ${variant} and ${baseline} (${exact})`;
  }
  const direction = d.mean > 0 ? 'higher' : 'lower';
  const size =
    metric.unit === 'fraction'
      ? `${Math.abs(d.mean * 100).toFixed(1)} percentage points ${direction}`
      : difference.relative !== null
        ? `${percent(Math.abs(difference.relative))} ${direction}`
        : `${formatMetricValue(Math.abs(d.mean), metric.unit)} ${direction}`;
  return `${metric.label}: ${variant} is ${size} than ${baseline} (${interval(d, metric.unit)}) — ${difference.verdict}`;
}
