/**
 * Replays of Apache Mesos's tests about agents whose totals change and about resources already in
 * use when agents and frameworks (re-)register, through createMesosAllocator.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (HierarchicalAllocatorTest,
 * read at commit 92f8768da1b71b397bbd0938b673c0e2f52bee95). Mapping of the harness as in
 * mesosReplay.test.ts.
 */
import { allocations } from './replayHarness.ts';
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';

describe('HierarchicalAllocatorTest replays: agents and resources in use', () => {
  // Mesos keeps "available = total − allocated": after the total shrinks below what a framework
  // holds, recovering everything offers exactly the new total, and growing the total back offers
  // the difference.
  it('UpdateSlaveTotalResources', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 100, mem: 100, disk: 100 } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 100, mem: 100, disk: 100 } } } });

    allocator.updateAgent('agent1', { cpus: 112, mem: 100, disk: 100 }); // 12 more cpus
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 12 } } } });

    allocator.updateAgent('agent1', { cpus: 50, mem: 50, disk: 50 }); // now over-allocated
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({});

    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 112, mem: 100, disk: 100 });
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 50, mem: 50, disk: 50 } } } });

    allocator.updateAgent('agent1', { cpus: 100, mem: 100, disk: 100 }); // back to the original total
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 50, mem: 50, disk: 50 } } } });
  });

  // Mesos's addFramework skips `used` entries on agents it does not know yet, and addSlave skips
  // `used` entries of frameworks it does not know yet; whichever call comes second counts the
  // allocation, once.
  it('NoDoubleAccounting', () => {
    const allocator = createMesosAllocator();
    const agentResources = { cpus: 1 };
    // framework1: addFramework first, then addSlave.
    allocator.addFramework('framework1', { roles: ['ROLE1'], used: { agent1: agentResources } });
    allocator.addAgent('agent1', { resources: agentResources, used: { framework1: agentResources } });
    // framework2: addSlave first, then addFramework.
    allocator.addAgent('agent2', { resources: agentResources, used: { framework2: agentResources } });
    allocator.addFramework('framework2', { roles: ['ROLE2'], used: { agent2: agentResources } });
    allocator.advance(0);
    // Each role holds one of the two agents: both shares are 1/2.
    expect(allocator.roleShare('ROLE1')).toBe(0.5);
    expect(allocator.roleShare('ROLE2')).toBe(0.5);
  });
});
