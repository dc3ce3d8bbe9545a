import type { Resources } from '../core/cluster/resources.ts';
import type { FailuresReport } from './failures.ts';
import type { FairnessReport } from './fairness.ts';
import type { FrameworkReport } from './frameworkStats.ts';
import type { JobRunReport } from './jobRuns.ts';
import type { ServiceReport } from './services.ts';
import type { UtilizationReport } from './utilization.ts';

/**
 * The report of one run: data first (JSON), from which tables, CSV and charts are made.
 * Everything but `wall` is determined by the scenario and seed alone.
 *
 * @example
 * ```ts
 * const report = runSimulation(scenario);
 * report.utilization.allocated.cpus;           // time-weighted fraction of CPUs allocated
 * report.frameworks.hadoop?.taskWaitSeconds.p95;
 * ```
 */
export interface RunReport {
  /** Version of clustersim that produced the report. */
  readonly clustersim: string;
  readonly scenario: string;
  readonly seed: number | string;
  readonly simulatedSeconds: number;
  readonly eventsProcessed: number;
  /** Records in the event log. */
  readonly records: number;
  /** SHA-256 of the JSONL event log: equal hashes ⇒ identical runs. */
  readonly eventLogHash: string;
  readonly cluster: { readonly machines: number; readonly racks: number; readonly capacity: Resources };
  readonly allocator: string;
  readonly utilization: UtilizationReport;
  /** Per role: weighted dominant share, DRF fair share while demanding; Jain's index. */
  readonly fairness: FairnessReport;
  readonly frameworks: Record<string, FrameworkReport & { readonly scheduler: string }>;
  /** Per service app (from its framework's reports): availability, requests, deployments. */
  readonly services: Record<string, ServiceReport>;
  /** Per scheduled job (cron frameworks): runs by outcome. */
  readonly jobRuns: Record<string, JobRunReport>;
  /** Failure incidents: detection, lost tasks and work, recovery; master failovers. */
  readonly failures: FailuresReport;
  /** Per workload: rows of its trace skipped as malformed (with --skip-bad-rows). */
  readonly workloads: Record<string, { readonly skippedRows: number }>;
  /** Wall-clock figures (the only non-deterministic part); null when not measured. */
  readonly wall: { readonly seconds: number; readonly eventsPerSecond: number } | null;
}
