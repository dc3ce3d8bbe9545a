import { line, max, scaleLinear } from 'd3';
import {
  bottomAxis,
  colours,
  legend,
  leftAxis,
  noDataChart,
  percentTicks,
  svgDocument,
  type ChartBox,
  type LegendEntry,
} from './chartKit.ts';

/**
 * One distribution of {@link waitCdfChart}: the 101 task-wait quantiles (0 %, 1 %, …, 100 %) of a
 * framework in one variant, as `taskWaitQuantiles` in a run report ([] when no task waited).
 *
 * @example
 * ```ts
 * const s: WaitCdfSeries = { label: 'shared · reports', colourKey: 'reports', dashed: false, quantiles: [0, 0.1, 0.2] };
 * ```
 */
export interface WaitCdfSeries {
  readonly label: string;
  /** The name its colour comes from (a framework), so variants of one framework share a colour. */
  readonly colourKey: string;
  /** Dashed lines tell variants apart. */
  readonly dashed: boolean;
  readonly quantiles: readonly number[];
}

/**
 * Input of {@link waitCdfChart}.
 *
 * @example
 * ```ts
 * const data: WaitCdfChartData = { series: [{ label: 'reports', colourKey: 'reports', dashed: false, quantiles: [0, 1, 5] }] };
 * ```
 */
export interface WaitCdfChartData {
  readonly title?: string;
  readonly series: readonly WaitCdfSeries[];
  readonly colourOf?: (name: string) => string;
}

const WIDTH = 760;

/**
 * Task-wait distributions as cumulative curves: for each wait on the x axis, the share of task
 * launches that waited at most that long. A far tail is cut at 1.2 × the largest p99 (said so in
 * the subtitle) so the bulk stays readable.
 *
 * @example
 * ```ts
 * waitCdfChart({ series: [{ label: 'reports', colourKey: 'reports', dashed: false, quantiles: Array.from({ length: 101 }, (_, i) => i) }] });
 * ```
 */
export function waitCdfChart(data: WaitCdfChartData): string {
  const title = data.title ?? 'Task wait distribution (CDF)';
  const series = data.series.filter((s) => s.quantiles.length >= 2);
  if (series.length === 0) return noDataChart(title, 'no task waited in these runs');
  const colourOf = data.colourOf ?? colours([...new Set(series.map((s) => s.colourKey))].sort());
  const highest = max(series, (s) => s.quantiles.at(-1)) ?? 0;
  const p99 = max(series, (s) => s.quantiles[Math.round(0.99 * (s.quantiles.length - 1))]) ?? 0;
  const cut = highest > 5 * p99 && p99 > 0;
  const xMax = cut ? p99 * 1.2 : highest;
  const box: ChartBox = { width: WIDTH, height: 380, plot: { left: 70, right: WIDTH - 220, top: 52, bottom: 330 } };
  const x = scaleLinear([0, xMax > 0 ? xMax : 1], [box.plot.left, box.plot.right]).nice(6);
  const y = scaleLinear([0, 1], [box.plot.bottom, box.plot.top]);
  const domainEnd = x.domain()[1] as number;
  const path = line<[number, number]>()
    .x((p) => x(Math.min(p[0], domainEnd)))
    .y((p) => y(p[1]))
    .digits(2);
  const parts = [
    leftAxis(y, box, 'share of task launches', percentTicks, 5),
    bottomAxis(x, box, 'wait from ready to launch (s)'),
  ];
  const entries: LegendEntry[] = [];
  for (const s of series) {
    const n = s.quantiles.length - 1;
    const points: [number, number][] = [];
    for (let i = 0; i <= n; i++) {
      const q = s.quantiles[i] as number;
      points.push([q, i / n]);
      if (q > domainEnd) break;
    }
    const c = colourOf(s.colourKey);
    parts.push(
      `<path class="series line" d="${path(points) ?? ''}" fill="none" stroke="${c}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    entries.push({ label: s.label, colour: c, mark: s.dashed ? 'dashed' : 'line' });
  }
  parts.push(legend(entries, box.plot.right + 20, box.plot.top + 10));
  const subtitle =
    highest === 0
      ? 'every task launched without waiting'
      : cut
        ? `quantiles 0–100 %; x axis cut at ${domainEnd} s (longest wait ${highest.toFixed(0)} s)`
        : 'quantiles 0–100 % of the waits';
  return svgDocument(box, title, parts, subtitle);
}
