/**
 * Replays of Apache Mesos's own allocator tests through createMesosAllocator: DRF order, fairness
 * exclusion, nested roles, offer filters, weights, suppress/revive and agent updates.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (HierarchicalAllocatorTest,
 * read at commit 92f8768da1b71b397bbd0938b673c0e2f52bee95). Each `it` carries the name of the Mesos
 * test it replays; the call sequence and the expected offers are the Mesos test's, rewritten here.
 *
 * How the Mesos harness maps onto the standalone allocator:
 * - "cpus:2;mem:1024;disk:0" → { cpus: 2, mem: 1024 } (zero amounts dropped);
 * - agents are "agent1", "agent2"… and frameworks "framework1"… in creation order, as in Mesos;
 * - an event that triggers an allocation in Mesos (addFramework, addSlave, revive…) is followed by
 *   advance(0), which runs the pending triggered run; Clock::advance(interval) → advance(interval);
 * - one Mesos `Allocation` (a framework, per role, per agent) is the group of offers one run made
 *   to that framework: see {@link allocations}.
 */
import { readFileSync } from 'node:fs';
import { allocations } from './replayHarness.ts';
import { describe, expect, it } from 'vitest';
import { addResources, type Resources } from '../../../src/core/cluster/resources.ts';
import {
  createMesosAllocator,
  type MesosAllocatorApi,
  type StandaloneOffer,
} from '../../../src/policies/allocators/mesos/standalone.ts';

/** Offers since the last call, summed per framework (what Mesos's UpdateWeight compares). */
function sumsByFramework(offers: readonly StandaloneOffer[]): Record<string, Resources> {
  const out: Record<string, Resources> = {};
  for (const o of offers) out[o.frameworkId] = addResources(out[o.frameworkId] ?? {}, o.resources);
  return out;
}

/** Gives every listed offer back without a filter (Mesos's recoverResources(..., None())). */
function recoverAll(allocator: MesosAllocatorApi, offers: readonly StandaloneOffer[]): void {
  for (const o of offers) allocator.recoverResources(o.frameworkId, o.agentId, o.role, o.resources);
}

// #region UnreservedDRF
/** Mesos's UnreservedDRF, replayed: returns the offers each step made. */
function replayUnreservedDRF(): StandaloneOffer[][] {
  const allocator = createMesosAllocator();
  const steps: StandaloneOffer[][] = [];
  const step = (): void => {
    allocator.advance(0); // run the allocation the events above triggered
    steps.push(allocator.offers());
  };

  allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
  allocator.addFramework('framework1', { roles: ['role1'] });
  step(); // framework1 is alone: it gets all of agent1

  allocator.addFramework('framework2', { roles: ['role2'] });
  allocator.addAgent('agent2', { resources: { cpus: 1, mem: 512 } });
  step(); // role2 (share 0) < role1 (2/3): framework2 gets agent2

  allocator.addAgent('agent3', { resources: { cpus: 3, mem: 2048 } });
  step(); // role2 (1/6) < role1 (1/3): framework2 again

  allocator.addFramework('framework3', { roles: ['role1'] });
  allocator.addAgent('agent4', { resources: { cpus: 4, mem: 4096 } });
  step(); // role1 (1/5) < role2 (2/5); inside role1, framework3 (0) < framework1

  allocator.addFramework('framework4', { roles: ['role1'] });
  allocator.addAgent('agent5', { resources: { cpus: 1, mem: 512 } });
  step(); // role2 (4/11) < role1 (5/8): framework2, though framework4 holds nothing

  return steps;
}
// #endregion

describe('HierarchicalAllocatorTest replayed (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('UnreservedDRF', () => {
    // Each new agent goes, whole, to the framework with the lowest share inside the role with the
    // lowest share (role shares worked out in the comments of replayUnreservedDRF).
    expect(replayUnreservedDRF()).toEqual([
      [{ frameworkId: 'framework1', role: 'role1', agentId: 'agent1', resources: { cpus: 2, mem: 1024 } }],
      [{ frameworkId: 'framework2', role: 'role2', agentId: 'agent2', resources: { cpus: 1, mem: 512 } }],
      [{ frameworkId: 'framework2', role: 'role2', agentId: 'agent3', resources: { cpus: 3, mem: 2048 } }],
      [{ frameworkId: 'framework3', role: 'role1', agentId: 'agent4', resources: { cpus: 4, mem: 4096 } }],
      [{ frameworkId: 'framework2', role: 'role2', agentId: 'agent5', resources: { cpus: 1, mem: 512 } }],
    ]);
  });

  it('DRFWithFairnessExclusion', () => {
    // UnreservedDRF again, but agent1 also has a GPU, taken by the GPU-capable framework1, and
    // gpus are left out of fairness. Were they counted, role1's share would stay 1 (it holds the
    // only GPU) and agent4 would go to role2 instead of framework3.
    const allocator = createMesosAllocator({ excludedResources: ['gpus'] });
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024, gpus: 1 } });
    allocator.addFramework('framework1', { roles: ['role1'], capabilities: ['GPU_RESOURCES'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2, mem: 1024, gpus: 1 } } } });

    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { role2: { agent2: { cpus: 1, mem: 512 } } } });

    allocator.addAgent('agent3', { resources: { cpus: 3, mem: 2048 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { role2: { agent3: { cpus: 3, mem: 2048 } } } });

    // Total cpus 10, mem 7680: role1 = 2/10 (gpus ignored), role2 = 4/10.
    allocator.addFramework('framework3', { roles: ['role1'] });
    allocator.addAgent('agent4', { resources: { cpus: 4, mem: 4096 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework3: { role1: { agent4: { cpus: 4, mem: 4096 } } } });

    allocator.addFramework('framework4', { roles: ['role1'] });
    allocator.addAgent('agent5', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { role2: { agent5: { cpus: 1, mem: 512 } } } });
  });

  it('NestedRoleDRF', () => {
    // Siblings compete on their whole subtree: "a/c" holds nothing, but subtree "a" holds more
    // than subtree "d", so new agents go under "d".
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
    allocator.addFramework('framework1', { roles: ['a/b'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { 'a/b': { agent1: { cpus: 2, mem: 1024 } } } });

    allocator.addFramework('framework2', { roles: ['a/c'] });
    allocator.addFramework('framework3', { roles: ['d/e'] });
    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0); // a = 2/3, d = 0
    expect(allocations(allocator)).toEqual({ framework3: { 'd/e': { agent2: { cpus: 1, mem: 512 } } } });

    allocator.addFramework('framework4', { roles: ['d/f'] });
    allocator.addAgent('agent3', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0); // a = 2/5, d = 1/5; inside d, d/f (0) < d/e (1/5)
    expect(allocations(allocator)).toEqual({ framework4: { 'd/f': { agent3: { cpus: 2, mem: 1024 } } } });
  });

  it('SmallOfferFilterTimeout', () => {
    // A 1 s filter with a 60 s allocation interval lasts until the first batch run after it was
    // made (MESOS-4302), and no longer.
    const allocator = createMesosAllocator({ allocationInterval: 60 });
    allocator.addFramework('framework1', { roles: ['role'] });
    allocator.addFramework('framework2', { roles: ['role'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 512 }, used: { framework1: { cpus: 1, mem: 512 } } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({}); // agent1 is fully used

    allocator.addAgent('agent2', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0); // framework2 (share 0) < framework1 (1/2)
    expect(allocations(allocator)).toEqual({ framework2: { role: { agent2: { cpus: 1, mem: 512 } } } });

    allocator.recoverResources('framework2', 'agent2', 'role', { cpus: 1, mem: 512 }, 1);
    allocator.advance(1); // the filter's own timeout passes…
    allocator.advance(60); // …but it still holds at the batch run (t = 60): framework1 gets agent2
    expect(allocations(allocator)).toEqual({ framework1: { role: { agent2: { cpus: 1, mem: 512 } } } });

    allocator.recoverResources('framework1', 'agent2', 'role', { cpus: 1, mem: 512 });
    allocator.advance(60); // the filter is gone: framework2, now the lower share, gets agent2
    expect(allocations(allocator)).toEqual({ framework2: { role: { agent2: { cpus: 1, mem: 512 } } } });
  });

  it('UpdateWeight', () => {
    // Six identical agents split 3:3, then 2:4 with role2 at weight 2, then 1:2:3 once role3
    // (weight 3) joins. Weight changes do not trigger a run; the next batch run uses them.
    const allocator = createMesosAllocator();
    const agent = { cpus: 2, mem: 1024 };
    const times = (n: number): Resources => ({ cpus: 2 * n, mem: 1024 * n });
    for (let i = 1; i <= 6; i++) allocator.addAgent(`agent${i}`, { resources: agent });

    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.advance(0); // nothing is left for framework2
    let offers = allocator.offers();
    expect(sumsByFramework(offers)).toEqual({ framework1: times(6) });
    recoverAll(allocator, offers);

    allocator.advance(1);
    offers = allocator.offers();
    expect(sumsByFramework(offers)).toEqual({ framework1: times(3), framework2: times(3) });
    recoverAll(allocator, offers);

    allocator.updateWeight('role2', 2);
    allocator.advance(1);
    offers = allocator.offers();
    expect(sumsByFramework(offers)).toEqual({ framework1: times(2), framework2: times(4) });
    recoverAll(allocator, offers);

    allocator.updateWeight('role3', 3); // before the role has any framework
    allocator.addFramework('framework3', { roles: ['role3'] });
    allocator.advance(0); // the run addFramework triggers
    expect(sumsByFramework(allocator.offers())).toEqual({
      framework1: times(1),
      framework2: times(2),
      framework3: times(3),
    });
  });

  it('SuppressAndReviveOffersWithMultiRole', () => {
    // A framework in two roles: suppressing role1 sends the agent to role2; declining it there
    // for a day and reviving role1 brings it back in role1 only, role2's filter untouched.
    const day = 24 * 3600;
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role1', 'role2'] });
    allocator.suppress('framework1', ['role1']);
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role2: { agent1: { cpus: 2, mem: 1024 } } } });

    allocator.recoverResources('framework1', 'agent1', 'role2', { cpus: 2, mem: 1024 }, day);
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({});

    allocator.revive('framework1', ['role1']);
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2, mem: 1024 } } } });

    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 2, mem: 1024 }, day);
    allocator.advance(1); // both roles filtered now
    expect(allocations(allocator)).toEqual({});
  });

  // Mesos: updateSlave with changed attributes clears the agent's offer filters and triggers an
  // allocation on that agent, so the declined resources are offered again at once.
  it('RemoveFilters', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 512 } });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework1: { role: { agent1: { cpus: 1, mem: 512 } } } });

    allocator.recoverResources('framework1', 'agent1', 'role', { cpus: 1, mem: 512 }, 2); // 2 × the interval
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({});

    allocator.updateAgentAttributes('agent1', { foo: 'bar', baz: 'quux' });
    allocator.advance(0); // Mesos: the update itself runs an allocation on agent1
    expect(allocations(allocator)).toEqual({ framework1: { role: { agent1: { cpus: 1, mem: 512 } } } });
  });
});

describe('docs/allocator.md', () => {
  it('shows the UnreservedDRF replay exactly as this file runs it', () => {
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const start = source.indexOf('// #region UnreservedDRF\n');
    const end = source.indexOf('// #endregion', start);
    expect(start).toBeGreaterThanOrEqual(0);
    const example = source.slice(source.indexOf('\n', start) + 1, end).trimEnd();
    const doc = readFileSync(new URL('../../../docs/allocator.md', import.meta.url), 'utf8');
    expect(doc).toContain(`${example}\n\`\`\``);
  });
});
