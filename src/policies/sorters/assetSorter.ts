/**
 * Asset fairness, the comparison policy of the DRF paper (Ghodsi et al., NSDI 2011, §5.1): equal
 * fractions of different resources are worth the same, so a user's share is the sum of its
 * fractions. Same tree, weights and tie-breaks as the DRF sorter.
 * @module
 */
import type { Sorter } from '../../core/plugins/sorter.ts';
import type { FairSorterOptions, ShareFunction } from './drfSorter.ts';
import { createHierarchicalSorter } from './hierarchicalSorter.ts';

/**
 * Aggregate ("asset") share: the sum over fairness dimensions of allocated / total. Unweighted.
 *
 * @example
 * ```ts
 * assetShare({ cpus: 1, mem: 4 }, ['cpus', 'mem'], [9, 18]); // 1/9 + 4/18 = 1/3
 * ```
 */
export const assetShare: ShareFunction = (allocated, names, totals) => {
  let share = 0;
  for (let i = 0; i < names.length; i++) share += (allocated[names[i] ?? ''] ?? 0) / (totals[i] ?? 1);
  return share;
};

/**
 * Creates a hierarchical weighted asset-fairness sorter: like {@link createDrfSorter} but a share
 * is the sum, not the max, of the per-resource fractions.
 *
 * @example
 * ```ts
 * const sorter = createAssetFairnessSorter();
 * sorter.addAgent('agent1', { cpus: 9, mem: 18 });
 * sorter.add('A'); sorter.activate('A');
 * sorter.allocated('A', 'agent1', { cpus: 1, mem: 4 });
 * sorter.share('A'); // 1/3
 * ```
 */
export function createAssetFairnessSorter(options: FairSorterOptions = {}): Sorter {
  return createHierarchicalSorter({ kind: 'fair-share', share: assetShare }, options.excludedResources ?? []);
}
