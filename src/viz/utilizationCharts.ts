import { area, curveStepAfter, line, max, scaleLinear, stack, type SeriesPoint } from 'd3';
import {
  colours,
  leftAxis,
  legend,
  noDataChart,
  percentTicks,
  px,
  shortName,
  svgDocument,
  type ChartBox,
  type LegendEntry,
} from './chartKit.ts';
import { longest, stepPoints, timeScale } from './timeAxis.ts';

/**
 * Input of {@link utilizationChart}: per framework, the fraction of the cluster's capacity of one
 * resource allocated to and used by its tasks, in bins of `stepSeconds`.
 *
 * @example
 * ```ts
 * const data: UtilizationChartData = { resource: 'cpus', stepSeconds: 600,
 *   allocated: { reports: [0.2, 0.5], logs: [0.3, 0.1] }, used: { reports: [0.15, 0.4], logs: [0.2, 0.1] } };
 * ```
 */
export interface UtilizationChartData {
  readonly title?: string;
  readonly subtitle?: string;
  readonly resource: string;
  readonly stepSeconds: number;
  readonly allocated: Readonly<Record<string, readonly number[]>>;
  readonly used: Readonly<Record<string, readonly number[]>>;
  /** Colour per framework (shared across the charts of a report). */
  readonly colourOf?: (name: string) => string;
}

const WIDTH = 760;

/** One stacked-area panel between `top` and `bottom`; returns its SVG and the y scale it used. */
function stackedPanel(
  layers: Readonly<Record<string, readonly number[]>>,
  names: readonly string[],
  box: ChartBox,
  x: (t: number) => number,
  step: number,
  top: number,
  bottom: number,
  label: string,
  colourOf: (n: string) => string,
): string {
  const bins = longest(names.map((n) => layers[n] ?? []));
  const rows: Record<string, number>[] = Array.from({ length: bins + (bins > 0 ? 1 : 0) }, (_, i) => {
    const row: Record<string, number> = {};
    for (const n of names) {
      const s = layers[n] ?? [];
      row[n] = s[Math.min(i, s.length - 1)] ?? 0;
    }
    return row;
  });
  const stacked = stack<Record<string, number>>().keys(names)(rows);
  const top1 = max(stacked.flatMap((s) => s.map((p) => p[1]))) ?? 0;
  const y = scaleLinear([0, Math.max(1, top1)], [bottom, top]).nice(5);
  const panelBox: ChartBox = { ...box, plot: { ...box.plot, top, bottom } };
  const shape = area<SeriesPoint<Record<string, number>>>()
    .x((_, i) => x(i * step))
    .y0((p) => y(p[0]))
    .y1((p) => y(p[1]))
    .curve(curveStepAfter)
    .digits(2);
  const parts = [leftAxis(y, panelBox, label, percentTicks, 4)];
  for (const layer of stacked) {
    parts.push(
      `<path class="series area" d="${shape(layer) ?? ''}" fill="${colourOf(layer.key)}" fill-opacity="0.75" stroke="${colourOf(layer.key)}" stroke-width="0.8"/>`,
    );
  }
  parts.push(
    `<line x1="${px(box.plot.left)}" y1="${px(bottom)}" x2="${px(box.plot.right)}" y2="${px(bottom)}" stroke="#888888"/>`,
  );
  return parts.join('\n');
}

/**
 * Utilization over time stacked by framework, in two panels that share the time axis: what was
 * allocated to each framework's tasks, and what they really used.
 *
 * @example
 * ```ts
 * const svg = utilizationChart({ resource: 'cpus', stepSeconds: 600, allocated: { batch: [0.5, 0.7] }, used: { batch: [0.4, 0.6] } });
 * svg.startsWith('<svg'); // true
 * ```
 */
export function utilizationChart(data: UtilizationChartData): string {
  const names = [...new Set([...Object.keys(data.allocated), ...Object.keys(data.used)])].sort();
  const title = data.title ?? `${data.resource} utilization by framework`;
  const bins = longest(names.flatMap((n) => [data.allocated[n] ?? [], data.used[n] ?? []]));
  if (names.length === 0 || bins === 0) return noDataChart(title, 'no utilization series in this report');
  const colourOf = data.colourOf ?? colours(names);
  const box: ChartBox = { width: WIDTH, height: 470, plot: { left: 70, right: WIDTH - 190, top: 52, bottom: 420 } };
  const time = timeScale(bins * data.stepSeconds, box);
  const gap = 26;
  const mid = (box.plot.top + box.plot.bottom) / 2;
  const parts = [
    stackedPanel(
      data.allocated,
      names,
      box,
      time.x,
      data.stepSeconds,
      box.plot.top,
      mid - gap / 2,
      `allocated (% of ${data.resource})`,
      colourOf,
    ),
    stackedPanel(
      data.used,
      names,
      box,
      time.x,
      data.stepSeconds,
      mid + gap / 2,
      box.plot.bottom,
      `used (% of ${data.resource})`,
      colourOf,
    ),
    time.axis(),
    legend(
      names.map((n): LegendEntry => ({ label: n, colour: colourOf(n), mark: 'swatch' })),
      box.plot.right + 20,
      box.plot.top + 10,
    ),
  ];
  return svgDocument(box, title, parts, data.subtitle ?? `fraction of cluster capacity, ${data.stepSeconds} s bins`);
}

/**
 * Input of {@link partitionUtilizationChart}: per static partition, allocated and used fractions of
 * that partition's own capacity over time.
 *
 * @example
 * ```ts
 * const data: PartitionChartData = { resource: 'cpus', stepSeconds: 600,
 *   partitions: { reports: { allocated: [0.9, 0.2], used: [0.8, 0.2] } } };
 * ```
 */
export interface PartitionChartData {
  readonly title?: string;
  readonly subtitle?: string;
  readonly resource: string;
  readonly stepSeconds: number;
  readonly partitions: Readonly<
    Record<string, { readonly allocated: readonly number[]; readonly used: readonly number[] }>
  >;
  readonly colourOf?: (name: string) => string;
}

/**
 * Per-partition utilization over time for a static setup: a solid line of what each partition
 * allocated and a dashed one of what it used, as fractions of that partition's own machines.
 *
 * @example
 * ```ts
 * partitionUtilizationChart({ resource: 'cpus', stepSeconds: 600, partitions: { a: { allocated: [1, 0.5], used: [0.9, 0.5] } } });
 * ```
 */
export function partitionUtilizationChart(data: PartitionChartData): string {
  const names = Object.keys(data.partitions).sort();
  const title = data.title ?? `${data.resource} utilization per static partition`;
  const bins = longest(names.flatMap((n) => [data.partitions[n]?.allocated ?? [], data.partitions[n]?.used ?? []]));
  if (names.length === 0 || bins === 0) return noDataChart(title, 'no static partitions in this report');
  const colourOf = data.colourOf ?? colours(names);
  const box: ChartBox = { width: WIDTH, height: 380, plot: { left: 70, right: WIDTH - 190, top: 52, bottom: 330 } };
  const time = timeScale(bins * data.stepSeconds, box);
  const y = scaleLinear([0, 1], [box.plot.bottom, box.plot.top]);
  const path = line<[number, number | null]>()
    .defined((p) => p[1] !== null)
    .x((p) => time.x(p[0]))
    .y((p) => y(p[1] ?? 0))
    .curve(curveStepAfter)
    .digits(2);
  const parts = [leftAxis(y, box, `% of the partition's ${data.resource}`, percentTicks, 5), time.axis()];
  const entries: LegendEntry[] = [];
  for (const n of names) {
    const p = data.partitions[n];
    if (p === undefined) continue;
    const c = colourOf(n);
    parts.push(
      `<path class="series line" d="${path(stepPoints(p.allocated, data.stepSeconds)) ?? ''}" fill="none" stroke="${c}" stroke-width="1.8"/>`,
    );
    parts.push(
      `<path class="series line" d="${path(stepPoints(p.used, data.stepSeconds)) ?? ''}" fill="none" stroke="${c}" stroke-width="1.4" stroke-dasharray="4 3"/>`,
    );
    entries.push(
      { label: `${shortName(n, 14)} allocated`, colour: c, mark: 'line' },
      { label: `${shortName(n, 14)} used`, colour: c, mark: 'dashed' },
    );
  }
  parts.push(legend(entries, box.plot.right + 20, box.plot.top + 10));
  return svgDocument(box, title, parts, data.subtitle ?? `each partition's own capacity, ${data.stepSeconds} s bins`);
}
