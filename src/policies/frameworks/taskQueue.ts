import type { Resources } from '../../core/cluster/resources.ts';

/** A task waiting for resources. */
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
 * for (const [slot, t] of q.entries()) if (fits(t)) q.take(slot);
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

  /** Live tasks in FIFO order with their slot numbers. */
  *entries(): IterableIterator<[number, PendingTask]> {
    for (let i = this.#head; i < this.#slots.length; i++) {
      const task = this.#slots[i];
      if (task !== undefined) yield [i, task];
    }
  }

  /** Removes the task in a slot (as returned by {@link PendingQueue.entries}). */
  take(slot: number): PendingTask {
    const task = this.#slots[slot];
    if (task === undefined) throw new Error(`no pending task in slot ${slot}`);
    this.#slots[slot] = undefined;
    this.#size--;
    while (this.#head < this.#slots.length && this.#slots[this.#head] === undefined) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#slots.length) {
      this.#slots = this.#slots.slice(this.#head);
      this.#head = 0;
    }
    return task;
  }
}
