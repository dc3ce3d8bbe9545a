import type { Rng } from '../../core/kernel/rng.ts';

/**
 * Decides, per key (an Alibaba job name or app), whether it is kept, with probability `fraction`.
 * The decision depends only on the key and on a salt drawn once from the given stream — not on the
 * order in which keys are met — so every task of a job is kept or dropped together, and changing
 * the time window or the file's order never changes which jobs are sampled.
 *
 * @example
 * ```ts
 * const keep = keyedSampler(createRng(1).fork('workload/w0/sample'), 0.1);
 * keep('job-42'); // true or false, the same every time for this seed and key
 * ```
 */
export function keyedSampler(rng: Rng, fraction: number): (key: string) => boolean {
  if (fraction >= 1) return () => true;
  const salt = Math.floor(rng.next() * 0x1_0000_0000) >>> 0;
  return (key) => keyedUniform(key, salt) < fraction;
}

/** A uniform number in [0, 1) from a key and a salt: FNV-1a over the key, then a murmur3 finalizer. */
function keyedUniform(key: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}
