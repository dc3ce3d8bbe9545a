import { line, max, min, scaleLinear } from 'd3';
import {
  bottomAxis,
  colours,
  formatNumber,
  formatShort,
  leftAxis,
  legend,
  noDataChart,
  px,
  svgDocument,
  unitDisplay,
  type ChartBox,
  type LegendEntry,
} from './chartKit.ts';
import { escapeXml } from './escape.ts';

/**
 * One point of a capacity curve: a machine count tried, the objective metric's mean over seeds and
 * its 95% interval there, and whether that size met the whole objective.
 *
 * @example
 * ```ts
 * const p: CapacityPoint = { machines: 14, mean: 41, low: 37.3, high: 44.7, meets: true };
 * ```
 */
export interface CapacityPoint {
  readonly machines: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly meets: boolean;
}

/**
 * Input of {@link capacityChart}: one objective metric, its threshold, and per variant the sizes
 * tried and the smallest that met the objective.
 *
 * @example
 * ```ts
 * const data: CapacityChartData = { metric: 'p95 task wait', unit: 's', op: '<', threshold: 60,
 *   variants: { shared: [{ machines: 10, mean: 90, low: 80, high: 100, meets: false }, { machines: 14, mean: 41, low: 37, high: 45, meets: true }] },
 *   found: { shared: 14 } };
 * ```
 */
export interface CapacityChartData {
  readonly title?: string;
  readonly metric: string;
  readonly unit: string;
  readonly op: string;
  readonly threshold: number;
  readonly variants: Readonly<Record<string, readonly CapacityPoint[]>>;
  readonly found: Readonly<Record<string, number | null>>;
  /** Variant order (colours come from it); defaults to the keys sorted. */
  readonly order?: readonly string[];
  readonly colourOf?: (variant: string) => string;
}

const WIDTH = 760;
const THRESHOLD = '#c0392b';

/**
 * The capacity curve: an objective metric (mean and 95% interval over seeds) against the machine
 * count, one line per variant, the objective's threshold as a dashed line and each variant's
 * answer ringed.
 *
 * @example
 * ```ts
 * capacityChart({ metric: 'p95 wait', unit: 's', op: '<', threshold: 60,
 *   variants: { shared: [{ machines: 14, mean: 41, low: 37, high: 45, meets: true }] }, found: { shared: 14 } });
 * ```
 */
export function capacityChart(data: CapacityChartData): string {
  const names = (data.order ?? Object.keys(data.variants).sort()).filter((v) => (data.variants[v]?.length ?? 0) > 0);
  const title = data.title ?? `Capacity: ${data.metric} against machine count`;
  if (names.length === 0) return noDataChart(title, 'no capacity search in this report');
  const colourOf = data.colourOf ?? colours(data.order ?? names);
  const show = unitDisplay(data.unit);
  const points = names.flatMap((v) => [...(data.variants[v] ?? [])]);
  const box: ChartBox = { width: WIDTH, height: 380, plot: { left: 74, right: WIDTH - 200, top: 52, bottom: 330 } };
  const x = scaleLinear(
    [min(points, (p) => p.machines) ?? 0, max(points, (p) => p.machines) ?? 1],
    [box.plot.left + 10, box.plot.right - 10],
  ).nice();
  if (x.domain()[0] === x.domain()[1]) x.domain([(x.domain()[0] as number) - 1, (x.domain()[1] as number) + 1]);
  const yHigh = Math.max(max(points, (p) => p.high) ?? 0, data.threshold) * show.factor;
  const yLowest = Math.min(min(points, (p) => p.low) ?? 0, data.threshold) * show.factor;
  const span = yHigh - yLowest;
  // Start at 0 unless all values sit in a narrow band far from it (availability near 100 %).
  const zoom = yLowest > 0 && span > 0 && yLowest > 2 * span;
  const yLow = zoom ? yLowest - 0.1 * span : Math.min(yLowest, 0);
  const y = scaleLinear(
    [yLow, yHigh > yLow ? yHigh + 0.05 * (yHigh - yLow) : yLow + 1],
    [box.plot.bottom, box.plot.top],
  ).nice(5);
  // A fraction never exceeds 100 %: do not let the nice rounding suggest it could.
  const [d0, d1] = y.domain() as [number, number];
  if (show.suffix === '%' && yHigh <= 100 && d1 > 100) y.domain([d0, 100]);
  const intOnly = (v: number): string => (Number.isInteger(v) ? String(v) : '');
  const parts = [
    leftAxis(
      y,
      box,
      `${data.metric}${show.suffix.trim() === '' ? '' : ` (${show.suffix.trim()})`}`,
      y.tickFormat(5),
      5,
    ),
    bottomAxis(x, box, 'machines', intOnly, 8),
  ];
  const ty = px(y(data.threshold * show.factor));
  const objective = `objective ${data.op} ${formatShort(data.threshold * show.factor)}${show.suffix}`;
  parts.push(
    `<line class="threshold" x1="${px(box.plot.left)}" y1="${ty}" x2="${px(box.plot.right)}" y2="${ty}" stroke="${THRESHOLD}" stroke-width="1.5" stroke-dasharray="6 4"><title>${escapeXml(objective)}</title></line>`,
  );
  const path = line<CapacityPoint>()
    .x((p) => x(p.machines))
    .y((p) => y(p.mean * show.factor))
    .digits(2);
  const entries: LegendEntry[] = [];
  for (const v of names) {
    const steps = [...(data.variants[v] ?? [])].sort((a, b) => a.machines - b.machines);
    const c = colourOf(v);
    parts.push(`<path class="series line" d="${path(steps) ?? ''}" fill="none" stroke="${c}" stroke-width="1.8"/>`);
    for (const p of steps) {
      const cx = px(x(p.machines));
      parts.push(
        `<path class="whisker" d="M${cx},${px(y(p.low * show.factor))}V${px(y(p.high * show.factor))}" stroke="${c}" stroke-width="1.2"/>`,
        `<circle cx="${cx}" cy="${px(y(p.mean * show.factor))}" r="3.5" fill="${p.meets ? c : '#ffffff'}" stroke="${c}" stroke-width="1.5"><title>${escapeXml(`${v}, ${p.machines} machines: ${formatNumber(p.mean * show.factor)}${show.suffix} (${p.meets ? 'meets' : 'misses'} the objective)`)}</title></circle>`,
      );
    }
    const found = data.found[v];
    const answer = found === null || found === undefined ? undefined : steps.find((p) => p.machines === found);
    if (answer !== undefined)
      parts.push(
        `<circle class="answer" cx="${px(x(answer.machines))}" cy="${px(y(answer.mean * show.factor))}" r="8" fill="none" stroke="${c}" stroke-width="2"/>`,
      );
    entries.push({
      label: `${v}: ${found === null || found === undefined ? 'none found' : `${found} machines`}`,
      colour: c,
      mark: 'line',
    });
  }
  entries.push({ label: objective, colour: THRESHOLD, mark: 'dashed' });
  parts.push(legend(entries, box.plot.right + 20, box.plot.top + 10));
  return svgDocument(
    box,
    title,
    parts,
    'points: mean over seeds (filled where the size meets the objective); whiskers: 95% CI; ringed: smallest size that meets it',
  );
}
