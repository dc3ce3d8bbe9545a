import { z } from 'zod';
import { formatResources, isEmptyResources } from '../core/cluster/resources.ts';
import type { Arrival, WorkloadPlugin } from '../core/plugins/workload.ts';
import { fitsSomeMachine } from '../core/scenario/resolve.ts';
import { strictObject } from '../core/scenario/fields.ts';
import { arrivalProcess } from './arrivals.ts';
import { countDistribution, durationDistribution } from './distributions.ts';
import { resourceShapes } from './resourceShapes.ts';

const options = strictObject({
  arrivals: arrivalProcess,
  /** Stop after this many jobs (default: until the horizon). */
  jobs: z.number().int().min(1).optional(),
  /** Tasks per job: a number or a distribution. */
  tasks: countDistribution,
  /** Resources of a task: a fixed vector, or weighted shapes drawn per job or per task. */
  resources: resourceShapes,
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
 * Batch jobs of N tasks with durations drawn from a distribution, arriving by a given process.
 * Task resources are a fixed vector or weighted shapes (`{ "shapes": [{ "resources", "weight" }],
 * "per": "job" | "task" }`), drawn from their own stream so that adding shapes never shifts
 * arrival times, task counts or durations.
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
  description: 'jobs of N tasks with sampled durations and resource shapes, from an arrival process',
  options,
  check(opts, scenario) {
    const fixed = opts.resources.kind === 'fixed';
    return opts.resources.shapes.flatMap(({ resources }, i) => {
      const path = fixed ? ['resources'] : ['resources', 'shapes', i, 'resources'];
      if (isEmptyResources(resources)) return [{ path, message: 'a task needs some resources, e.g. { "cpus": 1 }' }];
      if (!fitsSomeMachine(resources, scenario.topology))
        return [{ path, message: `a task of ${formatResources(resources)} is larger than any machine` }];
      return [];
    });
  },
  create(opts, context) {
    // Separate streams: changing how durations are drawn never shifts arrival times.
    const times = opts.arrivals(context.rng.fork('arrivals'));
    const shapes = context.rng.fork('jobs');
    const sizes = context.rng.fork('resources');
    let produced = 0;
    return {
      next(): Arrival | undefined {
        if (opts.jobs !== undefined && produced >= opts.jobs) return undefined;
        const time = times.next();
        if (time.done === true) return undefined;
        const jobId = `${context.jobIdPrefix}-${produced++}`;
        const count = opts.tasks(shapes);
        const jobResources = opts.resources.draw(sizes);
        const tasks = Array.from({ length: count }, (_, i) => ({
          resources: i === 0 || opts.resources.per === 'job' ? jobResources : opts.resources.draw(sizes),
          durationSeconds: opts.duration(shapes),
        }));
        return { time: time.value, frameworkId: context.frameworkId, job: { jobId, tasks } };
      },
    };
  },
};
