/**
 * Replays of Mesos's suppress, revive and (de)activation tests
 * (src/tests/hierarchical_allocator_tests.cpp). Mesos's `suppressOffers(id, {})` and
 * `reviveOffers(id, {})` (an empty role set = every role) are `suppress(id)` and `revive(id)`.
 * SuppressAndReviveOffersWithMultiRole is replayed in ../mesosReplay.test.ts. Mapping of Mesos's
 * harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runAfter, runNow } from './harness.ts';

const agent1 = { cpus: 2, mem: 1024 };

/** One agent, one framework in role1 that has been offered the whole agent. */
function offeredOnce() {
  const allocator = createMesosAllocator();
  allocator.addAgent('agent1', { resources: agent1 });
  allocator.addFramework('framework1', { roles: ['role1'] });
  expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  return allocator;
}

describe('HierarchicalAllocatorTest suppress/revive replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.DeactivateAndReactivateFramework', () => {
    // Suppression survives deactivation: after reactivating, the framework must revive.
    const allocator = offeredOnce();
    allocator.recoverResources('framework1', 'agent1', 'role1', agent1);
    allocator.suppress('framework1');
    allocator.deactivateFramework('framework1');
    expect(runAfter(allocator)).toEqual({});

    allocator.activateFramework('framework1');
    allocator.revive('framework1');
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  });

  it('HierarchicalAllocatorTest.SuppressAndReviveOffers', () => {
    const allocator = offeredOnce();
    allocator.revive('framework1'); // nothing free: the triggered run offers nothing
    expect(runNow(allocator)).toEqual({});

    allocator.recoverResources('framework1', 'agent1', 'role1', agent1);
    allocator.suppress('framework1');
    expect(runAfter(allocator)).toEqual({}); // suppressed

    allocator.revive('framework1');
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  });

  it('HierarchicalAllocatorTest.ReviveOffers', () => {
    // Revive clears a decline filter at once.
    const allocator = offeredOnce();
    allocator.recoverResources('framework1', 'agent1', 'role1', agent1, 1000);
    expect(runAfter(allocator)).toEqual({});

    allocator.revive('framework1');
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  });
});
