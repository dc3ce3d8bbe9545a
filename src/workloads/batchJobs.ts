import { z } from 'zod';
import { formatResources, isEmptyResources } from '../core/cluster/resources.ts';
import type { Arrival, WorkloadPlugin } from '../core/plugins/workload.ts';
import { fitsSomeMachine } from '../core/scenario/resolve.ts';
import { resourcesField, strictObject } from '../core/scenario/fields.ts';
import { arrivalProcess } from './arrivals.ts';
import { countDistribution, durationDistribution } from './distributions.ts';

const options = strictObject({
  arrivals: arrivalProcess,
  /** Stop after this many jobs (default: until the horizon). */
  jobs: z.number().int().min(1).optional(),
  /** Tasks per job: a number or a distribution. */
  tasks: countDistribution,
  /** Resources of every task of the workload. */
  resources: resourcesField,
  /** Work per task: a duration or a distribution of durations. */
  duration: durationDistribution,
});

/**
 * Options of the `batch-jobs` generator.
 *
 * @example
 * ```ts
 * const options: BatchJobsOptions = batchJobsWorkload.options.parse({
 *   arrivals: { process: 'periodic', every: '5m' }, tasks: 8, resources: { cpus: 1 }, duration: '10m' });
 * options.tasks(createRng(1)); // 8
 * options.duration(createRng(1)); // 600 (seconds)
 * ```
 */
export type BatchJobsOptions = z.output<typeof options>;

/**
 * Batch jobs of N tasks with fixed resources and durations drawn from a distribution, arriving by
 * a given process.
 *
 * @example
 * ```json
 * { "generator": "batch-jobs", "framework": "hadoop", "options": {
 *     "arrivals": { "process": "poisson", "meanInterval": "10m" },
 *     "tasks": { "dist": "uniform", "min": 10, "max": 50 },
 *     "resources": { "cpus": 1, "mem": 2048 },
 *     "duration": { "dist": "exponential", "mean": "5m" } } }
 * ```
 */
export const batchJobsWorkload: WorkloadPlugin<BatchJobsOptions> = {
  name: 'batch-jobs',
  description: 'jobs of N identical tasks with sampled durations, from an arrival process',
  options,
  check(opts, scenario) {
    if (isEmptyResources(opts.resources)) return [{ path: ['resources'], message: 'a task needs some resources, e.g. { "cpus": 1 }' }];
    if (!fitsSomeMachine(opts.resources, scenario.topology)) {
      return [{ path: ['resources'], message: `a task of ${formatResources(opts.resources)} is larger than any machine` }];
    }
    return [];
  },
  create(opts, context) {
    // Separate streams: changing how durations are drawn never shifts arrival times.
    const times = opts.arrivals(context.rng.fork('arrivals'));
    const shapes = context.rng.fork('jobs');
    let produced = 0;
    return {
      next(): Arrival | undefined {
        if (opts.jobs !== undefined && produced >= opts.jobs) return undefined;
        const time = times.next();
        if (time.done === true) return undefined;
        const jobId = `${context.jobIdPrefix}-${produced++}`;
        const count = opts.tasks(shapes);
        const tasks = Array.from({ length: count }, () => ({ resources: opts.resources, durationSeconds: opts.duration(shapes) }));
        return { time: time.value, frameworkId: context.frameworkId, job: { jobId, tasks } };
      },
    };
  },
};
