import { max, min, scaleBand, scaleLinear } from 'd3';
import type { IntervalEstimate, MetricInfo, Verdict } from '../compare/comparisonReport.ts';
import {
  bottomAxis,
  colours,
  formatLike,
  formatNumber,
  formatShort,
  leftAxis,
  legend,
  noDataChart,
  px,
  shortName,
  svgDocument,
  unitDisplay,
  type ChartBox,
} from './chartKit.ts';
import { escapeXml } from './escape.ts';

/**
 * Input of {@link comparisonBarsChart}: per variant and metric, the mean over seeds and its 95%
 * interval.
 *
 * @example
 * ```ts
 * const data: ComparisonBarsData = { variants: ['static', 'shared'],
 *   metrics: [{ id: 'cpuAllocated', label: 'CPU allocated', unit: 'fraction', better: 'higher', headline: true }],
 *   estimates: { static: { cpuAllocated: { n: 5, mean: 0.5, sd: 0.02, halfWidth: 0.025, low: 0.475, high: 0.525 } }, shared: { cpuAllocated: null } } };
 * ```
 */
export interface ComparisonBarsData {
  readonly title?: string;
  readonly subtitle?: string;
  readonly variants: readonly string[];
  readonly metrics: readonly MetricInfo[];
  readonly estimates: Readonly<Record<string, Readonly<Record<string, IntervalEstimate | null>>>>;
  readonly colourOf?: (variant: string) => string;
}

const PANEL_W = 250;
const PANEL_H = 210;
const COLUMNS = 3;

/**
 * Bars per variant with 95% confidence whiskers, one small panel per metric (each with its own
 * axis and unit, and which direction is better).
 *
 * @example
 * ```ts
 * comparisonBarsChart({ variants: ['a'], metrics: [{ id: 'm', label: 'M', unit: 's', better: 'lower', headline: true }],
 *   estimates: { a: { m: { n: 1, mean: 2, sd: 0, halfWidth: null, low: 2, high: 2 } } } });
 * ```
 */
export function comparisonBarsChart(data: ComparisonBarsData): string {
  const title = data.title ?? 'Variants compared (mean and 95% CI over seeds)';
  if (data.variants.length === 0 || data.metrics.length === 0)
    return noDataChart(title, 'no variants or metrics to compare');
  const colourOf = data.colourOf ?? colours(data.variants);
  const columns = Math.min(COLUMNS, data.metrics.length);
  const rows = Math.ceil(data.metrics.length / columns);
  const legendRows = Math.ceil(data.variants.length / 4);
  const top = 52 + legendRows * 18;
  const width = Math.max(520, columns * PANEL_W + 20);
  const height = top + rows * PANEL_H + 10;
  const parts: string[] = [];
  data.variants.forEach((v, i) => {
    const lx = 70 + (i % 4) * 150;
    const ly = 56 + Math.floor(i / 4) * 18;
    const shown = shortName(v, 18);
    parts.push(
      `<g class="legend-entry"><rect x="${lx}" y="${ly - 9}" width="14" height="10" fill="${colourOf(v)}"/><text x="${lx + 20}" y="${ly}" font-size="11" fill="#222222"><title>${escapeXml(v)}</title>${escapeXml(shown)}</text></g>`,
    );
  });
  data.metrics.forEach((metric, m) => {
    const left = 10 + (m % columns) * PANEL_W;
    const panelTop = top + Math.floor(m / columns) * PANEL_H;
    const box: ChartBox = {
      width,
      height,
      plot: { left: left + 58, right: left + PANEL_W - 14, top: panelTop + 34, bottom: panelTop + PANEL_H - 30 },
    };
    const show = unitDisplay(metric.unit);
    const values = data.variants.map((v) => data.estimates[v]?.[metric.id] ?? null);
    const highest = max(values, (e) => (e === null ? undefined : Math.max(e.high, e.mean))) ?? 0;
    const lowest = min(values, (e) => (e === null ? undefined : Math.min(e.low, e.mean))) ?? 0;
    const y = scaleLinear(
      [Math.min(0, lowest) * show.factor, Math.max(highest * show.factor, lowest < 0 ? 0 : 1e-9)],
      [box.plot.bottom, box.plot.top],
    ).nice(4);
    if (highest === 0 && lowest === 0) y.domain([0, 1]);
    const x = scaleBand(data.variants, [box.plot.left, box.plot.right]).padding(0.25);
    const unit = show.suffix.trim() === '' ? '' : ` (${show.suffix.trim()})`;
    const heading = `${metric.label}${unit}`;
    parts.push(
      `<g class="panel"><text x="${px(left + 8)}" y="${px(panelTop + 14)}" font-size="12" font-weight="bold" fill="#222222">${escapeXml(`${shortName(metric.label, 31 - unit.length)}${unit}`)}<title>${escapeXml(heading)}</title></text>`,
      `<text x="${px(left + 8)}" y="${px(panelTop + 27)}" font-size="10" fill="#666666">${metric.better === 'higher' ? 'higher is better' : 'lower is better'}</text>`,
      leftAxis(y, box, '', formatShort, 4),
    );
    const zero = y(0);
    const label = formatLike(highest * show.factor);
    values.forEach((e, i) => {
      const v = data.variants[i] as string;
      const bx = x(v) ?? box.plot.left;
      const bw = x.bandwidth();
      if (e === null) {
        parts.push(
          `<text x="${px(bx + bw / 2)}" y="${px(zero - 6)}" text-anchor="middle" font-size="10" fill="#888888">n/a</text>`,
        );
        return;
      }
      const yMean = y(e.mean * show.factor);
      const cx = bx + bw / 2;
      parts.push(
        `<rect class="bar" x="${px(bx)}" y="${px(Math.min(yMean, zero))}" width="${px(bw)}" height="${px(Math.max(1, Math.abs(zero - yMean)))}" fill="${colourOf(v)}"><title>${escapeXml(`${v}: ${formatNumber(e.mean * show.factor)}${show.suffix} (95% CI ${formatNumber(e.low * show.factor)} … ${formatNumber(e.high * show.factor)}, n = ${e.n})`)}</title></rect>`,
      );
      if (e.halfWidth !== null) {
        const yl = px(y(e.low * show.factor));
        const yh = px(y(e.high * show.factor));
        parts.push(
          `<path class="whisker" d="M${px(cx)},${yl}V${yh}M${px(cx - 6)},${yl}H${px(cx + 6)}M${px(cx - 6)},${yh}H${px(cx + 6)}" stroke="#222222" stroke-width="1.3" fill="none"/>`,
        );
      }
      if (data.variants.length <= 4) {
        const labelY = Math.min(y(e.high * show.factor), yMean) - 4;
        parts.push(
          `<text x="${px(cx)}" y="${px(Math.max(box.plot.top - 2, labelY))}" text-anchor="middle" font-size="10" fill="#222222">${escapeXml(label(e.mean * show.factor))}</text>`,
        );
      }
    });
    parts.push(
      `<line x1="${px(box.plot.left)}" y1="${px(zero)}" x2="${px(box.plot.right)}" y2="${px(zero)}" stroke="#888888"/></g>`,
    );
  });
  const box: ChartBox = { width, height, plot: { left: 70, right: width - 10, top, bottom: height - 10 } };
  return svgDocument(box, title, parts, data.subtitle ?? 'bars: mean over seeds; whiskers: 95% confidence interval');
}

/**
 * One row of {@link differenceChart}: a paired difference `variant − baseline` in the metric's
 * unit, its 95% interval, and the baseline's mean it is shown relative to.
 *
 * @example
 * ```ts
 * const row: DifferenceRow = { metric: { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower', headline: true },
 *   variant: 'shared', baseline: 'static', mean: -30, low: -40, high: -20, baselineMean: 120, verdict: 'better' };
 * ```
 */
export interface DifferenceRow {
  readonly metric: MetricInfo;
  readonly variant: string;
  readonly baseline: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly baselineMean: number | null;
  readonly verdict: Verdict;
}

const VERDICT_COLOUR: Readonly<Record<Verdict, string>> = {
  better: '#2e7d32',
  worse: '#c62828',
  'within-noise': '#757575',
};
const ROW = 30;

/**
 * The paired differences against the baseline as a forest plot: per metric, the change relative
 * to the baseline's mean (%) with its 95% interval, coloured by verdict, the absolute difference
 * written beside it.
 *
 * @example
 * ```ts
 * differenceChart({ rows: [{ metric: { id: 'p95Wait', label: 'p95 wait', unit: 's', better: 'lower', headline: true },
 *   variant: 'shared', baseline: 'static', mean: -30, low: -40, high: -20, baselineMean: 120, verdict: 'better' }] });
 * ```
 */
export function differenceChart(data: { readonly title?: string; readonly rows: readonly DifferenceRow[] }): string {
  const title = data.title ?? 'Paired differences against the baseline (95% CI)';
  const rows = data.rows.filter((r) => r.baselineMean !== null && r.baselineMean !== 0);
  if (rows.length === 0) return noDataChart(title, 'no paired differences to show');
  const rel = (r: DifferenceRow, v: number): number => v / Math.abs(r.baselineMean as number);
  const width = 900;
  const box: ChartBox = {
    width,
    height: 116 + rows.length * ROW,
    plot: { left: 270, right: width - 280, top: 72, bottom: 72 + rows.length * ROW },
  };
  const lo = min(rows, (r) => rel(r, r.low)) ?? 0;
  const hi = max(rows, (r) => rel(r, r.high)) ?? 0;
  const span = Math.max(Math.abs(lo), Math.abs(hi), 0.01);
  // At least ±1 % around zero, so identical variants do not zoom into rounding noise.
  const pad = Math.max(span * 0.05, 0.01);
  const x = scaleLinear([Math.min(0, lo) - pad, Math.max(0, hi) + pad], [box.plot.left, box.plot.right]).nice(6);
  const percent = x.tickFormat(6, '+%');
  const parts = [
    bottomAxis(x, box, 'difference relative to the baseline mean', (v) => (v === 0 ? '0%' : percent(v)), 6),
  ];
  const verdicts: Verdict[] = ['better', 'worse', 'within-noise'];
  verdicts.forEach((v, i) =>
    parts.push(
      legend(
        [{ label: v === 'within-noise' ? 'within noise' : v, colour: VERDICT_COLOUR[v], mark: 'swatch' }],
        box.plot.left + i * 110,
        58,
      ),
    ),
  );
  parts.push(
    `<line class="zero" x1="${px(x(0))}" y1="${px(box.plot.top - 6)}" x2="${px(x(0))}" y2="${px(box.plot.bottom)}" stroke="#444444"/>`,
  );
  rows.forEach((r, i) => {
    const cy = box.plot.top + i * ROW + ROW / 2;
    const c = VERDICT_COLOUR[r.verdict];
    const show = unitDisplay(r.metric.unit);
    const name = `${r.metric.label}: ${r.variant} − ${r.baseline}`;
    const sign = (v: number): string => `${v > 0 ? '+' : ''}${formatNumber(v * show.factor)}`;
    const pointsUnit = show.suffix === '%' ? ' pp' : show.suffix;
    if (i % 2 === 0)
      parts.push(`<rect x="10" y="${px(cy - ROW / 2)}" width="${width - 20}" height="${ROW}" fill="#f5f5f5"/>`);
    parts.push(
      `<text x="${px(box.plot.left - 12)}" y="${px(cy)}" dy="0.32em" text-anchor="end" font-size="11" fill="#222222">${escapeXml(shortName(name, 40))}<title>${escapeXml(name)}</title></text>`,
      `<path class="interval" d="M${px(x(rel(r, r.low)))},${px(cy)}H${px(x(rel(r, r.high)))}" stroke="${c}" stroke-width="2.5"/>`,
      `<rect class="estimate" x="${px(x(rel(r, r.mean)) - 4)}" y="${px(cy - 4)}" width="8" height="8" fill="${c}"/>`,
      `<text x="${px(box.plot.right + 12)}" y="${px(cy)}" dy="0.32em" font-size="11" fill="${c}">${escapeXml(`${sign(r.mean)}${pointsUnit} [${sign(r.low)}, ${sign(r.high)}] ${r.verdict}`)}</text>`,
    );
  });
  return svgDocument(
    box,
    title,
    parts,
    'square: mean of the paired differences over seeds; bar: its 95% confidence interval',
  );
}
