import { stringify } from 'csv-stringify/sync';
import type { ComparisonReport, IntervalEstimate } from '../compare/comparisonReport.ts';

/**
 * A CSV cell: numbers as JavaScript prints them (full precision), null as an empty cell (NaN in pandas).
 *
 * @example
 * ```ts
 * const row: Cell[] = ['shared', 42, 0.89, null];
 * ```
 */
export type Cell = string | number | boolean | null;

/**
 * Tidy CSV text with a header row: RFC 4180 quoting, `\n` line ends, empty cells for missing
 * values, so `pandas.read_csv` and spreadsheets take it as it is.
 *
 * @example
 * ```ts
 * toCsv(['variant', 'value'], [['a,b', 1], ['c', null]]); // 'variant,value\n"a,b",1\nc,\n'
 * ```
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = rows.map((row) =>
    row.map((c) => (c === null ? '' : typeof c === 'boolean' ? (c ? 'true' : 'false') : c)),
  );
  return stringify([header as string[], ...cells], { eof: true, record_delimiter: 'unix' });
}

/** The metric ids of a report in its own order, then any others its runs name (sorted). */
function metricIds(report: ComparisonReport): string[] {
  const known = report.metrics.map((m) => m.id);
  const extra = new Set<string>();
  for (const run of report.runs) for (const id of Object.keys(run.metrics)) if (!known.includes(id)) extra.add(id);
  return [...known, ...[...extra].sort()];
}

/**
 * `runs.csv`: one row per variant × seed × metric (columns variant, seed, machines, metric, value).
 *
 * @example
 * ```ts
 * runsCsv(report).split('\n')[0]; // "variant,seed,machines,metric,value"
 * ```
 */
export function runsCsv(report: ComparisonReport): string {
  const ids = metricIds(report);
  const rows = report.runs.flatMap((run) =>
    ids
      .filter((id) => id in run.metrics)
      .map((id): Cell[] => [run.variant, run.seed, run.machines, id, run.metrics[id] ?? null]),
  );
  return toCsv(['variant', 'seed', 'machines', 'metric', 'value'], rows);
}

const estimateCells = (e: IntervalEstimate | null | undefined): Cell[] =>
  e === null || e === undefined ? [0, null, null, null, null] : [e.n, e.mean, e.sd, e.low, e.high];

/**
 * `summary.csv`: per variant and metric, the mean over seeds and its 95% interval (columns variant,
 * metric, n, mean, sd, low, high).
 *
 * @example
 * ```ts
 * summaryCsv(report).split('\n')[0]; // "variant,metric,n,mean,sd,low,high"
 * ```
 */
export function summaryCsv(report: ComparisonReport): string {
  const ids = metricIds(report);
  const rows = report.variants.flatMap((v) =>
    ids
      .filter((id) => report.summary[v] !== undefined && id in (report.summary[v] ?? {}))
      .map((id): Cell[] => [v, id, ...estimateCells(report.summary[v]?.[id])]),
  );
  return toCsv(['variant', 'metric', 'n', 'mean', 'sd', 'low', 'high'], rows);
}

/**
 * `differences.csv`: per non-baseline variant and metric, the paired difference against the
 * baseline (columns variant, baseline, metric, n, mean, sd, low, high, relative, verdict).
 *
 * @example
 * ```ts
 * differencesCsv(report).split('\n')[0]; // "variant,baseline,metric,n,mean,sd,low,high,relative,verdict"
 * ```
 */
export function differencesCsv(report: ComparisonReport): string {
  const rows = report.differences.map((d): Cell[] => [
    d.variant,
    d.baseline,
    d.metric,
    ...estimateCells(d.difference),
    d.relative,
    d.verdict,
  ]);
  return toCsv(['variant', 'baseline', 'metric', 'n', 'mean', 'sd', 'low', 'high', 'relative', 'verdict'], rows);
}

/**
 * `capacity.csv`: every machine count the capacity search tried, per variant and objective metric
 * (columns variant, machines, metric, n, mean, low, high, meets, problem); a size that could not be
 * built has one row with an empty metric and the problem. Only a header when no search ran.
 *
 * @example
 * ```ts
 * capacityCsv(report).split('\n')[0]; // "variant,machines,metric,n,mean,low,high,meets,problem"
 * ```
 */
export function capacityCsv(report: ComparisonReport): string {
  const rows: Cell[][] = [];
  const capacity = report.capacity;
  if (capacity !== null) {
    const order = [
      ...report.variants,
      ...Object.keys(capacity.variants)
        .filter((v) => !report.variants.includes(v))
        .sort(),
    ];
    for (const v of order) {
      for (const step of capacity.variants[v]?.steps ?? []) {
        const metrics = Object.keys(step.metrics).sort();
        for (const metric of metrics) {
          const e = step.metrics[metric];
          rows.push([
            v,
            step.machines,
            metric,
            e?.n ?? 0,
            e?.mean ?? null,
            e?.low ?? null,
            e?.high ?? null,
            step.meets,
            step.problem,
          ]);
        }
        if (metrics.length === 0) rows.push([v, step.machines, '', 0, null, null, null, step.meets, step.problem]);
      }
    }
  }
  return toCsv(['variant', 'machines', 'metric', 'n', 'mean', 'low', 'high', 'meets', 'problem'], rows);
}
