/**
 * Replays of Mesos's resource provider tests (src/tests/hierarchical_allocator_tests.cpp,
 * `AddResourceProvider*`) through `addResourceProvider`, and of `RoleTreeTest.RolesTracking`
 * (src/tests/sorter_tests.cpp) through `roles()`. Mapping of Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runAfter, runNow } from './harness.ts';

/** Mesos's `cpus:1;mem:100;disk:10`. */
const resources = { cpus: 1, mem: 100, disk: 10 };
const twice = { cpus: 2, mem: 200, disk: 20 };

describe('HierarchicalAllocatorTest resource provider replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.AddResourceProvider', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role1'], active: false });
    allocator.addFramework('framework2', { roles: ['role2'], active: false });
    allocator.addAgent('agent1', { resources });
    // A provider of twice `resources`, all of it used by framework1: agent1 now has 3× resources.
    allocator.addResourceProvider('agent1', twice, { framework1: twice });
    expect(runNow(allocator)).toEqual({}); // no run is triggered, and nobody is active
    // framework2 alone is active: it gets the agent's own resources; role1 is then at 2/3, role2 at 1/3.
    allocator.activateFramework('framework2');
    expect(runNow(allocator)).toEqual({ framework2: { role2: { agent1: resources } } });
    allocator.activateFramework('framework1');
    expect(runNow(allocator)).toEqual({}); // everything is allocated
    // A second agent: role1 at 2/4, role2 at 1/4, so framework2 is furthest below its fair share.
    allocator.addAgent('agent2', { resources });
    expect(runNow(allocator)).toEqual({ framework2: { role2: { agent2: resources } } });
  });

  it('HierarchicalAllocatorTest.AddResourceProviderOverallocated', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: twice });
    allocator.addFramework('framework', { roles: ['role'], active: false });
    // No new resources, half the agent now used by the framework.
    allocator.addResourceProvider('agent1', {}, { framework: resources });
    allocator.activateFramework('framework');
    // Only the unused half is offered.
    expect(runAfter(allocator)).toEqual({ framework: { role: { agent1: resources } } });
  });

  it('a provider used by a framework not added yet is counted for nobody (derived from hierarchical.cpp addResourceProvider)', () => {
    // Mesos skips `used` entries of unknown frameworks: the provider's resources grow the total
    // and are offered.
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources });
    allocator.addResourceProvider('agent1', resources, { unknown: resources });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: twice } } });
  });

  it('addResourceProvider on an unknown agent or with negative amounts throws, naming the call', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.addResourceProvider('agent1', resources)).toThrow(/addResourceProvider.*agent1/);
    allocator.addAgent('agent1', { resources });
    expect(() => allocator.addResourceProvider('agent1', { cpus: -1 })).toThrow(/addResourceProvider/);
  });
});

describe('RoleTreeTest replayed (mesos src/tests/sorter_tests.cpp)', () => {
  const chain = ['a', 'a/b', 'a/b/c'];

  it('RoleTreeTest.RolesTracking', () => {
    const allocator = createMesosAllocator();
    expect(allocator.roles()).toEqual({});

    // Tracking by weight: a/b/c and its ancestors, the ancestors at the default weight.
    allocator.updateWeight('a/b/c', 2);
    const byWeight = allocator.roles();
    expect(Object.keys(byWeight)).toEqual(chain);
    expect(chain.map((role) => byWeight[role]?.weight)).toEqual([1, 1, 2]);
    allocator.updateWeight('a/b/c', 1);
    expect(allocator.roles()).toEqual({});

    // Tracking by quota. Mesos's test sets it on a/b/c; the allocator (like Mesos's master) takes
    // quota on top-level roles only, so it is set on a: a alone is tracked, with that quota.
    const cpus1 = { guarantees: { cpus: 1 }, limits: { cpus: 1 } };
    allocator.updateQuota('a', cpus1);
    expect(allocator.roles()).toEqual({ a: { weight: 1, quota: cpus1, reservations: {}, frameworks: [] } });
    allocator.updateQuota('a', { guarantees: {} });
    expect(allocator.roles()).toEqual({});

    // Tracking by reservation (cpus(a/b/c):1): every ancestor counts the sub-role's reservation.
    allocator.addAgent('agent1', { resources: { cpus: 1 }, reserved: { 'a/b/c': { cpus: 1 } } });
    const byReservation = allocator.roles();
    expect(Object.keys(byReservation)).toEqual(chain);
    for (const role of chain) expect(byReservation[role]?.reservations).toEqual({ cpus: 1 });
    allocator.removeAgent('agent1');
    expect(allocator.roles()).toEqual({});

    // Tracking by framework: only a/b/c has the framework.
    allocator.addFramework('framework', { roles: ['a/b/c'] });
    const byFramework = allocator.roles();
    expect(Object.keys(byFramework)).toEqual(chain);
    expect(chain.map((role) => byFramework[role]?.frameworks)).toEqual([[], [], ['framework']]);
    allocator.removeFramework('framework');
    expect(allocator.roles()).toEqual({});
  });
});
