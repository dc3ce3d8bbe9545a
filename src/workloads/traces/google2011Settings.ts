import type { Resources } from '../../core/cluster/resources.ts';

/**
 * The settings and counters of a Google 2011 `task_events` replay (see `google2011Workload`).
 * @module
 */

/**
 * What a Google 2011 replay counted (see `Google2011Settings` for the rules).
 *
 * @example
 * ```ts
 * const stats: Google2011Stats = source.stats();
 * stats.tasks; // tasks emitted so far
 * ```
 */
export interface Google2011Stats {
  /** Rows read and replayed (not skipped). */
  readonly rows: number;
  /** Malformed rows skipped (with `skipBadRows`). */
  readonly skippedRows: number;
  /** Arrivals (job groups) emitted. */
  readonly arrivals: number;
  /** Tasks emitted. */
  readonly tasks: number;
  /** Tasks with no terminal event before the end of the replay (handled by `unfinished`). */
  readonly unfinished: number;
  /** Tasks whose end was not read when their job was forced out by `maxLookahead`: replayed with no duration. */
  readonly longRunning: number;
  /** Tasks that ended (killed, failed, …) before being scheduled, or before `from`: not replayed. */
  readonly neverRan: number;
  /** Tasks whose requests are missing or round to zero: not replayed. */
  readonly noResources: number;
  /** Terminal or update events of tasks whose SUBMIT/SCHEDULE is not in the file: ignored. */
  readonly orphanEvents: number;
}

/**
 * The resolved settings of a replay, all times in trace µs.
 *
 * @example
 * ```ts
 * const settings: Google2011Settings = { file: 'part-0.csv', from: 600e6, until: 4200e6, timeScale: 1, groupWithin: 1e6,
 *   maxLookahead: undefined, unfinished: 'window-end', skipBadRows: false, resources: (t) => ({ cpus: t.cpu ?? 0 }),
 *   keep: () => true, frameworkId: 'batch', jobIdPrefix: 'g' };
 * ```
 */
export interface Google2011Settings {
  readonly file: string;
  /** Trace time the replay starts at (simulated time 0); earlier events count as happening then. */
  readonly from: number;
  /** The end of the replay: rows at or after this trace time are not read; tasks still running then are unfinished. */
  readonly until: number;
  readonly timeScale: number;
  /** SUBMITs of a job within this long of its group's first SUBMIT join that group. */
  readonly groupWithin: number;
  readonly maxLookahead: number | undefined;
  readonly unfinished: 'window-end' | 'run-forever' | 'drop';
  readonly skipBadRows: boolean;
  /** A task's resources from its normalized requests (empty = not replayed). */
  readonly resources: (requests: { cpu: number | undefined; mem: number | undefined; disk: number | undefined }) => Resources;
  /** Whether a task of this job and priority is replayed (sampling, priority filter). */
  readonly keep: (jobId: string, priority: number) => boolean;
  readonly frameworkId: string;
  readonly jobIdPrefix: string;
}
