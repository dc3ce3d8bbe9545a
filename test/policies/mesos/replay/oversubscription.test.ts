/**
 * Revocable (oversubscribed) resources through createMesosAllocator: replays of
 * hierarchical_allocator_tests.cpp's UpdateSlaveOversubscribedResources, OversubscribedNotAllocated
 * and RecoverOversubscribedResources, sorter_tests.cpp's DRFSorterTest.RevocableResources, and
 * cases derived from hierarchical.cpp (revocable resources go along with every offer to a
 * REVOCABLE_RESOURCES framework, are never cut by quota and are not part of the headroom).
 * Mesos's `updateSlave(id, info, total + createRevocableResources("cpus", "10"))` is
 * `updateAgent(id, { oversubscribed: { cpus: 10 } })`; an offer's revocable part is `revocable`.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { createDrfSorter } from '../../../../src/policies/sorters/drfSorter.ts';
import { AGENT, addActive, quota, runNow } from './harness.ts';

const agentResources = { cpus: 100, mem: 100, disk: 100 };

/** An agent of 100 cpus, mem and disk, all offered to framework1 in role1 at once. */
function withOneFramework(capabilities: readonly string[]) {
  const allocator = createMesosAllocator();
  allocator.addAgent('agent1', { resources: agentResources });
  allocator.addFramework('framework1', { roles: ['role1'], capabilities });
  expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: agentResources } } });
  return allocator;
}

const revocableOffer = (revocable: Record<string, number>, regular: Record<string, number> = {}) => ({
  frameworkId: 'framework1',
  role: 'role1',
  agentId: 'agent1',
  resources: { ...regular, cpus: (regular['cpus'] ?? 0) + (revocable['cpus'] ?? 0) },
  revocable,
});

describe('HierarchicalAllocatorTest revocable resource replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.UpdateSlaveOversubscribedResources', () => {
    const allocator = withOneFramework(['REVOCABLE_RESOURCES']);
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([revocableOffer({ cpus: 10 })]);
    // 12 lent now, 10 of them held: the 2 more are offered.
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 12 } });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([revocableOffer({ cpus: 2 })]);
    // 5 lent, 12 held: nothing is free.
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 5 } });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([]);
  });

  it('HierarchicalAllocatorTest.OversubscribedNotAllocated', () => {
    const allocator = withOneFramework([]);
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([]);
  });

  it('HierarchicalAllocatorTest.RecoverOversubscribedResources', () => {
    const allocator = withOneFramework(['REVOCABLE_RESOURCES']);
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([revocableOffer({ cpus: 10 })]);
    // 6 revocable cpus and 2 regular ones come back; the next batch run offers exactly them.
    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: { cpus: 8 }, revocable: { cpus: 6 } });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([revocableOffer({ cpus: 6 }, { cpus: 2 })]);
  });
});

describe('DRFSorterTest revocable resources replay (mesos src/tests/sorter_tests.cpp)', () => {
  it('DRFSorterTest.RevocableResources', () => {
    // The sorter takes quantities, as Mesos's does (`ResourceQuantities::fromScalarResources`):
    // 10 cpus, 100 mem and 10 revocable cpus are cpus:20;mem:100, and b's 1 cpu + 9 revocable
    // cpus are 10 cpus. Shares: a = 2/20 = 0.1, b = 10/20 = 0.5.
    const sorter = createDrfSorter();
    addActive(sorter, 'a', 'b');
    sorter.addAgent(AGENT, { cpus: 10 + 10, mem: 100 });
    sorter.allocated('a', AGENT, { cpus: 2, mem: 1 });
    sorter.allocated('b', AGENT, { cpus: 1 + 9, mem: 1 });
    expect([sorter.share('a'), sorter.share('b')]).toEqual([0.1, 0.5]);
    expect(sorter.sort()).toEqual(['a', 'b']);
  });
});

describe('revocable resources (derived from hierarchical.cpp)', () => {
  it('count in the role sorter as the resources they are', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 10 } });
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.addFramework('framework1', { roles: ['role1'], capabilities: ['REVOCABLE_RESOURCES'] });
    allocator.addFramework('framework2', { roles: ['role2'], capabilities: ['REVOCABLE_RESOURCES'] });
    allocator.advance(0);
    expect(allocator.offers()).toHaveLength(1);
    // All 20 cpus went to one role: its share is 20/20.
    expect(allocator.roleShare('role1') + allocator.roleShare('role2')).toBe(1);
  });

  it('go along with a quota role offer, and are not held back as headroom', () => {
    // role1's guarantee of cpus:4 keeps 4 regular cpus back from role2; revocable cpus are not
    // headroom, so role2 gets all 10 of them with the 6 regular cpus it may have.
    const allocator = createMesosAllocator();
    allocator.updateQuota('role1', quota({ cpus: 4 }));
    allocator.addAgent('agent1', { resources: { cpus: 10 } });
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.addFramework('framework2', { roles: ['role2'], capabilities: ['REVOCABLE_RESOURCES'] });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework2', role: 'role2', agentId: 'agent1', resources: { cpus: 16 }, revocable: { cpus: 10 } },
    ]);
  });

  it('held by a removed framework are free again', () => {
    const allocator = withOneFramework(['REVOCABLE_RESOURCES']);
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.advance(0);
    allocator.offers();
    allocator.removeFramework('framework1');
    allocator.addFramework('framework2', { roles: ['role2'], capabilities: ['REVOCABLE_RESOURCES'] });
    allocator.advance(0);
    expect(allocator.offers()).toEqual([
      {
        frameworkId: 'framework2',
        role: 'role2',
        agentId: 'agent1',
        resources: { cpus: 110, mem: 100, disk: 100 },
        revocable: { cpus: 10 },
      },
    ]);
  });

  it('declined with a filter are not offered again until it expires', () => {
    const allocator = withOneFramework(['REVOCABLE_RESOURCES']);
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 10 } });
    allocator.advance(0);
    const [offer] = allocator.offers();
    if (offer === undefined) throw new Error('no offer');
    allocator.recoverResources('framework1', 'agent1', 'role1', offer, 5);
    allocator.advance(1);
    expect(allocator.offers()).toEqual([]);
    allocator.advance(5);
    expect(allocator.offers()).toEqual([revocableOffer({ cpus: 10 })]);
  });
});
