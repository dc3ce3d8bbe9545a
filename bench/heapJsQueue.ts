import { Heap } from 'heap-js';
import type { EventQueue } from '../src/core/kernel/eventQueue.ts';

/**
 * The kernel's {@link EventQueue} interface on heap-js (an object-per-entry binary heap with a
 * comparator), for comparison with the kernel's typed-array heap. Same order: (time, priority
 * class, insertion sequence).
 * @module
 */

interface Entry<T> {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly item: T;
}

const compareEntries = <T>(a: Entry<T>, b: Entry<T>): number =>
  a.time - b.time || a.priority - b.priority || a.seq - b.seq;

class HeapJsQueue<T> implements EventQueue<T> {
  readonly #heap = new Heap<Entry<T>>(compareEntries);
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(time: number, priority: number, item: T): void {
    // `add`, not `push`: heap-js's `push(...elements)` takes rest arguments (slower).
    this.#heap.add({ time, priority, seq: this.#seq++, item });
  }

  pop(): T | undefined {
    return this.#heap.pop()?.item;
  }

  peekTime(): number {
    return this.#heap.peek()?.time ?? Infinity;
  }
}

/**
 * Creates an {@link EventQueue} backed by heap-js.
 *
 * @example
 * ```ts
 * const q = createHeapJsQueue<string>();
 * q.push(10, 0, 'b'); q.push(5, 1, 'a');
 * q.pop(); // 'a'
 * ```
 */
export function createHeapJsQueue<T>(): EventQueue<T> {
  return new HeapJsQueue<T>();
}
