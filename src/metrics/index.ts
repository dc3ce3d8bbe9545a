/**
 * Metrics: observers of a run's records and the report they build.
 *
 * @example
 * ```ts
 * import { createUtilizationObserver, summarize } from 'clustersim/metrics';
 * ```
 * @module
 */
export type { RunReport } from './runReport.ts';
export { createUtilizationObserver, SERIES_BINS, type UtilizationReport } from './utilization.ts';
export { createFrameworkStatsObserver, type FrameworkReport } from './frameworkStats.ts';
export { summarize, quantileSorted, type SampleSummary } from './summary.ts';
export { createServiceObserver, type ServiceReport } from './services.ts';
export { createJobRunObserver, type JobRunReport } from './jobRuns.ts';
export { createFailuresObserver, type FailuresReport, type IncidentReport } from './failures.ts';
