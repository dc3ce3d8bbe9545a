/**
 * The growth exponent of a cost: the slope of log(cost) against log(size), fitted by least squares.
 * A cost that grows as size^k gives k; n log n gives slightly more than 1 over a decade.
 * @module
 */

/**
 * Fits cost ≈ c · size^k and returns k, or undefined with fewer than two distinct sizes.
 *
 * @example
 * ```ts
 * growthExponent([[1000, 2], [10000, 20]]); // 1
 * ```
 */
export function growthExponent(points: readonly (readonly [size: number, cost: number])[]): number | undefined {
  const xs = points.map(([size]) => Math.log(size));
  const ys = points.map(([, cost]) => Math.log(cost));
  const n = xs.length;
  if (n < 2) return undefined;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  return sxx === 0 ? undefined : sxy / sxx;
}

/**
 * The cost expected at `size` from measured points: the fitted power law through the largest
 * point, with `fallbackExponent` when there are too few points to fit.
 *
 * @example
 * ```ts
 * extrapolate([[1000, 30]], 10000, 2); // 3000
 * ```
 */
export function extrapolate(
  points: readonly (readonly [size: number, cost: number])[],
  size: number,
  fallbackExponent: number,
): number {
  const largest = [...points].sort((a, b) => b[0] - a[0])[0];
  if (largest === undefined) return Number.POSITIVE_INFINITY;
  const k = Math.max(growthExponent(points) ?? fallbackExponent, 1);
  return largest[1] * (size / largest[0]) ** k;
}
