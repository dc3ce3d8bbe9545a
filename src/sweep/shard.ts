import { SweepInputError } from './errors.ts';

/**
 * A part of a sweep: shard `index` of `count` (0-based) runs the runs whose position in the
 * sweep's order is `index` modulo `count`, so every shard gets a share of every grid point.
 *
 * @example
 * ```ts
 * const shard: Shard = { index: 0, count: 4 }; // runs 0, 4, 8, …
 * ```
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `i/N` (0 ≤ i < N), as `--shard` takes it; Slurm's `$SLURM_ARRAY_TASK_ID` with
 * `--array=0-(N−1)` and Kubernetes' `$JOB_COMPLETION_INDEX` count from 0 as well.
 *
 * @example
 * ```ts
 * parseShard('1/4'); // { index: 1, count: 4 }
 * ```
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(count) || count < 1)
    throw new SweepInputError(`shard "${text}": write i/N with N ≥ 1 shards and 0 ≤ i < N, e.g. 0/4`);
  checkShard({ index, count });
  return { index, count };
}

/**
 * Refuses a shard outside 0 … count − 1.
 *
 * @example
 * ```ts
 * checkShard({ index: 4, count: 4 }); // throws: the shard index is 0 … 3
 * ```
 */
export function checkShard(shard: Shard): void {
  if (!Number.isSafeInteger(shard.count) || shard.count < 1)
    throw new SweepInputError(`a sweep splits into a whole number ≥ 1 of shards, got ${shard.count}`);
  if (!Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= shard.count)
    throw new SweepInputError(`shard ${shard.index}/${shard.count}: the shard index is 0 … ${shard.count - 1}`);
}

/**
 * Whether the run at position `index` of the sweep belongs to the shard.
 *
 * @example
 * ```ts
 * inShard(5, { index: 1, count: 4 }); // true
 * ```
 */
export function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index;
}
