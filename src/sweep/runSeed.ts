import { contentHash } from './canonicalJson.ts';

/**
 * The seed of one run of a sweep: a whole number in [0, 2³²) drawn from the SHA-256 of the sweep
 * seed, the run's grid point (its parameter values by path; left out with common seeds) and its
 * replication. It depends on nothing else, so neither the number of workers, nor the shard, nor
 * the order in which runs finish changes it; every variant of a grid point gets the same seeds
 * (common random numbers), and a grid extended by new values keeps the seeds of the old points.
 *
 * @example
 * ```ts
 * runSeed(42, { 'master.allocationInterval': '5s' }, 0) === runSeed(42, { 'master.allocationInterval': '5s' }, 0); // true
 * runSeed(42, null, 3); // the seed of replication 3 at every grid point (common seeds)
 * ```
 */
export function runSeed(
  sweepSeed: number | string,
  point: Readonly<Record<string, unknown>> | null,
  replication: number | string,
): number {
  return Number.parseInt(contentHash({ sweep: sweepSeed, point, replication }).slice(0, 8), 16);
}
