import { describe, expect, it } from 'vitest';
import { capacitySentence, findCapacity } from '../../src/compare/capacity/findCapacity.ts';
import { smallestMeeting } from '../../src/compare/capacity/search.ts';
import type { CapacityReport } from '../../src/compare/comparisonReport.ts';

async function traced(
  start: number,
  min: number,
  max: number,
  needed: number,
): Promise<{ found: number | null; tried: number[] }> {
  const tried: number[] = [];
  const found = await smallestMeeting(start, min, max, (n) => {
    tried.push(n);
    return n >= needed;
  });
  return { found, tried };
}

describe('smallestMeeting', () => {
  it('bisects below the start when the start meets', async () => {
    expect(await traced(20, 1, 320, 14)).toEqual({ found: 14, tried: [20, 10, 15, 12, 13, 14] });
  });

  it('doubles from the start until met, then bisects between the last failure and the first success', async () => {
    expect(await traced(20, 1, 320, 53)).toEqual({ found: 53, tried: [20, 40, 80, 60, 50, 55, 52, 53] });
  });

  it('finds the bounds themselves and gives null when the largest size fails', async () => {
    expect((await traced(20, 1, 320, 1)).found).toBe(1);
    expect((await traced(20, 1, 320, 320)).found).toBe(320);
    expect(await traced(20, 1, 320, 321)).toEqual({ found: null, tried: [20, 40, 80, 160, 320] });
    expect((await traced(5, 3, 100, 0)).found).toBe(3);
  });

  it('never tries a size twice', async () => {
    for (let needed = 1; needed <= 70; needed++) {
      const { found, tried } = await traced(9, 1, 64, needed);
      expect(new Set(tried).size).toBe(tried.length);
      expect(found).toBe(needed <= 64 ? needed : null);
    }
  });
});

describe('findCapacity', () => {
  it('measures each size once per variant and reports the steps in machine order', async () => {
    const calls: string[] = [];
    const report = await findCapacity({
      objective: 'maxWait<1s',
      clauses: [{ metric: 'maxWait', op: '<', value: 1, text: 'maxWait<1s' }],
      variants: ['static', 'shared'],
      scenarioMachines: { static: 8, shared: 8 },
      measure: (variant, n) => {
        calls.push(`${variant}@${n}`);
        const needed = variant === 'static' ? 8 : 5;
        const wait = n >= needed ? 0 : 60;
        return {
          metrics: { maxWait: { n: 1, mean: wait, sd: 0, halfWidth: null, low: wait, high: wait } },
          problem: null,
        };
      },
    });
    expect(report.variants['static']?.machines).toBe(8);
    expect(report.variants['shared']?.machines).toBe(5);
    expect(report.variants['shared']?.searchedUpTo).toBe(128);
    expect(report.variants['shared']?.steps.map((s) => [s.machines, s.meets])).toEqual([
      [4, false],
      [5, true],
      [6, true],
      [8, true],
    ]); // 8 meets; bisect 4 ✗, 6 ✓, 5 ✓
    expect(new Set(calls).size).toBe(calls.length);
  });

  it('says who needs how many machines and what sharing saves or costs', () => {
    const report = (a: number | null, b: number | null): CapacityReport => ({
      objective: 'p95Wait<60s',
      clauses: [],
      rule: 'mean',
      variants: {
        static: { machines: a, scenarioMachines: 20, searchedUpTo: 320, steps: [] },
        shared: { machines: b, scenarioMachines: 20, searchedUpTo: 320, steps: [] },
      },
    });
    expect(capacitySentence('static', 'shared', report(20, 14))).toBe(
      'static needs 20 machines, shared needs 14: shared saves 6 (30%)',
    );
    expect(capacitySentence('static', 'shared', report(10, 12))).toBe(
      'static needs 10 machines, shared needs 12: shared needs 2 more (20%)',
    );
    expect(capacitySentence('static', 'shared', report(1, 1))).toBe('static needs 1 machine, shared needs 1: the same');
    expect(capacitySentence('static', 'shared', report(null, 14))).toBe(
      'static does not meet p95Wait<60s with up to 320 machines, shared needs 14 machines',
    );
  });
});
