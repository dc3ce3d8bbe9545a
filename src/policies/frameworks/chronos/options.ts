import { z } from 'zod';
import { durationField, idField, resourcesField, strictObject } from '../../../core/scenario/fields.ts';
import { secondsToMicros } from '../../../core/kernel/time.ts';
import { durationDistribution } from '../../../workloads/distributions.ts';
import { isoDateTimeField, repeatingIntervalField } from './iso8601.ts';

/**
 * The options of the `chronos` framework: the epoch (what wall-clock instant simulated time 0 is)
 * and the jobs, each either scheduled (`schedule`) or dependent (`parents`).
 * @module
 */

/**
 * The default epoch: simulated time 0 is this instant.
 *
 * @example
 * ```ts
 * chronosOptions.parse({ jobs }).epochUnixMicros === isoDateTimeField.parse(DEFAULT_EPOCH); // true
 * ```
 */
export const DEFAULT_EPOCH = '2026-01-01T00:00:00Z';

/**
 * Chronos's default wait before retrying a failed task, in seconds (its `--failure_retry` flag,
 * 60,000 ms; docs/docs/configuration.md of mesos/chronos).
 *
 * @example
 * ```ts
 * chronosOptions.parse({ jobs }).failureRetry; // 60_000_000 µs
 * ```
 */
export const DEFAULT_FAILURE_RETRY_SECONDS = 60;

/**
 * Chronos's default `epsilon` of a job, in seconds (its `--task_epsilon` flag; docs/docs/configuration.md
 * of mesos/chronos).
 *
 * @example
 * ```ts
 * chronosOptions.parse({ jobs }).taskEpsilon; // 60_000_000 µs
 * ```
 */
export const DEFAULT_TASK_EPSILON_SECONDS = 60;

const job = strictObject({
  /** Unique among the jobs; names the job in facts and in other jobs' `parents`. */
  name: idField,
  /** ISO 8601 repeating interval; exactly one of schedule and parents. */
  schedule: repeatingIntervalField.optional(),
  /** Jobs whose successful runs trigger this one; exactly one of schedule and parents. */
  parents: z.array(idField).min(1, 'a dependent job needs at least one parent').optional(),
  /** Tasks per run; the run succeeds when all of them have. */
  tasks: z.number().int().min(1).default(1),
  resources: resourcesField,
  /** Work per task attempt: a duration or a distribution of durations. */
  duration: durationDistribution,
  /** Further attempts of a failed task (Chronos's `retries`, default 2), each after `failureRetry`. */
  retries: z.number().int().min(0).default(2),
  /**
   * Chronos's `epsilon`: a run that cannot start within this long of its scheduled (or triggered)
   * time is skipped, and a retry that cannot start within it of its retry time fails the run
   * (default: the framework's `taskEpsilon`).
   */
  epsilon: durationField.optional(),
  /** Probability that a task attempt fails (it fails when its work is done, like a non-zero exit). */
  failureProbability: z.number().min(0).max(1).default(0),
});

/**
 * One job of the `chronos` framework, as parsed (schedule parsed, duration a sampler).
 *
 * @example
 * ```ts
 * const [nightly]: ChronosJob[] = chronosOptions.parse({ jobs: [{ name: 'nightly', schedule: 'R/2026-01-01T02:00:00Z/P1D',
 *   resources: { cpus: 1, mem: 1024 }, duration: '20m' }] }).jobs;
 * nightly?.retries; // 2 (the default)
 * ```
 */
export type ChronosJob = z.output<typeof job>;

/**
 * The first dependency cycle among jobs, as names from a job back to itself, or undefined.
 * Jobs are visited in the order given, so the answer is the same in every run.
 *
 * @example
 * ```ts
 * dependencyCycle([{ name: 'a', parents: ['b'] }, { name: 'b', parents: ['a'] }]); // ['a', 'b', 'a']
 * dependencyCycle([{ name: 'a' }, { name: 'b', parents: ['a'] }]);                 // undefined
 * ```
 */
export function dependencyCycle(
  jobs: readonly { readonly name: string; readonly parents?: readonly string[] | undefined }[],
): string[] | undefined {
  const parentsOf = new Map(jobs.map((j) => [j.name, j.parents ?? []]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const onPath = path.indexOf(name);
    if (onPath >= 0) return [...path.slice(onPath), name];
    if (done.has(name) || !parentsOf.has(name)) return undefined;
    path.push(name);
    for (const parent of parentsOf.get(name) ?? []) {
      const cycle = visit(parent);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    done.add(name);
    return undefined;
  };
  for (const j of jobs) {
    const cycle = visit(j.name);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/**
 * The option schema of the `chronos` framework. Besides each field's own checks it requires
 * unique job names, exactly one of `schedule` and `parents` per job, parents that exist, and no
 * dependency cycles; every message carries the JSON path of the offending field.
 *
 * @example
 * ```ts
 * const options = chronosOptions.parse({
 *   epoch: '2026-01-01T00:00:00Z',
 *   jobs: [
 *     { name: 'extract', schedule: 'R/2026-01-01T02:00:00Z/P1D', resources: { cpus: 2, mem: 4096 }, duration: '30m' },
 *     { name: 'report', parents: ['extract'], resources: { cpus: 1, mem: 1024 }, duration: '5m' },
 *   ],
 * });
 * options.refuseSeconds; // 5
 * ```
 */
export const chronosOptions = strictObject({
  /** Wall-clock instant of simulated time 0 (ISO 8601 with a zone). */
  epoch: isoDateTimeField.prefault(DEFAULT_EPOCH),
  /** Filter sent with declines and the unused part of accepts (Mesos default 5 s). */
  refuseSeconds: z.number().nonnegative().default(5),
  /** Wait between a failed task and its retry: Chronos's `--failure_retry`, 60 s (60,000 ms). */
  failureRetry: durationField.default(secondsToMicros(DEFAULT_FAILURE_RETRY_SECONDS)),
  /** The jobs' default `epsilon`: Chronos's `--task_epsilon`, 60 s. */
  taskEpsilon: durationField.default(secondsToMicros(DEFAULT_TASK_EPSILON_SECONDS)),
  jobs: z.array(job).min(1, 'give at least one job'),
})
  .superRefine((options, ctx) => {
    const names = new Set<string>();
    options.jobs.forEach((j, i) => {
      if (names.has(j.name))
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'name'], message: `duplicate job name "${j.name}"` });
      names.add(j.name);
      if ((j.schedule === undefined) === (j.parents === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['jobs', i],
          message: `give exactly one of "schedule" (a repeating interval such as R/2026-01-01T02:00:00Z/PT24H) or "parents" (names of other jobs)`,
        });
      }
    });
    options.jobs.forEach((j, i) =>
      (j.parents ?? []).forEach((parent, p) => {
        if (!names.has(parent)) {
          ctx.addIssue({
            code: 'custom',
            path: ['jobs', i, 'parents', p],
            message: `unknown job "${parent}"; jobs: ${[...names].join(', ')}`,
          });
        }
      }),
    );
    const cycle = dependencyCycle(options.jobs);
    if (cycle !== undefined) {
      const at = options.jobs.findIndex((j) => j.name === cycle[0]);
      ctx.addIssue({
        code: 'custom',
        path: ['jobs', at, 'parents'],
        message: `dependency cycle ${cycle.join(' → ')} (each job waits for the next; a job cannot wait for itself)`,
      });
    }
  })
  .transform(({ epoch, ...rest }) => ({ ...rest, epochUnixMicros: epoch }));

/**
 * Options of the `chronos` framework, as parsed.
 *
 * @example
 * ```ts
 * const options: ChronosOptions = chronosOptions.parse({ jobs: [{ name: 'hourly', schedule: 'R/2026-01-01T00:30:00Z/PT1H',
 *   resources: { cpus: 1 }, duration: '10m' }] });
 * options.epochUnixMicros; // 1_767_225_600_000_000 (2026-01-01T00:00:00Z)
 * ```
 */
export type ChronosOptions = z.output<typeof chronosOptions>;
