import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuShares, grantCpus, speedOf, type CpuClaim, type CpuSharing } from '../../../src/core/cluster/cpuSharing.ts';

const hog: CpuClaim = { allocated: 1, demand: 3 };

describe('cpu.shares (the default)', () => {
  it('lets a hog use idle CPU while its neighbour still gets its full demand', () => {
    // 4 cpus, two 1-cpu tasks: demands 3 + 1 = 4 fit, so nobody is cut back.
    expect(grantCpus(4, [hog, { allocated: 1, demand: 1 }], 'shares')).toEqual([3, 1]);
  });

  it('splits a full machine in proportion to the allocations', () => {
    // 4 cpus, allocations 1 and 3 (shares 1024 : 3072), both wanting 4: 1 and 3.
    expect(
      grantCpus(
        4,
        [
          { allocated: 1, demand: 4 },
          { allocated: 3, demand: 4 },
        ],
        'shares',
      ),
    ).toEqual([1, 3]);
    // Equal allocations, both wanting 3 of 4: 2 each — the neighbour is slowed to 2/3.
    const granted = grantCpus(4, [hog, { allocated: 1, demand: 3 }], 'shares');
    expect(granted).toEqual([2, 2]);
    expect(speedOf({ allocated: 1, demand: 3 }, granted[1] as number)).toBeCloseTo(2 / 3, 12);
  });

  it('gives what a task below its share leaves to the others (water-filling)', () => {
    // 4 cpus, three 1-cpu tasks wanting 0.5, 3 and 3: the small one takes 0.5, the 3.5 left are
    // split 1 : 1 between the two others.
    expect(grantCpus(4, [{ allocated: 1, demand: 0.5 }, hog, hog], 'shares')).toEqual([0.5, 1.75, 1.75]);
  });

  it('uses Mesos’s share values: 1024 per cpu, at least 2', () => {
    expect([cpuShares(1), cpuShares(0.25), cpuShares(0.001), cpuShares(0)]).toEqual([1024, 256, 2, 2]);
  });
});

describe('a CFS quota', () => {
  it('caps a hog at its allocation even on an idle machine', () => {
    expect(grantCpus(4, [hog, { allocated: 1, demand: 1 }], 'cfs')).toEqual([1, 1]);
    expect(speedOf(hog, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('leaves a task within its allocation alone', () => {
    expect(grantCpus(4, [{ allocated: 2, demand: 1.5 }], 'cfs')).toEqual([1.5]);
  });
});

describe('no CPU isolation', () => {
  it('slows every task by capacity ÷ demand on an oversubscribed machine', () => {
    // 2 + 1 + 1 + 1 = 5 cpus wanted on 4: every task gets 4/5 of what it wants.
    const granted = grantCpus(4, [{ allocated: 1, demand: 2 }, ...Array(3).fill({ allocated: 1, demand: 1 })], 'none');
    expect(granted.map((g) => Math.round(g * 1e9) / 1e9)).toEqual([1.6, 0.8, 0.8, 0.8]);
  });
});

describe('grantCpus, against a naive reference', () => {
  /** Raises a common level in small steps: each task gets min(limit, level × weight). */
  const reference = (capacity: number, claims: readonly CpuClaim[], sharing: CpuSharing): number[] => {
    const limits = claims.map((c) => Math.min(c.demand, sharing === 'cfs' ? Math.max(c.allocated, 0.01) : Infinity));
    const weights = claims.map((c, i) => (sharing === 'none' ? (limits[i] as number) : cpuShares(c.allocated)));
    const at = (level: number) => limits.map((l, i) => Math.min(l, level * (weights[i] as number)));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    if (sum(limits) <= capacity) return limits;
    let lo = 0;
    let hi = 1;
    while (sum(at(hi)) < capacity) hi *= 2;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (sum(at(mid)) < capacity) lo = mid;
      else hi = mid;
    }
    return at(hi);
  };
  const claim = fc.record({
    allocated: fc.integer({ min: 0, max: 16 }).map((n) => n / 4),
    demand: fc.integer({ min: 0, max: 32 }).map((n) => n / 4),
  });

  it('matches the reference, never exceeds the machine nor a demand, and is cut only on a full machine', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.array(claim, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<CpuSharing>('shares', 'cfs', 'none'),
        (capacity, claims, sharing) => {
          const granted = grantCpus(capacity, claims, sharing);
          const expected = reference(capacity, claims, sharing);
          granted.forEach((g, i) => {
            expect(g).toBeCloseTo(expected[i] as number, 6);
            expect(g).toBeLessThanOrEqual((claims[i] as CpuClaim).demand + 1e-9);
          });
          const total = granted.reduce((a, b) => a + b, 0);
          expect(total).toBeLessThanOrEqual(capacity + 1e-9);
          const cut = granted.some(
            (g, i) =>
              g <
              Math.min(
                (claims[i] as CpuClaim).demand,
                sharing === 'cfs' ? Math.max((claims[i] as CpuClaim).allocated, 0.01) : Infinity,
              ) -
                1e-9,
          );
          if (cut) expect(total).toBeCloseTo(capacity, 6);
        },
      ),
      { seed: 1207, numRuns: 300 },
    );
  });
});

describe('revocable tasks', () => {
  it('get 10 shares per CPU, so a regular task takes the CPU back from them on a full machine', () => {
    expect(cpuShares(4, true)).toBe(40);
    expect(cpuShares(0.1, true)).toBe(2);
    // 4 cpus, a regular 1-cpu task wanting 3 and a revocable 1-cpu task wanting 3: weights 1024
    // and 10; water-filling gives the regular task its 3, the revocable one the 1 left.
    expect(
      grantCpus(
        4,
        [
          { allocated: 1, demand: 3 },
          { allocated: 1, demand: 3, revocable: true },
        ],
        'shares',
      ),
    ).toEqual([3, 1]);
    // Both regular: an even split.
    expect(
      grantCpus(
        4,
        [
          { allocated: 1, demand: 3 },
          { allocated: 1, demand: 3 },
        ],
        'shares',
      ),
    ).toEqual([2, 2]);
  });
});
