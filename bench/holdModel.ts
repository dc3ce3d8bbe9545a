import type { EventQueue } from '../src/core/kernel/eventQueue.ts';
import { exponentialMicros } from './mulberry32.ts';

/**
 * The classic hold model (Jones 1986) on an {@link EventQueue}: fill the queue with `size` events
 * at exponentially distributed times, then repeat "pop the first event, push it back at
 * t + Exp(mean)". One hold = one event processed. Items are ids 0…size−1 and each id keeps the
 * priority class `id & 3`, so ties on time are broken by (priority, insertion) as in the kernel.
 * @module
 */

/** What a hold run ends with: equal outcomes ⇒ the same events were processed in the same order. */
export interface HoldOutcome {
  /** Time (µs) of the last event popped. */
  readonly finalTime: number;
  /** A rolling hash of the popped item ids, in pop order. */
  readonly orderHash: number;
}

/** Priority class of an item: four classes, so same-time ties exercise the class order. */
const priorityOf = (item: number): number => item & 3;

/**
 * Pushes `size` events (ids 0…size−1) at Exp(mean) integer times.
 *
 * @example
 * ```ts
 * fillQueue(createEventQueue<number>(), 1000, mulberry32(1), 1_000_000);
 * ```
 */
export function fillQueue(queue: EventQueue<number>, size: number, random: () => number, meanMicros: number): void {
  for (let item = 0; item < size; item++) queue.push(exponentialMicros(random, meanMicros), priorityOf(item), item);
}

/**
 * Runs `holds` hold operations: peek the time, pop the first event, push it back at
 * t + Exp(mean) in its own priority class.
 *
 * @example
 * ```ts
 * holdLoop(queue, 1_000_000, random, 1_000_000).finalTime;
 * ```
 */
export function holdLoop(
  queue: EventQueue<number>,
  holds: number,
  random: () => number,
  meanMicros: number,
): HoldOutcome {
  let time = 0;
  let hash = 0;
  for (let h = 0; h < holds; h++) {
    time = queue.peekTime();
    const item = queue.pop() as number;
    hash = (Math.imul(hash, 31) + item) | 0;
    queue.push(time + exponentialMicros(random, meanMicros), priorityOf(item), item);
  }
  return { finalTime: time, orderHash: hash >>> 0 };
}

/**
 * The baseline: the same random draws, `Math.log`, rounding and hashing as {@link holdLoop}, with
 * no queue. Subtract it from a queue's figure to see the queue's own cost.
 *
 * @example
 * ```ts
 * baselineLoop(1_000_000, mulberry32(1), 1_000_000);
 * ```
 */
export function baselineLoop(holds: number, random: () => number, meanMicros: number): HoldOutcome {
  let time = 0;
  let hash = 0;
  for (let h = 0; h < holds; h++) {
    time += exponentialMicros(random, meanMicros);
    hash = (Math.imul(hash, 31) + h) | 0;
  }
  return { finalTime: time, orderHash: hash >>> 0 };
}
