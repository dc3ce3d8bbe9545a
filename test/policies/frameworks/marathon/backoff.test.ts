import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  backoffSchema,
  launchDelaySeconds,
} from '../../../../src/policies/frameworks/marathon/backoff.ts';

describe('launchDelaySeconds', () => {
  it('is 0 before any failure', () => {
    expect(launchDelaySeconds(DEFAULT_BACKOFF, 0)).toBe(0);
  });

  it('acceptance: Marathon defaults give 1, 1.15, 1.3225, … up to a cap of exactly 3600 s', () => {
    // 1 × 1.15^(n-1): 1, 1.15, 1.3225, 1.520875, 1.74900625.
    const firstFive = [1, 2, 3, 4, 5].map((n) => launchDelaySeconds(DEFAULT_BACKOFF, n));
    [1, 1.15, 1.3225, 1.520875, 1.74900625].forEach((expected, i) => expect(firstFive[i]).toBeCloseTo(expected, 10));
    // ln 3600 / ln 1.15 ≈ 58.59: 1.15^58 ≈ 3314.93 < 3600 ≤ 1.15^59 ≈ 3812.17, so failure 59 is
    // the last below the cap and failure 60 hits it.
    expect(launchDelaySeconds(DEFAULT_BACKOFF, 59)).toBeCloseTo(3314.9329, 3);
    expect(launchDelaySeconds(DEFAULT_BACKOFF, 60)).toBe(3600);
    for (const n of [61, 100, 1_000, 100_000]) expect(launchDelaySeconds(DEFAULT_BACKOFF, n)).toBe(3600);
  });

  it('never decreases with more failures', () => {
    let previous = 0;
    for (let n = 0; n <= 60; n++) {
      const delay = launchDelaySeconds(DEFAULT_BACKOFF, n);
      expect(delay).toBeGreaterThanOrEqual(previous);
      previous = delay;
    }
  });

  it('follows a custom policy: 5 s doubling, capped at 60 s', () => {
    const policy = { backoffSeconds: 5, backoffFactor: 2, maxLaunchDelaySeconds: 60 };
    // 5, 10, 20, 40, then 80 → 60.
    expect([1, 2, 3, 4, 5, 6].map((n) => launchDelaySeconds(policy, n))).toEqual([5, 10, 20, 40, 60, 60]);
  });

  it('stays 0 with backoffSeconds 0 even when the factor overflows (no 0 × ∞ = NaN)', () => {
    expect(launchDelaySeconds({ backoffSeconds: 0, backoffFactor: 10, maxLaunchDelaySeconds: 300 }, 500)).toBe(0);
  });

  it('rejects negative or fractional failure counts', () => {
    expect(() => launchDelaySeconds(DEFAULT_BACKOFF, -1)).toThrow(RangeError);
    expect(() => launchDelaySeconds(DEFAULT_BACKOFF, 1.5)).toThrow(/whole number/);
  });
});

describe('backoffSchema', () => {
  it('fills Marathon defaults for missing fields', () => {
    expect(backoffSchema.parse({})).toEqual({ backoffSeconds: 1, backoffFactor: 1.15, maxLaunchDelaySeconds: 3600 });
    expect(backoffSchema.parse({ maxLaunchDelaySeconds: 300 })).toEqual({
      backoffSeconds: 1,
      backoffFactor: 1.15,
      maxLaunchDelaySeconds: 300,
    });
  });

  it('explains bad values and unknown fields', () => {
    const messages = (input: unknown): string =>
      backoffSchema
        .safeParse(input)
        .error?.issues.map((i) => i.message)
        .join('\n') ?? '';
    expect(messages({ backoffFactor: 0.5 })).toContain('backoffFactor must be ≥ 1');
    expect(messages({ backoffSeconds: -1 })).toContain('backoffSeconds must be ≥ 0');
    expect(messages({ maxLaunchDelay: 10 })).toContain('unknown field "maxLaunchDelay"');
  });
});
