/**
 * Replays of Mesos's metrics tests whose metrics have a counterpart in the standalone API
 * (src/tests/hierarchical_allocator_tests.cpp): `allocator/mesos/roles/<role>/shares/dominant` is
 * `roleShare(role)`, `allocator/mesos/offer_filters/roles/<role>/active` is
 * `activeOfferFilters(role).length`. Mapping of Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { recoverAll, runNow } from './harness.ts';

describe('HierarchicalAllocatorTest metrics replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.ActiveOfferFiltersMetrics', () => {
    // Each decline adds a filter to its role's count; two frameworks of roleA give roleA two.
    const allocator = createMesosAllocator();
    const agent1 = { cpus: 2, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent1 });
    const filterSeconds = 100; // 100 × the interval
    const count = (role: string): number => allocator.activeOfferFilters(role).length;

    allocator.addFramework('framework1', { roles: ['roleA'] });
    expect(runNow(allocator)).toEqual({ framework1: { roleA: { agent1 } } });
    allocator.recoverResources('framework1', 'agent1', 'roleA', agent1, filterSeconds);
    expect(count('roleA')).toBe(1);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    expect(runNow(allocator)).toEqual({ framework2: { roleB: { agent1 } } });
    allocator.recoverResources('framework2', 'agent1', 'roleB', agent1, filterSeconds);
    expect([count('roleA'), count('roleB')]).toEqual([1, 1]);

    allocator.addFramework('framework3', { roles: ['roleA'] });
    expect(runNow(allocator)).toEqual({ framework3: { roleA: { agent1 } } });
    allocator.recoverResources('framework3', 'agent1', 'roleA', agent1, filterSeconds);
    expect([count('roleA'), count('roleB')]).toEqual([2, 1]);
  });

  it('HierarchicalAllocatorTest.DominantShareMetrics', () => {
    // Outstanding offers count in the share; recovered resources leave it. (Mesos also checks
    // that roleB's metric disappears once its last framework is removed; the standalone API has
    // no notion of a metric being absent, so that check is left out.)
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent });
    allocator.addFramework('framework1', { roles: ['roleA'] });
    allocator.advance(0);
    expect(allocator.roleShare('roleA')).toBe(1);
    recoverAll(allocator, allocator.offers());
    expect(allocator.roleShare('roleA')).toBe(0);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    allocator.advance(0); // both roles hold nothing; roleB has had fewer allocations, so it gets agent1
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0, 1]);

    allocator.addAgent('agent2', { resources: agent });
    allocator.advance(0);
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0.5, 0.5]);

    allocator.removeFramework('framework2');
    expect(allocator.roleShare('roleA')).toBe(0.5);
  });

  it('HierarchicalAllocatorTest.DominantShareMetricsWithFairnessExclusion', () => {
    // With gpus excluded, roleA's share is its cpus/mem share alone.
    const allocator = createMesosAllocator({ excludedResources: ['gpus'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 1024, gpus: 1 } });
    allocator.addFramework('framework1', { roles: ['roleA'], capabilities: ['GPU_RESOURCES'] });
    allocator.advance(0);
    expect(allocator.roleShare('roleA')).toBe(1);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    allocator.addAgent('agent2', { resources: { cpus: 3, mem: 3072 } });
    allocator.advance(0);
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0.25, 0.75]);
  });
});
