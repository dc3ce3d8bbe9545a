/**
 * Replays of Mesos's DRF allocation tests (src/tests/hierarchical_allocator_tests.cpp,
 * `HierarchicalAllocatorTest`) through createMesosAllocator. Mapping of Mesos's harness: see
 * harness.ts. UnreservedDRF, DRFWithFairnessExclusion, NestedRoleDRF and UpdateWeight are replayed
 * in ../mesosReplay.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { group, recoverAll, runNow } from './harness.ts';

describe('HierarchicalAllocatorTest DRF replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.ReservedDRF', () => {
    // Reserved resources count in DRF shares and are shared fairly inside their role.
    const allocator = createMesosAllocator();
    const agent1 = { cpus: 101, mem: 1536 }; // cpus:1;mem:512 + cpus(role1):100;mem(role1):1024
    allocator.addAgent('agent1', { resources: agent1, reserved: { role1: { cpus: 100, mem: 1024 } } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });

    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.addAgent('agent2', { resources: { cpus: 2, mem: 512 } });
    expect(runNow(allocator)).toEqual({ framework2: { role2: { agent2: { cpus: 2, mem: 512 } } } });

    allocator.addAgent('agent3', { resources: { cpus: 2, mem: 512 } }); // role1 still far ahead
    expect(runNow(allocator)).toEqual({ framework2: { role2: { agent3: { cpus: 2, mem: 512 } } } });

    allocator.addFramework('framework3', { roles: ['role1'] });
    allocator.addAgent('agent4', { resources: { cpus: 2, mem: 1024 }, reserved: { role1: { cpus: 2, mem: 1024 } } });
    // Only role1 may use agent4; inside role1, framework3 (nothing) comes before framework1.
    expect(runNow(allocator)).toEqual({ framework3: { role1: { agent4: { cpus: 2, mem: 1024 } } } });
  });

  it('HierarchicalAllocatorTest.CoarseGrained', () => {
    // Two equal agents and two frameworks in different roles: each framework gets one whole agent
    // (which one is not specified).
    const allocator = createMesosAllocator();
    const agent = { cpus: 2, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent });
    allocator.addAgent('agent2', { resources: agent });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    const first = allocator.offers();
    expect(group(first)).toEqual({ framework1: { role1: { agent1: agent, agent2: agent } } });
    recoverAll(allocator, first);

    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.advance(0);
    const second = allocator.offers();
    expect(second.map((o) => [o.frameworkId, o.role, o.resources]).sort()).toEqual([
      ['framework1', 'role1', agent],
      ['framework2', 'role2', agent],
    ]);
    expect(new Set(second.map((o) => o.agentId))).toEqual(new Set(['agent1', 'agent2']));
  });

  it('HierarchicalAllocatorTest.SameShareFairness', () => {
    // Two frameworks with the same share alternate on the one agent over ten runs (allocation
    // counts break the tie, not the names): five offers each.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['*'] });
    allocator.addFramework('framework2', { roles: ['*'] });
    const agent = { cpus: 2, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent });
    allocator.advance(0);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const offers = allocator.offers();
      expect(offers).toHaveLength(1);
      const [offer] = offers;
      expect(offer?.agentId).toBe('agent1');
      expect(offer?.role).toBe('*');
      expect(offer?.resources).toEqual(agent);
      const id = offer?.frameworkId ?? '';
      counts[id] = (counts[id] ?? 0) + 1;
      recoverAll(allocator, offers);
      allocator.advance(1);
    }
    expect(counts).toEqual({ framework1: 5, framework2: 5 });
  });
});
