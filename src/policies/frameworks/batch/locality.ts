import type { Rng } from '../../../core/kernel/rng.ts';

/**
 * The data-locality model of the elastic batch framework: each task of a job has its input data
 * on a few machines (its *preferred* machines). Pure functions, so that metrics and tests can
 * recompute any task's preferred set from the run's seed and tell local launches from remote ones.
 * @module
 */

/**
 * How many machines each task prefers: ⌈fraction × machines⌉, at least 1 and at most all.
 *
 * @example
 * ```ts
 * preferredMachineCount(4, 0.25); // 1
 * preferredMachineCount(10, 0.3); // 3 (not 4: 0.3 × 10 is 3.0000000000000004 in floating point)
 * preferredMachineCount(5, 0.01); // 1
 * ```
 */
export function preferredMachineCount(machines: number, fraction: number): number {
  if (machines === 0) return 0;
  // Rounded to three decimals first, so that floating-point noise does not add a machine.
  const exact = Math.round(fraction * machines * 1000) / 1000;
  return Math.min(machines, Math.max(1, Math.ceil(exact)));
}

/**
 * The preferred machines of every task of a job, drawn from the framework's random stream forked
 * by job id (`frameworkRng.fork('locality').fork(jobId)`): the sets depend only on the run's seed,
 * the framework id and the job id — not on which other jobs came first — so anyone can recompute
 * them with `createRng(seed).fork('framework/<frameworkId>')`. Each set is a uniform random subset
 * of ⌈fraction × machines⌉ distinct machines, listed in draw order.
 *
 * @example
 * ```ts
 * const rng = createRng(7).fork('framework/spark'); // the framework's stream in a run with seed 7
 * const sets = taskPreferences(rng, 'w0-0', 3, ['m-0', 'm-1', 'm-2', 'm-3'], 0.5);
 * sets.length;    // 3 (one per task)
 * sets[0].length; // 2 (⌈0.5 × 4⌉ distinct machines)
 * ```
 */
export function taskPreferences(
  frameworkRng: Rng,
  jobId: string,
  taskCount: number,
  machineIds: readonly string[],
  fraction: number,
): string[][] {
  const rng = frameworkRng.fork('locality').fork(jobId);
  const count = preferredMachineCount(machineIds.length, fraction);
  // One permutation per job, partially reshuffled for each task: a partial Fisher–Yates pass over
  // any permutation yields a uniform k-subset, and it costs O(k) per task instead of O(machines).
  const order = [...machineIds];
  const sets: string[][] = [];
  for (let task = 0; task < taskCount; task++) {
    for (let i = 0; i < count; i++) {
      const j = i + rng.int(order.length - i);
      const swap = order[i] as string;
      order[i] = order[j] as string;
      order[j] = swap;
    }
    sets.push(order.slice(0, count));
  }
  return sets;
}
