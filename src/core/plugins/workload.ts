import type { Resources } from '../cluster/resources.ts';
import type { Topology } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { Micros } from '../kernel/time.ts';
import type { PluginDefinition } from './definition.ts';

/** One task of a job, as submitted. */
export interface TaskTemplate {
  readonly resources: Resources;
  /** Seconds of work; undefined = runs until killed. */
  readonly durationSeconds?: number;
}

/** A unit of work submitted to a framework. */
export interface Job {
  readonly jobId: string;
  readonly tasks: readonly TaskTemplate[];
}

/** A job arriving at a framework at a time. */
export interface Arrival {
  readonly time: Micros;
  readonly frameworkId: string;
  readonly job: Job;
}

/** What a workload source can read. */
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
}

/** A named workload generator or trace reader. */
export type WorkloadPlugin<Options = unknown> = PluginDefinition<Options, WorkloadContext, WorkloadSource>;
