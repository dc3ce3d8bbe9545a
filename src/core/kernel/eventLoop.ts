import { createEventQueue, type EventQueue } from './eventQueue.ts';
import type { Micros } from './time.ts';

/**
 * The simulation kernel: a clock, an event queue and a counter — nothing about clusters.
 * Events are plain data; the caller's `handle` function interprets them. Events at the same time
 * run in (priority class, insertion) order, so a run is repeatable.
 *
 * @example
 * ```ts
 * const loop = createEventLoop<{ kind: 'tick' }>();
 * loop.schedule(1_000_000, 0, { kind: 'tick' });
 * loop.run(10_000_000, (event, now) => { /* react at `now` *\/ });
 * loop.processed; // 1
 * ```
 */
export interface EventLoop<E> {
  /** Current simulated time in microseconds. */
  readonly now: Micros;
  /** Number of events handled so far. */
  readonly processed: number;
  /** Number of events waiting. */
  readonly pending: number;
  /** Queues an event at an absolute time ≥ now. */
  schedule(time: Micros, priority: number, event: E): void;
  /**
   * Handles events in order until the queue is empty, the next event lies after `until`, or
   * {@link EventLoop.stop} is called. Leaves `now` at `until` when it ran out of events before it.
   */
  run(until: Micros, handle: (event: E, now: Micros) => void): void;
  /** Makes {@link EventLoop.run} return after the current event. */
  stop(): void;
}

/**
 * Creates a kernel event loop starting at time 0.
 *
 * @example
 * ```ts
 * const loop = createEventLoop<string>();
 * loop.schedule(5, 0, 'hello');
 * loop.run(10, (e) => console.log(e)); // prints "hello"
 * ```
 */
export function createEventLoop<E>(queue: EventQueue<E> = createEventQueue<E>()): EventLoop<E> {
  return new Loop(queue);
}

class Loop<E> implements EventLoop<E> {
  readonly #queue: EventQueue<E>;
  #now: Micros = 0;
  #processed = 0;
  #stopped = false;

  constructor(queue: EventQueue<E>) {
    this.#queue = queue;
  }

  get now(): Micros {
    return this.#now;
  }

  get processed(): number {
    return this.#processed;
  }

  get pending(): number {
    return this.#queue.size;
  }

  schedule(time: Micros, priority: number, event: E): void {
    // One test passes every valid time (an integer ≥ now: NaN, ±Infinity and fractions fail it);
    // the reason is worked out only for an invalid one.
    if (!(time >= this.#now && time - Math.floor(time) === 0)) this.#refuse(time);
    this.#queue.push(time, priority, event);
  }

  #refuse(time: Micros): never {
    if (!Number.isInteger(time)) throw new RangeError(`event time must be integer microseconds, got ${time}`);
    throw new RangeError(`cannot schedule an event in the past (at ${time} µs, now ${this.#now} µs)`);
  }

  run(until: Micros, handle: (event: E, now: Micros) => void): void {
    this.#stopped = false;
    const queue = this.#queue;
    while (!this.#stopped) {
      const time = queue.peekTime();
      // peekTime() is Infinity when the queue is empty: only then is the size asked.
      if (!(time <= until) || (time === Infinity && queue.size === 0)) break;
      this.#now = time;
      const event = queue.pop() as E;
      this.#processed++;
      handle(event, time);
    }
    if (!this.#stopped && this.#now < until && Number.isFinite(until)) this.#now = until;
  }

  stop(): void {
    this.#stopped = true;
  }
}
