/**
 * Agent capabilities through createMesosAllocator: replays of hierarchical_allocator_tests.cpp's
 * UpdateSlaveCapabilities and DontOfferOldAgentToMultiRoleFramework, and cases derived from
 * hierarchical.cpp's `isFiltered` (an agent without MULTI_ROLE is not offered to MULTI_ROLE
 * frameworks; one without HIERARCHICAL_ROLE not to nested roles). Mesos's `AGENT_CAPABILITIES()`
 * is the default (no `capabilities` given); `{}` there is `capabilities: []` here. Mesos's
 * `createFrameworkInfo` gives every framework MULTI_ROLE: the replays list it.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runAfter, runNow } from './harness.ts';

describe('HierarchicalAllocatorTest agent capability replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.UpdateSlaveCapabilities', () => {
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1, disk: 1 };
    allocator.addAgent('agent1', { resources: agent, capabilities: [] });
    allocator.addFramework('framework1', { roles: ['role1'], capabilities: ['MULTI_ROLE'] });
    // An agent without MULTI_ROLE is not offered to a MULTI_ROLE framework.
    expect(runNow(allocator)).toEqual({});
    // Once it has every capability, the triggered run on it offers all of it.
    allocator.updateAgent('agent1', { capabilities: ['MULTI_ROLE', 'HIERARCHICAL_ROLE', 'RESERVATION_REFINEMENT'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: agent } } });
  });

  it('HierarchicalAllocatorTest.DontOfferOldAgentToMultiRoleFramework', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['foo'], capabilities: ['MULTI_ROLE'] });
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 }, capabilities: [] });
    expect(runAfter(allocator)).toEqual({});
  });
});

describe('agent capabilities (derived from hierarchical.cpp isFiltered)', () => {
  it('an agent without MULTI_ROLE still goes to frameworks without it', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2 }, capabilities: [] });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2 } } } });
  });

  it('an agent without HIERARCHICAL_ROLE is not offered to a nested role, but to a top-level one', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2 }, capabilities: ['MULTI_ROLE'] });
    allocator.addFramework('framework1', { roles: ['eng/ads'] });
    expect(runNow(allocator)).toEqual({});
    allocator.addFramework('framework2', { roles: ['eng'] });
    expect(runNow(allocator)).toEqual({ framework2: { eng: { agent1: { cpus: 2 } } } });
  });

  it('taking MULTI_ROLE away stops offers from then on', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2 } });
    allocator.addFramework('framework1', { roles: ['role1'], capabilities: ['MULTI_ROLE'] });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2 } } } });
    allocator.updateAgent('agent1', { capabilities: [] });
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 2 });
    expect(runAfter(allocator)).toEqual({});
  });

  it('a capability list that is not a list of names is refused with a clear error', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.addAgent('a1', { resources: {}, capabilities: [1 as unknown as string] })).toThrow(
      /^addAgent: agent "a1": capabilities must be a list of names such as "MULTI_ROLE"/,
    );
  });
});
