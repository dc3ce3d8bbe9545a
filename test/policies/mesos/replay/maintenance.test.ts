/**
 * Maintenance and inverse offers through createMesosAllocator: replays of
 * hierarchical_allocator_tests.cpp's MaintenanceInverseOffers and the inverse-offer half of
 * AddAgentWithUnknownFrameworkAndMaintenance, and cases derived from hierarchical.cpp
 * (`generateInverseOffers`, `updateInverseOffer`, `updateUnavailability`). Mesos's
 * `deallocations.get()` is `inverseOffers()`; `createUnavailability(Clock::now() + Seconds(60))`
 * is `{ start: now() + 60 }`.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runNow } from './harness.ts';

const agent = { cpus: 2, mem: 1024 };

describe('HierarchicalAllocatorTest maintenance replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.MaintenanceInverseOffers', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: agent });
    allocator.addFramework('framework1', { roles: ['*'] });
    expect(runNow(allocator)).toEqual({ framework1: { '*': { agent1: agent } } });
    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({ framework1: { '*': { agent2: agent } } });
    // agent2's offer is declined for a day: framework1 holds nothing there any more.
    allocator.recoverResources('framework1', 'agent2', '*', agent, 24 * 3600);

    const start = allocator.now() + 60;
    allocator.updateUnavailability('agent1', { start });
    allocator.updateUnavailability('agent2', { start });
    allocator.advance(0);
    // Only agent1, which framework1 holds, is inverse offered, with the window, once.
    expect(allocator.inverseOffers()).toEqual([
      { frameworkId: 'framework1', agentId: 'agent1', unavailability: { start } },
    ]);
    allocator.advance(1);
    expect(allocator.inverseOffers()).toEqual([]);
  });

  it('HierarchicalAllocatorTest.AddAgentWithUnknownFrameworkAndMaintenance', () => {
    // agent1 is fully used by a framework not known yet and has a window a year away; it is not
    // offered, and the unknown framework is sent no inverse offer. agent2 goes to framework1, and
    // once agent2 gets a window, framework1 is sent an inverse offer for it.
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', {
      resources: agent,
      used: { unknown: agent },
      unavailability: { start: 365 * 24 * 3600 },
    });
    allocator.addFramework('framework1', { roles: ['role'] });
    allocator.addAgent('agent2', { resources: agent });
    expect(runNow(allocator)).toEqual({ framework1: { role: { agent2: agent } } });
    expect(allocator.inverseOffers()).toEqual([]);

    allocator.updateUnavailability('agent2', { start: allocator.now() + 60 });
    allocator.advance(0);
    expect(allocator.inverseOffers()).toEqual([
      { frameworkId: 'framework1', agentId: 'agent2', unavailability: { start: 60 } },
    ]);
  });
});

describe('maintenance (derived from hierarchical.cpp)', () => {
  /** agent1 held by framework1, under a window from t = 100 s; the first inverse offer taken. */
  function underMaintenance() {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: agent });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    allocator.offers();
    allocator.updateUnavailability('agent1', { start: 100, duration: 3600 });
    allocator.advance(0);
    expect(allocator.inverseOffers()).toEqual([
      { frameworkId: 'framework1', agentId: 'agent1', unavailability: { start: 100, duration: 3600 } },
    ]);
    return allocator;
  }

  it('an answer lets a later run send a new inverse offer; a refusal filter holds it back for its time', () => {
    const allocator = underMaintenance();
    allocator.updateInverseOffer('agent1', 'framework1');
    allocator.advance(1);
    expect(allocator.inverseOffers()).toHaveLength(1);
    allocator.updateInverseOffer('agent1', 'framework1', 3); // refused for 3 s, from t = 1
    allocator.advance(1); // t = 2
    allocator.advance(1); // t = 3
    expect(allocator.inverseOffers()).toEqual([]);
    allocator.advance(1); // t = 4: the filter is over
    expect(allocator.inverseOffers()).toHaveLength(1);
  });

  it('a new window clears the refusal filters; inactive frameworks and those holding nothing get none', () => {
    const allocator = underMaintenance();
    allocator.updateInverseOffer('agent1', 'framework1', 1000);
    allocator.updateUnavailability('agent1', { start: 200 });
    allocator.advance(0);
    expect(allocator.inverseOffers()).toEqual([
      { frameworkId: 'framework1', agentId: 'agent1', unavailability: { start: 200 } },
    ]);
    allocator.updateInverseOffer('agent1', 'framework1');
    allocator.deactivateFramework('framework1');
    allocator.advance(1);
    expect(allocator.inverseOffers()).toEqual([]);
    allocator.activateFramework('framework1');
    allocator.recoverResources('framework1', 'agent1', 'role1', agent, 1000);
    allocator.advance(1);
    expect(allocator.inverseOffers()).toEqual([]);
  });

  it('no window, no inverse offers; answering for an agent without one is refused with a clear error', () => {
    const allocator = underMaintenance();
    allocator.updateUnavailability('agent1', undefined);
    allocator.advance(0);
    expect(allocator.inverseOffers()).toEqual([]);
    expect(() => allocator.updateInverseOffer('agent1', 'framework1')).toThrow(
      /^updateInverseOffer: agent "agent1" has no maintenance scheduled/,
    );
  });
});
