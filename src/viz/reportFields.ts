import type { RunReport } from '../metrics/runReport.ts';

/**
 * The per-framework and per-partition utilization series of a run report (fractions of the
 * cluster's capacity, or of the partition's), or empty when the report has none.
 *
 * @example
 * ```ts
 * const series: PoolSeries = { reports: { allocated: { cpus: [0.2, 0.4] }, used: { cpus: [0.1, 0.3] } } };
 * ```
 */
export type PoolSeries = Readonly<
  Record<
    string,
    {
      readonly allocated: Readonly<Record<string, readonly number[]>>;
      readonly used: Readonly<Record<string, readonly number[]>>;
    }
  >
>;

/**
 * The fairness series of a run report: per role its weighted dominant share and DRF fair share
 * per bin, and Jain's index over the demanding roles.
 *
 * @example
 * ```ts
 * const f: FairnessSeries = { stepSeconds: 600, dominantShare: { eng: [0.5] }, fairShare: { eng: [0.5] }, jainIndex: [1] };
 * ```
 */
export interface FairnessSeries {
  readonly stepSeconds: number;
  readonly dominantShare: Readonly<Record<string, readonly number[]>>;
  readonly fairShare: Readonly<Record<string, readonly (number | null)[]>>;
  readonly jainIndex: readonly (number | null)[];
}

/** The fields charts read that a report of an older version may lack; all read defensively. */
interface OptionalFields {
  readonly utilization: {
    readonly series: {
      readonly byFramework?: PoolSeries;
      readonly byPartition?: PoolSeries;
      readonly offered?: Readonly<Record<string, readonly number[]>>;
    };
  };
  readonly fairness?: { readonly series?: FairnessSeries };
  readonly frameworks: Readonly<Record<string, { readonly taskWaitQuantiles?: readonly number[] }>>;
}

const view = (report: RunReport): OptionalFields => report as unknown as OptionalFields;

/**
 * The per-framework utilization series of a report ({} when it has none).
 *
 * @example
 * ```ts
 * frameworkSeries(report)['reports']?.allocated.cpus; // [0.2, 0.4, …]
 * ```
 */
export function frameworkSeries(report: RunReport): PoolSeries {
  return view(report).utilization.series.byFramework ?? {};
}

/**
 * The per-partition utilization series of a report ({} unless static partitions).
 *
 * @example
 * ```ts
 * partitionSeries(report)['logs']?.allocated.cpus;
 * ```
 */
export function partitionSeries(report: RunReport): PoolSeries {
  return view(report).utilization.series.byPartition ?? {};
}

/**
 * The offered-capacity series of a report ({} when it has none).
 *
 * @example
 * ```ts
 * offeredSeries(report).cpus; // [0.05, …]
 * ```
 */
export function offeredSeries(report: RunReport): Readonly<Record<string, readonly number[]>> {
  return view(report).utilization.series.offered ?? {};
}

/**
 * The fairness series of a report, or undefined when it has none.
 *
 * @example
 * ```ts
 * fairnessSeries(report)?.jainIndex;
 * ```
 */
export function fairnessSeries(report: RunReport): FairnessSeries | undefined {
  return view(report).fairness?.series;
}

/**
 * A framework's 101 task-wait quantiles ([] when none waited or the report has none).
 *
 * @example
 * ```ts
 * waitQuantiles(report, 'reports').length; // 101
 * ```
 */
export function waitQuantiles(report: RunReport, framework: string): readonly number[] {
  return view(report).frameworks[framework]?.taskWaitQuantiles ?? [];
}

/**
 * The resource charts show: CPUs when the cluster has them, else its first resource by name.
 *
 * @example
 * ```ts
 * mainResource(report); // "cpus"
 * ```
 */
export function mainResource(report: RunReport): string {
  const names = Object.keys(report.cluster.capacity).sort();
  return names.includes('cpus') ? 'cpus' : (names[0] ?? 'cpus');
}
