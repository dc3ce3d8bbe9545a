import { describe, it, expect } from 'vitest';
import { createRandomSorter, weightedShuffle } from '../../../src/policies/sorters/randomSorter.ts';
import type { Sorter } from '../../../src/core/plugins/sorter.ts';

function randomSorter(seed: number | string, clients: readonly string[], weights: Record<string, number> = {}): Sorter {
  const sorter = createRandomSorter({ seed });
  sorter.addAgent('agent1', { cpus: 10 });
  for (const c of clients) {
    sorter.add(c);
    sorter.activate(c);
  }
  for (const [path, w] of Object.entries(weights)) sorter.updateWeight(path, w);
  return sorter;
}

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
function chiSquare(
  observed: ReadonlyMap<string, number>,
  expected: Readonly<Record<string, number>>,
  n: number,
): number {
  let stat = 0;
  for (const [key, p] of Object.entries(expected)) stat += ((observed.get(key) ?? 0) - n * p) ** 2 / (n * p);
  return stat;
}

describe('weightedShuffle', () => {
  it('orders by descending key u^(1/w), keeping input order on equal keys', () => {
    const draws = [0.5, 0.25, 0.9];
    let i = 0;
    // keys: a 0.5^(1/1) = 0.5, b 0.25^(1/2) = 0.5, c 0.9^(1/4) ≈ 0.974: c first, then a before b.
    expect(weightedShuffle(['a', 'b', 'c'], [1, 2, 4], () => draws[i++] ?? 0)).toEqual(['c', 'a', 'b']);
  });

  it('rejects bad weights', () => {
    expect(() => weightedShuffle(['a'], [0], () => 0.5)).toThrow(/finite number > 0/);
    expect(() => weightedShuffle(['a'], [Number.NaN], () => 0.5)).toThrow(/finite number > 0/);
    expect(() => weightedShuffle(['a', 'b'], [1], () => 0.5)).toThrow(/2 items but 1 weights/);
  });
});

describe('random sorter', () => {
  it('gives the same sequence of orders for the same seed, and a different one for another seed', () => {
    const clients = ['a', 'b', 'c', 'd', 'e'];
    const run = (seed: number | string): string[][] => {
      const sorter = randomSorter(seed, clients, { c: 2 });
      return Array.from({ length: 20 }, () => sorter.sort());
    };
    expect(run(42)).toEqual(run(42));
    expect(run('42')).toEqual(run(42)); // the seed is used as a string
    // 20 orders of 5 clients all equal by chance: probability far below 1e-20.
    expect(run(43)).not.toEqual(run(42));
  });

  it('draws whole orders with the weighted-sampling probabilities (chi-square over 6000 fixed seeds)', () => {
    // Weights a:1, b:2, c:3 (sum 6). Sampling without replacement, proportional to weight:
    // P(cba) = 3/6·2/3 = 1/3, P(cab) = 3/6·1/3 = 1/6, P(bca) = 2/6·3/4 = 1/4,
    // P(bac) = 2/6·1/4 = 1/12, P(acb) = 1/6·3/5 = 1/10, P(abc) = 1/6·2/5 = 1/15 (sum 1).
    const expected = { cba: 1 / 3, cab: 1 / 6, bca: 1 / 4, bac: 1 / 12, acb: 1 / 10, abc: 1 / 15 };
    const n = 6000;
    const observed = new Map<string, number>();
    for (let seed = 0; seed < n; seed++) {
      const key = randomSorter(seed, ['a', 'b', 'c'], { a: 1, b: 2, c: 3 }).sort().join('');
      observed.set(key, (observed.get(key) ?? 0) + 1);
    }
    // 5 degrees of freedom: P(χ² > 20.52) = 0.001. A uniform shuffle would give χ² ≈ 1500.
    expect(chiSquare(observed, expected, n)).toBeLessThan(20.52);
  });

  it('reshuffles on every sort(), with first-place frequencies following the weights', () => {
    // One sorter, 4000 successive sorts: P(b first) = 3/4 with weights a:1, b:3.
    // Binomial sd = sqrt(4000·3/4·1/4) ≈ 27.4; allow 4 sd.
    const sorter = randomSorter(7, ['a', 'b'], { b: 3 });
    let bFirst = 0;
    for (let i = 0; i < 4000; i++) if (sorter.sort()[0] === 'b') bFirst++;
    expect(Math.abs(bFirst - 3000)).toBeLessThan(4 * 27.4);
  });

  it('shuffles all leaves once, each weighted by its relative weights down the tree (as Mesos does)', () => {
    // eng (weight 3) holds eng/a and eng/b; ops (weight 1) holds ops/x. Leaf weights: eng/a 3/8,
    // eng/b 3/8, ops/x 1/4. P(ops/x first) = 1/4, so P(eng first) = 3/4 (sd over 4000 seeds ≈ 27.4);
    // P(ops/x second) = 2 · 3/8 · (1/4)/(5/8) = 0.3 (sd ≈ 29.0): a subtree need not stay together;
    // P(eng/a before eng/b) = 1/2 (sd ≈ 31.6).
    let engFirst = 0;
    let opsSecond = 0;
    let aBeforeB = 0;
    for (let seed = 0; seed < 4000; seed++) {
      const order = randomSorter(seed, ['eng/a', 'eng/b', 'ops/x'], { eng: 3 }).sort();
      expect([...order].sort()).toEqual(['eng/a', 'eng/b', 'ops/x']);
      if (order[0] !== 'ops/x') engFirst++;
      if (order[1] === 'ops/x') opsSecond++;
      if (order.indexOf('eng/a') < order.indexOf('eng/b')) aBeforeB++;
    }
    expect(Math.abs(engFirst - 3000)).toBeLessThan(4 * 27.4);
    expect(Math.abs(opsSecond - 1200)).toBeLessThan(4 * 29.0);
    expect(Math.abs(aBeforeB - 2000)).toBeLessThan(4 * 31.6);
  });

  it('lists a client and its virtual leaf inside one subtree, and never an inactive client', () => {
    const sorter = randomSorter(1, ['a', 'a/c', 'b']);
    sorter.deactivate('b');
    for (let i = 0; i < 50; i++) expect([...sorter.sort()].sort()).toEqual(['a', 'a/c']);
  });

  it('computes no share but tracks allocations', () => {
    const sorter = randomSorter(1, ['a']);
    sorter.allocated('a', 'agent1', { cpus: 5 });
    expect(sorter.share('a')).toBe(0);
    expect(sorter.allocation('a').get('agent1')).toEqual({ cpus: 5 });
    expect(() => sorter.unallocated('a', 'agent1', { cpus: 6 })).toThrow(/holds only cpus:5/);
    expect(() => sorter.share('zz')).toThrow(/unknown client/);
  });

  it('contains its clients (not the internal nodes), active or not, and counts them', () => {
    const sorter = randomSorter(1, ['a/b', 'a/c', 'd']);
    sorter.deactivate('d');
    expect(['a', 'a/b', 'a/c', 'd'].map((c) => sorter.contains(c))).toEqual([false, true, true, true]);
    expect(sorter.count()).toBe(3);
    sorter.remove('a/b');
    expect([sorter.contains('a/b'), sorter.count()]).toEqual([false, 2]);
  });
});
