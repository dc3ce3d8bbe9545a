import { curveStepAfter, line, max, scaleLinear } from 'd3';
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
 * Input of {@link dominantShareChart}: per role, its weighted dominant share in bins of
 * `stepSeconds`; optionally its DRF fair share and Jain's index over the demanding roles.
 *
 * @example
 * ```ts
 * const data: DominantShareChartData = { stepSeconds: 600, shares: { eng: [0.4, 0.6], ads: [0.5, 0.3] }, jainIndex: [0.99, 0.94] };
 * ```
 */
export interface DominantShareChartData {
  readonly title?: string;
  readonly subtitle?: string;
  readonly stepSeconds: number;
  readonly shares: Readonly<Record<string, readonly number[]>>;
  readonly fairShare?: Readonly<Record<string, readonly (number | null)[]>>;
  /** Jain's index per bin (null where no role demanded). */
  readonly jainIndex?: readonly (number | null)[];
  readonly colourOf?: (name: string) => string;
}

const WIDTH = 760;

/**
 * Dominant shares over time, one line per role (its DRF fair share dashed, when given), with a
 * small panel of Jain's fairness index below.
 *
 * @example
 * ```ts
 * dominantShareChart({ stepSeconds: 600, shares: { eng: [0.4, 0.6] }, jainIndex: [1, 1] });
 * ```
 */
export function dominantShareChart(data: DominantShareChartData): string {
  const roles = Object.keys(data.shares).sort();
  const title = data.title ?? 'Dominant share per role';
  const bins = longest(roles.map((r) => data.shares[r] ?? []));
  if (roles.length === 0 || bins === 0) return noDataChart(title, 'no dominant-share series in this report');
  const colourOf = data.colourOf ?? colours(roles);
  const jain = data.jainIndex ?? [];
  const withJain = jain.some((v) => v !== null);
  const box: ChartBox = {
    width: WIDTH,
    height: withJain ? 470 : 370,
    plot: { left: 70, right: WIDTH - 190, top: 52, bottom: withJain ? 420 : 320 },
  };
  const time = timeScale(bins * data.stepSeconds, box);
  const shareBottom = withJain ? box.plot.bottom - 110 : box.plot.bottom;
  const highest =
    max(roles.flatMap((r) => [...(data.shares[r] ?? []), ...(data.fairShare?.[r] ?? []).map((v) => v ?? 0)])) ?? 0;
  const y = scaleLinear([0, Math.max(0.05, Math.min(1, highest))], [shareBottom, box.plot.top]).nice(5);
  const path = (scale: (v: number) => number) =>
    line<[number, number | null]>()
      .defined((p) => p[1] !== null)
      .x((p) => time.x(p[0]))
      .y((p) => scale(p[1] ?? 0))
      .curve(curveStepAfter)
      .digits(2);
  const shareBox: ChartBox = { ...box, plot: { ...box.plot, bottom: shareBottom } };
  const parts = [leftAxis(y, shareBox, 'weighted dominant share', percentTicks, 5)];
  const entries: LegendEntry[] = [];
  for (const role of roles) {
    const c = colourOf(role);
    parts.push(
      `<path class="series line" d="${path(y)(stepPoints(data.shares[role] ?? [], data.stepSeconds)) ?? ''}" fill="none" stroke="${c}" stroke-width="1.8"/>`,
    );
    entries.push({ label: role, colour: c, mark: 'line' });
    const fair = data.fairShare?.[role];
    if (fair !== undefined && fair.some((v) => v !== null)) {
      parts.push(
        `<path class="series line" d="${path(y)(stepPoints(fair, data.stepSeconds)) ?? ''}" fill="none" stroke="${c}" stroke-width="1.2" stroke-dasharray="4 3"/>`,
      );
      entries.push({ label: `${shortName(role, 13)} fair share`, colour: c, mark: 'dashed' });
    }
  }
  if (withJain) {
    const top = shareBottom + 30;
    const jy = scaleLinear([0, 1], [box.plot.bottom, top]);
    const jainBox: ChartBox = { ...box, plot: { ...box.plot, top } };
    parts.push(
      leftAxis(jy, jainBox, "Jain's index", (v) => v.toFixed(1), 2),
      `<path class="series line" d="${path(jy)(stepPoints(jain, data.stepSeconds)) ?? ''}" fill="none" stroke="#333333" stroke-width="1.5"/>`,
      `<line x1="${px(box.plot.left)}" y1="${px(shareBottom)}" x2="${px(box.plot.right)}" y2="${px(shareBottom)}" stroke="#888888"/>`,
    );
    entries.push({ label: "Jain's index", colour: '#333333', mark: 'line' });
  }
  parts.push(time.axis(), legend(entries, box.plot.right + 20, box.plot.top + 10));
  return svgDocument(
    box,
    title,
    parts,
    data.subtitle ??
      `time-averaged per ${data.stepSeconds} s bin${withJain ? "; Jain's index over the roles with demand" : ''}`,
  );
}
