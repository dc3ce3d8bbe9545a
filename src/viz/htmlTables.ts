import type { ComparisonReport, IntervalEstimate } from '../compare/comparisonReport.ts';
import type { RunReport } from '../metrics/runReport.ts';
import { formatNumber, unitDisplay } from './chartKit.ts';
import { escapeXml } from './escape.ts';
import { mainResource } from './reportFields.ts';

/**
 * An HTML table from a header and rows of cell texts; every cell is escaped. Cells that look
 * numeric are right-aligned.
 *
 * @example
 * ```ts
 * htmlTable(['framework', 'tasks'], [['<b>', '3']]); // '<table>…<td>&lt;b&gt;</td><td class="num">3</td>…'
 * ```
 */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const numeric = (cell: string): boolean =>
    /^([-+−]?[\d,.]+(%| [a-z]+)?( ± [\d,.]+%?)?( \[.*\])?|\[[-+−\d,. ]+\])$/.test(cell) || cell === '-';
  const head = `<thead><tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<td${numeric(c) ? ' class="num"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>${caption === undefined ? '' : `<caption>${escapeXml(caption)}</caption>`}${head}<tbody>\n${body}\n</tbody></table>`;
}

/**
 * An interval estimate as "mean ± half-width [low, high]" in the metric's display unit.
 *
 * @example
 * ```ts
 * formatEstimate({ n: 5, mean: 0.5, sd: 0.01, halfWidth: 0.012, low: 0.488, high: 0.512 }, 'fraction'); // "50.00% ± 1.200% [48.80, 51.20]"
 * ```
 */
export function formatEstimate(e: IntervalEstimate | null | undefined, unit: string): string {
  if (e === null || e === undefined) return '-';
  const show = unitDisplay(unit);
  const mean = `${formatNumber(e.mean * show.factor)}${show.suffix}`;
  if (e.halfWidth === null) return mean;
  return `${mean} ± ${formatNumber(e.halfWidth * show.factor)}${show.suffix === '%' ? '%' : ''} [${formatNumber(e.low * show.factor)}, ${formatNumber(e.high * show.factor)}]`;
}

/**
 * The comparison's summary table: one row per metric, one column per variant (mean ± 95% CI).
 *
 * @example
 * ```ts
 * summaryTable(report); // '<table>…'
 * ```
 */
export function summaryTable(report: ComparisonReport): string {
  const rows = report.metrics.map((m) => [
    `${m.label}${m.better === 'higher' ? ' ↑' : ' ↓'}`,
    ...report.variants.map((v) => formatEstimate(report.summary[v]?.[m.id], m.unit)),
  ]);
  return htmlTable(
    ['metric', ...report.variants],
    rows,
    `Mean ± 95% CI half-width [interval] over ${report.seeds.length} seeds (↑ higher is better, ↓ lower is better)`,
  );
}

/**
 * The paired differences table: per variant and metric, the mean difference against the baseline,
 * its interval, the relative change and the verdict.
 *
 * @example
 * ```ts
 * differencesTable(report); // '<table>…'
 * ```
 */
export function differencesTable(report: ComparisonReport): string {
  const rows = report.differences.map((d) => {
    const info = report.metrics.find((m) => m.id === d.metric);
    const show = unitDisplay(info?.unit ?? '');
    const unit = show.suffix === '%' ? ' pp' : show.suffix;
    const e = d.difference;
    return [
      `${d.variant} − ${d.baseline}`,
      info?.label ?? d.metric,
      e === null ? '-' : `${formatNumber(e.mean * show.factor)}${unit}`,
      e === null ? '-' : `[${formatNumber(e.low * show.factor)}, ${formatNumber(e.high * show.factor)}]`,
      d.relative === null ? '-' : `${formatNumber(d.relative * 100)}%`,
      e === null ? '0' : String(e.n),
      d.verdict,
    ];
  });
  return htmlTable(
    ['variant − baseline', 'metric', 'mean difference', '95% CI', 'relative', 'seeds', 'verdict'],
    rows,
    'Paired differences per seed (pp: percentage points)',
  );
}

/**
 * Per framework figures of one run report: utilization, work done, waits and starvation.
 *
 * @example
 * ```ts
 * frameworkTable(report, 'shared'); // '<table>…'
 * ```
 */
export function frameworkTable(report: RunReport, label: string): string {
  const resource = mainResource(report);
  const rows = Object.keys(report.frameworks)
    .sort()
    .map((id) => {
      const f = report.frameworks[id];
      if (f === undefined) return [];
      const w = f.taskWaitSeconds as typeof f.taskWaitSeconds & { readonly p99?: number | null };
      return [
        id,
        f.scheduler,
        `${formatNumber((report.utilization.byFramework[id]?.[resource] ?? 0) * 100)}%`,
        `${f.jobsCompleted} / ${f.jobsSubmitted}`,
        String(f.tasksLaunched),
        String(f.tasksAbandoned),
        formatNumber(w.p50),
        formatNumber(w.p95),
        formatNumber(w.p99 ?? null),
        formatNumber(w.max),
        formatNumber(f.starvation.longestWithoutOfferSeconds),
      ];
    });
  return htmlTable(
    [
      'framework',
      'scheduler',
      `${resource} allocated`,
      'jobs done',
      'tasks',
      'abandoned',
      'wait p50 s',
      'wait p95 s',
      'wait p99 s',
      'wait max s',
      'longest no-offer s',
    ],
    rows,
    `${label}: seed ${String(report.seed)}, ${report.cluster.machines} machines, ${report.allocator}`,
  );
}

/**
 * Per service figures of one run report (null when it has no services).
 *
 * @example
 * ```ts
 * serviceTable(report, 'shared'); // '<table>…' or null
 * ```
 */
export function serviceTable(report: RunReport, label: string): string | null {
  const names = Object.keys(report.services).sort();
  if (names.length === 0) return null;
  const rows = names.map((id) => {
    const s = report.services[id];
    if (s === undefined) return [];
    const ready = s.sinceReady;
    return [
      id,
      ready.atSeconds === null ? 'never' : formatNumber(ready.atSeconds),
      ready.availability === null ? '-' : `${formatNumber(ready.availability * 100)}%`,
      ready.minAvailability === null ? '-' : `${formatNumber(ready.minAvailability * 100)}%`,
      formatNumber(s.secondsWithoutHealthyInstance),
      s.requests.total > 0 ? `${formatNumber((100 * s.requests.failed) / s.requests.total)}%` : '-',
    ];
  });
  return htmlTable(
    ['service', 'ready at s', 'availability since ready', 'lowest', 's with none reachable', 'requests failed'],
    rows,
    `${label}: services`,
  );
}

/**
 * The capacity search's table: per variant the smallest machine count that met the objective,
 * the scenario's own size, how far the search went and the sizes tried (null without a search).
 *
 * @example
 * ```ts
 * capacityTable(report); // '<table>…<td>shared</td><td class="num">14</td>…'
 * ```
 */
export function capacityTable(report: ComparisonReport): string | null {
  const capacity = report.capacity;
  if (capacity === null) return null;
  const rows = report.variants.flatMap((v) => {
    const c = capacity.variants[v];
    if (c === undefined) return [];
    return [
      [
        v,
        c.machines === null ? 'none found' : String(c.machines),
        String(c.scenarioMachines),
        String(c.searchedUpTo),
        c.steps.map((s) => `${s.machines}${s.meets ? '✓' : '✗'}`).join(' '),
      ],
    ];
  });
  return htmlTable(
    ['variant', 'machines needed', 'scenario machines', 'searched up to', 'sizes tried (✓ meets, ✗ misses)'],
    rows,
    `Capacity search: the smallest machine count whose mean over the seeds meets ${capacity.objective}`,
  );
}
