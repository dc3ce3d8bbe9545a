/**
 * Workloads: arrival processes, distributions and job generators (and, later, trace readers).
 *
 * @example
 * ```ts
 * import { batchJobsWorkload, durationDistribution } from 'clustersim/workloads';
 * ```
 * @module clustersim/workloads
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
export type { Alibaba2017BatchOptions } from './traces/alibaba2017Batch.ts';
export type { Alibaba2017FailureOptions, TraceFailures } from './traces/alibaba2017Failures.ts';
export type { Alibaba2017MachineOptions } from './traces/alibaba2017Machines.ts';
export type { TraceMarathonApp } from './traces/alibaba2018Apps.ts';
export type { Alibaba2018BatchOptions } from './traces/alibaba2018Batch.ts';
export type { Alibaba2018ContainersOptions } from './traces/alibaba2018Containers.ts';
export type { Alibaba2018MachineOptions } from './traces/alibaba2018Machines.ts';
export type { RowSource } from './traces/alibabaFields.ts';
export type { TraceMachinePool } from './traces/alibabaMachinePool.ts';
export type { RowStream, RowStreamOptions } from './traces/csvStream.ts';
export type { Google2011Options, Google2011Source } from './traces/google2011.ts';
export type { GoogleMachineClassOptions } from './traces/google2011Machines.ts';
export type { SwfOptions, SwfSource } from './traces/swf.ts';
export type { TraceFailure } from './traces/alibaba2017Failures.ts';
export type { TraceRow } from './traces/alibabaFields.ts';
export type { TraceMachineClass } from './traces/alibabaMachinePool.ts';
export type { Row } from './traces/csvStream.ts';
export type { Google2011Stats } from './traces/google2011Settings.ts';
export type { SwfStats } from './traces/swf.ts';
