/**
 * Replays of Mesos's tests of offer operations on allocated resources and of shared persistent
 * volumes (src/tests/hierarchical_allocator_tests.cpp). Mesos's `getResourceConversions(op)` is
 * an {@link OfferOperation}; `allocation.resources.apply(conversions)` is
 * {@link applyOfferOperations} of the offer. A persistent volume is a {@link PersistentVolume}
 * (`createDiskResource("5", "role1", "id1", None(), None(), true)` is
 * `{ id: 'id1', size: 5, role: 'role1', shared: true }`); its size is part of the disk it is
 * listed with, as Mesos's `Resources` sum counts it. Mapping of Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  applyOfferOperations,
  type OfferOperation,
  type PersistentVolume,
} from '../../../../src/policies/allocators/mesos/offerOperations.ts';
import { createMesosAllocator, type StandaloneOffer } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { TYPES, addReservedAgent, quota, runNow, setUp } from './harness.ts';

/** The one offer the run made, checked to be the only one. */
function only(offers: readonly StandaloneOffer[]): StandaloneOffer {
  expect(offers).toHaveLength(1);
  return offers[0] as StandaloneOffer;
}

const F1 = { frameworkId: 'framework1', role: 'role1', agentId: 'agent1' } as const;

/** Mesos's start of both UpdateAllocation tests: agent cpus:100;mem:100;disk:100, all offered to framework1 in role1. */
function wholeAgentOffered() {
  const agent = { cpus: 100, mem: 100, disk: 100 };
  const setup = setUp().agent('agent1', { resources: agent }).framework('framework1', ['role1']);
  const offer = only(setup.offersNow());
  expect(offer).toEqual({ ...F1, resources: agent });
  return { allocator: setup.allocator, agent, offer };
}

describe('HierarchicalAllocatorTest offer operations replayed (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.UpdateAllocation', () => {
    const { allocator, agent, offer } = wholeAgentOffered();

    // CREATE of a 5-disk volume "ID" on the offered (unreserved) disk.
    const create: OfferOperation[] = [{ type: 'CREATE', volumes: [{ id: 'ID', size: 5 }] }];
    const updated = applyOfferOperations(offer, create);
    expect(updated).toEqual({ resources: agent, volumes: [{ id: 'ID', size: 5 }] }); // disk:95 + the volume
    allocator.updateAllocation('framework1', 'agent1', offer, create);
    allocator.recoverResources('framework1', 'agent1', 'role1', updated);

    // The next offer is the agent with the operation applied: the volume is offered as such.
    allocator.advance(1);
    expect(allocator.offers()).toEqual([{ ...F1, resources: agent, volumes: [{ id: 'ID', size: 5 }] }]);
  });

  it('HierarchicalAllocatorTest.UpdateAllocationRemoveResources', () => {
    const { allocator, offer } = wholeAgentOffered();

    // A conversion of all the disk into nothing: it leaves the allocation and the agent's total.
    const remove: OfferOperation[] = [{ type: 'REMOVE', resources: { disk: 100 } }];
    const updated = applyOfferOperations(offer, remove);
    expect(updated.resources['disk']).toBeUndefined();
    allocator.updateAllocation('framework1', 'agent1', offer, remove);
    allocator.recoverResources('framework1', 'agent1', 'role1', updated);
    allocator.advance(1);
    expect(allocator.offers()).toEqual([{ ...F1, resources: { cpus: 100, mem: 100 } }]);
  });

  it('HierarchicalAllocatorTest.UpdateAllocationSharedPersistentVolume', () => {
    const agent = { cpus: 100, mem: 100, disk: 100 };
    const reserved = { role1: { disk: 100 } }; // cpus:100;mem:100;disk(role1):100
    const setup = setUp()
      .agent('agent1', { resources: agent, reserved })
      .framework('framework1', ['role1'], { capabilities: ['SHARED_RESOURCES'] });
    const { allocator } = setup;
    const offer = only(setup.offersNow());
    expect(offer).toEqual({ ...F1, resources: agent, reserved });

    const volume: PersistentVolume = { id: 'id1', size: 5, role: 'role1', shared: true };
    const create: OfferOperation[] = [{ type: 'CREATE', volumes: [volume] }];
    const updated = applyOfferOperations(offer, create);
    expect(updated).toEqual({ resources: agent, reserved, volumes: [volume] });
    allocator.updateAllocation('framework1', 'agent1', offer, create);
    allocator.recoverResources('framework1', 'agent1', 'role1', updated);
    allocator.advance(1);
    const second = only(allocator.offers());
    expect(second).toEqual({ ...F1, ...updated });

    // DESTROY of the shared volume: what comes back is the agent's original resources.
    const destroy: OfferOperation[] = [{ type: 'DESTROY', volumes: [volume] }];
    allocator.updateAllocation('framework1', 'agent1', second, destroy);
    const restored = applyOfferOperations(updated, destroy);
    expect(restored).toEqual({ resources: agent, reserved });
    allocator.recoverResources('framework1', 'agent1', 'role1', restored);
    allocator.advance(1);
    expect(allocator.offers()).toEqual([{ ...F1, resources: agent, reserved }]);
  });

  it('HierarchicalAllocatorTest.SharedResourcesCapability', () => {
    const agent = { cpus: 100, mem: 100, disk: 100 };
    const reserved = { role1: { disk: 100 } };
    const setup = setUp().agent('agent1', { resources: agent, reserved }).framework('framework1', ['role1']); // without SHARED_RESOURCES
    const { allocator } = setup;
    const offer = only(setup.offersNow());

    const volume: PersistentVolume = { id: 'id1', size: 5, role: 'role1', shared: true };
    const create: OfferOperation[] = [{ type: 'CREATE', volumes: [volume] }];
    const updated = applyOfferOperations(offer, create);
    allocator.updateAllocation('framework1', 'agent1', offer, create);
    allocator.recoverResources('framework1', 'agent1', 'role1', updated);

    // framework1 is offered everything but the shared volume: update − volume.
    allocator.advance(1);
    const withoutVolume = only(allocator.offers());
    expect(withoutVolume).toEqual({
      ...F1,
      resources: { cpus: 100, mem: 100, disk: 95 },
      reserved: { role1: { disk: 95 } },
    });
    allocator.recoverResources('framework1', 'agent1', 'role1', withoutVolume);

    // framework2 opted in: its offer has the shared volume.
    allocator.addFramework('framework2', { roles: ['role1'], capabilities: ['SHARED_RESOURCES'] });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([{ ...F1, frameworkId: 'framework2', ...updated }]);
  });
});

describe.each([
  [0, false],
  [1, true],
])('QuotaSwitch/HierarchicalAllocatorTestWithParam/%i (quota: %s) replayed', (index, withQuota) => {
  it(`QuotaSwitch/HierarchicalAllocatorTestWithParam.AllocateSharedResources/${index}`, () => {
    const capable = { capabilities: ['SHARED_RESOURCES'] };
    const setup = setUp().framework('framework1', ['role1'], capable).framework('framework2', ['role1'], capable);
    if (withQuota) setup.quota('role1', quota({ cpus: 8, mem: 2048, disk: 4096 }));
    const agent = { cpus: 4, mem: 1024, disk: 2048 };
    const reserved = { role1: { disk: 2048 } }; // cpus:4;mem:1024;disk(role1):2048
    const { allocator } = setup.agent('agent1', { resources: agent, reserved });
    const offer = only(setup.offersNow());
    expect(offer).toEqual({ ...F1, resources: agent, reserved });

    // CREATE of a shared volume, and a task using cpus:1;mem:5 and the volume: everything else comes back.
    const volume: PersistentVolume = { id: 'id1', size: 5, role: 'role1', shared: true };
    const create: OfferOperation[] = [{ type: 'CREATE', volumes: [volume] }];
    allocator.updateAllocation('framework1', 'agent1', offer, create);
    const rest = { resources: { cpus: 3, mem: 1019, disk: 2043 }, reserved: { role1: { disk: 2043 } } }; // updated − task
    allocator.recoverResources('framework1', 'agent1', 'role1', rest);

    // framework2 (share 0; framework1 holds a quarter of the cpus) is offered the rest and the
    // volume, still in use by framework1's task: rest + volume.
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      {
        ...F1,
        frameworkId: 'framework2',
        resources: { cpus: 3, mem: 1019, disk: 2048 },
        reserved: { role1: { disk: 2048 } },
        volumes: [volume],
      },
    ]);
  });
});

describe.each(TYPES)(
  'ReservationTypeSwitch/HierarchicalAllocatorTestWithReservations/%i (%s) replayed',
  (index, type) => {
    it(`ReservationTypeSwitch/HierarchicalAllocatorTestWithReservations.SharedAllocatedResourceQuotaAccounting/${index}`, () => {
      const allocator = createMesosAllocator();
      allocator.updateQuota('quota-role', quota({ cpus: 3, mem: 2048, disk: 100 }));
      const reservedAgent = { cpus: 2, mem: 1024, disk: 50 };
      addReservedAgent(allocator, type, 'agent1', reservedAgent, 'quota-role', reservedAgent);
      allocator.addFramework('framework1', { roles: ['quota-role'], capabilities: ['SHARED_RESOURCES'] });
      allocator.advance(0);
      const offer = only(allocator.offers());
      expect(offer.resources).toEqual(reservedAgent);
      expect(offer.reserved).toEqual({ 'quota-role': reservedAgent });

      // The whole reserved disk becomes a shared volume; half the cpus and mem come back.
      const volume: PersistentVolume = { id: 'id1', size: 50, role: 'quota-role', shared: true };
      allocator.updateAllocation('framework1', 'agent1', offer, [{ type: 'CREATE', volumes: [volume] }]);
      const half = { cpus: 1, mem: 512 };
      allocator.recoverResources('framework1', 'agent1', 'quota-role', {
        resources: half,
        reserved: { 'quota-role': half },
      });

      // Offered again: the half that came back and the volume (a second copy to the same framework).
      allocator.advance(1);
      const again = { cpus: 1, mem: 512, disk: 50 };
      expect(allocator.offers()).toEqual([
        {
          frameworkId: 'framework1',
          role: 'quota-role',
          agentId: 'agent1',
          resources: again,
          reserved: { 'quota-role': again },
          volumes: [volume],
        },
      ]);

      // The role is charged cpus:2;mem:1024;disk:50 (the volume once, though allocated twice): a
      // new agent of cpus:1;mem:1024;disk:50 fits under its quota and is offered whole…
      allocator.addAgent('agent2', { resources: { cpus: 1, mem: 1024, disk: 50 } });
      expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent2: { cpus: 1, mem: 1024, disk: 50 } } } });
      // …and then the quota (cpus:3;mem:2048;disk:100) is met: nothing more.
      allocator.addAgent('agent3', { resources: { cpus: 0.5, mem: 512, disk: 50 } });
      expect(runNow(allocator)).toEqual({});
    });
  },
);

describe('HierarchicalAllocatorTest quota accounting of offer operations replayed', () => {
  it('HierarchicalAllocatorTest.QuotaAccountingReserveAllocatedResources', () => {
    const agent = { cpus: 5, mem: 512 };
    const setup = setUp()
      .quota('quota-role', quota({ cpus: 10, mem: 1024 }))
      .framework('framework1', ['quota-role'])
      .agent('agent1', { resources: agent });
    const { allocator } = setup;
    const offer = only(setup.offersNow());
    expect(offer.resources).toEqual(agent);

    // Reserving the allocated resources to the role does not change what it is charged.
    allocator.updateAllocation('framework1', 'agent1', offer, [
      { type: 'RESERVE', role: 'quota-role', resources: agent },
    ]);
    // An agent twice as big is chopped to what the quota still lacks: cpus:5;mem:512.
    allocator.addAgent('agent2', { resources: { cpus: 10, mem: 1024 } });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent2: agent } } });
  });
});
