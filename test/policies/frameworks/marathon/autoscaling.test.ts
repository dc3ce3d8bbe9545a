import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoscaleSchema,
  desiredInstances,
  type AutoscalePolicy,
} from '../../../../src/policies/frameworks/marathon/autoscaling.ts';

const policy: AutoscalePolicy = { targetUtilization: 0.8, minInstances: 2, maxInstances: 10, cooldownSeconds: 60 };

describe('desiredInstances', () => {
  it('rounds demand / (rpsPerInstance × target) up', () => {
    // 500 / (100 × 0.8) = 6.25 → 7 (6 would run at 500 / 600 ≈ 0.83 > 0.8).
    expect(desiredInstances(policy, 500, 100, 3, 600)).toBe(7);
    // 480 / 80 = 6 exactly: 6 instances run at 480 / 600 = 0.8, which is allowed.
    expect(desiredInstances(policy, 480, 100, 3, 600)).toBe(6);
  });

  it('clamps to [minInstances, maxInstances]', () => {
    expect(desiredInstances(policy, 1000, 100, 3, 600)).toBe(10); // 1000 / 80 = 12.5 → 13 → max 10
    expect(desiredInstances(policy, 50, 100, 3, 600)).toBe(2); // 50 / 80 = 0.625 → 1 → min 2
    expect(desiredInstances(policy, 0, 100, 3, 600)).toBe(2); // no demand → min 2
  });

  it('keeps the current count while cooling down (cooldown 60 s: 59 s keeps, 60 s changes)', () => {
    expect(desiredInstances(policy, 1000, 100, 3, 59)).toBe(3);
    expect(desiredInstances(policy, 1000, 100, 3, 60)).toBe(10);
  });

  it('ignores floating-point noise: 70 rps at 10 per instance and 0.7 needs 10, not 11', () => {
    // 10 × 0.7 = 7.000000000000001 in floating point; 70 / 7 = 10 exactly on paper.
    expect(desiredInstances({ ...policy, targetUtilization: 0.7, maxInstances: 100 }, 70, 10, 1, 600)).toBe(10);
  });

  it('rejects a non-positive per-instance capacity or negative demand', () => {
    expect(() => desiredInstances(policy, 10, 0, 3, 600)).toThrow(/rpsPerInstance/);
    expect(() => desiredInstances(policy, -1, 10, 3, 600)).toThrow(/demandRps/);
  });

  it('returns the fewest instances within target, unless a bound decides (property)', () => {
    const arb = fc.record({
      targetPct: fc.integer({ min: 1, max: 100 }),
      min: fc.integer({ min: 0, max: 20 }),
      extra: fc.integer({ min: 0, max: 50 }),
      demand: fc.integer({ min: 0, max: 100_000 }),
      rps: fc.integer({ min: 1, max: 1_000 }),
    });
    fc.assert(
      fc.property(arb, ({ targetPct, min, extra, demand, rps }) => {
        const p: AutoscalePolicy = {
          targetUtilization: targetPct / 100,
          minInstances: min,
          maxInstances: Math.max(1, min + extra),
          cooldownSeconds: 0,
        };
        const n = desiredInstances(p, demand, rps, 0, 0);
        expect(n).toBeGreaterThanOrEqual(p.minInstances);
        expect(n).toBeLessThanOrEqual(p.maxInstances);
        // In integers: utilization ≤ target ⇔ demand × 100 ≤ n × rps × targetPct.
        const within = (k: number): boolean => demand * 100 <= k * rps * targetPct;
        if (n < p.maxInstances) expect(within(n)).toBe(true);
        if (n > p.minInstances) expect(within(n - 1)).toBe(false);
      }),
      { seed: 31, numRuns: 500 },
    );
  });
});

describe('autoscaleSchema', () => {
  it('requires maxInstances and fills the other defaults', () => {
    expect(autoscaleSchema.parse({ maxInstances: 20 })).toEqual({
      targetUtilization: 0.7,
      minInstances: 1,
      maxInstances: 20,
      cooldownSeconds: 300,
    });
    expect(autoscaleSchema.safeParse({}).error?.issues[0]?.message).toContain('maxInstances (required)');
  });

  it('explains bad values', () => {
    const messages = (input: unknown): string =>
      autoscaleSchema
        .safeParse(input)
        .error?.issues.map((i) => i.message)
        .join('\n') ?? '';
    expect(messages({ maxInstances: 5, minInstances: 6 })).toContain('maxInstances must be ≥ minInstances');
    expect(messages({ maxInstances: 5, targetUtilization: 0 })).toContain('targetUtilization must be > 0');
    expect(messages({ maxInstances: 5, targetUtilization: 1.2 })).toContain('targetUtilization must be ≤ 1');
    expect(messages({ maxInstances: 2.5 })).toContain('maxInstances must be a whole number');
  });
});
