import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/kernel/rng.ts';
import { arrivalProcess } from '../../src/workloads/arrivals.ts';

/**
 * Acceptance test of the day/night generators: over 30 simulated days, the arrivals counted per
 * hour of the day fit the profile (Pearson's chi-square), and visibly do not fit a flat one.
 */

const HOUR = 3_600e6;
const DAY = 24 * HOUR;
const DAYS = 30;
const MEAN_INTERVAL_SECONDS = 60;
/** The 0.999 quantile of chi-square with 23 degrees of freedom (scipy: chi2.ppf(0.999, 23) = 49.7282). */
const CHI2_23_999 = 49.73;

/** Arrivals per hour of the day over the first `DAYS` days. */
function hourlyCounts(spec: unknown, seed: number): number[] {
  const counts: number[] = Array.from({ length: 24 }, () => 0);
  const times = arrivalProcess.parse(spec)(createRng(seed));
  for (let next = times.next(); next.done !== true && next.value < DAYS * DAY; next = times.next()) {
    const hour = Math.floor((next.value % DAY) / HOUR);
    counts[hour] = (counts[hour] ?? 0) + 1;
  }
  return counts;
}

/**
 * Pearson's statistic of counts against expected counts rescaled to the observed total: the fit
 * of the shape, given the total, has 24 − 1 = 23 degrees of freedom.
 */
function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  const e = expected.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, o, h) => {
    const want = ((expected[h] as number) * n) / e;
    return sum + (o - want) ** 2 / want;
  }, 0);
}

/** ∫ of a sinusoid profile over [a, b] seconds (closed form), as in src/workloads/profiles.ts. */
function sinusoidIntegral(
  a: number,
  b: number,
  p: { peakSeconds: number; min: number; max: number; periodSeconds: number },
): number {
  const mid = (p.max + p.min) / 2;
  const amp = (p.max - p.min) / 2;
  const w = (2 * Math.PI) / p.periodSeconds;
  return mid * (b - a) + (amp / w) * (Math.sin(w * (b - p.peakSeconds)) - Math.sin(w * (a - p.peakSeconds)));
}

const SINUSOID = { peakSeconds: 14 * 3600, min: 0.15, max: 1, periodSeconds: 86_400 };
/** Expected arrivals per hour of the day over 30 days: the rate profile(t) / meanInterval integrated. */
const sinusoidExpected = Array.from(
  { length: 24 },
  (_, h) => (DAYS * sinusoidIntegral(h * 3600, (h + 1) * 3600, SINUSOID)) / MEAN_INTERVAL_SECONDS,
);

const HOURLY = [
  0.2, 0.15, 0.1, 0.1, 0.15, 0.2, 0.35, 0.55, 0.8, 0.9, 1, 1, 0.95, 0.9, 0.9, 0.85, 0.85, 0.9, 0.95, 0.9, 0.7, 0.5,
  0.35, 0.25,
];
const hourlyExpected = HOURLY.map((v) => (DAYS * v * 3600) / MEAN_INTERVAL_SECONDS);

const flat = Array.from({ length: 24 }, () => 1);

const cases = [
  {
    name: 'poisson × sinusoid (peak 14:00, 0.15–1)',
    spec: {
      process: 'poisson',
      meanInterval: `${MEAN_INTERVAL_SECONDS}s`,
      profile: { shape: 'sinusoid', peak: '14h', min: SINUSOID.min, max: SINUSOID.max },
    },
    expected: sinusoidExpected,
  },
  {
    name: 'poisson × hourly',
    spec: {
      process: 'poisson',
      meanInterval: `${MEAN_INTERVAL_SECONDS}s`,
      profile: { shape: 'hourly', values: HOURLY },
    },
    expected: hourlyExpected,
  },
  {
    // Exponential intervals make the renewal process Poisson, so the same test applies exactly (it
    // even draws the same times as the Poisson process at the same seed: see generators.test.ts).
    name: 'renewal (exponential intervals) × hourly',
    spec: {
      process: 'renewal',
      interval: { dist: 'exponential', mean: `${MEAN_INTERVAL_SECONDS}s` },
      profile: { shape: 'hourly', values: HOURLY },
    },
    expected: hourlyExpected,
  },
] as const;

describe('day/night arrivals over 30 days fit their profile (chi-square, 23 degrees of freedom)', () => {
  it('integrates the sinusoid in closed form (checked against a fine midpoint sum)', () => {
    const steps = 3600;
    for (const h of [0, 7, 14, 23]) {
      let sum = 0;
      for (let i = 0; i < steps; i++) {
        const t = h * 3600 + i + 0.5;
        sum +=
          SINUSOID.min +
          ((SINUSOID.max - SINUSOID.min) *
            (1 + Math.cos((2 * Math.PI * (t - SINUSOID.peakSeconds)) / SINUSOID.periodSeconds))) /
            2;
      }
      expect(sinusoidIntegral(h * 3600, (h + 1) * 3600, SINUSOID)).toBeCloseTo(sum, 6);
    }
  });

  it.each(cases)('$name: fits its profile at seeds 1, 2 and 3, and not a flat one', ({ spec, expected }) => {
    for (const seed of [1, 2, 3]) {
      const counts = hourlyCounts(spec, seed);
      // Enough per cell for the chi-square approximation (the smallest expects ~ 90).
      expect(Math.min(...expected)).toBeGreaterThan(50);
      expect(chiSquare(counts, expected), `seed ${seed}: ${counts.join(' ')}`).toBeLessThan(CHI2_23_999);
      // The test has teeth: the same counts are far from a flat day.
      expect(chiSquare(counts, flat)).toBeGreaterThan(CHI2_23_999);
      // And the total is the integrated rate (a Poisson count: within 4 standard deviations).
      const total = counts.reduce((a, b) => a + b, 0);
      const mean = expected.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
    }
  });

  it('rejects a profile shifted by a few hours (peak 11:00 against counts peaking at 14:00)', () => {
    const counts = hourlyCounts(cases[0].spec, 1);
    const shifted = Array.from({ length: 24 }, (_, h) => sinusoidExpected[(h + 3) % 24] as number);
    expect(chiSquare(counts, shifted)).toBeGreaterThan(CHI2_23_999);
  });
});
