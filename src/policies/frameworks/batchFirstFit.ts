import { z } from 'zod';
import { fitsWithin, subtractResources, type Resources } from '../../core/cluster/resources.ts';
import type { FrameworkAction, FrameworkPlugin, FrameworkScheduler, TaskLaunch } from '../../core/plugins/framework.ts';
import { batchOptionFields } from './batchOptions.ts';
import { createOfferSwitch } from './offerSwitch.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import { PendingQueue, type PendingTask } from './taskQueue.ts';

const options = strictObject({
  ...batchOptionFields,
  /** Give up on tasks that waited longer than this (interactive work whose users stop waiting); default: wait forever. */
  patienceSeconds: z.number().positive().optional(),
});

/**
 * Options of the `batch-first-fit` framework.
 *
 * @example
 * ```ts
 * const options: BatchFirstFitOptions = batchFirstFitFramework.options.parse({ patienceSeconds: 600 });
 * options.refuseSeconds; // 5 (the default)
 * options.maxAttempts;   // 3 (the default)
 * ```
 */
export type BatchFirstFitOptions = z.output<typeof options>;

interface Running {
  readonly task: PendingTask;
}

/** Stop scanning the queue once this many distinct task shapes failed to fit (bounds the work per offer round). */
const MAX_SHAPES_TRIED = 64;

const taskIdOf = (t: PendingTask): string =>
  t.attempt === 0 ? `${t.jobId}.${t.index}` : `${t.jobId}.${t.index}.r${t.attempt}`;

/**
 * An elastic batch framework (Hadoop-like, simplest form): jobs queue in FIFO order; every offer is
 * filled first-fit with pending tasks in queue order; what is left is declined with a filter.
 * Failed or lost tasks are requeued (up to `maxAttempts`); launches dropped because their offer was
 * rescinded first are requeued as they were. With `patienceSeconds`, tasks that waited longer are
 * abandoned (checked whenever the framework hears from the master). While idle it suppresses offers.
 *
 * @example
 * ```json
 * { "id": "hadoop", "scheduler": "batch-first-fit", "options": { "refuseSeconds": 5 } }
 * ```
 */
export const batchFirstFitFramework: FrameworkPlugin<BatchFirstFitOptions> = {
  name: 'batch-first-fit',
  description: 'elastic batch: FIFO jobs, offers filled first-fit, idle ⇒ suppressed',
  options,
  create(opts, context): FrameworkScheduler {
    const pending = new PendingQueue();
    const running = new Map<string, Running>();
    const offerSwitch = createOfferSwitch(opts.suppressWhenIdle);

    /** Abandons tasks at the head of the queue that have run out of patience (one action per job). */
    const abandonImpatient = (): FrameworkAction[] => {
      if (opts.patienceSeconds === undefined) return [];
      const deadline = context.nowSeconds() - opts.patienceSeconds;
      const byJob = new Map<string, number>();
      for (let slot = pending.firstSlot; slot < pending.endSlot; slot++) {
        const task = pending.at(slot);
        if (task === undefined) continue;
        if (task.readySinceSeconds > deadline) break;
        pending.take(slot);
        byJob.set(task.jobId, (byJob.get(task.jobId) ?? 0) + 1);
      }
      pending.compact();
      return [...byJob].map(([jobId, tasks]) => ({
        kind: 'abandon',
        jobId,
        tasks,
        reason: `waited more than ${opts.patienceSeconds} s`,
      }));
    };

    const idleActions = (): FrameworkAction[] => offerSwitch.idle(pending.size);

    return {
      registered: () => idleActions(),
      jobSubmitted(job) {
        const abandoned = abandonImpatient();
        const now = context.nowSeconds();
        job.tasks.forEach((t, index) =>
          pending.push({
            jobId: job.jobId,
            index,
            attempt: 0,
            resources: t.resources,
            durationSeconds: t.durationSeconds,
            readySinceSeconds: now,
          }),
        );
        return [...abandoned, ...offerSwitch.wake(pending.size)];
      },
      resourceOffers(offers) {
        const abandoned = abandonImpatient();
        const remaining: Resources[] = offers.map((o) => o.resources);
        const launches: TaskLaunch[][] = offers.map(() => []);
        // Shapes (by identity: a job's tasks share one object) that fit no offer this round.
        const unplaceable = new Set<Resources>();
        for (let slot = pending.firstSlot; slot < pending.endSlot && unplaceable.size < MAX_SHAPES_TRIED; slot++) {
          const task = pending.at(slot);
          if (task === undefined || unplaceable.has(task.resources)) continue;
          const target = remaining.findIndex((free) => fitsWithin(task.resources, free));
          if (target < 0) {
            unplaceable.add(task.resources);
            continue;
          }
          pending.take(slot);
          remaining[target] = subtractResources(remaining[target] as Resources, task.resources);
          const taskId = taskIdOf(task);
          running.set(taskId, { task });
          const launch: TaskLaunch = {
            taskId,
            resources: task.resources,
            jobId: task.jobId,
            readySinceSeconds: task.readySinceSeconds,
          };
          (launches[target] as TaskLaunch[]).push(
            task.durationSeconds === undefined ? launch : { ...launch, durationSeconds: task.durationSeconds },
          );
        }
        pending.compact();
        const actions: FrameworkAction[] = offers.map((offer, i) => {
          const tasks = launches[i] as TaskLaunch[];
          return tasks.length > 0
            ? { kind: 'accept', offerId: offer.offerId, launches: tasks, refuseSeconds: opts.refuseSeconds }
            : { kind: 'decline', offerId: offer.offerId, refuseSeconds: opts.refuseSeconds };
        });
        return [...abandoned, ...actions, ...idleActions()];
      },
      statusUpdate(status) {
        // Unreachable (when partition-aware): the task may come back; wait for its final state.
        if (status.state === 'starting' || status.state === 'running' || status.state === 'unreachable') return [];
        const entry = running.get(status.taskId);
        if (entry === undefined) return [];
        running.delete(status.taskId);
        // A launch dropped because its offer was gone never ran: relaunch it as the same attempt.
        const dropped = status.state === 'dropped';
        // It never kills its own tasks: a kill is the infrastructure's (maintenance), so relaunch.
        const retry =
          dropped ||
          status.state === 'failed' ||
          status.state === 'lost' ||
          status.state === 'gone' ||
          status.state === 'gone-by-operator' ||
          status.state === 'unknown' ||
          status.state === 'error' ||
          status.state === 'killed';
        if (!retry || (!dropped && entry.task.attempt + 1 >= opts.maxAttempts)) return [];
        pending.push(
          dropped
            ? entry.task
            : { ...entry.task, attempt: entry.task.attempt + 1, readySinceSeconds: context.nowSeconds() },
        );
        return offerSwitch.wake(pending.size);
      },
      pendingTasks: () => pending.size,
    };
  },
};
