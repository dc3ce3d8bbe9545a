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

  // Only a role's own quota applies to it: the limit of top-level role "a" counts what "a/b"
  // holds but does not cut offers to "a/b" itself (hierarchical.cpp's general stage reads
  // getQuota(role).limits of the role being offered). framework1 in "a/b" gets agent2;
  // framework2 in "a" gets nothing, since a's consumption (a/b's cpus:1;mem:1024) is at its limit.
  it('QuotaWithNestedRoleAllocation', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['a/b'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'a/b': { agent1: { cpus: 1, mem: 1024 } } } });

    allocator.updateQuota('a', quota({ cpus: 1, mem: 1024 })); // already consumed by a/b
    allocator.addFramework('framework2', { roles: ['a'] });
    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'a/b': { agent2: { cpus: 1, mem: 1024 } } } });
  });

  it('QuotaProvidesLimit', () => {
    // A limit of zero on every resource keeps the role from being offered anything; raising it
    // lets the role have exactly up to the limit, the rest of the agent going to another role.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['*'] });
    allocator.updateQuota('*', { limits: { cpus: 0, mem: 0, disk: 0 } });
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024, disk: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({});

    allocator.addFramework('framework2', { roles: ['no-quota-role'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({
      framework2: { 'no-quota-role': { agent1: { cpus: 2, mem: 1024, disk: 1024 } } },
    });

    allocator.updateQuota('*', { limits: { cpus: 1, mem: 512, disk: 512 } });
    allocator.addAgent('agent2', { resources: { cpus: 2, mem: 1024, disk: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({
      framework1: { '*': { agent2: { cpus: 1, mem: 512, disk: 512 } } },
      framework2: { 'no-quota-role': { agent2: { cpus: 1, mem: 512, disk: 512 } } },
    });
  });

  it('QuotaAllocationGranularity', () => {
    // With guarantee = limit below the agent's size, the guarantee stage offers exactly the quota;
    // the rest goes to a role without quota.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.updateQuota('quota-role', quota({ cpus: 0.5, mem: 200 }));
    allocator.addAgent('agent', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'quota-role': { agent: { cpus: 0.5, mem: 200 } } } });

    allocator.addFramework('framework2', { roles: ['no-quota-role'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { 'no-quota-role': { agent: { cpus: 0.5, mem: 312 } } } });
  });

  it('QuotaHeadroomWithNestedRoleAllocation', () => {
    // What a/b holds counts in a's consumption but a has no quota; quota-role's guarantee (one
    // agent's worth, no framework) holds back one of the two new agents.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['a/b'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 100 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'a/b': { agent1: { cpus: 1, mem: 100 } } } });

    allocator.addFramework('framework2', { roles: ['a'] });
    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 100 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { a: { agent2: { cpus: 1, mem: 100 } } } });

    allocator.updateQuota('quota-role', quota({ cpus: 1, mem: 100 }));
    allocator.addAgent('agent3', { resources: { cpus: 1, mem: 100 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({});

    allocator.addAgent('agent4', { resources: { cpus: 1, mem: 100 } });
    allocator.advance(0);
    // One of agent3 and agent4, whole, to a or a/b; the other is set aside.
    const offers = allocator.offers();
    expect(offers).toHaveLength(1);
    expect(['agent3', 'agent4']).toContain(offers[0]?.agentId);
    expect(offers[0]?.resources).toEqual({ cpus: 1, mem: 100 });
  });
});

describe('guarantee stage, by hand from hierarchical.cpp (__allocate, stage 1)', () => {
  it('a role with a guarantee and no limit bursts above it in the first stage: the whole agent', () => {
    // Guarantee cpus:1, no limit. guaranteed = {cpus:1}; the rest {cpus:3, mem:1024} goes along,
    // cut only to the surplus headroom: available {cpus:4, mem:1024} − required {cpus:1} leaves
    // {cpus:3, mem:1024}, all of it. (Cutting the offer to the guarantee would give {cpus:1, mem:1024}.)
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.addFramework('framework2', { roles: ['other'] });
    allocator.updateQuota('quota-role', { guarantees: { cpus: 1 } });
    allocator.addAgent('agent1', { resources: { cpus: 4, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'quota-role': { agent1: { cpus: 4, mem: 1024 } } } });
  });

  it('bursts up to the limit, not beyond', () => {
    // Guarantee cpus:1, limit cpus:2: guaranteed {cpus:1}, the extra cpus cut to 2 − 0 − 1 = 1; mem
    // has no limit and goes whole. framework2 gets the last 2 cpus.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.addFramework('framework2', { roles: ['other'] });
    allocator.updateQuota('quota-role', { guarantees: { cpus: 1 }, limits: { cpus: 2 } });
    allocator.addAgent('agent1', { resources: { cpus: 4, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({
      framework1: { 'quota-role': { agent1: { cpus: 2, mem: 1024 } } },
      framework2: { other: { agent1: { cpus: 2 } } },
    });
  });

  it('a role that makes no progress towards its guarantee is skipped in the first stage', () => {
    // quota-role is guaranteed gpus, the agent has none: nothing towards the guarantee, so the
    // first stage skips it; in the second stage other (share 0, name "other" < "quota-role")
    // comes first and takes the agent; the gpus still required are not on the agent.
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['quota-role'] });
    allocator.addFramework('framework2', { roles: ['other'] });
    allocator.updateQuota('quota-role', { guarantees: { gpus: 1 } });
    allocator.addAgent('agent1', { resources: { cpus: 4, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { other: { agent1: { cpus: 4, mem: 1024 } } } });
  });
});
