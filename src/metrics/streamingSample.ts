import { DDSketch } from './ddSketch.ts';
import { percentilesSorted, summarizeSorted, type SampleSummary } from './summary.ts';

/**
 * Values a sample keeps exactly before it switches to a sketch (per sample, 8 MiB of doubles).
 *
 * @example
 * ```ts
 * DEFAULT_EXACT_SAMPLES; // 1048576
 * ```
 */
export const DEFAULT_EXACT_SAMPLES = 2 ** 20;

/**
 * Relative error of the quantiles of a sample past its exact values (1 %).
 *
 * @example
 * ```ts
 * new StreamingSample({ exactSamples: 0 }).summary(); // relativeError appears once a value is added: 0.01
 * ```
 */
export const DEFAULT_RELATIVE_ERROR = 0.01;

/**
 * Options of {@link StreamingSample}.
 *
 * @example
 * ```ts
 * const options: StreamingSampleOptions = { exactSamples: 1000, relativeError: 0.005 };
 * ```
 */
export interface StreamingSampleOptions {
  /** Values kept exactly (default {@link DEFAULT_EXACT_SAMPLES}); past this, quantiles come from a sketch. */
  readonly exactSamples?: number;
  /** Relative error of the sketch's quantiles (default {@link DEFAULT_RELATIVE_ERROR}). */
  readonly relativeError?: number;
}

/**
 * A sample whose memory does not grow with its size. Up to `exactSamples` values it keeps them all
 * and its summary and quantiles are exactly those of {@link summarizeSorted} and
 * {@link percentilesSorted}. Past that it folds them into a {@link DDSketch}: count, minimum and
 * maximum stay exact, the mean is the running sum ÷ count (exact up to rounding), and every
 * quantile (type 7, interpolated between the estimates of its two closest ranks) is within
 * `relativeError` of the exact one for a sample of non-negative values; the summary then says
 * `approximate: true` and its `relativeError`.
 *
 * @example
 * ```ts
 * const waits = new StreamingSample();
 * waits.add(0.5); waits.add(1); waits.add(4);
 * waits.summary().p50; // 1, as summarize([0.5, 1, 4])
 * ```
 */
export class StreamingSample {
  readonly #exactSamples: number;
  readonly #relativeError: number;
  /** The values while they are kept exactly; undefined once folded into the sketch. */
  #values: Float64Array | undefined = new Float64Array(0);
  #sketch: DDSketch | undefined;
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  constructor(options: StreamingSampleOptions = {}) {
    const exact = options.exactSamples ?? DEFAULT_EXACT_SAMPLES;
    if (!(Number.isSafeInteger(exact) && exact >= 0))
      throw new RangeError(`exactSamples must be a whole number ≥ 0; got ${exact}`);
    this.#exactSamples = exact;
    this.#relativeError = options.relativeError ?? DEFAULT_RELATIVE_ERROR;
    if (exact === 0) this.#fold();
  }

  /** Values added. */
  get count(): number {
    return this.#count;
  }

  /** True once the sample grew past its exact values. */
  get approximate(): boolean {
    return this.#sketch !== undefined;
  }

  /** Adds one finite value. */
  add(value: number): void {
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    const values = this.#values;
    if (values === undefined) {
      this.#count++;
      (this.#sketch as DDSketch).add(value);
      return;
    }
    if (this.#count === values.length) {
      if (this.#count === this.#exactSamples) {
        this.#fold();
        this.#count++;
        (this.#sketch as DDSketch).add(value);
        return;
      }
      const grown = new Float64Array(Math.min(this.#exactSamples, Math.max(1024, 2 * values.length)));
      grown.set(values);
      this.#values = grown;
    }
    (this.#values as Float64Array)[this.#count++] = value;
  }

  /** Count, mean, p50, p95, p99 and max (see the class comment for when they are approximate). */
  summary(): SampleSummary {
    if (this.#values !== undefined || this.#count === 0) return summarizeSorted(this.#sorted(this.#values));
    return {
      count: this.#count,
      approximate: true,
      relativeError: this.#relativeError,
      mean: this.#sum / this.#count,
      p50: this.#quantile(0.5),
      p95: this.#quantile(0.95),
      p99: this.#quantile(0.99),
      max: this.#max,
    };
  }

  /** The quantiles at 0 %, 1 %, …, 100 % (101 values); [] when empty. */
  quantiles(): number[] {
    if (this.#values !== undefined || this.#count === 0) return percentilesSorted(this.#sorted(this.#values));
    return Array.from({ length: 101 }, (_, i) => this.#quantile(i / 100));
  }

  #sorted(values: Float64Array | undefined): Float64Array {
    return values === undefined ? new Float64Array(0) : values.slice(0, this.#count).sort();
  }

  #fold(): void {
    const sketch = new DDSketch(this.#relativeError);
    const values = this.#values ?? new Float64Array(0);
    for (let i = 0; i < this.#count; i++) sketch.add(values[i] as number);
    this.#sketch = sketch;
    this.#values = undefined;
  }

  /** Type-7 quantile over the sketch's estimates of the two closest ranks (count ≥ 1). */
  #quantile(p: number): number {
    const h = (this.#count - 1) * p;
    const lo = Math.floor(h);
    const a = this.#valueAtRank(lo);
    const b = this.#valueAtRank(Math.min(lo + 1, this.#count - 1));
    return a + (b - a) * (h - lo);
  }

  /** The estimate of the rank-th smallest value, clamped to the exact minimum and maximum. */
  #valueAtRank(rank: number): number {
    if (rank === 0) return this.#min;
    if (rank === this.#count - 1) return this.#max;
    const estimate = (this.#sketch as DDSketch).valueAtRank(rank);
    return Math.min(this.#max, Math.max(this.#min, estimate));
  }
}
