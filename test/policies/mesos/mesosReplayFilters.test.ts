/**
 * Decline filters as Mesos keeps them — a set per (framework, role, agent) — and the role sorter's
 * membership, through createMesosAllocator.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (ActiveOfferFiltersMetrics) and,
 * for the cases derived by hand, src/master/allocator/mesos/hierarchical.cpp: recoverResources
 * inserts a new RefusedOfferFilter into `offerFilters[role][agent]` (a set), with the 5 s default
 * for a negative refuse_seconds; isFiltered blocks an offer when any filter of the set contains
 * it; `offer_filters/roles/<role>/active` counts the filters of every set;
 * tryUntrackFrameworkUnderRole removes a role from the role sorter when its last framework goes.
 */
import { allocations } from './replayHarness.ts';
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';

describe('decline filters (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('ActiveOfferFiltersMetrics', () => {
    // Three frameworks, two in roleA, each declines the whole agent for 100 intervals.
    const allocator = createMesosAllocator();
    const whole = { cpus: 2, mem: 1024 };
    allocator.addAgent('agent1', { resources: whole });
    const declineAfterOffer = (frameworkId: string, role: string): void => {
      allocator.addFramework(frameworkId, { roles: [role] });
      allocator.advance(0);
      expect(allocations(allocator)).toEqual({ [frameworkId]: { [role]: { agent1: whole } } });
      allocator.recoverResources(frameworkId, 'agent1', role, whole, 100);
    };
    declineAfterOffer('framework1', 'roleA');
    expect(allocator.activeOfferFilters('roleA')).toHaveLength(1);
    declineAfterOffer('framework2', 'roleB');
    expect(allocator.activeOfferFilters('roleA')).toHaveLength(1);
    expect(allocator.activeOfferFilters('roleB')).toHaveLength(1);
    declineAfterOffer('framework3', 'roleA');
    expect(allocator.activeOfferFilters('roleA')).toHaveLength(2);
    expect(allocator.activeOfferFilters('roleB')).toHaveLength(1);
  });

  it('a second decline by the same framework on the same agent adds a filter; the first still blocks', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2 } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2 } } } });
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 2 }, 100); // filter A: cpus:2, until 100 s
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({}); // cpus:2 ⊆ A

    allocator.updateAgent('agent1', { cpus: 3 }); // cpus:3 ⊄ A: offered
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 3 } } } });
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 3 }, 1); // filter B: cpus:3, 1 s
    expect(allocator.activeOfferFilters('role1')).toHaveLength(2);

    allocator.updateAgent('agent1', { cpus: 2 });
    allocator.advance(2); // t = 3: B has expired (and survived its first batch run at 2 s)
    expect(allocator.activeOfferFilters('role1')).toHaveLength(1);
    // A still holds cpus:2 back; a filter replaced by B would have let it through.
    expect(allocations(allocator)).toEqual({});
  });

  it('a negative refuseSeconds means the 5 s default', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 1 } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    allocator.offers();
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 1 }, -1);
    expect(allocator.activeOfferFilters('role1')).toEqual([
      { frameworkId: 'framework1', agentId: 'agent1', expiresAt: 5 },
    ]);
    allocator.advance(4); // batch runs at 1…4 s: filtered
    expect(allocator.offers()).toEqual([]);
    allocator.advance(1); // 5 s: expired
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 1 } } } });
  });
});

describe('role sorter membership', () => {
  it('a role leaves the role sorter with its last framework: its allocation count starts again', () => {
    // roleA's first framework was offered agent1 once (roleA's count 1), then left. When roleA
    // comes back with a new framework, both roles have share 0 and count 0, so the tie goes by
    // name and roleA is first. Had roleA stayed in the sorter, its count of 1 would put roleB first.
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 1 } });
    allocator.addFramework('frameworkA1', { roles: ['roleA'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ frameworkA1: { roleA: { agent1: { cpus: 1 } } } });
    allocator.removeFramework('frameworkA1');

    allocator.addFramework('frameworkB', { roles: ['roleB'] });
    allocator.addFramework('frameworkA2', { roles: ['roleA'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ frameworkA2: { roleA: { agent1: { cpus: 1 } } } });
  });
});
