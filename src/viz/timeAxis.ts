import { scaleLinear, type ScaleLinear } from 'd3';
import { bottomAxis, timeUnit, type ChartBox } from './chartKit.ts';

/**
 * The x scale and axis of a chart over simulated time (seconds), shown in hours, minutes or days.
 *
 * @example
 * ```ts
 * const time = timeScale(172_800, chartBox(720, 360));
 * time.x(86_400); // the middle of the plot
 * ```
 */
export function timeScale(
  horizonSeconds: number,
  box: ChartBox,
): { readonly x: ScaleLinear<number, number>; axis(y?: number): string } {
  const end = horizonSeconds > 0 ? horizonSeconds : 1;
  const unit = timeUnit(end);
  const x = scaleLinear([0, end], [box.plot.left, box.plot.right]);
  // Ticks at round values of the display unit, not of seconds.
  const shown = scaleLinear([0, end / unit.divisor], [box.plot.left, box.plot.right]);
  const fmt = shown.tickFormat(8);
  return { x, axis: (y = box.plot.bottom) => bottomAxis(shown, box, `simulated time (${unit.label})`, fmt, 8, y) };
}

/**
 * The points of a binned series drawn as steps: bin i holds from i × step to (i + 1) × step, and
 * the last value is repeated at the end so the final bin has its width.
 *
 * @example
 * ```ts
 * stepPoints([0.5, 0.25], 300); // [[0, 0.5], [300, 0.25], [600, 0.25]]
 * ```
 */
export function stepPoints(values: readonly (number | null)[], stepSeconds: number): [number, number | null][] {
  const points: [number, number | null][] = values.map((v, i) => [i * stepSeconds, v]);
  const last = values.at(-1);
  if (last !== undefined) points.push([values.length * stepSeconds, last]);
  return points;
}

/**
 * The longest series among several, in bins (0 when there are none).
 *
 * @example
 * ```ts
 * longest([[1, 2], [1, 2, 3]]); // 3
 * ```
 */
export function longest(series: readonly (readonly unknown[])[]): number {
  return series.reduce((n, s) => Math.max(n, s.length), 0);
}
