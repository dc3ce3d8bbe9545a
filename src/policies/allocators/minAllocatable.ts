import type { Resources } from '../../core/cluster/resources.ts';

/**
 * Mesos's minimum allocatable size: a list of alternatives; an offer is worth making only if it
 * holds at least one of them entirely. Default: `cpus ≥ 0.01` or `mem ≥ 32` MB.
 *
 * @example
 * ```ts
 * const min: MinAllocatable = [{ cpus: 1, mem: 512 }, { gpus: 1 }]; // a whole core with 512 MB, or a GPU
 * meetsMinAllocatable({ cpus: 2, mem: 256 }, min); // false
 * ```
 */
export type MinAllocatable = readonly Resources[];

/**
 * Mesos's default minimum allocatable size.
 *
 * @example
 * ```ts
 * meetsMinAllocatable({ cpus: 0.01 }, DEFAULT_MIN_ALLOCATABLE); // true
 * meetsMinAllocatable({ mem: 16 }, DEFAULT_MIN_ALLOCATABLE);    // false
 * ```
 */
export const DEFAULT_MIN_ALLOCATABLE: MinAllocatable = [{ cpus: 0.01 }, { mem: 32 }];

/**
 * True when `available` holds at least one alternative of `min` (an empty list allows anything
 * non-empty).
 *
 * @example
 * ```ts
 * meetsMinAllocatable({ cpus: 0.005, mem: 16 }, DEFAULT_MIN_ALLOCATABLE); // false
 * meetsMinAllocatable({ mem: 64 }, DEFAULT_MIN_ALLOCATABLE);             // true
 * ```
 */
export function meetsMinAllocatable(available: Resources, min: MinAllocatable): boolean {
  if (min.length === 0) return Object.keys(available).length > 0;
  // Loops rather than key lists: this runs for every offer made.
  for (const alternative of min) {
    let named = false;
    let met = true;
    for (const name in alternative) {
      named = true;
      if ((available[name] ?? 0) < (alternative[name] ?? 0)) {
        met = false;
        break;
      }
    }
    if (named && met) return true;
  }
  return false;
}
