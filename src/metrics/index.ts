/**
 * Metrics: observers of a run's records and the report they build.
 *
 * @example
 * ```ts
 * import { createUtilizationObserver, summarize } from 'clustersim/metrics';
 * ```
 * @module clustersim/metrics
 */
export type { RunReport } from './runReport.ts';
export { createUtilizationObserver, type UtilizationReport, type UtilizationOptions } from './utilization.ts';
export { SERIES_BINS, defaultSeriesStep, resolveSeriesStep } from './seriesStep.ts';
export type { PoolUtilization, PoolSeries } from './pools.ts';
export { createFairnessObserver, type FairnessReport, type FairnessOptions, type WeightChange } from './fairness.ts';
export { drfFairShares, jainIndex, weightedDominantShare, type FairShareInput } from './drfFairShare.ts';
export { initialRoleWeights, weightChangesOf } from './weights.ts';
export { RoleAttribution, type RoleListener } from './roleAttribution.ts';
export { createFrameworkStatsObserver, type FrameworkReport, type FrameworkStatsOptions } from './frameworkStats.ts';
export { summarize, quantileSorted, percentiles, type SampleSummary } from './summary.ts';
export { createServiceObserver, type ServiceReport } from './services.ts';
export { createStatefulServiceObserver, type StatefulServiceReport } from './statefulServices.ts';
export { createJobRunObserver, type JobRunReport } from './jobRuns.ts';
export { createFailuresObserver, type FailuresReport, type IncidentReport } from './failures.ts';
