/**
 * The reference figures of the M/M/c bench: the Erlang C formula for the mean wait in an M/M/c
 * queue, and a batch-means confidence interval for a simulated mean wait.
 * @module
 */

/**
 * Expected wait in the queue (Wq, in units of the mean service time) of an M/M/c queue with
 * `servers` servers at utilisation `load` = λ / (c μ) < 1, service rate μ = 1:
 * Wq = C(c, a) / (c μ − λ), with offered load a = λ / μ = c ρ and Erlang C
 * C(c, a) = (aᶜ / c!) / (1 − ρ) ÷ (Σ_{k<c} aᵏ / k! + (aᶜ / c!) / (1 − ρ)).
 *
 * @example
 * ```ts
 * erlangCWait(1, 0.5); // 1: M/M/1 at ρ = 0.5 waits ρ / (μ − λ) = 0.5 / 0.5
 * erlangCWait(10, 0.9); // 0.6687…
 * ```
 */
export function erlangCWait(servers: number, load: number): number {
  if (!(Number.isInteger(servers) && servers > 0) || !(load > 0 && load < 1)) {
    throw new RangeError(`erlangCWait needs servers ≥ 1 and 0 < load < 1, got ${servers}, ${load}`);
  }
  const offered = servers * load;
  let term = 1; // aᵏ / k!, from k = 0
  let below = 0; // Σ_{k<c} aᵏ / k!
  for (let k = 0; k < servers; k++) {
    below += term;
    term *= offered / (k + 1);
  }
  const queued = term / (1 - load);
  const probabilityOfWaiting = queued / (below + queued);
  return probabilityOfWaiting / (servers - offered);
}

/** Two-sided 97.5% quantiles of Student's t for 1…30 degrees of freedom (95% intervals). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** A mean with the half-width of its 95% confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  readonly halfWidth: number;
}

/**
 * The 95% batch-means confidence interval: the mean of the batch means ± t₀.₉₇₅(b − 1) · s / √b,
 * where s is their standard deviation and b (2…31) their count. Batches much longer than the
 * queue's correlation time are nearly independent, which is what the interval assumes.
 *
 * @example
 * ```ts
 * batchMeansInterval([1, 2, 3]); // { mean: 2, halfWidth: 4.303 · 1 / √3 ≈ 2.484 }
 * ```
 */
export function batchMeansInterval(batchMeans: readonly number[]): MeanInterval {
  const b = batchMeans.length;
  const t = T_975[b - 2];
  if (t === undefined) throw new RangeError(`batch means need 2 to ${T_975.length + 1} batches, got ${b}`);
  const mean = batchMeans.reduce((sum, x) => sum + x, 0) / b;
  const variance = batchMeans.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (b - 1);
  return { mean, halfWidth: (t * Math.sqrt(variance)) / Math.sqrt(b) };
}

/**
 * Means of `batches` consecutive, equally long batches of `values` (a remainder is dropped).
 *
 * @example
 * ```ts
 * batchMeans(new Float64Array([1, 3, 5, 7]), 2); // [2, 6]
 * ```
 */
export function batchMeans(values: ArrayLike<number>, batches: number): number[] {
  const size = Math.floor(values.length / batches);
  if (size === 0) throw new RangeError(`${values.length} values cannot fill ${batches} batches`);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += values[i] as number;
    means.push(sum / size);
  }
  return means;
}
