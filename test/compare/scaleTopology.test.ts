import { describe, expect, it } from 'vitest';
import { apportion } from '../../src/compare/capacity/apportion.ts';
import {
  machineCount,
  scaleAllocator,
  scaleScenarioInput,
  scaleTopology,
} from '../../src/compare/capacity/scaleTopology.ts';
import { resolveVariants } from '../../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { twoTeams } from './fixtures.ts';

describe('apportion (largest remainder)', () => {
  it('splits in proportion, remainders to the largest, ties to the earlier part', () => {
    expect(apportion([10, 10], 15)).toEqual([8, 7]); // quotas 7.5, 7.5: the tie goes to the first
    expect(apportion([6, 3, 1], 20)).toEqual([12, 6, 2]);
    expect(apportion([6, 3, 1], 7)).toEqual([4, 2, 1]); // quotas 4.2, 2.1, 0.7: the one left goes to 0.7
    expect(apportion([1, 1, 1], 2)).toEqual([1, 1, 0]); // fewer units than parts: not every part gets one
  });

  it('keeps every part ≥ 1 while there are units enough, taking from the largest', () => {
    // quotas 3.6, 0.2, 0.2 → 4, 0, 0 → the two small classes take one each from the large one
    expect(apportion([18, 1, 1], 4)).toEqual([2, 1, 1]);
    expect(apportion([18, 1, 1], 3)).toEqual([1, 1, 1]);
  });

  it('always hands out exactly the total', () => {
    for (let total = 1; total <= 60; total++) {
      expect(apportion([7, 5, 3, 1], total).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe('scaling a scenario to n machines', () => {
  it('scales every machine class and drops classes left without a machine', () => {
    const topology = {
      racks: 2,
      machines: [
        { class: 'big', count: 6, resources: { cpus: 32 } },
        { class: 'small', count: 2, resources: { cpus: 4 } },
      ],
    };
    expect(machineCount(topology)).toBe(8);
    expect((scaleTopology(topology, 12)['machines'] as { count: number }[]).map((c) => c.count)).toEqual([9, 3]);
    expect((scaleTopology(topology, 2)['machines'] as { count: number }[]).map((c) => c.count)).toEqual([1, 1]);
    expect((scaleTopology(topology, 1)['machines'] as { class: string }[]).map((c) => c.class)).toEqual(['big']);
    expect(scaleTopology(topology, 12)['racks']).toBe(2);
  });

  it('scales static-partition counts with the cluster, leaving class and rack selectors alone', () => {
    const allocator = {
      policy: 'static-partition',
      options: { partitions: { a: { count: 10 }, b: { count: 10 }, c: { racks: ['r1'] } } },
    };
    expect(scaleAllocator(allocator, 20, 15, 'x')).toEqual({
      policy: 'static-partition',
      options: { partitions: { a: { count: 8 }, b: { count: 7 }, c: { racks: ['r1'] } } },
    });
    // counts that leave machines free keep leaving about the same share free
    expect(
      scaleAllocator({ policy: 'static-partition', options: { partitions: { a: { count: 4 } } } }, 8, 4, 'x'),
    ).toEqual({ policy: 'static-partition', options: { partitions: { a: { count: 2 } } } });
    expect(scaleAllocator({ policy: 'drf' }, 20, 3, 'x')).toEqual({ policy: 'drf' });
  });

  it('refuses partitions and failures that name machine ids, saying which', () => {
    expect(() =>
      scaleAllocator(
        { policy: 'static-partition', options: { partitions: { a: { machines: ['std-0'] } } } },
        4,
        8,
        'capacity search',
      ),
    ).toThrow(
      'capacity search: the partition of "a" names machine ids, which cannot be scaled to another machine count; select by classes, racks or count instead',
    );
    const withCrash = { ...twoTeams(), failures: [{ kind: 'machine-crash', at: '1h', machine: 'std-1' }] };
    expect(() => scaleScenarioInput(withCrash, 'shared', 8)).toThrow(
      'capacity search of variant "shared": failures[0] (machine-crash) names machine ids',
    );
  });

  it('gives a scenario that resolves to n machines, for the one variant asked, partitions scaled', () => {
    const registry = createDefaultRegistry();
    const resolved = resolveVariants(scaleScenarioInput(twoTeams(), 'static', 7), registry);
    expect(resolved.map((v) => v.variant)).toEqual(['static']);
    expect(resolved[0]?.scenario.topology.machines.length).toBe(7);
    expect(resolved[0]?.scenario.name).toBe('two-teams/static');
    expect(resolved[0]?.scenario.allocator.options).toMatchObject({ partitions: { a: { count: 4 }, b: { count: 3 } } });
    const plain: Record<string, unknown> = { ...twoTeams() };
    delete plain['variants'];
    expect(
      resolveVariants(scaleScenarioInput(plain, undefined, 9), registry)[0]?.scenario.topology.machines.length,
    ).toBe(9);
  });
});
