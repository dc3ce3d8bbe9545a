import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/kernel/rng.ts';
import {
  intervalEstimate,
  mean,
  pairedDifferences,
  sampleSd,
  studentTQuantile,
  verdict,
} from '../../src/compare/statistics.ts';

describe('statistics', () => {
  it('mean and sample standard deviation (n − 1)', () => {
    expect(mean([1, 2, 6])).toBe(3);
    // Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; 32 / 7 = 4.571…
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBe(0);
  });

  it("Student's t quantiles match the tables", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.98, 3);
  });

  it('the 95% interval is mean ± t(0.975, n − 1)·sd/√n; one value gives a point, none gives null', () => {
    const e = intervalEstimate([1, 2, 3]);
    // sd = 1, t(0.975, 2) = 4.3027 ⇒ half-width 4.3027 / √3 = 2.4841
    expect(e?.mean).toBe(2);
    expect(e?.sd).toBe(1);
    expect(e?.halfWidth).toBeCloseTo(2.4841, 4);
    expect(e?.low).toBeCloseTo(2 - 2.4841, 4);
    expect(e?.high).toBeCloseTo(2 + 2.4841, 4);
    expect(intervalEstimate([7])).toEqual({ n: 1, mean: 7, sd: 0, halfWidth: null, low: 7, high: 7 });
    expect(intervalEstimate([])).toBeNull();
  });

  it('covers the true mean of normal samples about 95% of the time', () => {
    // 2000 intervals of 8 normal samples (Box–Muller on a seeded stream). The count of intervals that
    // cover is binomial(2000, 0.95): sd = √(2000 · 0.95 · 0.05) = 9.75, i.e. 0.49 points of coverage;
    // 0.93 … 0.97 is ± 4.1 sd, so a correct interval fails this with probability < 1e-4.
    const rng = createRng('coverage');
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const trueMean = 10;
    const repetitions = 2000;
    let covered = 0;
    for (let i = 0; i < repetitions; i++) {
      const sample = Array.from({ length: 8 }, () => trueMean + 3 * normal());
      const e = intervalEstimate(sample);
      if (e !== null && e.low <= trueMean && trueMean <= e.high) covered++;
    }
    expect(covered / repetitions).toBeGreaterThan(0.93);
    expect(covered / repetitions).toBeLessThan(0.97);
  });

  it('an interval with too few degrees of freedom would under-cover: the z interval misses more often', () => {
    // With n = 3, mean ± 1.96·sd/√n covers only about 80% (t(0.975, 2) = 4.30, not 1.96), so the
    // coverage test above really tells t from z.
    const rng = createRng('coverage-z');
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    let covered = 0;
    for (let i = 0; i < 2000; i++) {
      const sample = [normal(), normal(), normal()];
      const half = (1.96 * sampleSd(sample)) / Math.sqrt(3);
      if (Math.abs(mean(sample)) <= half) covered++;
    }
    expect(covered / 2000).toBeLessThan(0.85);
  });

  it('pairs values by key, skipping keys either side lacks', () => {
    expect(
      pairedDifferences(
        [
          [1, 10],
          [2, 20],
          [3, null],
          [4, 40],
        ],
        [
          [2, 25],
          [1, 11],
          [3, 30],
        ],
      ),
    ).toEqual([1, 5]);
  });

  it('verdicts follow the metric direction and need the interval to exclude 0', () => {
    const below = { n: 5, mean: -3, sd: 1, halfWidth: 1.24, low: -4.24, high: -1.76 };
    const above = { n: 5, mean: 3, sd: 1, halfWidth: 1.24, low: 1.76, high: 4.24 };
    const straddles = { n: 5, mean: 1, sd: 2, halfWidth: 2.48, low: -1.48, high: 3.48 };
    expect(verdict(below, 'lower')).toBe('better');
    expect(verdict(below, 'higher')).toBe('worse');
    expect(verdict(above, 'higher')).toBe('better');
    expect(verdict(above, 'lower')).toBe('worse');
    expect(verdict(straddles, 'lower')).toBe('within-noise');
    expect(verdict({ n: 1, mean: 5, sd: 0, halfWidth: null, low: 5, high: 5 }, 'higher')).toBe('within-noise');
    expect(verdict({ n: 4, mean: 0, sd: 0, halfWidth: 0, low: 0, high: 0 }, 'higher')).toBe('within-noise');
    expect(verdict(null, 'higher')).toBe('within-noise');
  });
});
