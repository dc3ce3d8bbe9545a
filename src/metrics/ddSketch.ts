/**
 * A quantile sketch with a relative-accuracy guarantee (DDSketch, Masson, Rim and Lee, VLDB 2019):
 * memory independent of the number of values, and every quantile estimate within a relative
 * error `α` of the exact one (for values of magnitude at least 2^-1022, the smallest normal double:
 * below it doubles are too sparse to stand within `α` of each other).
 *
 * A positive value `x` is counted in bucket `k = ⌈log_γ x⌉` with `γ = (1 + α) / (1 − α)`, which
 * holds the values in `(γ^(k−1), γ^k]`; the bucket stands for `2γ^k / (γ + 1)`, within `α` of every
 * value in it. Negative values are counted the same way by magnitude, zeros apart. The buckets are
 * a dense array over the keys seen, so memory is bounded by the span of magnitudes: at most about
 * 1,455 / ln γ buckets over the whole double range (≈ 73,000 for α = 1 %), about 1,400 for values
 * from a microsecond to a year.
 * @module
 */

/** Counts per bucket key, as a dense array over the keys seen so far. */
class DenseStore {
  #counts = new Float64Array(0);
  /** Key of `#counts[0]`. */
  #offset = 0;
  total = 0;

  add(key: number): void {
    if (this.total === 0) {
      this.#counts = new Float64Array(64);
      this.#offset = key - 32;
    } else if (key < this.#offset || key >= this.#offset + this.#counts.length) this.#grow(key);
    (this.#counts[key - this.#offset] as number)++;
    this.total++;
  }

  /** The key holding the value of rank `rank` (0-based, ascending keys; `rank` < `total`). */
  keyAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i] as number;
      if (seen > rank) return i + this.#offset;
    }
    return this.#counts.length - 1 + this.#offset;
  }

  #grow(key: number): void {
    const low = Math.min(key, this.#offset);
    const high = Math.max(key + 1, this.#offset + this.#counts.length);
    // Double the span, with room on the side that grew.
    const length = Math.max(2 * this.#counts.length, high - low + 32);
    const offset = key < this.#offset ? high - length : low;
    const counts = new Float64Array(length);
    counts.set(this.#counts, this.#offset - offset);
    this.#counts = counts;
    this.#offset = offset;
  }
}

/**
 * Streaming quantiles within a relative error (see the module comment for the bucket rule).
 *
 * @example
 * ```ts
 * const sketch = new DDSketch(0.01);
 * for (let i = 1; i <= 1000; i++) sketch.add(i);
 * sketch.valueAtRank(499); // within 1 % of 500, the 500th smallest value
 * ```
 */
export class DDSketch {
  /** The relative error `α` of every estimate. */
  readonly relativeAccuracy: number;
  readonly #lnGamma: number;
  /** ln(2 / (γ + 1)): a bucket's value is exp(k ln γ + this), which cannot overflow before the end. */
  readonly #lnScale: number;
  readonly #positive = new DenseStore();
  readonly #negative = new DenseStore();
  #zeros = 0;

  /**
   * @param relativeAccuracy `α`, in (0, 1): every estimate is within `α × |value|` of the value.
   */
  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
      throw new RangeError(`relativeAccuracy must be in (0, 1); got ${relativeAccuracy}`);
    this.relativeAccuracy = relativeAccuracy;
    const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.#lnGamma = Math.log(gamma);
    this.#lnScale = Math.log(2 / (gamma + 1));
  }

  /** Values added so far. */
  get count(): number {
    return this.#negative.total + this.#zeros + this.#positive.total;
  }

  /** Counts `value` (a finite number). */
  add(value: number): void {
    if (value > 0) this.#positive.add(this.#key(value));
    else if (value < 0) this.#negative.add(this.#key(-value));
    else this.#zeros++;
  }

  /**
   * An estimate of the `rank`-th smallest value counted (0-based, `0 ≤ rank < count`), within the
   * relative error of the exact one; NaN when nothing was counted.
   */
  valueAtRank(rank: number): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const r = Math.min(Math.max(0, Math.floor(rank)), n - 1);
    const negatives = this.#negative.total;
    // Negatives in ascending order are their magnitudes' buckets in descending order.
    if (r < negatives) return -this.#value(this.#negative.keyAtRank(negatives - 1 - r));
    if (r < negatives + this.#zeros) return 0;
    return this.#value(this.#positive.keyAtRank(r - negatives - this.#zeros));
  }

  #key(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / this.#lnGamma);
  }

  #value(key: number): number {
    // Past the largest double only for a value within α of it: the largest double is closer still.
    return Math.min(Number.MAX_VALUE, Math.exp(key * this.#lnGamma + this.#lnScale));
  }
}
