/**
 * mulberry32: a tiny, fast, seedable 32-bit generator (~4.5 ns per number here, TOOLCHAIN-NOTES
 * §4). The benches inline their own generator so the sequence of times is identical for every
 * queue implementation and independent of the library's RNG.
 *
 * @example
 * ```ts
 * const random = mulberry32(42);
 * random(); // a number in [0, 1), the same for seed 42 every time
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An exponentially distributed delay with the given mean, rounded to whole microseconds.
 *
 * @example
 * ```ts
 * exponentialMicros(mulberry32(1), 1_000_000); // e.g. 734512
 * ```
 */
export function exponentialMicros(random: () => number, meanMicros: number): number {
  return Math.round(-meanMicros * Math.log(1 - random()));
}
