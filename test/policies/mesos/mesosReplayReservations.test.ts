/**
 * Resources carry their reservation: offers say which parts are reserved, recovery given with the
 * breakdown returns each part to its own pool, and decline filters never mix reserved and
 * unreserved amounts.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (RecoverResources), and for the
 * hand-derived cases src/master/allocator/mesos/hierarchical.cpp: recoverResources returns exactly
 * the `Resource` objects given (each carries its reservation), and RefusedOfferFilter::filter uses
 * `Resources::contains`, under which `cpus(role1):1` is not contained in unreserved `cpus:2`.
 */
import { allocations } from './replayHarness.ts';
import { setUp } from './replay/harness.ts';
import { describe, expect, it } from 'vitest';

describe('reservations carried in offers and recovery (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('RecoverResources', () => {
    // Agent: cpus(role1):1;mem(role1):200;cpus:1;mem:200. The reserved half recovered comes back
    // alone; then the unreserved half.
    const { allocator } = setUp()
      .agent('agent1', { resources: { cpus: 2, mem: 400 }, reserved: { role1: { cpus: 1, mem: 200 } } })
      .framework('framework1', ['role1']);
    allocator.advance(0);
    expect(allocator.offers()).toEqual([
      {
        frameworkId: 'framework1',
        role: 'role1',
        agentId: 'agent1',
        resources: { cpus: 2, mem: 400 },
        reserved: { role1: { cpus: 1, mem: 200 } },
      },
    ]);
    const reserved = { resources: { cpus: 1, mem: 200 }, reserved: { role1: { cpus: 1, mem: 200 } } };
    const unreserved = { resources: { cpus: 1, mem: 200 } };
    allocator.recoverResources('framework1', 'agent1', 'role1', reserved);
    allocator.advance(1);
    expect(allocator.offers()).toEqual([{ frameworkId: 'framework1', role: 'role1', agentId: 'agent1', ...reserved }]);
    allocator.recoverResources('framework1', 'agent1', 'role1', unreserved);
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework1', role: 'role1', agentId: 'agent1', resources: { cpus: 1, mem: 200 } },
    ]);
  });

  it('recovering the unreserved part returns it to the unreserved pool, not to the reservation', () => {
    // framework1 (role1) holds cpus(role1):1;cpus:1 and gives back the unreserved cpu. framework2
    // (role2, share 0 < role1's 1/2) may be offered it; had it become role1's again, only
    // framework1 could have it.
    const { allocator } = setUp()
      .agent('agent1', { resources: { cpus: 2 }, reserved: { role1: { cpus: 1 } } })
      .framework('framework1', ['role1']);
    allocator.advance(0);
    allocator.offers();
    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.advance(0); // nothing free
    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: { cpus: 1 }, reserved: {} });
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({ framework2: { role2: { agent1: { cpus: 1 } } } });
  });

  it('a filter of declined unreserved resources does not hold back a reservation of the same amount', () => {
    // Agent cpus:3 of which cpus(role1):1. framework1 declines the unreserved cpus:2 for 100 s;
    // framework2 (same role) takes them. When framework1 gives back its reserved cpu, it is the
    // first in role1 (share 0 < 2/3): cpus(role1):1 is not contained in the unreserved cpus:2 it
    // declined, so it is offered the reserved cpu.
    const { allocator } = setUp()
      .agent('agent1', { resources: { cpus: 3 }, reserved: { role1: { cpus: 1 } } })
      .framework('framework1', ['role1']);
    allocator.advance(0);
    const [offer] = allocator.offers();
    expect(offer?.reserved).toEqual({ role1: { cpus: 1 } });
    allocator.addFramework('framework2', { roles: ['role1'] });
    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: { cpus: 2 } }, 100);
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({ framework2: { role1: { agent1: { cpus: 2 } } } });
    allocator.recoverResources('framework1', 'agent1', 'role1', {
      resources: { cpus: 1 },
      reserved: { role1: { cpus: 1 } },
    });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      {
        frameworkId: 'framework1',
        role: 'role1',
        agentId: 'agent1',
        resources: { cpus: 1 },
        reserved: { role1: { cpus: 1 } },
      },
    ]);
  });
});
