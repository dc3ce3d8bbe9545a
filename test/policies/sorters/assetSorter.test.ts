import { describe, it, expect } from 'vitest';
import { assetShare, createAssetFairnessSorter } from '../../../src/policies/sorters/assetSorter.ts';
import { createDrfSorter } from '../../../src/policies/sorters/drfSorter.ts';
import type { Sorter } from '../../../src/core/plugins/sorter.ts';

function withClients(make: () => Sorter, total: Record<string, number>, clients: readonly string[]): Sorter {
  const sorter = make();
  sorter.addAgent('agent1', total);
  for (const c of clients) {
    sorter.add(c);
    sorter.activate(c);
  }
  return sorter;
}

describe('asset share', () => {
  it('sums the per-resource fractions', () => {
    // DRF paper example, one task of user A on <9 CPUs, 18 GB>: 1/9 + 4/18 = 1/3.
    expect(assetShare({ cpus: 1, mem: 4 }, ['cpus', 'mem'], [9, 18])).toBeCloseTo(1 / 3, 15);
    const sorter = withClients(createAssetFairnessSorter, { cpus: 9, mem: 18 }, ['B']);
    sorter.allocated('B', 'agent1', { cpus: 3, mem: 1 }); // 3/9 + 1/18 = 7/18
    expect(sorter.share('B')).toBeCloseTo(7 / 18, 15);
  });

  it('honours weights, excluded and unknown resources like the DRF sorter', () => {
    const sorter = createAssetFairnessSorter({ excludedResources: ['gpus'] });
    sorter.addAgent('agent1', { cpus: 10, mem: 10, gpus: 2 });
    sorter.add('x');
    sorter.updateWeight('x', 2);
    sorter.allocated('x', 'agent1', { cpus: 2, mem: 4, gpus: 2, disk: 5 }); // (0.2 + 0.4) / 2; gpus, disk ignored
    expect(sorter.share('x')).toBeCloseTo(0.3, 15);
  });
});

describe('asset-fairness order', () => {
  it('can disagree with DRF: sum instead of max', () => {
    // On <10 cpus, 10 mem>: x holds <5, 0> (max 0.5, sum 0.5), y holds <3, 3> (max 0.3, sum 0.6).
    const orders = [createDrfSorter, createAssetFairnessSorter].map((make) => {
      const sorter = withClients(make, { cpus: 10, mem: 10 }, ['x', 'y']);
      sorter.allocated('x', 'agent1', { cpus: 5 });
      sorter.allocated('y', 'agent1', { cpus: 3, mem: 3 });
      return sorter.sort();
    });
    expect(orders).toEqual([
      ['y', 'x'],
      ['x', 'y'],
    ]);
  });

  it('uses the same tie-breaks: count, then path bytes', () => {
    const sorter = withClients(createAssetFairnessSorter, { cpus: 10 }, ['framework2', 'framework10', 'z']);
    sorter.allocated('z', 'agent1', {}); // share 0, count 1
    expect(sorter.sort()).toEqual(['framework10', 'framework2', 'z']);
  });

  it('orders siblings by the summed share of their subtrees', () => {
    // On <10, 10>: eng/a <2, 0>, eng/b <0, 2>, ops/x <3, 0>.
    // Asset: eng = 0.2 + 0.2 = 0.4 > ops 0.3. DRF: eng = max(0.2, 0.2) = 0.2 < 0.3.
    const orders = [createAssetFairnessSorter, createDrfSorter].map((make) => {
      const sorter = withClients(make, { cpus: 10, mem: 10 }, ['eng/a', 'eng/b', 'ops/x']);
      sorter.allocated('eng/a', 'agent1', { cpus: 2 });
      sorter.allocated('eng/b', 'agent1', { mem: 2 });
      sorter.allocated('ops/x', 'agent1', { cpus: 3 });
      return sorter.sort();
    });
    expect(orders).toEqual([
      ['ops/x', 'eng/a', 'eng/b'],
      ['eng/a', 'eng/b', 'ops/x'],
    ]);
  });

  it('keeps the virtual leaf semantics', () => {
    const sorter = withClients(createAssetFairnessSorter, { cpus: 10, mem: 10 }, ['a', 'a/c']);
    sorter.updateWeight('a', 4);
    sorter.allocated('a', 'agent1', { cpus: 1, mem: 1 }); // "a/.": weight 1, 0.1 + 0.1 = 0.2
    expect(sorter.share('a')).toBeCloseTo(0.2, 15);
    expect(sorter.sort()).toEqual(['a/c', 'a']);
  });
});
