/**
 * Replays of Mesos's minimum-allocatable tests (src/tests/hierarchical_allocator_tests.cpp):
 * the default `cpus:0.01|mem:32` and a framework's own per-role minimum. Mapping of Mesos's
 * harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { runAfter, runNow } from './harness.ts';

const MIN_CPUS = 0.01;
const MIN_MEM = 32;

describe('HierarchicalAllocatorTest minimum allocatable replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.Allocatable', () => {
    // An agent is offered only if it has at least MIN_CPUS cpus or MIN_MEM mem; disk does not
    // count, reserved and unreserved parts count together.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.addAgent('agent1', { resources: { cpus: MIN_CPUS / 2, mem: MIN_MEM / 2, disk: 128 } });
    const agent2 = { cpus: MIN_CPUS, mem: MIN_MEM / 2, disk: 128 };
    allocator.addAgent('agent2', { resources: agent2 });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent2 } } }); // agent1 is too small

    const agent3 = { cpus: MIN_CPUS / 2, mem: MIN_MEM, disk: 128 };
    allocator.addAgent('agent3', { resources: agent3 });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent3 } } });

    // cpus 1.5 × MIN_CPUS unreserved + 1.5 × MIN_CPUS reserved to role1, mem half the minimum each.
    const agent4 = { cpus: 3 * MIN_CPUS, mem: MIN_MEM, disk: 128 };
    allocator.addAgent('agent4', {
      resources: agent4,
      reserved: { role1: { cpus: (3 * MIN_CPUS) / 2, mem: MIN_MEM / 2 } },
    });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent4 } } });
  });

  it('HierarchicalAllocatorTest.FrameworkMinAllocatable', () => {
    // Half the global minimum is not offered, until the framework lowers its own minimum for the
    // role to a third of MIN_CPUS.
    const allocator = createMesosAllocator({ minAllocatable: [{ cpus: MIN_CPUS }, { mem: MIN_MEM }] });
    allocator.addFramework('framework1', { roles: ['role1'] });
    const agent1 = { cpus: MIN_CPUS / 2, mem: MIN_MEM / 2, disk: 128 };
    allocator.addAgent('agent1', { resources: agent1 });
    expect(runNow(allocator)).toEqual({});

    allocator.updateFramework('framework1', { minAllocatable: { role1: [{ cpus: MIN_CPUS / 3 }] } });
    expect(runAfter(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  });

  it('HierarchicalAllocatorTest.FrameworkEmptyMinAllocatable', () => {
    // An empty list of alternatives for the role accepts anything.
    const allocator = createMesosAllocator({ minAllocatable: [{ cpus: MIN_CPUS }, { mem: MIN_MEM }] });
    allocator.addFramework('framework1', { roles: ['role1'], minAllocatable: { role1: [] } });
    const agent1 = { cpus: MIN_CPUS / 2, mem: MIN_MEM / 2, disk: 128 };
    allocator.addAgent('agent1', { resources: agent1 });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1 } } });
  });
});
