/**
 * Replays of Apache Mesos's quota tests through createMesosAllocator.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (HierarchicalAllocatorTest,
 * read at commit 92f8768da1b71b397bbd0938b673c0e2f52bee95). In that version the tests' one-argument
 * `createQuota("cpus:2;mem:1024")` sets the guarantee and the limit to the same amounts (the
 * DRFWithQuota test reads both back from the metrics), so each replay passes both.
 * Mapping of the harness as in mesosReplay.test.ts.
 */
import { allocations } from './replayHarness.ts';
import { describe, expect, it } from 'vitest';
import type { Resources } from '../../../src/core/cluster/resources.ts';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';

/** Guarantee and limit of the same amounts, as the Mesos tests' createQuota(string) makes. */
const quota = (amounts: Resources): { guarantees: Resources; limits: Resources } => ({
  guarantees: amounts,
  limits: amounts,
});

describe('HierarchicalAllocatorTest quota replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('QuotaProvidesGuarantee', () => {
    // Resources a role below its guarantee declines are held for it, not given to a greedy
    // framework of a role without quota.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.updateQuota('quota-role', quota({ cpus: 2, mem: 1024 }));
    allocator.addFramework('framework2', { roles: ['no-quota-role'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({}); // no agents yet

    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'quota-role': { agent1: { cpus: 1, mem: 512 } } } });

    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0); // quota-role still lacks cpus:1;mem:512
    expect(allocations(allocator)).toEqual({ framework1: { 'quota-role': { agent2: { cpus: 1, mem: 512 } } } });

    allocator.recoverResources('framework1', 'agent2', 'quota-role', { cpus: 1, mem: 512 }, 2); // 2 × the interval
    allocator.advance(1); // framework1 is filtered; framework2 may not eat the headroom
    expect(allocations(allocator)).toEqual({});

    allocator.advance(1); // the filter has expired
    expect(allocations(allocator)).toEqual({ framework1: { 'quota-role': { agent2: { cpus: 1, mem: 512 } } } });
  });

  it('QuotaAbsentFrameworkWholeAgent', () => {
    // A guarantee holds resources back even for a role with no framework at all: the first agent
    // is set aside for it, only the second one is offered.
    const allocator = createMesosAllocator();
    allocator.updateQuota('quota-role', quota({ cpus: 2, mem: 1024 }));
    allocator.addFramework('framework1', { roles: ['no-quota-role'] });
    allocator.advance(0);

    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({});

    allocator.addAgent('agent2', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0);
    const offers = allocator.offers();
    // One of the two identical agents, whole (Mesos does not say which).
    expect(offers).toHaveLength(1);
    expect(offers[0]?.frameworkId).toBe('framework1');
    expect(offers[0]?.role).toBe('no-quota-role');
    expect(['agent1', 'agent2']).toContain(offers[0]?.agentId);
    expect(offers[0]?.resources).toEqual({ cpus: 2, mem: 1024 });
  });

  // DISCREPANCY (a parent's quota limit caps its sub-roles): in Mesos (at the commit above) the
  // limit of top-level role "a" counts what "a/b" holds but does not cut offers to "a/b" itself —
  // the test expects framework1 in "a/b" to get agent2 while framework2 in "a" gets nothing (the
  // Mesos test's TODO says this may change once hierarchical quota is finished). clustersim cuts
  // unreserved offers to every role by the limits of its top-level role (quota.ts,
  // QuotaRun.unreservedAllowance uses topLevelRole), so "a/b" is capped at a's limit too and
  // agent2 is offered to nobody.
  // The test asserts this known difference itself (an it.fails would pass on any failure at all):
  // once nested quota follows Mesos, the expectation below fails and becomes Mesos's.
  it('QuotaWithNestedRoleAllocation (known difference: agent2 is offered to nobody)', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['a/b'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'a/b': { agent1: { cpus: 1, mem: 1024 } } } });

    allocator.updateQuota('a', quota({ cpus: 1, mem: 1024 })); // already consumed by a/b
    allocator.addFramework('framework2', { roles: ['a'] });
    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 1024 } });
    allocator.advance(0);
    // Mesos expects { framework1: { 'a/b': { agent2: { cpus: 1, mem: 1024 } } } }.
    expect(allocations(allocator)).not.toEqual({ framework1: { 'a/b': { agent2: { cpus: 1, mem: 1024 } } } });
    expect(allocations(allocator)).toEqual({});
  });
});
