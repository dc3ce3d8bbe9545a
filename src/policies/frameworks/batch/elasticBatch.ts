import { z } from 'zod';
import { subtractResources, type Resources } from '../../../core/cluster/resources.ts';
import {
  PREEMPTED_TASK_REASON,
  REVOKED_TASK_REASON,
  type FrameworkAction,
  type FrameworkPlugin,
  type FrameworkScheduler,
  type TaskLaunch,
} from '../../../core/plugins/framework.ts';
import { batchOptionFields } from '../batchOptions.ts';
import { createOfferSwitch } from '../offerSwitch.ts';
import { strictObject } from '../../../core/scenario/fields.ts';
import type { PendingTask } from '../taskQueue.ts';
import { ElasticJob } from './elasticJob.ts';
import { taskPreferences } from './locality.ts';
import { batchTaskId } from './taskIds.ts';

const options = strictObject({
  ...batchOptionFields,
  /** Which job gets the next slot: submission order, or the job with the fewest running tasks. */
  order: z.enum(['fifo', 'fair']).default('fifo'),
  /** Delay scheduling for data locality; absent = every machine is as good as another. */
  locality: strictObject({
    /** Each task's data sits on ⌈preferredFraction × machines⌉ random machines. */
    preferredFraction: z.number().gt(0).max(1),
    /** How long a job may go without launching before it gives up locality (the wait limit). */
    waitSeconds: z.number().nonnegative(),
  }).optional(),
});

/**
 * Options of the `elastic-batch` framework.
 *
 * @example
 * ```ts
 * const options: ElasticBatchOptions = elasticBatchFramework.options.parse({ order: 'fair', locality: { preferredFraction: 0.25, waitSeconds: 5 } });
 * options.refuseSeconds; // 5 (the default)
 * options.maxAttempts;   // 3 (the default)
 * ```
 */
export type ElasticBatchOptions = z.output<typeof options>;

interface Running {
  readonly job: ElasticJob;
  readonly task: PendingTask;
}

/**
 * An elastic batch framework (Hadoop/Spark-like): a job's tasks run in waves on whatever slots it
 * is offered. Each offer is filled one task at a time, each task going to the first job in the
 * framework's order that takes it: `fifo` (submission order) or `fair` (fewest running tasks
 * first, ties by submission order, re-sorted after every launch). With `locality`, delay
 * scheduling applies: a job skips offers on machines that hold none of its waiting tasks' data
 * until it has gone `waitSeconds` without a launch, then launches anywhere until it next launches
 * locally. Offers nobody takes are declined with `refuseSeconds`.
 *
 * Locality is visible from the records, with no extra output: a task's preferred machines are
 * `taskPreferences(createRng(seed).fork('framework/<id>'), jobId, tasks, machineIds, preferredFraction)`
 * (locality.ts; `machineIds` in topology order), its index is `taskIndexOf(taskId)` (taskIds.ts),
 * and a `task-launched` record is local when its `agentId` is in that task's set.
 *
 * Failed, lost or rejected tasks are relaunched up to `maxAttempts` (a dropped launch is retried
 * as the same attempt). While idle it suppresses offers; new work revives it.
 *
 * @example
 * ```json
 * { "id": "spark", "scheduler": "elastic-batch",
 *   "options": { "order": "fair", "locality": { "preferredFraction": 0.25, "waitSeconds": 5 }, "refuseSeconds": 1 } }
 * ```
 */
export const elasticBatchFramework: FrameworkPlugin<ElasticBatchOptions> = {
  name: 'elastic-batch',
  description: 'elastic batch (Hadoop/Spark): jobs in waves, fifo or fair order, optional delay scheduling',
  options,
  create(opts, context): FrameworkScheduler {
    const machineIds = context.topology.machines.map((m) => m.id);
    const waitSeconds = opts.locality?.waitSeconds ?? 0;
    // Jobs with waiting or running tasks, in submission order (a Map keeps insertion order).
    const jobs = new Map<string, ElasticJob>();
    const running = new Map<string, Running>();
    let submitted = 0;
    let waiting = 0;
    const offerSwitch = createOfferSwitch(opts.suppressWhenIdle);

    const ordered = (): Iterable<ElasticJob> =>
      opts.order === 'fifo' ? jobs.values() : [...jobs.values()].sort((a, b) => a.running - b.running || a.seq - b.seq);

    /** The next task to launch on this machine within `free`, with its job; undefined when no job takes the offer. */
    const pick = (agentId: string, free: Resources, now: number): Running | undefined => {
      for (const job of ordered()) {
        if (job.waiting === 0) continue;
        const choice = job.take(agentId, free, now, waitSeconds);
        if (choice !== undefined) return { job, task: choice.task };
      }
      return undefined;
    };

    const wake = (): FrameworkAction[] => offerSwitch.wake(waiting);
    const idleActions = (): FrameworkAction[] => offerSwitch.idle(waiting);

    const queue = (job: ElasticJob, task: PendingTask): void => {
      job.add(task);
      waiting++;
    };

    return {
      registered: () => idleActions(),
      jobSubmitted(job) {
        if (job.tasks.length === 0) return [];
        const now = context.nowSeconds();
        const preferences =
          opts.locality === undefined
            ? undefined
            : taskPreferences(context.rng, job.jobId, job.tasks.length, machineIds, opts.locality.preferredFraction);
        const state = new ElasticJob(job.jobId, submitted++, now, preferences);
        jobs.set(job.jobId, state);
        job.tasks.forEach((t, index) =>
          queue(state, {
            jobId: job.jobId,
            index,
            attempt: 0,
            resources: t.resources,
            durationSeconds: t.durationSeconds,
            readySinceSeconds: now,
          }),
        );
        return wake();
      },
      resourceOffers(offers) {
        const now = context.nowSeconds();
        const replies = offers.map((offer): FrameworkAction => {
          let free = offer.resources;
          const launches: TaskLaunch[] = [];
          for (let next = pick(offer.agentId, free, now); next !== undefined; next = pick(offer.agentId, free, now)) {
            const { job, task } = next;
            waiting--;
            job.running++;
            free = subtractResources(free, task.resources);
            const taskId = batchTaskId(task.jobId, task.index, task.attempt);
            running.set(taskId, next);
            const launch: TaskLaunch = {
              taskId,
              resources: task.resources,
              jobId: task.jobId,
              readySinceSeconds: task.readySinceSeconds,
            };
            launches.push(
              task.durationSeconds === undefined ? launch : { ...launch, durationSeconds: task.durationSeconds },
            );
          }
          return launches.length > 0
            ? { kind: 'accept', offerId: offer.offerId, launches, refuseSeconds: opts.refuseSeconds }
            : { kind: 'decline', offerId: offer.offerId, refuseSeconds: opts.refuseSeconds };
        });
        return [...replies, ...idleActions()];
      },
      statusUpdate(status) {
        if (status.state === 'starting' || status.state === 'running') return [];
        const entry = running.get(status.taskId);
        if (entry === undefined) return [];
        running.delete(status.taskId);
        const { job, task } = entry;
        job.running--;
        // A launch dropped because its offer was gone never ran: relaunch it as the same attempt.
        // A task whose revocable resources were taken back did nothing wrong: its relaunch does not
        // count as an attempt either.
        const dropped = status.state === 'dropped';
        const revoked = status.reason === REVOKED_TASK_REASON || status.reason === PREEMPTED_TASK_REASON;
        const retry =
          dropped ||
          revoked ||
          status.state === 'failed' ||
          status.state === 'lost' ||
          status.state === 'gone' ||
          status.state === 'gone-by-operator' ||
          status.state === 'unknown' ||
          status.state === 'error';
        if (retry && (dropped || revoked || task.attempt + 1 < opts.maxAttempts)) {
          const now = context.nowSeconds();
          queue(
            job,
            dropped
              ? task
              : revoked
                ? { ...task, readySinceSeconds: now }
                : { ...task, attempt: task.attempt + 1, readySinceSeconds: now },
          );
          return wake();
        }
        if (job.done) jobs.delete(job.jobId);
        return [];
      },
      pendingTasks: () => waiting,
    };
  },
};
