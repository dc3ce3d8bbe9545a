import { MANIFEST_FILE, RUNS_FOLDER } from '../sweep/store.ts';
import type { SweepFailure } from '../sweep/sweep.ts';
import type { SweepTable } from '../sweep/table.ts';
import { renderSweepHtml, sweepCharts } from '../viz/sweepReport.ts';
import { toCsv, type Cell } from './comparisonCsv.ts';
import { openOutputDir } from './outputDir.ts';

/** A parameter value as a CSV cell: numbers, texts and booleans as they are, anything else as JSON. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const jsonLines = (rows: readonly unknown[]): string => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

/**
 * `results.csv`: the tidy table, one row per run × metric (columns: one per parameter path, then
 * variant, replication, seed, metric, value).
 *
 * @example
 * ```ts
 * sweepResultsCsv(table).split('\n')[0]; // "master.allocationInterval,variant,replication,seed,metric,value"
 * ```
 */
export function sweepResultsCsv(table: SweepTable): string {
  const rows = table.rows.map((r): Cell[] => [
    ...table.parameters.map((p) => cell(r.values[p])),
    r.variant,
    r.replication,
    r.seed,
    r.metric,
    r.value,
  ]);
  return toCsv([...table.parameters, 'variant', 'replication', 'seed', 'metric', 'value'], rows);
}

/**
 * `results.jsonl`: the same table as JSON lines, one object per run × metric with the parameter
 * values by path first.
 *
 * @example
 * ```ts
 * JSON.parse(sweepResultsJsonl(table).split('\n')[0]!); // { 'master.allocationInterval': '1s', variant: 'static', replication: 0, seed: …, metric: 'cpuAllocated', value: 0.5 }
 * ```
 */
export function sweepResultsJsonl(table: SweepTable): string {
  return jsonLines(
    table.rows.map((r) => ({
      ...r.values,
      variant: r.variant,
      replication: r.replication,
      seed: r.seed,
      metric: r.metric,
      value: r.value,
    })),
  );
}

/**
 * `summary.csv`: per grid point × variant × metric, the mean over replications and its 95%
 * interval (columns: the parameters, then variant, metric, n, mean, sd, low, high; n = 0 and empty
 * cells when no replication has a value).
 *
 * @example
 * ```ts
 * sweepSummaryCsv(table).split('\n')[0]; // "master.allocationInterval,variant,metric,n,mean,sd,low,high"
 * ```
 */
export function sweepSummaryCsv(table: SweepTable): string {
  const rows = table.summary.map((s): Cell[] => [
    ...table.parameters.map((p) => cell(s.values[p])),
    s.variant,
    s.metric,
    s.estimate?.n ?? 0,
    s.estimate?.mean ?? null,
    s.estimate?.sd ?? null,
    s.estimate?.low ?? null,
    s.estimate?.high ?? null,
  ]);
  return toCsv([...table.parameters, 'variant', 'metric', 'n', 'mean', 'sd', 'low', 'high'], rows);
}

/**
 * `summary.jsonl`: the summary as JSON lines (with `halfWidth`, null for a single replication).
 *
 * @example
 * ```ts
 * sweepSummaryJsonl(table).split('\n').length; // summary rows + 1
 * ```
 */
export function sweepSummaryJsonl(table: SweepTable): string {
  return jsonLines(
    table.summary.map((s) => ({
      ...s.values,
      variant: s.variant,
      metric: s.metric,
      n: s.estimate?.n ?? 0,
      mean: s.estimate?.mean ?? null,
      sd: s.estimate?.sd ?? null,
      halfWidth: s.estimate?.halfWidth ?? null,
      low: s.estimate?.low ?? null,
      high: s.estimate?.high ?? null,
    })),
  );
}

/**
 * The files of a sweep's results, relative path → contents: `results.csv`, `results.jsonl`,
 * `summary.csv`, `summary.jsonl`, `report.html`, `charts/<chart>.svg`, and `failures.jsonl` (one
 * line per failed run; empty when none) when failures are given.
 *
 * @example
 * ```ts
 * [...sweepOutputs(table).keys()]; // ['results.csv', 'results.jsonl', 'summary.csv', 'summary.jsonl', 'report.html', 'charts/cpuAllocated.svg', …]
 * ```
 */
export function sweepOutputs(table: SweepTable, failures?: readonly SweepFailure[]): Map<string, string> {
  const files = new Map<string, string>([
    ['results.csv', sweepResultsCsv(table)],
    ['results.jsonl', sweepResultsJsonl(table)],
    ['summary.csv', sweepSummaryCsv(table)],
    ['summary.jsonl', sweepSummaryJsonl(table)],
    ['report.html', renderSweepHtml(table)],
  ]);
  for (const chart of sweepCharts(table)) files.set(`charts/${chart.id}.svg`, `${chart.svg}\n`);
  if (failures !== undefined) files.set('failures.jsonl', jsonLines(failures));
  return files;
}

/**
 * The entries of a sweep folder that the sweep's store keeps (its manifest `sweep.json` and the
 * finished runs in `runs/`): an output folder holding only these is the sweep's own.
 *
 * @example
 * ```ts
 * checkOutputDir('out/sweep', false, SWEEP_STORE_ENTRIES); // a killed sweep's folder is accepted
 * ```
 */
export const SWEEP_STORE_ENTRIES: readonly string[] = [MANIFEST_FILE, RUNS_FOLDER];

/**
 * Writes a sweep's results into `dir` (next to its `sweep.json` and `runs/`) and returns the
 * relative paths written. It goes through the folder's list of outputs, like `run` and
 * `compare`: every file is written under a temporary name first and renamed into place only when
 * all are written, files of an earlier write that this one does not write (a chart of a metric no
 * longer swept, `failures.jsonl` once nothing fails) are removed, and a folder holding files
 * clustersim did not write is refused with an `OutputDirError` unless `force`.
 *
 * @example
 * ```ts
 * writeSweepOutputs('out/sweep', result, result.failures); // ['results.csv', …]
 * ```
 */
export function writeSweepOutputs(
  dir: string,
  table: SweepTable,
  failures?: readonly SweepFailure[],
  options: { readonly force?: boolean } = {},
): string[] {
  const out = openOutputDir(dir, { force: options.force === true, own: SWEEP_STORE_ENTRIES });
  const files = sweepOutputs(table, failures);
  try {
    for (const [path, contents] of files) out.file(path).write(contents);
  } catch (error) {
    out.discard();
    throw error;
  }
  out.commit();
  return [...files.keys()];
}
