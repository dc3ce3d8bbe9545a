import type { SweepTable } from '../sweep/table.ts';
import { formatNumber } from './chartKit.ts';
import { escapeXml } from './escape.ts';
import { htmlPage } from './htmlReport.ts';
import { formatEstimate, htmlTable } from './htmlTables.ts';
import type { NamedChart } from './reportCharts.ts';
import { sweepChart, type SweepChartPoint } from './sweepChart.ts';

/**
 * The charts of a sweep: per metric, the metric against a parameter (the first with numbers
 * only, else the first), one line per variant with 95% intervals; with more parameters, one chart
 * per combination of the others' values (named in the subtitle). Ids are `<metric>` or
 * `<metric>-<k>` (k counting the combinations from 1).
 *
 * @example
 * ```ts
 * sweepCharts(await sweep(spec)).map((c) => c.id); // ['cpuAllocated', 'p95Wait', …]
 * ```
 */
export function sweepCharts(table: SweepTable): NamedChart[] {
  if (table.parameters.length === 0) return [];
  const valuesOf = (path: string): unknown[] => {
    const seen = new Map<string, unknown>();
    for (const row of table.summary) seen.set(JSON.stringify(row.values[path] ?? null), row.values[path]);
    return [...seen.values()];
  };
  const axis =
    table.parameters.find((p) => valuesOf(p).every((v) => typeof v === 'number')) ?? (table.parameters[0] as string);
  const others = table.parameters.filter((p) => p !== axis);
  const facets = new Map<string, Record<string, unknown>>();
  for (const row of table.summary)
    facets.set(
      JSON.stringify(others.map((p) => row.values[p])),
      Object.fromEntries(others.map((p) => [p, row.values[p]])),
    );
  const xs = valuesOf(axis);
  const charts: NamedChart[] = [];
  for (const metric of table.metrics) {
    let k = 0;
    for (const [facetKey, facet] of facets) {
      k++;
      const series: Record<string, (SweepChartPoint | null)[]> = {};
      for (const variant of table.variants) {
        series[variant] = xs.map((x) => {
          const row = table.summary.find(
            (r) =>
              r.variant === variant &&
              r.metric === metric.id &&
              JSON.stringify(r.values[axis] ?? null) === JSON.stringify(x ?? null) &&
              JSON.stringify(others.map((p) => r.values[p])) === facetKey,
          );
          const e = row?.estimate;
          return e === null || e === undefined ? null : { mean: e.mean, low: e.low, high: e.high };
        });
      }
      const where = Object.entries(facet).map(([p, v]) => `${p} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const id = facets.size > 1 ? `${slug(metric.id)}-${k}` : slug(metric.id);
      const title = `${metric.label} against ${axis}`;
      charts.push({
        id,
        title,
        svg: sweepChart({
          title,
          subtitle: `${where.length > 0 ? `${where.join(', ')} · ` : ''}mean over replications, whiskers 95% CI`,
          metric: metric.label,
          unit: metric.unit,
          parameter: axis,
          values: xs,
          series,
          order: table.variants,
        }),
      });
    }
  }
  return charts;
}

/**
 * The sweep's HTML page (`report.html`): what was swept, every chart inlined as SVG and the
 * summary table (mean ± 95% CI per grid point × variant × metric). Opens offline.
 *
 * @example
 * ```ts
 * writeFileSync('out/sweep/report.html', renderSweepHtml(await sweep(spec)));
 * ```
 */
export function renderSweepHtml(table: SweepTable): string {
  const title = `${table.name}: sweep over ${table.parameters.join(', ')}`;
  const header = [...table.parameters, 'variant', 'metric', 'n', 'mean ± 95% CI [interval]'];
  const unitOf = new Map(table.metrics.map((m) => [m.id, m.unit]));
  const rows = table.summary.map((s) => [
    ...table.parameters.map((p) => valueText(s.values[p])),
    s.variant,
    s.metric,
    String(s.estimate?.n ?? 0),
    formatEstimate(s.estimate, unitOf.get(s.metric) ?? ''),
  ]);
  const body = [
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="meta">${formatNumber(table.runs)} runs (${escapeXml(table.variants.join(', '))}) · ${table.missing === 0 ? 'all finished' : `${formatNumber(table.missing)} without a result`} · sweep ${escapeXml(table.fingerprint.slice(0, 12))}</p>`,
    '<h2>Charts</h2>',
    ...sweepCharts(table).map(
      (c) =>
        `<figure class="chart" id="chart-${escapeXml(c.id)}" aria-label="${escapeXml(c.title)}">\n${c.svg}\n</figure>`,
    ),
    '<h2>Summary</h2>',
    htmlTable(header, rows),
  ];
  return htmlPage(title, body);
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'metric';
}
