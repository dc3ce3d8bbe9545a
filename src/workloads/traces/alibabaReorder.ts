/**
 * A small buffer that turns a nearly time-sorted sequence into a sorted one: items may come up to
 * `window` time units earlier than the latest item seen and are still released in order; an item
 * later than that is rejected (the caller reports it as a row going back in time). Memory grows
 * with the items inside the window, never with the whole sequence.
 *
 * @example
 * ```ts
 * const buffer = new ReorderBuffer<string>(10);
 * buffer.offer(5, 1, 'a'); buffer.offer(3, 2, 'b'); // 'b' is 2 early: fine within 10
 * buffer.ready(); // false: a later item might still come before 'b' (until time 13 is seen)
 * buffer.take();  // 'b' (take ignores readiness: use it when the input is exhausted)
 * ```
 */
export class ReorderBuffer<T> {
  readonly #window: number;
  readonly #heap: { time: number; seq: number; item: T }[] = [];
  #latest = Number.NEGATIVE_INFINITY;

  constructor(window: number) {
    this.#window = window;
  }

  /** The latest time offered so far (−∞ before the first). */
  latest(): number {
    return this.#latest;
  }

  /** Whether an item at `time` would be accepted (not earlier than latest − window). */
  accepts(time: number): boolean {
    return time >= this.#latest - this.#window;
  }

  /** Takes an item's time into account for the order check without holding it (an item left out). */
  note(time: number): void {
    if (time > this.#latest) this.#latest = time;
  }

  /** Adds an item; `seq` breaks ties between equal times (file order). Call {@link accepts} first. */
  offer(time: number, seq: number, item: T): void {
    if (!this.accepts(time)) throw new RangeError(`time ${time} is earlier than ${this.#latest} − ${this.#window}`);
    if (time > this.#latest) this.#latest = time;
    const heap = this.#heap;
    heap.push({ time, seq, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Whether the earliest held item can be released: nothing acceptable can come before it any more. */
  ready(): boolean {
    const first = this.#heap[0];
    return first !== undefined && first.time <= this.#latest - this.#window;
  }

  /** The time of the earliest held item, or undefined when empty. */
  peekTime(): number | undefined {
    return this.#heap[0]?.time;
  }

  /** Removes and returns the earliest held item (ties: lowest seq), or undefined when empty. */
  take(): T | undefined {
    const heap = this.#heap;
    const first = heap[0];
    if (first === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return first.item;
  }

  /** Items held. */
  get size(): number {
    return this.#heap.length;
  }
}

function before(a: { time: number; seq: number }, b: { time: number; seq: number }): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
