import { createEventQueue, type EventQueue } from '../src/core/kernel/eventQueue.ts';
import { createHeapJsQueue } from './heapJsQueue.ts';

/**
 * The rows of the kernel bench: the baseline (no queue) and each queue implementation.
 * @module
 */

/** Names of the measured implementations, in table order. */
export const HOLD_IMPLEMENTATIONS = ['baseline', 'kernel', 'heap-js'] as const;

/** One measured implementation. */
export type HoldImplementation = (typeof HOLD_IMPLEMENTATIONS)[number];

/** Table labels of the implementations. */
export const HOLD_LABELS: Readonly<Record<HoldImplementation, string>> = {
  baseline: 'baseline (RNG + log only)',
  kernel: 'kernel createEventQueue (typed-array heap)',
  'heap-js': 'heap-js 2.7.1 adapter (bench/heapJsQueue.ts)',
};

/**
 * A fresh empty queue of the named implementation (undefined for the baseline, which has none).
 *
 * @example
 * ```ts
 * createQueue('kernel')?.push(0, 0, 1);
 * ```
 */
export function createQueue(impl: HoldImplementation): EventQueue<number> | undefined {
  switch (impl) {
    case 'baseline':
      return undefined;
    case 'kernel':
      return createEventQueue<number>();
    case 'heap-js':
      return createHeapJsQueue<number>();
  }
}

/**
 * Checks a command-line value names an implementation.
 *
 * @example
 * ```ts
 * isHoldImplementation('kernel'); // true
 * ```
 */
export function isHoldImplementation(value: string | undefined): value is HoldImplementation {
  return (HOLD_IMPLEMENTATIONS as readonly (string | undefined)[]).includes(value);
}
