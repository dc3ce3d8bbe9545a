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

/** 2^-32 and 2^-53, the scales of Alea's 32-bit and 53-bit outputs. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;

class AleaStream implements Rng {
  readonly path: string;
  readonly #seed: string;
  /**
   * Alea's state (s0, s1, s2, carry), stepped here with the same arithmetic as seedrandom's
   * `alea().double()`, so every number is bit-identical to it; a typed array keeps the four
   * doubles unboxed and the draw free of allocation and closure calls.
   */
  readonly #state: Float64Array;

  constructor(seed: string, path: string) {
    this.#seed = seed;
    this.path = path;
    // The stream's own seed is the run seed plus its path: forks depend only on names.
    // seedrandom runs Alea's seeding (the Mash hash); the stream continues from its state.
    const { s0, s1, s2, c } = seedrandom.alea(`${seed}\u0000${path}`, { state: true }).state();
    this.#state = Float64Array.of(s0, s1, s2, c);
  }

  /** One Alea step: a uniform number in [0, 1) with 32 bits of resolution. */
  #step(): number {
    const state = this.#state;
    const t = 2091639 * (state[0] as number) + (state[3] as number) * TWO_POW_MINUS_32;
    state[0] = state[1] as number;
    state[1] = state[2] as number;
    const carry = t | 0;
    state[3] = carry;
    return (state[2] = t - carry);
  }

  /** seedrandom's `double()`: two steps combined into 53 bits. */
  #double(): number {
    const high = this.#step();
    return high + ((this.#step() * 0x200000) | 0) * TWO_POW_MINUS_53;
  }

  next(): number {
    return this.#double();
  }

  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.#double() * n);
  }

  exponential(mean: number): number {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.#double());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.#double() * (i + 1));
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
