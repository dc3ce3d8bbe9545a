import { format, scaleLinear, type ScaleLinear } from 'd3';
import { escapeXml } from './escape.ts';

/**
 * The font every chart names: the PNG renderer loads DejaVu Sans from the `dejavu-fonts-ttf`
 * package, browsers fall back to any sans-serif.
 *
 * @example
 * ```ts
 * `<svg font-family="${FONT_FAMILY}">`; // '<svg font-family="DejaVu Sans, sans-serif">'
 * ```
 */
export const FONT_FAMILY = 'DejaVu Sans, sans-serif';

/**
 * A fixed categorical palette (colour-blind friendly, Tableau 10 order): a name keeps its colour
 * in every chart of a report because colours are given by position in one shared name list.
 *
 * @example
 * ```ts
 * PALETTE[0]; // "#4e79a7"
 * ```
 */
export const PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/**
 * Colours for names: a name's colour is its position in `names` (in the given order), so charts
 * built from the same list agree; a name not in the list gets a colour from its own text.
 *
 * @example
 * ```ts
 * const colourOf = colours(['logs', 'reports']);
 * colourOf('reports'); // "#f28e2b"
 * ```
 */
export function colours(names: readonly string[]): (name: string) => string {
  const index = new Map(names.map((n, i) => [n, i]));
  return (name) => {
    let i = index.get(name);
    if (i === undefined) {
      i = 0;
      for (const c of name) i = (i * 31 + (c.codePointAt(0) ?? 0)) % 1_000_003;
    }
    return PALETTE[i % PALETTE.length] as string;
  };
}

/**
 * Where a chart draws: its size and the plot area inside the margins (pixels).
 *
 * @example
 * ```ts
 * const box: ChartBox = chartBox(720, 360);
 * box.plot.right; // 720 - 180: the legend column is on the right
 * ```
 */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

/**
 * The standard layout: title on top, axes left and bottom, a legend column of `legendWidth` on the right.
 *
 * @example
 * ```ts
 * chartBox(720, 360).plot; // { left: 64, right: 540, top: 48, bottom: 310 }
 * ```
 */
export function chartBox(width: number, height: number, legendWidth = 180): ChartBox {
  return { width, height, plot: { left: 64, right: width - legendWidth, top: 48, bottom: height - 50 } };
}

/**
 * Rounds a coordinate for the SVG text (two decimals, no trailing zeros), so output is compact and
 * identical on every platform.
 *
 * @example
 * ```ts
 * px(12.3456); // "12.35"
 * ```
 */
export function px(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * Wraps chart content into a complete SVG document with a white background, a title and an
 * optional subtitle (both escaped).
 *
 * @example
 * ```ts
 * svgDocument(chartBox(720, 360), 'CPU utilization', ['<g/>'], 'seed 42');
 * ```
 */
export function svgDocument(box: ChartBox, title: string, content: readonly string[], subtitle?: string): string {
  // A chart with a wide label column (the differences) still titles from the left edge.
  const titleX = box.plot.left > 120 ? 20 : box.plot.left;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}" font-family="${FONT_FAMILY}" font-size="12" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect class="background" x="0" y="0" width="${box.width}" height="${box.height}" fill="#ffffff"/>`,
    `<text class="chart-title" x="${px(titleX)}" y="22" font-size="15" font-weight="bold" fill="#222222">${escapeXml(title)}</text>`,
  ];
  if (subtitle !== undefined)
    parts.push(`<text x="${px(titleX)}" y="39" font-size="11" fill="#666666">${escapeXml(subtitle)}</text>`);
  parts.push(...content, '</svg>');
  return parts.join('\n');
}

/**
 * How values of a metric unit are shown: fractions as percent, everything else as they are.
 *
 * @example
 * ```ts
 * unitDisplay('fraction'); // { factor: 100, suffix: '%' }
 * unitDisplay('s');        // { factor: 1, suffix: ' s' }
 * ```
 */
export function unitDisplay(unit: string): { readonly factor: number; readonly suffix: string } {
  if (unit === 'fraction' || unit === '%') return { factor: 100, suffix: '%' };
  if (unit === '' || unit === 'count' || unit === 'share' || unit === 'tasks')
    return { factor: 1, suffix: unit === '' || unit === 'share' ? '' : ` ${unit}` };
  return { factor: 1, suffix: ` ${unit}` };
}

/**
 * Formats a number for a table or label with a fixed precision chosen from its size (no locale,
 * no exponent below 1e9): "-" for null or non-finite values.
 *
 * @example
 * ```ts
 * formatNumber(0.81234); // "0.812"
 * formatNumber(1234.5);  // "1,235"
 * formatNumber(null);    // "-"
 * ```
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  const a = Math.abs(value);
  if (a >= 1000) return format(',.0f')(value);
  if (a >= 100) return format('.1f')(value);
  if (a >= 10) return format('.2f')(value);
  return format('.3f')(value);
}

/**
 * {@link formatNumber} without trailing zeros after the decimal point, for ticks and sentences.
 *
 * @example
 * ```ts
 * formatShort(41.5);  // "41.5"
 * formatShort(1000);  // "1,000"
 * formatShort(0.25);  // "0.25"
 * ```
 */
export function formatShort(value: number | null | undefined): string {
  const text = formatNumber(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * A formatter that writes every value with the precision {@link formatNumber} would give
 * `reference`, so the values of one panel line up ("123.0" and "83.0", not "83.00").
 *
 * @example
 * ```ts
 * formatLike(123)(83); // "83.0"
 * ```
 */
export function formatLike(reference: number): (value: number) => string {
  const a = Math.abs(reference);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
  return (value) => (Number.isFinite(value) ? format(digits === 0 ? ',.0f' : `.${digits}f`)(value) : '-');
}

/**
 * A time axis: seconds shown in the largest unit that keeps the horizon readable.
 *
 * @example
 * ```ts
 * timeUnit(172_800); // { divisor: 3600, label: 'h' }
 * ```
 */
export function timeUnit(horizonSeconds: number): { readonly divisor: number; readonly label: string } {
  if (horizonSeconds > 4 * 86_400) return { divisor: 86_400, label: 'd' };
  if (horizonSeconds > 3 * 3600) return { divisor: 3600, label: 'h' };
  if (horizonSeconds > 180) return { divisor: 60, label: 'min' };
  return { divisor: 1, label: 's' };
}

/**
 * A bottom axis with ticks, tick labels and an axis label.
 *
 * @example
 * ```ts
 * bottomAxis(scaleLinear([0, 48], [64, 540]), chartBox(720, 360), 'time (h)');
 * ```
 */
export function bottomAxis(
  scale: ScaleLinear<number, number>,
  box: ChartBox,
  label: string,
  tickFormat?: (v: number) => string,
  ticks = 8,
  y = box.plot.bottom,
): string {
  const fmt = tickFormat ?? scale.tickFormat(ticks);
  const [r0, r1] = scale.range() as [number, number];
  const parts = [
    `<g class="axis axis-x" fill="#444444" font-size="11">`,
    `<line x1="${px(r0)}" y1="${px(y)}" x2="${px(r1)}" y2="${px(y)}" stroke="#888888"/>`,
  ];
  for (const t of scale.ticks(ticks)) {
    const x = px(scale(t));
    parts.push(
      `<line x1="${x}" y1="${px(y)}" x2="${x}" y2="${px(y + 5)}" stroke="#888888"/>`,
      `<text x="${x}" y="${px(y + 18)}" text-anchor="middle">${escapeXml(fmt(t))}</text>`,
    );
  }
  parts.push(
    `<text class="axis-label" x="${px((r0 + r1) / 2)}" y="${px(y + 38)}" text-anchor="middle" fill="#222222" font-size="12">${escapeXml(label)}</text>`,
    '</g>',
  );
  return parts.join('');
}

/**
 * A left axis with ticks, light grid lines across the plot and a rotated axis label.
 *
 * @example
 * ```ts
 * leftAxis(scaleLinear([0, 1], [310, 48]), chartBox(720, 360), 'CPUs allocated', (v) => `${v * 100}%`);
 * ```
 */
export function leftAxis(
  scale: ScaleLinear<number, number>,
  box: ChartBox,
  label: string,
  tickFormat?: (v: number) => string,
  ticks = 5,
): string {
  const fmt = tickFormat ?? scale.tickFormat(ticks);
  const [r0, r1] = scale.range() as [number, number];
  const x = box.plot.left;
  const parts = [
    `<g class="axis axis-y" fill="#444444" font-size="11">`,
    `<line x1="${px(x)}" y1="${px(r0)}" x2="${px(x)}" y2="${px(r1)}" stroke="#888888"/>`,
  ];
  for (const t of scale.ticks(ticks)) {
    const y = px(scale(t));
    parts.push(
      `<line x1="${px(x)}" y1="${y}" x2="${px(box.plot.right)}" y2="${y}" stroke="#e6e6e6"/>`,
      `<line x1="${px(x - 5)}" y1="${y}" x2="${px(x)}" y2="${y}" stroke="#888888"/>`,
      `<text x="${px(x - 8)}" y="${y}" dy="0.32em" text-anchor="end">${escapeXml(fmt(t))}</text>`,
    );
  }
  const mid = (r0 + r1) / 2;
  parts.push(
    `<text class="axis-label" transform="translate(${px(16)},${px(mid)}) rotate(-90)" text-anchor="middle" fill="#222222" font-size="12">${escapeXml(label)}</text>`,
    '</g>',
  );
  return parts.join('');
}

/**
 * One entry of a chart legend: a filled swatch, a line (solid or dashed) or a marker.
 *
 * @example
 * ```ts
 * const entry: LegendEntry = { label: 'reports', colour: '#4e79a7', mark: 'swatch' };
 * ```
 */
export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
  readonly mark: 'swatch' | 'line' | 'dashed' | 'marker';
}

/**
 * A name cut to at most `chars` characters (with an ellipsis), for labels that add a suffix of their own.
 *
 * @example
 * ```ts
 * shortName('a-very-long-framework-name', 10); // "a-very-lo…"
 * ```
 */
export function shortName(name: string, chars: number): string {
  const cs = [...name];
  return cs.length > chars ? `${cs.slice(0, chars - 1).join('')}…` : name;
}

/** Longest legend label shown in full; longer ones are cut with an ellipsis (the full name is in the tooltip). */
const LEGEND_CHARS = 24;

/**
 * A legend column at (x, y), one entry per row; labels are escaped and cut to fit.
 *
 * @example
 * ```ts
 * legend([{ label: 'reports', colour: '#4e79a7', mark: 'swatch' }], 560, 60);
 * ```
 */
export function legend(entries: readonly LegendEntry[], x: number, y: number): string {
  const parts = ['<g class="legend" font-size="11" fill="#222222">'];
  entries.forEach((e, i) => {
    const top = y + i * 18;
    const mark =
      e.mark === 'swatch'
        ? `<rect x="${px(x)}" y="${px(top - 9)}" width="14" height="10" fill="${e.colour}" fill-opacity="0.8"/>`
        : e.mark === 'marker'
          ? `<path d="M${px(x + 7)},${px(top - 10)}L${px(x + 12)},${px(top)}L${px(x + 2)},${px(top)}Z" fill="${e.colour}"/>`
          : `<line x1="${px(x)}" y1="${px(top - 4)}" x2="${px(x + 14)}" y2="${px(top - 4)}" stroke="${e.colour}" stroke-width="2"${e.mark === 'dashed' ? ' stroke-dasharray="4 3"' : ''}/>`;
    const shown = shortName(e.label, LEGEND_CHARS);
    parts.push(
      `<g class="legend-entry">${mark}<text x="${px(x + 20)}" y="${px(top)}"><title>${escapeXml(e.label)}</title>${escapeXml(shown)}</text></g>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

/**
 * A complete chart that says there is nothing to draw (a chart of empty data still renders).
 *
 * @example
 * ```ts
 * noDataChart('Task waits', 'no task waited'); // an SVG with the title and the message
 * ```
 */
export function noDataChart(title: string, message: string, width = 720, height = 200): string {
  const box = chartBox(width, height, 20);
  return svgDocument(box, title, [
    `<rect x="${px(box.plot.left)}" y="${px(box.plot.top)}" width="${px(box.plot.right - box.plot.left)}" height="${px(box.plot.bottom - box.plot.top)}" fill="#fafafa" stroke="#dddddd"/>`,
    `<text class="no-data" x="${px((box.plot.left + box.plot.right) / 2)}" y="${px((box.plot.top + box.plot.bottom) / 2)}" text-anchor="middle" fill="#666666" font-size="13">${escapeXml(message)}</text>`,
  ]);
}

/**
 * A percent tick format for fractions (0.25 → "25%").
 *
 * @example
 * ```ts
 * percentTicks(0.25); // "25%"
 * ```
 */
export function percentTicks(value: number): string {
  return format('.0%')(value);
}

/**
 * The linear scale of a y axis from 0 to a nice maximum at or above `max` (1 when there is no data).
 *
 * @example
 * ```ts
 * yScale(0.83, chartBox(720, 360)).domain(); // [0, 0.9]
 * ```
 */
export function yScale(max: number, box: ChartBox): ScaleLinear<number, number> {
  return scaleLinear([0, max > 0 && Number.isFinite(max) ? max : 1], [box.plot.bottom, box.plot.top]).nice(5);
}
