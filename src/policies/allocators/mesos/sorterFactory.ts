import type { Sorter } from '../../../core/plugins/sorter.ts';
import { createAssetFairnessSorter } from '../../sorters/assetSorter.ts';
import { createDrfSorter } from '../../sorters/drfSorter.ts';
import { createRandomSorter } from '../../sorters/randomSorter.ts';
import { createFifoSorter } from './fifoSorter.ts';

/**
 * The sorters an allocator can be configured with, by name.
 *
 * @example
 * ```ts
 * const sorters = SORTER_NAMES.map((name) => createSorterByName(name, { excludedResources: [], seed: '1' }));
 * ```
 */
export const SORTER_NAMES = ['drf', 'random', 'asset', 'fifo'] as const;

/**
 * A sorter name.
 *
 * @example
 * ```ts
 * const name: SorterName = 'random';
 * const allocator = createMesosAllocator({ roleSorter: name, frameworkSorter: 'fifo' });
 * ```
 */
export type SorterName = (typeof SORTER_NAMES)[number];

/**
 * Makes a sorter by name: `drf` (hierarchical weighted DRF, Mesos's default), `random` (Mesos's
 * weighted random sorter), `asset` (asset fairness, the DRF paper's comparison), `fifo`.
 *
 * @example
 * ```ts
 * const sorter = createSorterByName('drf', { excludedResources: ['gpus'], seed: 'x' });
 * ```
 */
export function createSorterByName(
  name: SorterName,
  options: { excludedResources: readonly string[]; seed: string },
): Sorter {
  switch (name) {
    case 'drf':
      return createDrfSorter({ excludedResources: options.excludedResources });
    case 'random':
      return createRandomSorter({ seed: options.seed, excludedResources: options.excludedResources });
    case 'asset':
      return createAssetFairnessSorter({ excludedResources: options.excludedResources });
    case 'fifo':
      return createFifoSorter();
  }
}
