/**
 * Replays of Mesos's reservation tests (src/tests/hierarchical_allocator_tests.cpp). The
 * parametrised ones (`HierarchicalAllocatorTestWithReservations`, instantiated as
 * `ReservationTypeSwitch` with DYNAMIC = /0 and STATIC = /1) run twice: STATIC passes the
 * reservation to `addAgent`, DYNAMIC adds the agent unreserved and reserves with `reserve` before
 * any framework exists. Mapping of Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { TYPES, addReservedAgent, quota, runAfter, runNow } from './harness.ts';

const DAY = 24 * 3600;

const PREFIX = 'ReservationTypeSwitch/HierarchicalAllocatorTestWithReservations';

describe.each(TYPES)('HierarchicalAllocatorTestWithReservations/%i (%s) replayed', (index, type) => {
  it(`${PREFIX}.ReservationUnallocated/${index}`, () => {
    // A reservation counts towards its role's quota even while nobody holds it.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    addReservedAgent(allocator, type, 'agent1', agent, 'quota-role', agent);
    allocator.updateQuota('quota-role', quota(agent));
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent1: agent } } });
    allocator.recoverResources('framework1', 'agent1', 'quota-role', agent, DAY);

    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({}); // agent2 would take quota-role over its limit
  });

  it(`${PREFIX}.ReservationAllocated/${index}`, () => {
    // An allocated reservation counts towards the quota too: the role gets one more agent, no more.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    addReservedAgent(allocator, type, 'agent1', agent, 'quota-role', agent);
    allocator.updateQuota('quota-role', quota({ cpus: 2, mem: 2048 }));
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent1: agent } } });

    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent2: agent } } });

    allocator.addAgent('agent3', { resources: agent });
    expect(runNow(allocator)).toEqual({});
  });

  it(`${PREFIX}.NonQuotaRoleReservationWithQuotaRole/${index}`, () => {
    // A role without quota is offered its own reservation even though the agent's unreserved
    // part is set aside for another role's guarantee (MESOS-8293).
    const allocator = createMesosAllocator();
    const half = { cpus: 2, mem: 2048 };
    addReservedAgent(allocator, type, 'agent1', { cpus: 4, mem: 4096 }, 'non-quota-role', half);
    allocator.updateQuota('quota-role', quota(half));
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent1: half } } });
    allocator.recoverResources('framework1', 'agent1', 'quota-role', half, DAY);

    allocator.addFramework('framework2', { roles: ['non-quota-role'] });
    expect(runNow(allocator)).toEqual({ framework2: { 'non-quota-role': { agent1: half } } });
  });

  it(`${PREFIX}.QuotaHeadroomWhenReservationsExceedQuota/${index}`, () => {
    // A role's reservations beyond its guarantee do not reduce the headroom the other quota role
    // needs: agent2 stays set aside for quota-role-no-reservation, agent3 goes to the non-quota role.
    const allocator = createMesosAllocator();
    const small = { cpus: 1, mem: 1024 };
    allocator.updateQuota('quota-role-w-reservation', quota(small));
    allocator.updateQuota('quota-role-no-reservation', quota(small));
    const big = { cpus: 2, mem: 2048 };
    addReservedAgent(allocator, type, 'agent1', big, 'quota-role-w-reservation', big);
    allocator.addAgent('agent2', { resources: small });
    allocator.addFramework('framework1', { roles: ['non-quota-role'] });
    expect(runNow(allocator)).toEqual({});

    allocator.addAgent('agent3', { resources: small });
    expect(runNow(allocator)).toEqual({ framework1: { 'non-quota-role': { agent3: small } } });
  });
});

describe('HierarchicalAllocatorTest reservation replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.Reservations', () => {
    // A role is offered its own reservations and unreserved resources, never another role's.
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 }, reserved: { role1: { cpus: 2, mem: 1024 } } });
    allocator.addAgent('agent2', { resources: { cpus: 3, mem: 2048 }, reserved: { role2: { cpus: 2, mem: 1024 } } });
    allocator.addAgent('agent3', { resources: { cpus: 1, mem: 1024 }, reserved: { role3: { cpus: 1, mem: 1024 } } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(runNow(allocator)).toEqual({
      framework1: { role1: { agent1: { cpus: 2, mem: 1024 }, agent2: { cpus: 1, mem: 1024 } } },
    });

    allocator.addFramework('framework2', { roles: ['role2'] });
    expect(runNow(allocator)).toEqual({ framework2: { role2: { agent2: { cpus: 2, mem: 1024 } } } });
  });

  it('HierarchicalAllocatorTest.RecoverResources', () => {
    // Giving back the reserved part, then the unreserved part, re-offers exactly what came back,
    // each from its own pool: the first offer carries role1's reservation, the second none.
    const allocator = createMesosAllocator();
    const part = { cpus: 1, mem: 200 };
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 400 }, reserved: { role1: part } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2, mem: 400 } } } });

    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: part, reserved: { role1: part } });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework1', role: 'role1', agentId: 'agent1', resources: part, reserved: { role1: part } },
    ]);

    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: part }); // the unreserved part
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework1', role: 'role1', agentId: 'agent1', resources: part },
    ]);
  });

  it('HierarchicalAllocatorTest.QuotaAccountingUnreserveAllocatedResources', () => {
    // An allocated reservation that matches the quota exactly keeps a new unreserved agent from
    // the role; unreserving the allocated resources (updateAllocation with UNRESERVE) does not
    // change what the role is charged, so the next batch run still offers it nothing.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    allocator.updateQuota('quota-role', quota(agent));
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.addAgent('agent1', { resources: agent, reserved: { 'quota-role': agent } });
    expect(runNow(allocator)).toEqual({ framework1: { 'quota-role': { agent1: agent } } });

    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({});

    allocator.updateAllocation('framework1', 'agent1', { resources: agent, reserved: { 'quota-role': agent } }, [
      { type: 'UNRESERVE', role: 'quota-role', resources: agent },
    ]);
    expect(runAfter(allocator)).toEqual({});
  });
});
