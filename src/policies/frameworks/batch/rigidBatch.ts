import { z } from 'zod';
import type {
  FrameworkAction,
  FrameworkPlugin,
  FrameworkScheduler,
  OfferView,
  TaskLaunch,
} from '../../../core/plugins/framework.ts';
import type { TaskTemplate } from '../../../core/plugins/workload.ts';
import { batchOptionFields } from '../batchOptions.ts';
import { createOfferSwitch } from '../offerSwitch.ts';
import { strictObject } from '../../../core/scenario/fields.ts';
import { packGang, usefulForGang } from './gangPacking.ts';
import { batchTaskId } from './taskIds.ts';

const options = strictObject({
  ...batchOptionFields,
  /** Give back everything held when the gang is still incomplete this long after hoarding began. */
  hoardingTimeoutSeconds: z.number().positive().default(60),
});

/**
 * Options of the `rigid-batch` framework.
 *
 * @example
 * ```ts
 * const options: RigidBatchOptions = rigidBatchFramework.options.parse({ hoardingTimeoutSeconds: 120 });
 * options.refuseSeconds; // 5 (the default)
 * ```
 */
export type RigidBatchOptions = z.output<typeof options>;

interface RigidJob {
  readonly jobId: string;
  readonly tasks: readonly TaskTemplate[];
  /** Failed attempts so far. */
  readonly attempt: number;
  /** Gang launches before this one (task id suffix, so relaunched ids never clash). */
  readonly restarts: number;
  readonly readySinceSeconds: number;
}

interface Gang {
  readonly job: RigidJob;
  /** Members not yet ended: `launching` until their `running` status arrives. */
  readonly members: Map<string, 'launching' | 'running'>;
  /** A member ended before the gang finished: the others are killed and the job queued again. */
  broken: boolean;
}

/**
 * A rigid batch framework (MPI-like gang scheduling): a job of N tasks starts only when the
 * offers it holds have room for all N at once. Jobs wait in FIFO order and only the head job
 * hoards: it holds offers without replying while it collects enough (offers in which none of its
 * tasks fits are declined), then accepts the offers it needs with all launches at the same
 * instant; held offers it did not need pass on to the next job, or are declined when no job is
 * left. If the gang is still incomplete `hoardingTimeoutSeconds` after hoarding began, it
 * releases (declines, with `refuseSeconds`) everything it holds and starts hoarding again with
 * the next offers. A rescinded offer is forgotten. Held offers count as allocated, so hoarding
 * keeps other frameworks waiting — the waste and starvation this plugin exists to show.
 *
 * When a member fails, is lost, rejected or dropped before the gang finishes, the other members
 * are killed and the job goes back to the head of the queue; failures (not drops or kills)
 * count towards `maxAttempts`, after which the job is given up. Task ids are `<jobId>.<index>`,
 * with `.r<n>` on the n-th relaunch of the gang.
 *
 * @example
 * ```json
 * { "id": "mpi", "scheduler": "rigid-batch", "options": { "hoardingTimeoutSeconds": 60, "refuseSeconds": 5 } }
 * ```
 */
export const rigidBatchFramework: FrameworkPlugin<RigidBatchOptions> = {
  name: 'rigid-batch',
  description: 'rigid batch (MPI): gang scheduling, hoards offers until a whole job fits',
  options,
  create(opts, context): FrameworkScheduler {
    const queue: RigidJob[] = [];
    const held = new Map<string, OfferView>();
    const gangOf = new Map<string, Gang>();
    let waiting = 0;
    const offerSwitch = createOfferSwitch(opts.suppressWhenIdle);
    // Each hoarding timer has its own generation (its tag); ending the period voids it.
    let generation = 0;
    let timerArmed = false;

    const endHoarding = (): void => {
      if (!timerArmed) return;
      generation++;
      timerArmed = false;
    };

    const decline = (offerId: string): FrameworkAction => ({
      kind: 'decline',
      offerId,
      refuseSeconds: opts.refuseSeconds,
    });

    const releaseAll = (): FrameworkAction[] => {
      const declines = [...held.keys()].map(decline);
      held.clear();
      endHoarding();
      return declines;
    };

    const launchGang = (
      job: RigidJob,
      offers: readonly OfferView[],
      plan: readonly (readonly number[])[],
    ): FrameworkAction[] => {
      const gang: Gang = { job, members: new Map(), broken: false };
      const accepts: FrameworkAction[] = [];
      offers.forEach((offer, i) => {
        const indices = plan[i] ?? [];
        if (indices.length === 0) return;
        held.delete(offer.offerId);
        const launches = indices.map((index): TaskLaunch => {
          const template = job.tasks[index] as TaskTemplate;
          const taskId = batchTaskId(job.jobId, index, job.restarts);
          gang.members.set(taskId, 'launching');
          gangOf.set(taskId, gang);
          const launch: TaskLaunch = {
            taskId,
            resources: template.resources,
            jobId: job.jobId,
            readySinceSeconds: job.readySinceSeconds,
          };
          return template.durationSeconds === undefined
            ? launch
            : { ...launch, durationSeconds: template.durationSeconds };
        });
        accepts.push({ kind: 'accept', offerId: offer.offerId, launches, refuseSeconds: opts.refuseSeconds });
      });
      return accepts;
    };

    /** Starts every gang at the head of the queue that the held offers can take; keeps hoarding for the next. */
    const startOrHoard = (): FrameworkAction[] => {
      const actions: FrameworkAction[] = [];
      for (let job = queue[0]; job !== undefined; job = queue[0]) {
        const shapes = job.tasks.map((t) => t.resources);
        for (const offer of [...held.values()]) {
          if (usefulForGang(shapes, offer.resources)) continue;
          held.delete(offer.offerId);
          actions.push(decline(offer.offerId));
        }
        const offers = [...held.values()];
        const plan = packGang(
          shapes,
          offers.map((o) => o.resources),
        );
        if (plan === undefined) break;
        queue.shift();
        waiting -= job.tasks.length;
        actions.push(...launchGang(job, offers, plan));
        // The next job's hoarding (if any) starts now, with what is left.
        endHoarding();
      }
      if (queue.length === 0) return [...actions, ...releaseAll()];
      if (held.size === 0) endHoarding();
      else if (!timerArmed) {
        timerArmed = true;
        actions.push({ kind: 'timer', afterSeconds: opts.hoardingTimeoutSeconds, tag: `hoard/${generation}` });
      }
      return actions;
    };

    const wake = (): FrameworkAction[] => offerSwitch.wake(waiting);
    const idleActions = (): FrameworkAction[] => offerSwitch.idle(waiting);

    /** A member ended before its gang finished: kill the members known to run, queue the job again. */
    const breakGang = (gang: Gang, countsAsFailure: boolean): FrameworkAction[] => {
      gang.broken = true;
      const kills: FrameworkAction[] = [];
      // Members still `launching` are killed when their `running` status arrives.
      for (const [taskId, state] of gang.members) if (state === 'running') kills.push({ kind: 'kill', taskId });
      const { job } = gang;
      const attempt = job.attempt + (countsAsFailure ? 1 : 0);
      if (attempt >= opts.maxAttempts) return kills;
      queue.unshift({ ...job, attempt, restarts: job.restarts + 1, readySinceSeconds: context.nowSeconds() });
      waiting += job.tasks.length;
      return [...kills, ...wake(), ...startOrHoard()];
    };

    return {
      registered: () => idleActions(),
      jobSubmitted(job) {
        if (job.tasks.length === 0) return [];
        queue.push({
          jobId: job.jobId,
          tasks: job.tasks,
          attempt: 0,
          restarts: 0,
          readySinceSeconds: context.nowSeconds(),
        });
        waiting += job.tasks.length;
        return wake();
      },
      resourceOffers(offers) {
        for (const offer of offers) held.set(offer.offerId, offer);
        return [...startOrHoard(), ...idleActions()];
      },
      offerRescinded(offerId) {
        held.delete(offerId);
        // Nothing left in hand: the next offers begin a fresh hoarding period.
        if (held.size === 0) endHoarding();
        return [];
      },
      timer(tag) {
        if (!timerArmed || tag !== `hoard/${generation}`) return [];
        return releaseAll();
      },
      statusUpdate(status) {
        const gang = gangOf.get(status.taskId);
        if (gang === undefined || status.state === 'starting') return [];
        if (status.state === 'running') {
          if (gang.broken) return [{ kind: 'kill', taskId: status.taskId }];
          gang.members.set(status.taskId, 'running');
          return [];
        }
        gangOf.delete(status.taskId);
        gang.members.delete(status.taskId);
        if (status.state === 'finished' || gang.broken) return [];
        const countsAsFailure =
          status.state === 'failed' ||
          status.state === 'lost' ||
          status.state === 'gone' ||
          status.state === 'gone-by-operator' ||
          status.state === 'unknown' ||
          status.state === 'error';
        return breakGang(gang, countsAsFailure);
      },
      pendingTasks: () => waiting,
    };
  },
};
