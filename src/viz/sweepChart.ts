import { max, min, scaleLinear } from 'd3';
import {
  colours,
  formatNumber,
  leftAxis,
  legend,
  noDataChart,
  px,
  shortName,
  svgDocument,
  unitDisplay,
  type ChartBox,
  type LegendEntry,
  bottomAxis,
} from './chartKit.ts';
import { escapeXml } from './escape.ts';

/**
 * A mean with its 95% interval at one parameter value (null: no replication has a value there).
 *
 * @example
 * ```ts
 * const p: SweepChartPoint = { mean: 41, low: 37.3, high: 44.7 };
 * ```
 */
export interface SweepChartPoint {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Input of {@link sweepChart}: a metric against one parameter's values, per variant.
 *
 * @example
 * ```ts
 * const data: SweepChartData = { metric: 'p95 task wait', unit: 's', parameter: 'master.allocationInterval',
 *   values: ['1s', '5s'], series: { shared: [{ mean: 30, low: 25, high: 35 }, { mean: 45, low: 38, high: 52 }] } };
 * ```
 */
export interface SweepChartData {
  readonly title?: string;
  readonly subtitle?: string;
  readonly metric: string;
  readonly unit: string;
  /** The parameter on the x axis (its path). */
  readonly parameter: string;
  /** The parameter's values, in grid order: numbers are placed by value, anything else evenly in this order. */
  readonly values: readonly unknown[];
  /** Per variant, one point per value (aligned with `values`). */
  readonly series: Readonly<Record<string, readonly (SweepChartPoint | null)[]>>;
  /** Variant order (colours come from it); defaults to the keys sorted. */
  readonly order?: readonly string[];
}

const WIDTH = 760;

/**
 * A metric against a sweep parameter: per variant a line through the means over replications,
 * with 95% CI whiskers (variants shifted a little sideways so that whiskers do not hide each
 * other). Numeric parameter values get a linear axis; others (durations, names) are evenly spaced.
 *
 * @example
 * ```ts
 * sweepChart({ metric: 'CPU allocated', unit: 'fraction', parameter: 'topology.machines[0].count', values: [10, 20],
 *   series: { shared: [{ mean: 0.8, low: 0.75, high: 0.85 }, { mean: 0.6, low: 0.55, high: 0.65 }] } });
 * ```
 */
export function sweepChart(data: SweepChartData): string {
  const title = data.title ?? `${data.metric} against ${data.parameter}`;
  const names = (data.order ?? Object.keys(data.series).sort()).filter((v) =>
    (data.series[v] ?? []).some((p) => p !== null),
  );
  if (names.length === 0 || data.values.length === 0) return noDataChart(title, 'no run has a value for this metric');
  const colourOf = colours(data.order ?? names);
  const show = unitDisplay(data.unit);
  const box: ChartBox = { width: WIDTH, height: 380, plot: { left: 74, right: WIDTH - 200, top: 52, bottom: 330 } };
  const numeric = data.values.every((v) => typeof v === 'number' && Number.isFinite(v));
  const positions = numeric ? (data.values as number[]) : data.values.map((_, i) => i);
  const x = scaleLinear([min(positions) ?? 0, max(positions) ?? 1], [box.plot.left + 24, box.plot.right - 24]);
  if (x.domain()[0] === x.domain()[1]) x.domain([(positions[0] ?? 0) - 1, (positions[0] ?? 0) + 1]);
  if (numeric) x.nice();
  const points = names.flatMap((v) => (data.series[v] ?? []).filter((p): p is SweepChartPoint => p !== null));
  const yHigh = (max(points, (p) => p.high) ?? 0) * show.factor;
  const yLowest = (min(points, (p) => p.low) ?? 0) * show.factor;
  const span = yHigh - yLowest;
  // Start at 0 unless all values sit in a narrow band far from it (availability near 100 %).
  const zoom = yLowest > 0 && span > 0 && yLowest > 2 * span;
  const yLow = zoom ? yLowest - 0.1 * span : Math.min(yLowest, 0);
  const y = scaleLinear(
    [yLow, yHigh > yLow ? yHigh + 0.05 * (yHigh - yLow) : yLow + 1],
    [box.plot.bottom, box.plot.top],
  ).nice(5);
  const unitLabel = show.suffix.trim() === '' ? '' : ` (${show.suffix.trim()})`;
  const parts = [
    leftAxis(y, box, `${data.metric}${unitLabel}`, y.tickFormat(5), 5),
    numeric ? bottomAxis(x, box, data.parameter, undefined, 8) : categoryAxis(x, box, data.parameter, data.values),
  ];
  const entries: LegendEntry[] = [];
  names.forEach((v, k) => {
    const c = colourOf(v);
    const shift = (k - (names.length - 1) / 2) * 5;
    const at = (i: number): number => x(positions[i] as number) + shift;
    const series = data.series[v] ?? [];
    const drawn = series
      .map((p, i) => [i, p] as const)
      .filter((e): e is readonly [number, SweepChartPoint] => e[1] !== null);
    const d = drawn.map(([i, p], j) => `${j === 0 ? 'M' : 'L'}${px(at(i))},${px(y(p.mean * show.factor))}`).join('');
    parts.push(`<path class="series line" d="${d}" fill="none" stroke="${c}" stroke-width="1.8"/>`);
    for (const [i, p] of drawn) {
      const cx = px(at(i));
      const label = `${v}, ${data.parameter} = ${valueLabel(data.values[i])}: ${formatNumber(p.mean * show.factor)}${show.suffix} [${formatNumber(p.low * show.factor)}, ${formatNumber(p.high * show.factor)}]`;
      parts.push(
        `<path class="whisker" d="M${cx},${px(y(p.low * show.factor))}V${px(y(p.high * show.factor))}" stroke="${c}" stroke-width="1.2"/>`,
        `<circle cx="${cx}" cy="${px(y(p.mean * show.factor))}" r="3.5" fill="${c}" stroke="${c}" stroke-width="1.5"><title>${escapeXml(label)}</title></circle>`,
      );
    }
    entries.push({ label: v, colour: c, mark: 'line' });
  });
  parts.push(legend(entries, box.plot.right + 20, box.plot.top + 10));
  return svgDocument(box, title, parts, data.subtitle ?? 'points: mean over replications; whiskers: 95% CI');
}

/** A bottom axis with one labelled tick per value, at the given positions (index i at x(i)). */
function categoryAxis(x: (v: number) => number, box: ChartBox, label: string, values: readonly unknown[]): string {
  const y = box.plot.bottom;
  const parts = [
    `<g class="axis axis-x" fill="#444444" font-size="11">`,
    `<line x1="${px(box.plot.left)}" y1="${px(y)}" x2="${px(box.plot.right)}" y2="${px(y)}" stroke="#888888"/>`,
  ];
  values.forEach((value, i) => {
    const at = px(x(i));
    parts.push(
      `<line x1="${at}" y1="${px(y)}" x2="${at}" y2="${px(y + 5)}" stroke="#888888"/>`,
      `<text x="${at}" y="${px(y + 18)}" text-anchor="middle"><title>${escapeXml(valueLabel(value))}</title>${escapeXml(shortName(valueLabel(value), 18))}</text>`,
    );
  });
  parts.push(
    `<text class="axis-label" x="${px((box.plot.left + box.plot.right) / 2)}" y="${px(y + 38)}" text-anchor="middle" fill="#222222" font-size="12">${escapeXml(label)}</text>`,
    '</g>',
  );
  return parts.join('');
}

/** A parameter value as text: strings as they are, anything else as JSON. */
function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
