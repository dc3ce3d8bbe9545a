import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/kernel/rng.ts';
import { DDSketch } from '../../src/metrics/ddSketch.ts';

/**
 * The sketch against exact order statistics: every rank's estimate is within the relative error
 * of the value of that rank in the sorted sample. The slack of 1e-12 covers the rounding of
 * `log` and `exp` for a value on a bucket's edge: γ^k is computed as exp(k ln γ), whose relative
 * error grows with |k ln γ| ≤ 745 (about 1e-13 at the ends of the double range).
 */
function expectEveryRankWithin(values: readonly number[], alpha: number): void {
  const sketch = new DDSketch(alpha);
  for (const v of values) sketch.add(v);
  const sorted = Float64Array.from(values).sort();
  expect(sketch.count).toBe(sorted.length);
  for (let rank = 0; rank < sorted.length; rank++) {
    const exact = sorted[rank] as number;
    const estimate = sketch.valueAtRank(rank);
    if (exact === 0) expect(estimate).toBe(0);
    else
      expect(Math.abs(estimate - exact) / Math.abs(exact), `rank ${rank} of ${exact}`).toBeLessThanOrEqual(
        alpha + 1e-12,
      );
  }
}

describe('DDSketch', () => {
  it('estimates every rank within α of the exact value, for any normal doubles of either sign, and 0 (fast-check)', () => {
    // Subnormal doubles (below 2^-1022) are too sparse to stand within α of each other: left out.
    const normal = fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((v) => v === 0 || Math.abs(v) >= 2 ** -1022);
    fc.assert(
      fc.property(
        fc.array(normal, { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.001, 0.01, 0.05),
        (values, alpha) => expectEveryRankWithin(values, alpha),
      ),
      { seed: 20261203, numRuns: 200 },
    );
  });

  it('holds on 200,000 seeded waits: many zeros, exponential bulk, log-normal tail spanning µs to days', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 200_000 }, (_, i) => {
      if (i % 5 === 0) return 0;
      if (i % 5 === 1) return Math.round(rng.exponential(2) * 1e6) / 1e6; // whole µs, as waits are
      return Math.exp(rng.next() * 26 - 13); // 2e-6 … 4e5
    });
    expect(values.filter((v) => v === 0).length).toBe(40_000);
    expectEveryRankWithin(values, 0.01);
  });

  it('uses a bucket per factor γ = (1 + α) / (1 − α): 1 % accuracy needs about 700 buckets per factor 10^6', () => {
    // Estimates of 1 and of γ^k: a value exactly on a bucket's upper edge is stood for by 2γ^k / (γ + 1).
    const alpha = 0.01;
    const gamma = (1 + alpha) / (1 - alpha);
    const sketch = new DDSketch(alpha);
    sketch.add(1);
    expect(sketch.valueAtRank(0)).toBeCloseTo(2 / (gamma + 1), 12);
    expect(Math.log(1e6) / Math.log(gamma)).toBeGreaterThan(690);
    expect(Math.log(1e6) / Math.log(gamma)).toBeLessThan(700);
  });

  it('is empty until a value is added, and refuses an accuracy outside (0, 1)', () => {
    expect(new DDSketch().valueAtRank(0)).toBeNaN();
    expect(() => new DDSketch(0)).toThrow(/relativeAccuracy must be in \(0, 1\); got 0/);
    expect(() => new DDSketch(1)).toThrow(/relativeAccuracy/);
  });
});
