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
export { alibaba2017BatchWorkload } from './traces/alibaba2017Batch.ts';
export { alibaba2018BatchWorkload } from './traces/alibaba2018Batch.ts';
export { alibaba2018ContainersWorkload } from './traces/alibaba2018Containers.ts';
export { alibaba2017Machines } from './traces/alibaba2017Machines.ts';
export { alibaba2017Failures } from './traces/alibaba2017Failures.ts';
export { alibaba2018Machines } from './traces/alibaba2018Machines.ts';
export { alibaba2018Apps } from './traces/alibaba2018Apps.ts';
export { google2011Workload } from './traces/google2011.ts';
export { googleMachineClasses } from './traces/google2011Machines.ts';
export { swfWorkload } from './traces/swf.ts';
export { openRowStream } from './traces/csvStream.ts';
export { renewalProcess } from './renewal.ts';
export { resourceShapes, type ResourceShapes } from './resourceShapes.ts';
