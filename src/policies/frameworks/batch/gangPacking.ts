import { fitsWithin, subtractResources, type Resources } from '../../../core/cluster/resources.ts';

/**
 * Places a whole gang into held offers, first-fit in task order: task i goes to the first offer
 * that still has room for it. Returns, per offer (same order as `offers`), the indices of the
 * tasks placed there — or undefined when some task fits nowhere, i.e. the gang cannot start yet.
 * First-fit is not optimal for tasks of mixed sizes, but MPI ranks are normally identical.
 *
 * @example
 * ```ts
 * packGang([{ cpus: 1 }, { cpus: 1 }, { cpus: 1 }], [{ cpus: 2 }, { cpus: 4 }]); // [[0, 1], [2]]
 * packGang([{ cpus: 3 }, { cpus: 3 }], [{ cpus: 4 }, { cpus: 2 }]);               // undefined
 * ```
 */
export function packGang(tasks: readonly Resources[], offers: readonly Resources[]): number[][] | undefined {
  const free = [...offers];
  const placed: number[][] = offers.map(() => []);
  for (let task = 0; task < tasks.length; task++) {
    const need = tasks[task] as Resources;
    const target = free.findIndex((room) => fitsWithin(need, room));
    if (target < 0) return undefined;
    free[target] = subtractResources(free[target] as Resources, need);
    (placed[target] as number[]).push(task);
  }
  return placed;
}

/**
 * True when at least one of the tasks fits in the offer: an offer in which none fits is of no use
 * to the gang and need not be held.
 *
 * @example
 * ```ts
 * usefulForGang([{ cpus: 2 }], { cpus: 1, mem: 512 }); // false
 * usefulForGang([{ cpus: 2 }], { cpus: 4 });           // true
 * ```
 */
export function usefulForGang(tasks: readonly Resources[], offer: Resources): boolean {
  return tasks.some((need) => fitsWithin(need, offer));
}
