import type { RunReport } from '../metrics/runReport.ts';
import {
  fairnessSeries,
  frameworkSeries,
  offeredSeries,
  partitionSeries,
  type PoolSeries,
} from '../viz/reportFields.ts';
import { toCsv } from './comparisonCsv.ts';

type Row = [string, number, string, string, string, number | null];

/** Rows of binned values: bin i starts at i × step seconds. */
function binned(
  rows: Row[],
  variant: string,
  step: number,
  series: string,
  key: string,
  resource: string,
  values: readonly (number | null)[],
): void {
  values.forEach((v, i) => rows.push([variant, i * step, series, key, resource, v]));
}

function pools(rows: Row[], variant: string, step: number, prefix: string, source: PoolSeries): void {
  for (const key of Object.keys(source).sort()) {
    const pool = source[key];
    if (pool === undefined) continue;
    for (const kind of ['allocated', 'used'] as const) {
      for (const resource of Object.keys(pool[kind]).sort())
        binned(rows, variant, step, `${prefix}.${kind}`, key, resource, pool[kind][resource] ?? []);
    }
  }
}

/**
 * The time series of one run report as tidy long-form CSV, one row per value (columns variant,
 * t_seconds, series, key, resource, value). `t_seconds` is the start of a bin, or for
 * `service.available` the time from which the value held. Series: `cluster.allocated`,
 * `cluster.used`, `cluster.offered` (fractions of cluster capacity, key empty);
 * `framework.allocated` / `framework.used` (key = framework, fraction of cluster capacity);
 * `partition.allocated` / `partition.used` (key = partition owner, fraction of the partition);
 * `fairness.dominantShare` / `fairness.fairShare` (key = role, resource empty);
 * `fairness.jainIndex`; `service.available` (key = app).
 *
 * @example
 * ```ts
 * seriesCsv('shared', report).split('\n')[1]; // "shared,0,cluster.allocated,,cpus,0.41"
 * ```
 */
export function seriesCsv(variant: string, report: RunReport): string {
  const rows: Row[] = [];
  const u = report.utilization;
  const step = u.series.stepSeconds;
  const cluster: [string, Readonly<Record<string, readonly number[]>>][] = [
    ['cluster.allocated', u.series.allocated],
    ['cluster.used', u.series.used],
    ['cluster.offered', offeredSeries(report)],
  ];
  for (const [name, byResource] of cluster)
    for (const resource of Object.keys(byResource).sort())
      binned(rows, variant, step, name, '', resource, byResource[resource] ?? []);
  pools(rows, variant, step, 'framework', frameworkSeries(report));
  pools(rows, variant, step, 'partition', partitionSeries(report));
  const fairness = fairnessSeries(report);
  if (fairness !== undefined) {
    for (const role of Object.keys(fairness.dominantShare).sort())
      binned(
        rows,
        variant,
        fairness.stepSeconds,
        'fairness.dominantShare',
        role,
        '',
        fairness.dominantShare[role] ?? [],
      );
    for (const role of Object.keys(fairness.fairShare).sort())
      binned(rows, variant, fairness.stepSeconds, 'fairness.fairShare', role, '', fairness.fairShare[role] ?? []);
    binned(rows, variant, fairness.stepSeconds, 'fairness.jainIndex', '', '', fairness.jainIndex);
  }
  for (const app of Object.keys(report.services).sort()) {
    const timeline = report.services[app]?.timeline;
    timeline?.atSeconds.forEach((t, i) =>
      rows.push([variant, t, 'service.available', app, '', timeline.available[i] ?? null]),
    );
  }
  return toCsv(['variant', 't_seconds', 'series', 'key', 'resource', 'value'], rows);
}
