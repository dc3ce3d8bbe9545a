import { area, curveStepAfter, scaleLinear } from 'd3';
import {
  chartBox,
  colours,
  legend,
  leftAxis,
  noDataChart,
  percentTicks,
  px,
  shortName,
  svgDocument,
  type ChartBox,
} from './chartKit.ts';
import { escapeXml } from './escape.ts';
import { timeScale } from './timeAxis.ts';

/**
 * Input of {@link availabilityChart}: per service, its availability as steps (from `atSeconds[i]`
 * it was `available[i]`, as in `services[app].timeline`), and the failure incidents to mark.
 *
 * @example
 * ```ts
 * const data: AvailabilityChartData = { horizonSeconds: 3600,
 *   services: { web: { atSeconds: [0, 60, 900, 990], available: [0, 1, 0.5, 1] } },
 *   incidents: [{ atSeconds: 900, cause: 'rack r1 power' }] };
 * ```
 */
export interface AvailabilityChartData {
  readonly title?: string;
  readonly horizonSeconds: number;
  readonly services: Readonly<
    Record<string, { readonly atSeconds: readonly number[]; readonly available: readonly number[] }>
  >;
  readonly incidents: readonly { readonly atSeconds: number; readonly cause: string }[];
  readonly colourOf?: (name: string) => string;
}

const WIDTH = 760;
const LANE = 64;
const FAILURE = '#c0392b';
/** Incidents listed by name under the chart; more are counted. */
const LISTED = 6;

/**
 * Availability over time, one lane per service (reachable healthy ÷ desired instances, 0–100 %),
 * with a red marker at each failure incident (numbered; the causes are listed below the plot).
 *
 * @example
 * ```ts
 * availabilityChart({ horizonSeconds: 3600, services: { web: { atSeconds: [0, 900], available: [1, 0.5] } }, incidents: [{ atSeconds: 900, cause: 'crash' }] });
 * ```
 */
export function availabilityChart(data: AvailabilityChartData): string {
  const names = Object.keys(data.services).sort();
  const title = data.title ?? 'Service availability';
  if (names.length === 0) return noDataChart(title, 'no services in this report');
  const colourOf = data.colourOf ?? colours(names);
  const incidents = [...data.incidents].sort(
    (a, b) => a.atSeconds - b.atSeconds || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0),
  );
  const listed = Math.min(LISTED, incidents.length) + (incidents.length > LISTED ? 1 : 0);
  const plotTop = 60;
  const plotBottom = plotTop + names.length * LANE;
  const height = plotBottom + 56 + listed * 16;
  const base = chartBox(WIDTH, height, 190);
  const box: ChartBox = { ...base, plot: { ...base.plot, left: 70, top: plotTop, bottom: plotBottom } };
  const time = timeScale(data.horizonSeconds, box);
  const parts: string[] = [];
  names.forEach((name, i) => {
    const s = data.services[name];
    if (s === undefined) return;
    const top = plotTop + i * LANE + 8;
    const bottom = plotTop + (i + 1) * LANE - 4;
    const y = scaleLinear([0, 1], [bottom, top]);
    const laneBox: ChartBox = { ...box, plot: { ...box.plot, top, bottom } };
    const points: [number, number][] = s.atSeconds.map((t, k) => [t, s.available[k] ?? 0]);
    if (points.length > 0)
      points.push([
        Math.max(data.horizonSeconds, (points.at(-1) as [number, number])[0]),
        (points.at(-1) as [number, number])[1],
      ]);
    const shape = area<[number, number]>()
      .x((p) => time.x(p[0]))
      .y0(bottom)
      .y1((p) => y(p[1]))
      .curve(curveStepAfter)
      .digits(2);
    const c = colourOf(name);
    parts.push(
      leftAxis(y, laneBox, '', percentTicks, 1),
      `<path class="series area" d="${shape(points) ?? ''}" fill="${c}" fill-opacity="0.55" stroke="${c}" stroke-width="1"/>`,
      `<text x="${px(box.plot.right + 20)}" y="${px((top + bottom) / 2)}" dy="0.32em" font-size="11" fill="#222222">${escapeXml(shortName(name, 24))}<title>${escapeXml(name)}</title></text>`,
    );
  });
  incidents.forEach((incident, i) => {
    const x = px(time.x(incident.atSeconds));
    parts.push(
      `<g class="failure-marker"><line x1="${x}" y1="${px(plotTop - 4)}" x2="${x}" y2="${px(plotBottom)}" stroke="${FAILURE}" stroke-width="1.2" stroke-dasharray="3 2"/>` +
        `<path d="M${x},${px(plotTop)}l-5,-9h10z" fill="${FAILURE}"/>` +
        (incidents.length <= 20
          ? `<text x="${x}" y="${px(plotTop - 12)}" text-anchor="middle" font-size="9" fill="${FAILURE}">${i + 1}</text>`
          : '') +
        `<title>${escapeXml(`${incident.cause} at ${incident.atSeconds} s`)}</title></g>`,
    );
  });
  parts.push(time.axis(plotBottom));
  const listTop = plotBottom + 56;
  incidents.slice(0, LISTED).forEach((incident, i) => {
    parts.push(
      `<text class="failure-note" x="${px(box.plot.left)}" y="${px(listTop + i * 16)}" font-size="11" fill="${FAILURE}">${i + 1}. ${escapeXml(incident.cause)} at ${escapeXml(incident.atSeconds.toFixed(0))} s</text>`,
    );
  });
  if (incidents.length > LISTED)
    parts.push(
      `<text x="${px(box.plot.left)}" y="${px(listTop + LISTED * 16)}" font-size="11" fill="${FAILURE}">… and ${incidents.length - LISTED} more incidents</text>`,
    );
  if (incidents.length > 0)
    parts.push(legend([{ label: 'failure incident', colour: FAILURE, mark: 'marker' }], box.plot.right + 20, 40));
  return svgDocument(
    box,
    title,
    parts,
    `available: reachable healthy ÷ desired instances; ${incidents.length === 0 ? 'no failure incidents' : `${incidents.length} failure incident${incidents.length === 1 ? '' : 's'}`}`,
  );
}
