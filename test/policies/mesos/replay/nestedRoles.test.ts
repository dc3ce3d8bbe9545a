/**
 * Replays of Mesos's tests of reservations and quota around nested roles
 * (src/tests/hierarchical_allocator_tests.cpp). NestedRoleDRF is replayed in
 * ../mesosReplay.test.ts, QuotaWithNestedRoleAllocation in ../mesosReplayQuota.test.ts. Mapping of
 * Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { quota, runNow } from './harness.ts';

describe('HierarchicalAllocatorTest nested-role replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.OfferAncestorReservationsToDescendantChild', () => {
    // A role is offered the reservations of each of its ancestors.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['a/b/c'] });
    const agent1 = { cpus: 1, mem: 512 };
    allocator.addAgent('agent1', { resources: agent1, reserved: { a: agent1 } });
    expect(runNow(allocator)).toEqual({ framework1: { 'a/b/c': { agent1 } } });

    const agent2 = { cpus: 6, mem: 3072 }; // cpus:2;mem:1024 + cpus(a/b):4;mem(a/b):2048
    allocator.addAgent('agent2', { resources: agent2, reserved: { 'a/b': { cpus: 4, mem: 2048 } } });
    expect(runNow(allocator)).toEqual({ framework1: { 'a/b/c': { agent2 } } });
  });

  it('HierarchicalAllocatorTest.QuotaWithAncestorReservations', () => {
    // A reservation of "a" offered to "a/b" is not headroom for quota-role: of two new plain
    // agents one stays set aside for quota-role, the other goes to the role without quota.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    allocator.updateQuota('quota-role', quota(agent));
    allocator.addAgent('agent1', { resources: agent, reserved: { a: agent } });
    allocator.addFramework('framework1', { roles: ['a/b'] });
    expect(runNow(allocator)).toEqual({ framework1: { 'a/b': { agent1: agent } } });

    allocator.addFramework('framework2', { roles: ['no-quota-role'] });
    expect(runNow(allocator)).toEqual({});

    allocator.addAgent('agent2', { resources: agent });
    allocator.advance(0);
    allocator.addAgent('agent3', { resources: agent });
    allocator.advance(0);
    const offers = allocator.offers();
    expect(offers).toHaveLength(1); // Mesos does not say which of the two agents
    expect(offers[0]?.frameworkId).toBe('framework2');
    expect(offers[0]?.role).toBe('no-quota-role');
    expect(offers[0]?.resources).toEqual(agent);
  });

  it('HierarchicalAllocatorTest.QuotaWithNestedRoleReservation', () => {
    // A sub-role's reservation counts towards its parent's quota: "a" (quota cpus:2;mem:200,
    // with a/b's cpus:1;mem:100 reserved) is offered only cpus:1;mem:100 more.
    const allocator = createMesosAllocator();
    allocator.updateQuota('a', quota({ cpus: 2, mem: 200 }));
    const reserved = { cpus: 1, mem: 100 };
    allocator.addAgent('agent1', { resources: reserved, reserved: { 'a/b': reserved } });
    allocator.addAgent('agent2', { resources: { cpus: 10, mem: 1000 } });
    allocator.addFramework('framework1', { roles: ['a'] });
    expect(runNow(allocator)).toEqual({ framework1: { a: { agent2: { cpus: 1, mem: 100 } } } });
  });

  it('HierarchicalAllocatorTest.QuotaHeadroomWithNestedRoleAllocation', () => {
    // What "a/b" and "a" hold is not headroom for quota-role: of two new agents one is set aside.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 100 };
    allocator.addFramework('framework1', { roles: ['a/b'] });
    allocator.addAgent('agent1', { resources: agent });
    expect(runNow(allocator)).toEqual({ framework1: { 'a/b': { agent1: agent } } });

    allocator.addFramework('framework2', { roles: ['a'] });
    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({ framework2: { a: { agent2: agent } } });

    allocator.updateQuota('quota-role', quota(agent));
    allocator.addAgent('agent3', { resources: agent });
    expect(runNow(allocator)).toEqual({});

    allocator.addAgent('agent4', { resources: agent });
    allocator.advance(0);
    const offers = allocator.offers();
    expect(offers).toHaveLength(1); // Mesos only checks that one allocation is made, not to whom
    expect(['framework1', 'framework2']).toContain(offers[0]?.frameworkId);
    expect(offers[0]?.resources).toEqual(agent);
    expect(runNow(allocator)).toEqual({});
  });
});
