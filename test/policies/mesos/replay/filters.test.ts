/**
 * Replays of Mesos's decline-filter tests (src/tests/hierarchical_allocator_tests.cpp). Mesos's
 * metric `allocator/mesos/offer_filters/roles/<role>/active` is `activeOfferFilters(role).length`.
 * SmallOfferFilterTimeout and RemoveFilters are replayed in ../mesosReplay.test.ts. Mapping of
 * Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runAfter, runNow } from './harness.ts';

describe('HierarchicalAllocatorTest filter replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.OfferFilter', () => {
    // A decline filter of twice the interval holds for one batch run and is gone at the second.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role'] });
    const agent1 = { cpus: 1, mem: 512 };
    allocator.addAgent('agent1', { resources: agent1 });
    expect(runNow(allocator)).toEqual({ framework1: { role: { agent1 } } });

    allocator.recoverResources('framework1', 'agent1', 'role', agent1, 2);
    expect(allocator.activeOfferFilters('role')).toHaveLength(1);
    expect(runAfter(allocator)).toEqual({});

    expect(runAfter(allocator)).toEqual({ framework1: { role: { agent1 } } });
    expect(allocator.activeOfferFilters('role')).toHaveLength(0);
  });
});
