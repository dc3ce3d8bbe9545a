import { capacitySentence } from '../compare/capacity/findCapacity.ts';
import type { ComparisonReport } from '../compare/comparisonReport.ts';
import type { RunReport } from '../metrics/runReport.ts';
import { formatNumber } from './chartKit.ts';
import { escapeXml } from './escape.ts';
import { capacityTable, differencesTable, frameworkTable, serviceTable, summaryTable } from './htmlTables.ts';
import { comparisonReportCharts, runCharts, type NamedChart } from './reportCharts.ts';

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 0; background: #f4f5f7; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 32px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
.meta { color: #555; font-size: 13px; margin: 0 0 12px; }
ul.findings li { margin: 4px 0; } .capacity { font-weight: bold; }
figure { margin: 16px 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { font-size: 12px; color: #555; margin-top: 2px; }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0 18px; }
caption { text-align: left; font-size: 12px; color: #555; padding-bottom: 4px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafa; }
`;

/**
 * A complete HTML page around `body` (already escaped HTML): no scripts, no external resources,
 * the reports' styles inline.
 *
 * @example
 * ```ts
 * htmlPage('sweep', ['<h1>sweep</h1>']); // '<!DOCTYPE html>…'
 * ```
 */
export function htmlPage(title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

function figures(charts: readonly NamedChart[]): string[] {
  return charts.map(
    (c) =>
      `<figure class="chart" id="chart-${escapeXml(c.id)}" aria-label="${escapeXml(c.title)}">\n${c.svg}\n</figure>`,
  );
}

/**
 * The capacity search's answer in one sentence per variant, and the machines each variant saves
 * against the baseline ("static needs 20 machines, shared needs 14: shared saves 6 (30%)").
 *
 * @example
 * ```ts
 * capacitySummary(report); // "static needs 20 machines, shared needs 14: shared saves 6 (30%)"
 * ```
 */
export function capacitySummary(report: ComparisonReport): string | null {
  const capacity = report.capacity;
  if (capacity === null) return null;
  const others = report.variants.filter((v) => v !== report.baseline);
  return others.map((v) => capacitySentence(report.baseline, v, capacity)).join('; ');
}

/**
 * The self-contained HTML report of a comparison (`report/index.html`): the findings and the
 * capacity answer, every chart inlined as SVG, the table of each variant's mean ± 95% CI per
 * metric, the paired differences, and per framework figures of each variant's example run. Opens
 * offline: no scripts, no external files. Every name from the report is escaped.
 *
 * @example
 * ```ts
 * writeFileSync('out/report/index.html', renderHtmlReport(compare(scenario, { seeds: 5 })));
 * ```
 */
export function renderHtmlReport(comparison: ComparisonReport): string {
  const title = `${comparison.scenario}: ${comparison.variants.join(' vs ')}`;
  const capacity = capacitySummary(comparison);
  const body = [
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="meta">clustersim ${escapeXml(comparison.clustersim)} · ${comparison.seeds.length} seeds (${escapeXml(comparison.seeds.map(String).join(', '))}) · baseline ${escapeXml(comparison.baseline)} · ${comparison.runs.length} runs</p>`,
    '<h2>Summary</h2>',
    comparison.findings.length === 0
      ? '<p>No findings.</p>'
      : `<ul class="findings">\n${comparison.findings.map((f) => `<li>${escapeXml(f)}</li>`).join('\n')}\n</ul>`,
    capacity === null
      ? ''
      : `<p class="capacity">Capacity (${escapeXml(comparison.capacity?.objective ?? '')}): ${escapeXml(capacity)}</p>`,
    capacityTable(comparison) ?? '',
    '<h2>Charts</h2>',
    ...figures(comparisonReportCharts(comparison)),
    '<h2>Metrics per variant</h2>',
    summaryTable(comparison),
    '<h2>Differences against the baseline</h2>',
    differencesTable(comparison),
    '<h2>Example runs (first seed)</h2>',
    ...comparison.variants.flatMap((v) => {
      const r = comparison.examples[v];
      if (r === undefined) return [];
      return [`<h3>${escapeXml(v)}</h3>`, frameworkTable(r, v), serviceTable(r, v) ?? ''];
    }),
  ];
  return htmlPage(title, body);
}

/**
 * The self-contained HTML report of a single run: its key figures, its charts and per framework
 * (and per service) tables.
 *
 * @example
 * ```ts
 * writeFileSync('out/run.html', renderRunHtml(runSimulation(scenario)));
 * ```
 */
export function renderRunHtml(report: RunReport): string {
  const title = `${report.scenario} (seed ${String(report.seed)})`;
  const alloc = Object.keys(report.utilization.allocated)
    .sort()
    .map(
      (r) =>
        `${r} ${formatNumber((report.utilization.allocated[r] ?? 0) * 100)}% allocated, ${formatNumber((report.utilization.used[r] ?? 0) * 100)}% used`,
    );
  const body = [
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="meta">clustersim ${escapeXml(report.clustersim)} · ${report.cluster.machines} machines in ${report.cluster.racks} racks · ${escapeXml(report.allocator)} · ${formatNumber(report.simulatedSeconds)} s simulated · event log ${escapeXml(report.eventLogHash.slice(0, 12))}</p>`,
    '<h2>Summary</h2>',
    `<ul class="findings">\n${alloc.map((a) => `<li>${escapeXml(a)}</li>`).join('\n')}\n<li>${report.failures.incidents.length} failure incidents, ${report.failures.tasksLost} tasks lost</li>\n</ul>`,
    '<h2>Charts</h2>',
    ...figures(runCharts(report)),
    '<h2>Frameworks</h2>',
    frameworkTable(report, report.scenario),
    serviceTable(report, report.scenario) ?? '',
  ];
  return htmlPage(title, body);
}
