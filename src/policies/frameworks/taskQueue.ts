import type { Resources } from '../../core/cluster/resources.ts';

/**
 * A task waiting for resources.
 *
 * @example
 * ```ts
 * const task: PendingTask = { jobId: 'job-1', index: 0, attempt: 0, resources: { cpus: 1 }, durationSeconds: 60, readySinceSeconds: 0 };
 * const queue = new PendingQueue();
 * queue.push(task);
 * queue.size; // 1
 * ```
 */
export interface PendingTask {
  readonly jobId: string;
  readonly index: number;
  readonly attempt: number;
  readonly resources: Resources;
  readonly durationSeconds: number | undefined;
  /** When it became ready to run (submission, or the failure that requeued it). */
  readonly readySinceSeconds: number;
}

/**
 * A FIFO of pending tasks with cheap removal from anywhere (first-fit takes tasks out of the
 * middle): a compacting array with tombstones.
 *
 * @example
 * ```ts
 * const q = new PendingQueue();
 * q.push(task);
 * for (let slot = q.firstSlot; slot < q.endSlot; slot++) {
 *   const t = q.at(slot);
 *   if (t !== undefined && fits(t)) q.take(slot);
 * }
 * ```
 */
export class PendingQueue {
  #slots: (PendingTask | undefined)[] = [];
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(task: PendingTask): void {
    this.#slots.push(task);
    this.#size++;
  }

  /** First slot that may hold a task (iterate slots up to {@link PendingQueue.endSlot}). */
  get firstSlot(): number {
    return this.#head;
  }

  /** One past the last slot. */
  get endSlot(): number {
    return this.#slots.length;
  }

  /** The task in a slot, or undefined for a taken slot. */
  at(slot: number): PendingTask | undefined {
    return this.#slots[slot];
  }

  /** Removes the task in a slot; other slots keep their numbers until {@link PendingQueue.compact}. */
  take(slot: number): PendingTask {
    const task = this.#slots[slot];
    if (task === undefined) throw new Error(`no pending task in slot ${slot}`);
    this.#slots[slot] = undefined;
    this.#size--;
    while (this.#head < this.#slots.length && this.#slots[this.#head] === undefined) this.#head++;
    return task;
  }

  /** Drops taken slots once they are the majority (renumbers slots: call between scans). */
  compact(): void {
    if (this.#slots.length - this.#size <= Math.max(1024, this.#size)) return;
    this.#slots = this.#slots.filter((task) => task !== undefined);
    this.#head = 0;
  }
}
