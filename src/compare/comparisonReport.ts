import type { RunReport } from '../metrics/runReport.ts';

/**
 * Whether a larger value of a metric is better (utilization, availability) or worse (waits,
 * starvation, abandoned work).
 *
 * @example
 * ```ts
 * const better: MetricDirection = 'lower'; // p95 task wait
 * ```
 */
export type MetricDirection = 'higher' | 'lower';

/**
 * What a comparison says of a metric's name, unit and direction.
 *
 * @example
 * ```ts
 * const info: MetricInfo = { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower', headline: true };
 * ```
 */
export interface MetricInfo {
  /** Identifier used in objectives, CSV and JSON (e.g. `p95Wait`, `cpuAllocated`). */
  readonly id: string;
  /** Human label for tables and charts. */
  readonly label: string;
  /** Unit of the values: `s`, `fraction` (shown as %), `count`, `tasks`, `share`, … */
  readonly unit: string;
  readonly better: MetricDirection;
  /** Headline metrics are the ones the printed summary states a verdict on. */
  readonly headline: boolean;
}

/**
 * A mean over replications with its 95% confidence interval (Student's t with n − 1 degrees of
 * freedom). With one replication `low` and `high` equal the mean and `halfWidth` is null.
 *
 * @example
 * ```ts
 * const estimate: IntervalEstimate = { n: 10, mean: 0.81, sd: 0.02, halfWidth: 0.0143, low: 0.7957, high: 0.8243 };
 * ```
 */
export interface IntervalEstimate {
  /** Replications with a value (a run without one, e.g. no completed job, is left out). */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for n = 1. */
  readonly sd: number;
  /** t(0.975, n − 1) × sd / √n; null for n < 2. */
  readonly halfWidth: number | null;
  readonly low: number;
  readonly high: number;
}

/**
 * The verdict on one metric between a variant and the baseline: `better` or `worse` when the 95%
 * interval of the paired difference excludes 0 (taking the metric's direction into account),
 * otherwise `within-noise`.
 *
 * @example
 * ```ts
 * const verdict: Verdict = 'within-noise';
 * ```
 */
export type Verdict = 'better' | 'worse' | 'within-noise';

/**
 * The paired difference `variant − baseline` of one metric over the seeds both have a value for
 * (common random numbers: the same seed gives both the same arrivals).
 *
 * @example
 * ```ts
 * const d: PairedDifference = { variant: 'shared', baseline: 'static', metric: 'cpuAllocated',
 *   difference: { n: 10, mean: 0.18, sd: 0.01, halfWidth: 0.007, low: 0.173, high: 0.187 },
 *   relative: 0.254, verdict: 'better' };
 * ```
 */
export interface PairedDifference {
  readonly variant: string;
  readonly baseline: string;
  readonly metric: string;
  /** Estimate of the mean of (variant − baseline) per seed; null when no seed has both values. */
  readonly difference: IntervalEstimate | null;
  /** Mean difference ÷ |baseline mean|; null when the baseline mean is 0 or missing. */
  readonly relative: number | null;
  readonly verdict: Verdict;
}

/**
 * One finished run of a comparison: a variant on a seed (and, in a capacity search, a machine
 * count), with the value of every metric.
 *
 * @example
 * ```ts
 * const run: ComparisonRun = { variant: 'shared', seed: 42, machines: 20, eventLogHash: 'ab12…', metrics: { p95Wait: 12.5 } };
 * ```
 */
export interface ComparisonRun {
  readonly variant: string;
  readonly seed: number | string;
  readonly machines: number;
  readonly eventLogHash: string;
  readonly metrics: Readonly<Record<string, number | null>>;
}

/**
 * One clause of a capacity objective, e.g. `p95Wait<60s` → `{ metric: 'p95Wait', op: '<', value: 60 }`
 * (values in the metric's unit: seconds, or a fraction for `%`).
 *
 * @example
 * ```ts
 * const clause: ObjectiveClause = { metric: 'availability', op: '>=', value: 0.999, text: 'availability>=99.9%' };
 * ```
 */
export interface ObjectiveClause {
  readonly metric: string;
  readonly op: '<' | '<=' | '>' | '>=';
  readonly value: number;
  /** The clause as written. */
  readonly text: string;
}

/**
 * One machine count tried by the capacity search for a variant.
 *
 * @example
 * ```ts
 * const step: CapacityStep = { machines: 14, meets: true, metrics: { p95Wait: { n: 5, mean: 41, sd: 3, halfWidth: 3.7, low: 37.3, high: 44.7 } }, problem: null };
 * ```
 */
export interface CapacityStep {
  readonly machines: number;
  readonly meets: boolean;
  /** The objective's metrics at this size, over the seeds. */
  readonly metrics: Readonly<Record<string, IntervalEstimate | null>>;
  /** Why the setup cannot be built at this size (it then does not meet the objective); null when it ran. */
  readonly problem: string | null;
}

/**
 * What the capacity search found for one variant.
 *
 * @example
 * ```ts
 * const found: CapacityOfVariant = { machines: 14, scenarioMachines: 20, searchedUpTo: 80, steps: [] };
 * ```
 */
export interface CapacityOfVariant {
  /** The smallest machine count that meets the objective; null when none up to `searchedUpTo` does. */
  readonly machines: number | null;
  /** The machine count of the scenario as written. */
  readonly scenarioMachines: number;
  readonly searchedUpTo: number;
  /** Every size tried, in increasing machine count. */
  readonly steps: readonly CapacityStep[];
}

/**
 * The result of a capacity search: per variant, the smallest cluster that meets the objective.
 *
 * @example
 * ```ts
 * report.capacity?.variants['shared']?.machines; // 14
 * ```
 */
export interface CapacityReport {
  /** The objective as given, e.g. `p95Wait<60s,availability>=99.9%`. */
  readonly objective: string;
  readonly clauses: readonly ObjectiveClause[];
  /** How a size is judged over the seeds: the mean over seeds meets every clause. */
  readonly rule: 'mean';
  readonly variants: Readonly<Record<string, CapacityOfVariant>>;
}

/**
 * The report of `compare()` / `clustersim compare`: every variant of a scenario run on the same
 * seeds, each metric's mean and 95% interval per variant, the paired differences against the
 * baseline with a verdict, optionally a capacity search, and the plain-language findings.
 * Deterministic (no wall time) unless `wall` is set.
 *
 * @example
 * ```ts
 * const report: ComparisonReport = compare(scenario, { seeds: 5 });
 * report.summary['shared']?.['cpuAllocated']?.mean;
 * report.findings; // ['CPU allocated: shared is 18.2 percentage points higher than static (95% CI 17.3 to 19.1 points) — better', …]
 * ```
 */
export interface ComparisonReport {
  /** Version of clustersim that produced the report. */
  readonly clustersim: string;
  readonly scenario: string;
  readonly seeds: readonly (number | string)[];
  /** Variant names in scenario order. */
  readonly variants: readonly string[];
  /** The variant the others are compared with (the first, unless chosen). */
  readonly baseline: string;
  readonly metrics: readonly MetricInfo[];
  /** Every run at the scenario's own size, variant-major then seed order. */
  readonly runs: readonly ComparisonRun[];
  /** Per variant, per metric: mean and 95% interval over the seeds (null when no seed had a value). */
  readonly summary: Readonly<Record<string, Readonly<Record<string, IntervalEstimate | null>>>>;
  /** Per non-baseline variant and metric: the paired difference against the baseline. */
  readonly differences: readonly PairedDifference[];
  /** Plain sentences: which setup is better on each headline metric and by how much, or that it is within noise. */
  readonly findings: readonly string[];
  readonly capacity: CapacityReport | null;
  /** One full run report per variant (the first seed's), for time-series charts. */
  readonly examples: Readonly<Record<string, RunReport>>;
  /** Wall-clock seconds for the whole comparison; null when not measured. */
  readonly wall: { readonly seconds: number; readonly runs: number } | null;
}
