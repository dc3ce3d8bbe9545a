import type { Resources } from '../cluster/resources.ts';
import type { Topology } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { Micros } from '../kernel/time.ts';
import type { PluginDefinition } from './definition.ts';

/**
 * One task of a job, as submitted.
 *
 * @example
 * ```ts
 * const task: TaskTemplate = { resources: { cpus: 1, mem: 2048 }, durationSeconds: 300 };
 * const service: TaskTemplate = { resources: { cpus: 2 } }; // runs until killed
 * ```
 */
export interface TaskTemplate {
  readonly resources: Resources;
  /** Seconds of work; undefined = runs until killed. */
  readonly durationSeconds?: number;
}

/**
 * A unit of work submitted to a framework.
 *
 * @example
 * ```ts
 * const job: Job = { jobId: 'etl-1', tasks: Array.from({ length: 10 }, () => ({ resources: { cpus: 1 }, durationSeconds: 60 })) };
 * ```
 */
export interface Job {
  readonly jobId: string;
  readonly tasks: readonly TaskTemplate[];
}

/**
 * A job arriving at a framework at a time.
 *
 * @example
 * ```ts
 * const arrival: Arrival = { time: parseDuration('5m') ?? 0, frameworkId: 'hadoop',
 *   job: { jobId: 'etl-1', tasks: [{ resources: { cpus: 1 }, durationSeconds: 60 }] } };
 * ```
 */
export interface Arrival {
  readonly time: Micros;
  readonly frameworkId: string;
  readonly job: Job;
}

/**
 * What a workload source can read.
 *
 * @example
 * ```ts
 * const context: WorkloadContext = { rng: createRng(1).fork('workload/w0'), topology: buildTopology(['r1'], []),
 *   horizon: parseDuration('1h') ?? 0, frameworkId: 'hadoop', jobIdPrefix: 'w0' };
 * const source = batchJobsWorkload.create(options, context);
 * ```
 */
export interface WorkloadContext {
  /** The source's own random stream. */
  readonly rng: Rng;
  readonly topology: Topology;
  /** The run's horizon: arrivals after it are never asked for. */
  readonly horizon: Micros;
  /** The framework the workload feeds (from the scenario). */
  readonly frameworkId: string;
  /** Prefix for job ids, unique per workload entry. */
  readonly jobIdPrefix: string;
  /**
   * Skip malformed trace rows instead of failing (the CLI's --skip-bad-rows); a source that skips
   * rows counts them and says how many through {@link WorkloadSource.skippedRows}.
   */
  readonly skipBadRows: boolean;
}

/**
 * A lazy stream of arrivals in non-decreasing time order: the simulation asks for the next one
 * only when the previous one is due, so memory does not grow with the workload's length.
 *
 * @example
 * ```ts
 * const first = source.next(); // { time, frameworkId, job } or undefined when exhausted
 * ```
 */
export interface WorkloadSource {
  next(): Arrival | undefined;
  /** Rows of its input skipped as malformed so far (trace readers); reported per workload. */
  skippedRows?(): number;
}

/**
 * A named workload generator or trace reader.
 *
 * @example
 * ```ts
 * const oneJob: WorkloadPlugin<{}> = {
 *   name: 'one-job', description: 'a single job at time 0', options: z.strictObject({}),
 *   create: (_options, { frameworkId, jobIdPrefix }) => {
 *     const arrivals: Arrival[] = [{ time: 0, frameworkId, job: { jobId: `${jobIdPrefix}-0`, tasks: [{ resources: { cpus: 1 } }] } }];
 *     return { next: () => arrivals.shift() };
 *   } };
 * ```
 */
export type WorkloadPlugin<Options = unknown> = PluginDefinition<Options, WorkloadContext, WorkloadSource>;
