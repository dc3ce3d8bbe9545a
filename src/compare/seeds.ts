import { CompareInputError } from './errors.ts';

/**
 * The seeds of a comparison: an explicit list as given, or a count N of seeds starting at the
 * scenario's seed s — s, s+1, …, s+N−1 for a numeric seed, `s`, `s/1`, …, `s/N−1` for a text seed.
 *
 * @example
 * ```ts
 * comparisonSeeds(42, 3);          // [42, 43, 44]
 * comparisonSeeds('day', 2);       // ['day', 'day/1']
 * comparisonSeeds(42, [7, 'x']);   // [7, 'x']
 * ```
 */
export function comparisonSeeds(
  scenarioSeed: number | string,
  seeds: number | readonly (number | string)[],
): (number | string)[] {
  if (typeof seeds !== 'number') {
    if (seeds.length === 0) throw new CompareInputError('the seed list is empty; give at least one seed');
    const seen = new Set(seeds.map(String));
    if (seen.size !== seeds.length)
      throw new CompareInputError(`the seed list repeats a seed (${seeds.join(', ')}); each seed is one replication`);
    return [...seeds];
  }
  if (!Number.isSafeInteger(seeds) || seeds < 1)
    throw new CompareInputError(`the number of seeds must be a whole number ≥ 1, got ${seeds}`);
  return Array.from({ length: seeds }, (_, i) =>
    typeof scenarioSeed === 'number' ? scenarioSeed + i : i === 0 ? scenarioSeed : `${scenarioSeed}/${i}`,
  );
}
