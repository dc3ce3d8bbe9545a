import { fitsWithin, type Resources } from '../../../core/cluster/resources.ts';
import { PendingQueue, type PendingTask } from '../taskQueue.ts';

/** Stop scanning a job's queue once this many distinct task shapes failed to fit (bounds the work per offer). */
const MAX_SHAPES_TRIED = 64;

/** Slots of a job's queue whose task prefers one machine, oldest first; `next` skips those already taken. */
interface MachineSlots {
  readonly slots: number[];
  next: number;
}

/**
 * A task chosen for an offer, and whether it runs on one of its preferred machines.
 *
 * @example
 * ```ts
 * const choice: ElasticChoice | undefined = job.take('m-2', { cpus: 4 }, 10, 5);
 * if (choice !== undefined && !choice.local) console.log(`${choice.task.jobId}.${choice.task.index} runs remote`);
 * ```
 */
export interface ElasticChoice {
  readonly task: PendingTask;
  readonly local: boolean;
}

/**
 * One job of the elastic batch framework: its waiting tasks in FIFO order, its running count (for
 * fair ordering) and its delay-scheduling state (Zaharia et al., EuroSys 2010, Algorithm 2 with
 * two levels): the job launches only on its tasks' preferred machines until it has gone
 * `waitSeconds` without launching anything, then anywhere, until it launches locally again.
 *
 * The queue is never compacted, so slot numbers stay valid for the per-machine index.
 *
 * @example
 * ```ts
 * const job = new ElasticJob('w0-0', 0, 0, [['m-1'], ['m-0']]);
 * job.add({ jobId: 'w0-0', index: 0, attempt: 0, resources: { cpus: 1 }, durationSeconds: 60, readySinceSeconds: 0 });
 * job.take('m-0', { cpus: 4 }, 1, 5); // undefined: task 0 prefers m-1 and the job waited only 1 s
 * job.take('m-1', { cpus: 4 }, 1, 5); // { task: …, local: true }
 * ```
 */
export class ElasticJob {
  readonly jobId: string;
  /** Submission order within the framework (ties in fair order). */
  readonly seq: number;
  /** Tasks launched and not yet ended. */
  running = 0;
  readonly #queue = new PendingQueue();
  /** Preferred machines per task index; undefined when the framework has no locality model. */
  readonly #preferences: readonly (readonly string[])[] | undefined;
  readonly #byMachine = new Map<string, MachineSlots>();
  #lastLaunchSeconds: number;
  /** Delay scheduling's level: false = local launches only, true = anywhere. */
  #anywhere = false;

  constructor(
    jobId: string,
    seq: number,
    submittedSeconds: number,
    preferences: readonly (readonly string[])[] | undefined,
  ) {
    this.jobId = jobId;
    this.seq = seq;
    this.#lastLaunchSeconds = submittedSeconds;
    this.#preferences = preferences;
  }

  /** Tasks waiting for resources. */
  get waiting(): number {
    return this.#queue.size;
  }

  /** True when nothing waits and nothing runs: the job is over. */
  get done(): boolean {
    return this.#queue.size === 0 && this.running === 0;
  }

  /** Queues a task (first attempt or a relaunch), indexed under its preferred machines. */
  add(task: PendingTask): void {
    const slot = this.#queue.endSlot;
    this.#queue.push(task);
    for (const machine of this.#preferences?.[task.index] ?? []) {
      const entry = this.#byMachine.get(machine);
      if (entry === undefined) this.#byMachine.set(machine, { slots: [slot], next: 0 });
      else entry.slots.push(slot);
    }
  }

  /**
   * Removes and returns the task to run on `agentId` within `free`, or undefined when the job
   * skips this offer: a task whose data is on the machine first; otherwise, once the job has
   * waited `waitSeconds` since its last launch (or without a locality model), the oldest task that
   * fits.
   */
  take(agentId: string, free: Resources, nowSeconds: number, waitSeconds: number): ElasticChoice | undefined {
    if (this.#preferences === undefined) {
      const task = this.#takeOldestFitting(free);
      return task === undefined ? undefined : { task, local: true };
    }
    const local = this.#takeLocal(agentId, free);
    if (local !== undefined) {
      this.#anywhere = false;
      this.#lastLaunchSeconds = nowSeconds;
      return { task: local, local: true };
    }
    if (!this.#anywhere && nowSeconds - this.#lastLaunchSeconds >= waitSeconds) this.#anywhere = true;
    if (!this.#anywhere) return undefined;
    const task = this.#takeOldestFitting(free);
    if (task === undefined) return undefined;
    this.#lastLaunchSeconds = nowSeconds;
    return { task, local: false };
  }

  #takeLocal(agentId: string, free: Resources): PendingTask | undefined {
    const entry = this.#byMachine.get(agentId);
    if (entry === undefined) return undefined;
    while (entry.next < entry.slots.length && this.#queue.at(entry.slots[entry.next] as number) === undefined)
      entry.next++;
    for (let i = entry.next; i < entry.slots.length; i++) {
      const slot = entry.slots[i] as number;
      const task = this.#queue.at(slot);
      if (task !== undefined && fitsWithin(task.resources, free)) return this.#queue.take(slot);
    }
    return undefined;
  }

  #takeOldestFitting(free: Resources): PendingTask | undefined {
    // Shapes (by identity: a job's tasks share one object) already found too big for this offer.
    const tooBig = new Set<Resources>();
    for (let slot = this.#queue.firstSlot; slot < this.#queue.endSlot && tooBig.size < MAX_SHAPES_TRIED; slot++) {
      const task = this.#queue.at(slot);
      if (task === undefined || tooBig.has(task.resources)) continue;
      if (fitsWithin(task.resources, free)) return this.#queue.take(slot);
      tooBig.add(task.resources);
    }
    return undefined;
  }
}
