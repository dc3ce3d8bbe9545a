/**
 * Mesos's random sorter (`src/master/allocator/sorter/random/sorter.cpp`): every `sort()` is a
 * fresh weighted random order of all active leaves, each weighted by the product of its relative
 * weights (its weight over its siblings') on the path from the root.
 * @module
 */
import seedrandom from 'seedrandom';
import type { Sorter } from '../../core/plugins/sorter.ts';
import { createHierarchicalSorter } from './hierarchicalSorter.ts';

/**
 * Options of {@link createRandomSorter}.
 *
 * @example
 * ```ts
 * const options: RandomSorterOptions = { seed: 42 };
 * ```
 */
export interface RandomSorterOptions {
  /** Seed of the sorter's own alea generator. */
  readonly seed: number | string;
  /** Accepted for parity with the fair sorters; unused, since no share is computed (as in Mesos). */
  readonly excludedResources?: readonly string[];
}

/**
 * A weighted random permutation: higher weight ⇒ more likely towards the front. The random sorter
 * hands one of these, bound to its generator, to the shared sorter tree.
 *
 * @example
 * ```ts
 * const keepOrder: WeightedShuffle = (items) => [...items];
 * keepOrder(['a', 'b'], [1, 1]); // ['a', 'b']
 * ```
 */
export type WeightedShuffle = <T>(items: readonly T[], weights: readonly number[]) => T[];

/**
 * Weighted random permutation (Efraimidis & Spirakis's weighted sampling without replacement, as
 * Mesos's `weightedShuffle` in `random/utils.hpp`): item i gets key u^(1/w_i) with u uniform in
 * [0, 1), and items are listed by descending key, so item i comes first with probability
 * w_i / Σw. Equal keys keep the input order, making the result a function of the draws alone.
 *
 * @example
 * ```ts
 * import seedrandom from 'seedrandom';
 * const prng = seedrandom.alea('1');
 * weightedShuffle(['a', 'b', 'c'], [1, 2, 3], () => prng.double()); // some order of a, b, c
 * ```
 */
export function weightedShuffle<T>(items: readonly T[], weights: readonly number[], random: () => number): T[] {
  if (weights.length !== items.length) {
    throw new RangeError(`weightedShuffle: ${items.length} items but ${weights.length} weights`);
  }
  const keys = new Float64Array(items.length);
  const indices = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    const weight = weights[i] ?? 0;
    if (!(weight > 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weightedShuffle: weight ${i} must be a finite number > 0, got ${weight}`);
    }
    keys[i] = random() ** (1 / weight);
    indices[i] = i;
  }
  indices.sort((a, b) => (keys[b] ?? 0) - (keys[a] ?? 0) || a - b);
  return indices.map((i) => items[i] as T);
}

/**
 * Creates a random sorter: `sort()` returns the active clients in a weighted random order drawn
 * from a seeded alea generator, one shuffle over all active leaves, each weighted by the product of
 * its relative weights down the tree (so a subtree's leaves need not be adjacent). `share()` is always 0: like Mesos's
 * RandomSorter it computes no shares. Allocations are still tracked for `allocation()`.
 *
 * @example
 * ```ts
 * const sorter = createRandomSorter({ seed: 7 });
 * for (const f of ['a', 'b']) { sorter.add(f); sorter.activate(f); }
 * sorter.updateWeight('b', 3);
 * sorter.sort(); // ['b', 'a'] with probability 3/4, else ['a', 'b']
 * ```
 */
export function createRandomSorter(options: RandomSorterOptions): Sorter {
  const prng = seedrandom.alea(String(options.seed));
  const random = (): number => prng.double();
  return createHierarchicalSorter(
    { kind: 'weighted-random', shuffle: (items, weights) => weightedShuffle(items, weights, random) },
    options.excludedResources ?? [],
  );
}
