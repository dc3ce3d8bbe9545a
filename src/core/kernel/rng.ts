import seedrandom from 'seedrandom';

/**
 * A seeded random stream. One root stream per run, split into named sub-streams with
 * {@link Rng.fork} so that adding a consumer never shifts the numbers another consumer sees.
 *
 * Built on seedrandom's Alea generator (fast, and bit-identical under Node and Deno).
 *
 * @example
 * ```ts
 * const rng: Rng = createRng(7).fork('workload');
 * rng.path;            // 'root/workload'
 * rng.int(6);          // an integer in [0, 6), the same in every run with seed 7
 * rng.exponential(30); // a sample with mean 30
 * ```
 */
export interface Rng {
  /** The path of this stream, e.g. `root/workload/batch`. */
  readonly path: string;
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** An exponentially distributed number with the given mean. */
  exponential(mean: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A new independent stream derived from this stream's seed and `name` (not from its state). */
  fork(name: string): Rng;
}

/**
 * Creates the root random stream of a run.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * const arrivals = rng.fork('workload/batch');
 * arrivals.next(); // same value in every run with seed 42
 * ```
 */
export function createRng(seed: number | string): Rng {
  return new AleaStream(String(seed), 'root');
}

class AleaStream implements Rng {
  readonly path: string;
  readonly #seed: string;
  readonly #prng: seedrandom.PRNG;

  constructor(seed: string, path: string) {
    this.#seed = seed;
    this.path = path;
    // The stream's own seed is the run seed plus its path: forks depend only on names.
    this.#prng = seedrandom.alea(`${seed}\u0000${path}`);
  }

  next(): number {
    return this.#prng.double();
  }

  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.#prng.double() * n);
  }

  exponential(mean: number): number {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.#prng.double());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.#prng.double() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  fork(name: string): Rng {
    if (name === '') throw new RangeError('a forked stream needs a non-empty name');
    return new AleaStream(this.#seed, `${this.path}/${name}`);
  }
}
