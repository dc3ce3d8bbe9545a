import type { IntervalEstimate, MetricInfo } from '../compare/comparisonReport.ts';
import { intervalEstimate } from '../compare/statistics.ts';
import type { PlannedRun, SweepPlan } from './plan.ts';
import type { RunRecord } from './store.ts';

/**
 * One row of a sweep's tidy table: one metric of one run.
 *
 * @example
 * ```ts
 * const row: SweepRow = { point: 1, values: { 'master.allocationInterval': '5s' }, variant: 'shared',
 *   replication: 0, seed: 1234, metric: 'cpuAllocated', value: 0.61 };
 * ```
 */
export interface SweepRow {
  /** The grid point's index (grid order, the first parameter varying slowest). */
  readonly point: number;
  /** The grid point's parameter values, by path. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly variant: string;
  readonly replication: number | string;
  readonly seed: number;
  readonly metric: string;
  /** Null: the run has no value for the metric (e.g. no task launched). */
  readonly value: number | null;
}

/**
 * One row of a sweep's summary: a metric's mean over the replications of one grid point and
 * variant, with its 95% confidence interval (as in `compare`).
 *
 * @example
 * ```ts
 * const row: SweepSummaryRow = { point: 0, values: { 'master.allocationInterval': '1s' }, variant: 'shared', metric: 'p95Wait',
 *   estimate: { n: 10, mean: 41, sd: 6, halfWidth: 4.3, low: 36.7, high: 45.3 } };
 * ```
 */
export interface SweepSummaryRow {
  readonly point: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly variant: string;
  readonly metric: string;
  /** Null when no replication has a value. */
  readonly estimate: IntervalEstimate | null;
}

/**
 * A sweep's results: the tidy table (one row per finished run × metric, in the sweep's order)
 * and the summary per grid point × variant × metric. The same for any number of workers, any
 * sharding and any order in which runs finished.
 *
 * @example
 * ```ts
 * const table: SweepTable = await sweep(spec, { workers: 2 });
 * table.rows.filter((r) => r.metric === 'cpuAllocated');
 * ```
 */
export interface SweepTable {
  readonly name: string;
  readonly fingerprint: string;
  readonly parameters: readonly string[];
  readonly variants: readonly string[];
  readonly metrics: readonly MetricInfo[];
  /** Runs of the sweep (or of the shard) the table is of. */
  readonly runs: number;
  /** Of those, runs with no result (failed, or not run yet). */
  readonly missing: number;
  readonly rows: readonly SweepRow[];
  readonly summary: readonly SweepSummaryRow[];
}

/**
 * Builds the table of `runs` (runs of `plan`) from their stored records; a run without a record
 * counts as missing.
 *
 * @example
 * ```ts
 * sweepTable(plan, plan.runs, (key) => readRunRecord(dir, key));
 * ```
 */
export function sweepTable(
  plan: SweepPlan,
  runs: readonly PlannedRun[],
  recordOf: (key: string) => RunRecord | undefined,
): SweepTable {
  const valuesOf = (point: number): Record<string, unknown> =>
    Object.fromEntries(plan.parameters.map((path, i) => [path, plan.points[point]?.[i]]));
  const rows: SweepRow[] = [];
  const samples = new Map<string, number[]>();
  let missing = 0;
  for (const run of runs) {
    const record = recordOf(run.key);
    if (record === undefined) {
      missing++;
      continue;
    }
    const values = valuesOf(run.point);
    for (const metric of plan.metrics) {
      const value = record.metrics[metric.id] ?? null;
      rows.push({
        point: run.point,
        values,
        variant: run.variant,
        replication: run.replication,
        seed: run.seed,
        metric: metric.id,
        value,
      });
      if (value === null) continue;
      const group = groupKey(run.point, run.variant, metric.id);
      samples.set(group, [...(samples.get(group) ?? []), value]);
    }
  }
  const summary: SweepSummaryRow[] = [];
  const covered = new Set(runs.map((r) => groupKey(r.point, r.variant, '')));
  plan.points.forEach((_, point) => {
    for (const variant of plan.variants) {
      if (!covered.has(groupKey(point, variant, ''))) continue;
      for (const metric of plan.metrics)
        summary.push({
          point,
          values: valuesOf(point),
          variant,
          metric: metric.id,
          estimate: intervalEstimate(samples.get(groupKey(point, variant, metric.id)) ?? []),
        });
    }
  });
  return {
    name: plan.name,
    fingerprint: plan.fingerprint,
    parameters: plan.parameters,
    variants: plan.variants,
    metrics: plan.metrics,
    runs: runs.length,
    missing,
    rows,
    summary,
  };
}

function groupKey(point: number, variant: string, metric: string): string {
  return JSON.stringify([point, variant, metric]);
}
