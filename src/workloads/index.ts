/**
 * Workloads: arrival processes, distributions and job generators (and, later, trace readers).
 *
 * @example
 * ```ts
 * import { batchJobsWorkload, durationDistribution } from 'clustersim/workloads';
 * ```
 * @module
 */
export { batchJobsWorkload, type BatchJobsOptions } from './batchJobs.ts';
export { arrivalProcess, type ArrivalTimes } from './arrivals.ts';
export { durationDistribution, countDistribution, type Sampler } from './distributions.ts';
export { loadProfile, type LoadProfile } from './profiles.ts';
export { parseLoadTrace, readLoadTrace, valueAt, TraceError, type LoadTrace } from './loadTrace.ts';
