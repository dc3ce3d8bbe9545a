import type { ComparisonReport, IntervalEstimate, MetricInfo } from '../compare/comparisonReport.ts';
import { formatMetricValue } from '../compare/findings.ts';
import { formatTable } from './table.ts';

const bare = (value: number, unit: string): string => formatMetricValue(value, unit).replace(` ${unit}`, '');

function estimateCells(e: IntervalEstimate | null | undefined, unit: string): [string, string] {
  if (e === null || e === undefined) return ['-', '-'];
  return [bare(e.mean, unit), e.halfWidth === null ? '-' : `${bare(e.low, unit)} … ${bare(e.high, unit)}`];
}

function differenceCells(e: IntervalEstimate | null, unit: string): [string, string] {
  if (e === null) return ['-', '-'];
  const signed = (v: number): string => {
    const shown = unit === 'fraction' ? v * 100 : v;
    const digits = unit === 'fraction' ? 1 : Math.abs(shown) < 10 ? 2 : Math.abs(shown) < 100 ? 1 : 0;
    return `${shown > 0 ? '+' : ''}${shown.toFixed(digits)}`;
  };
  return [
    `${signed(e.mean)}${unit === 'fraction' ? ' pts' : ''}`,
    e.halfWidth === null ? '-' : `${signed(e.low)} … ${signed(e.high)}`,
  ];
}

function metricTable(report: ComparisonReport, metric: MetricInfo): string {
  const unit = metric.unit === 'fraction' ? '%' : metric.unit;
  const rows = report.variants.map((variant) => {
    const [mean, ci] = estimateCells(report.summary[variant]?.[metric.id], metric.unit);
    if (variant === report.baseline) return [variant, mean, ci, '(baseline)', '', ''];
    const d = report.differences.find((x) => x.variant === variant && x.metric === metric.id);
    const [diff, diffCi] = differenceCells(d?.difference ?? null, metric.unit);
    return [variant, mean, ci, diff, diffCi, d?.verdict ?? '-'];
  });
  return [
    `${metric.label} (${metric.better} is better)`,
    formatTable(['variant', `mean ${unit}`, '95% CI', `− ${report.baseline}`, '95% CI of difference', 'verdict'], rows),
  ].join('\n');
}

function capacityLines(report: ComparisonReport): string[] {
  const capacity = report.capacity;
  if (capacity === null) return [];
  const units = new Map(report.metrics.map((m) => [m.id, m.unit]));
  const lines = [
    '',
    `capacity search: the smallest machine count whose mean over ${report.seeds.length} seed${report.seeds.length === 1 ? '' : 's'} meets ${capacity.objective}`,
  ];
  const rows = report.variants.flatMap((variant) =>
    (capacity.variants[variant]?.steps ?? []).map((step) => [
      variant,
      step.machines,
      step.problem !== null ? `cannot run: ${step.problem}` : step.meets ? 'meets' : 'fails',
      ...capacity.clauses.map((c) => {
        const e = step.metrics[c.metric];
        return e === null || e === undefined ? '-' : formatMetricValue(e.mean, units.get(c.metric) ?? '');
      }),
    ]),
  );
  lines.push(
    formatTable(['variant', 'machines', 'objective', ...capacity.clauses.map((c) => `${c.metric} (mean)`)], rows),
  );
  for (const variant of report.variants) {
    const found = capacity.variants[variant];
    if (found === undefined) continue;
    lines.push(
      found.machines === null
        ? `${variant}: no size up to ${found.searchedUpTo} machines meets the objective`
        : `${variant}: ${found.machines} machines (the scenario has ${found.scenarioMachines})`,
    );
  }
  return lines;
}

/**
 * The printed summary of a comparison: per headline metric, each variant's mean and 95% interval
 * and its difference from the baseline with a verdict; then the findings in words and, after a
 * capacity search, the sizes tried and the machines each variant needs.
 *
 * @example
 * ```ts
 * console.log(formatCompareSummary(compare(scenario, { seeds: 5 })));
 * ```
 */
export function formatCompareSummary(report: ComparisonReport): string {
  const seedList = report.seeds.length > 6 ? `${report.seeds.slice(0, 5).join(', ')}, …` : report.seeds.join(', ');
  const header = `${report.scenario}: ${report.variants.length} variant${report.variants.length === 1 ? '' : 's'} × ${report.seeds.length} seed${report.seeds.length === 1 ? '' : 's'} (${seedList}), baseline ${report.baseline}; 95% intervals by Student's t, differences paired by seed`;
  const headline = report.metrics.filter(
    (m) => m.headline && report.variants.some((v) => (report.summary[v]?.[m.id] ?? null) !== null),
  );
  const tables = headline.flatMap((m) => ['', metricTable(report, m)]);
  const findings = report.findings.length === 0 ? [] : ['', 'findings:', ...report.findings.map((f) => `  - ${f}`)];
  const wall = report.wall === null ? [] : ['', `${report.wall.runs} runs in ${report.wall.seconds.toFixed(1)} s wall`];
  return [header, ...tables, ...capacityLines(report), ...findings, ...wall].join('\n');
}
