/**
 * Mesos's hierarchical weighted DRF sorter (`src/master/allocator/sorter/drf/sorter.cpp`).
 * @module
 */
import type { Resources } from '../../core/cluster/resources.ts';
import type { Sorter } from '../../core/plugins/sorter.ts';
import { createHierarchicalSorter } from './hierarchicalSorter.ts';

/**
 * Options shared by the fair-share sorters.
 *
 * @example
 * ```ts
 * const options: FairSorterOptions = { excludedResources: ['gpus'] };
 * ```
 */
export interface FairSorterOptions {
  /** Resource names left out of share computations (Mesos's `--fair_sharing_excluded_resource_names`). */
  readonly excludedResources?: readonly string[];
}

/**
 * Unweighted share of an allocation, the one thing that differs between the fair sorters.
 * `names` are the fairness dimensions (positive total, not excluded; sorted, so that sums round
 * the same way on every run) and `totals` their totals; the sorter divides the result by the
 * weight.
 *
 * @example
 * ```ts
 * const cpuShare: ShareFunction = (a, names, totals) => (a.cpus ?? 0) / (totals[names.indexOf('cpus')] ?? 1);
 * cpuShare({ cpus: 2 }, ['cpus'], [8]); // 0.25
 * ```
 */
export type ShareFunction = (allocated: Resources, names: readonly string[], totals: readonly number[]) => number;

/**
 * Dominant share: the largest fraction of any fairness dimension held by the allocation
 * (0 when there is no dimension). Unweighted; the sorter divides by the weight.
 *
 * @example
 * ```ts
 * dominantShare({ cpus: 3, mem: 1 }, ['cpus', 'mem'], [9, 18]); // 1/3
 * ```
 */
export const dominantShare: ShareFunction = (allocated, names, totals) => {
  let share = 0;
  for (let i = 0; i < names.length; i++) {
    const amount = allocated[names[i] ?? ''] ?? 0;
    const ratio = amount / (totals[i] ?? 1);
    if (ratio > share) share = ratio;
  }
  return share;
};

/**
 * Creates a hierarchical weighted DRF sorter with Mesos's exact semantics: total = sum of all
 * agents' totals; a node's share = max over resources with a positive total (excluded names left
 * out) of allocated / total, divided by the weight of the node's path; siblings ordered by share,
 * then allocation count, then path bytes; `sort()` lists active clients in a pre-order walk.
 * Once "a/c" exists, client "a" competes inside subtree "a" as the virtual leaf "a/." with weight
 * 1, and `share('a')` reports that leaf's share. `allocation()` returns a live read-only view.
 *
 * @example
 * ```ts
 * const sorter = createDrfSorter();
 * sorter.addAgent('agent1', { cpus: 9, mem: 18 });
 * for (const f of ['framework2', 'framework10']) { sorter.add(f); sorter.activate(f); }
 * sorter.sort(); // ['framework10', 'framework2'] (equal shares and counts: byte order)
 * sorter.allocated('framework10', 'agent1', { cpus: 3, mem: 1 });
 * sorter.share('framework10'); // 1/3
 * sorter.sort(); // ['framework2', 'framework10']
 * ```
 */
export function createDrfSorter(options: FairSorterOptions = {}): Sorter {
  return createHierarchicalSorter({ kind: 'fair-share', share: dominantShare }, options.excludedResources ?? []);
}
