import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/kernel/rng.ts';

const draw = (n: number, next: () => number): number[] => Array.from({ length: n }, next);

describe('seeded random streams', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = draw(10, () => a.next());
    expect(sa).toEqual(draw(10, () => b.next()));
    expect(sa).not.toEqual(draw(10, () => c.next()));
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it("draws exactly seedrandom's Alea doubles for the stream's seed and path", () => {
    // seedrandom's own generator is the reference: the stream steps Alea itself, bit for bit.
    for (const [seed, name] of [
      [42, 'arrivals'],
      [7, 'workload/batch'],
      ['run-3', 'allocator'],
    ] as const) {
      const stream = createRng(seed).fork(name);
      const reference = seedrandom.alea(`${seed}\u0000root/${name}`);
      const n = 10_000;
      const ours = draw(n, () => stream.next());
      const theirs = draw(n, () => reference.double());
      expect(ours.length).toBe(n);
      expect(ours).toEqual(theirs);
      const mixed = createRng(seed);
      const mixedReference = seedrandom.alea(`${seed}\u0000root`);
      expect(mixed.int(1000)).toBe(Math.floor(mixedReference.double() * 1000));
      expect(mixed.exponential(3)).toBe(-3 * Math.log(1 - mixedReference.double()));
    }
  });

  it('forks depend on the name only, not on how much the parent was used', () => {
    const fresh = createRng(7).fork('workload/batch');
    const used = createRng(7);
    draw(1000, () => used.next());
    const late = used.fork('workload/batch');
    expect(draw(5, () => late.next())).toEqual(draw(5, () => fresh.next()));
    expect(late.path).toBe('root/workload/batch');
    const other = createRng(7).fork('workload/other');
    expect(draw(5, () => other.next())).not.toEqual(draw(5, () => createRng(7).fork('workload/batch').next()));
  });

  it('draws exponentials with the right mean and integers in range', () => {
    const rng = createRng(1);
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rng.exponential(5);
    // Standard error of the mean is 5/sqrt(n) ≈ 0.011; allow 5 of them.
    expect(Math.abs(sum / n - 5)).toBeLessThan(0.06);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.int(3)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = createRng(3).shuffle([...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
