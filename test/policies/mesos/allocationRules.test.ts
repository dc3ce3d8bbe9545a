import { describe, expect, it } from 'vitest';
import {
  createMesosAllocator,
  type MesosAllocatorApi,
  type MesosAllocatorOptions,
} from '../../../src/policies/allocators/mesos/standalone.ts';

const fresh = (options: MesosAllocatorOptions = {}): MesosAllocatorApi => createMesosAllocator(options);
const summary = (a: MesosAllocatorApi): string[] =>
  a.offers().map((o) => `${o.frameworkId}@${o.agentId}:${JSON.stringify(o.resources)}`);
/** Gives every outstanding offer back, with an optional filter. */
const declineAll = (a: MesosAllocatorApi, offers = a.offers(), refuse?: number): void => {
  for (const o of offers) a.recoverResources(o.frameworkId, o.agentId, o.role, o.resources, refuse);
};

describe('allocation runs', () => {
  it('runs a batch allocation every allocationInterval', () => {
    const a = fresh({ allocationInterval: 2 });
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    declineAll(a); // no filter: the next batch offers it again
    a.advance(1.9);
    expect(a.offers()).toEqual([]);
    a.advance(0.1);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);
  });

  it('triggers a run over all agents when a framework is added active, activated or revives', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.advance(0);
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);

    a.addFramework('g', { roles: ['*'], active: false });
    a.addAgent('a2', { resources: { cpus: 1 } });
    a.advance(0); // a2's own trigger: only f is active
    expect(summary(a)).toEqual(['f@a2:{"cpus":1}']);
    a.recoverResources('f', 'a2', '*', { cpus: 1 });
    a.deactivateFramework('f');
    a.activateFramework('g');
    a.advance(0);
    expect(summary(a)).toEqual(['g@a2:{"cpus":1}']);

    a.suppress('g');
    a.recoverResources('g', 'a2', '*', { cpus: 1 });
    a.advance(0); // suppress and recovery do not trigger; g is suppressed anyway
    expect(a.offers()).toEqual([]);
    a.revive('g');
    a.advance(0);
    expect(summary(a)).toEqual(['g@a2:{"cpus":1}']);
  });

  it('triggers a run over only the agent that is added or whose total changes', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    declineAll(a); // a1 is free again, but nothing triggers a run over it
    a.addAgent('a2', { resources: { cpus: 2 } });
    a.advance(0);
    expect(summary(a)).toEqual(['f@a2:{"cpus":2}']);
    declineAll(a, [{ frameworkId: 'f', role: '*', agentId: 'a2', resources: { cpus: 2 } }]);
    a.updateAgent('a2', { cpus: 3 });
    a.advance(0);
    expect(summary(a)).toEqual(['f@a2:{"cpus":3}']);
  });

  it('does not trigger on declines, task completions, weight or quota changes, or suppress', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 4 } });
    a.addFramework('f', { roles: ['r'] });
    a.advance(0);
    a.offers();
    a.recoverResources('f', 'a1', 'r', { cpus: 1 }); // a task ends
    a.recoverResources('f', 'a1', 'r', { cpus: 1 }, 0); // a decline without filter
    a.updateWeight('r', 3);
    a.updateQuota('r', { guarantees: { cpus: 1 } });
    a.addFramework('g', { roles: ['r'], active: false });
    a.suppress('g');
    a.advance(0);
    expect(a.offers()).toEqual([]);
    a.advance(100); // the next batch run offers what was freed
    expect(summary(a)).toEqual(['f@a1:{"cpus":2}']);
  });

  it('makes coarse-grained offers: the first framework in order gets everything on the agent', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 4, mem: 1024 } });
    a.addFramework('f1', { roles: ['r'] });
    a.addFramework('f2', { roles: ['r'] });
    a.advance(0);
    expect(summary(a)).toEqual(['f1@a1:{"cpus":4,"mem":1024}']);
  });

  it('counts outstanding offers as allocated when ordering', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 4 } });
    a.addFramework('f1', { roles: ['r'] });
    a.addFramework('f2', { roles: ['r'] });
    a.advance(0);
    expect(summary(a)).toEqual(['f1@a1:{"cpus":4}']); // still held, not accepted or declined
    a.addAgent('a2', { resources: { cpus: 4 } });
    a.advance(0);
    expect(summary(a)).toEqual(['f2@a2:{"cpus":4}']);
  });

  it('re-sorts roles for each agent, so two roles share two agents in one run', () => {
    const a = fresh({ seed: 7 });
    a.addAgent('a1', { resources: { cpus: 4 } });
    a.addAgent('a2', { resources: { cpus: 4 } });
    a.addFramework('f1', { roles: ['r1'] });
    a.addFramework('f2', { roles: ['r2'] });
    a.advance(0);
    const offers = a.offers();
    expect(offers.map((o) => o.frameworkId).sort()).toEqual(['f1', 'f2']);
    // The first agent visited (in shuffled order) goes to r1: equal shares and counts, then "r1" < "r2".
    expect(offers[0]?.frameworkId).toBe('f1');
  });

  it('shuffles agents with the seed: the same seed visits them in the same order', () => {
    const order = (seed: number): string[] => {
      const a = fresh({ seed });
      for (let i = 0; i < 8; i++) a.addAgent(`a${i}`, { resources: { cpus: 1 } });
      for (let i = 0; i < 8; i++) a.addFramework(`f${i}`, { roles: ['*'] });
      a.advance(0);
      return a.offers().map((o) => o.agentId);
    };
    expect(order(1)).toEqual(order(1));
    expect(new Set([order(1), order(2), order(3)].map((o) => o.join()))).toHaveProperty('size', 3);
  });
});

describe('minimum allocatable size and GPUs', () => {
  it('makes an offer only if it holds one alternative of the minimum (default cpus ≥ 0.01 or mem ≥ 32)', () => {
    const a = fresh();
    a.addAgent('tiny', { resources: { cpus: 0.005, mem: 16 } });
    a.addAgent('memory', { resources: { cpus: 0.005, mem: 32 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    expect(summary(a)).toEqual(['f@memory:{"cpus":0.005,"mem":32}']);
  });

  it('lets a framework override the minimum per role', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('big', { roles: ['r'], minAllocatable: { r: [{ cpus: 2 }] } });
    a.addFramework('small', { roles: ['r'] });
    a.advance(0);
    expect(summary(a)).toEqual(['small@a1:{"cpus":1}']); // "big" sorts first but 1 cpu is below its minimum
  });

  it('offers GPU agents only to GPU-capable frameworks; without filtering, to every framework, GPUs included', () => {
    const filtered = fresh();
    filtered.addAgent('gpu', { resources: { cpus: 4, gpus: 2 } });
    filtered.addFramework('a-plain', { roles: ['*'] });
    filtered.addFramework('b-gpu', { roles: ['*'], capabilities: ['GPU_RESOURCES'] });
    filtered.advance(0);
    expect(summary(filtered)).toEqual(['b-gpu@gpu:{"cpus":4,"gpus":2}']);

    // Mesos's hierarchical.cpp: with --filter_gpu_resources off, isCapableOfReceivingAgent lets any
    // framework receive a GPU agent, and stripIncapableResources strips only shared, revocable and
    // refined-reservation resources, never GPUs. Both frameworks have share 0 and no allocations,
    // so the tie goes by name: a-plain gets the whole agent.
    const open = fresh({ filterGpuResources: false });
    open.addAgent('gpu', { resources: { cpus: 4, gpus: 2 } });
    open.addFramework('a-plain', { roles: ['*'] });
    open.addFramework('b-gpu', { roles: ['*'], capabilities: ['GPU_RESOURCES'] });
    open.advance(0);
    expect(summary(open)).toEqual(['a-plain@gpu:{"cpus":4,"gpus":2}']);
  });
});

describe('decline filters', () => {
  it('last max(refuseSeconds, allocationInterval)', () => {
    const a = fresh({ allocationInterval: 10 });
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    declineAll(a, undefined, 1); // 1 s asked for, but the filter lasts one interval: until t = 10
    a.advance(10);
    expect(a.offers()).toEqual([]);
    a.advance(10);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);
  });

  it('expire on time: a 5 s filter made at t=0 blocks the batch runs at 1…4 s and lets the one at 5 s through', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    declineAll(a, undefined, 5);
    expect(a.activeOfferFilters('*')).toEqual([{ frameworkId: 'f', agentId: 'a1', expiresAt: 5 }]);
    a.advance(4);
    expect(a.offers()).toEqual([]);
    a.advance(1);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);
    expect(a.activeOfferFilters('*')).toEqual([]);
  });

  it('always survive the first batch run after they were made', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(1); // the triggered run at 0 and the batch run at 1 both offered
    declineAll(a, undefined, 0.5); // at t=1, after that batch run: effective 1 s, expiring at t=2 …
    a.advance(1); // … yet it survives the batch run at t=2, the first one after it was made
    expect(a.offers()).toEqual([]);
    a.advance(1);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);
  });

  it('are per framework, role and agent, and block only offers the declined resources contain', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 4 } });
    a.addAgent('a2', { resources: { cpus: 4 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    a.offers();
    a.recoverResources('f', 'a1', '*', { cpus: 2 }, 1000); // declines half of a1
    a.recoverResources('f', 'a2', '*', { cpus: 4 }, 1000);
    a.advance(100);
    expect(a.offers()).toEqual([]); // a1's free 2 cpus ⊆ declined 2: blocked; a2 blocked
    a.recoverResources('f', 'a1', '*', { cpus: 2 }); // a task ends: a1 now has 4 free ⊄ declined 2
    a.advance(100);
    expect(summary(a)).toEqual(['f@a1:{"cpus":4}']);
  });

  it('are cleared by revive (triggering a run), by deactivation, and by new agent attributes', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('f', { roles: ['*'] });
    a.advance(0);
    declineAll(a, undefined, 1000);
    a.revive('f');
    a.advance(0);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);

    declineAll(a, [{ frameworkId: 'f', role: '*', agentId: 'a1', resources: { cpus: 1 } }], 1000);
    a.deactivateFramework('f');
    expect(a.activeOfferFilters('*')).toEqual([]);
    a.activateFramework('f');
    a.advance(0);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);

    declineAll(a, [{ frameworkId: 'f', role: '*', agentId: 'a1', resources: { cpus: 1 } }], 1000);
    a.updateAgentAttributes('a1', { rack: 'r9' });
    a.advance(100);
    expect(summary(a)).toEqual(['f@a1:{"cpus":1}']);
  });

  it('keep a deactivated framework’s allocation counted', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 4 } });
    a.addFramework('f', { roles: ['r'] });
    a.advance(0);
    a.offers();
    expect(a.roleShare('r')).toBe(1);
    a.deactivateFramework('f');
    expect(a.roleShare('r')).toBe(1);
  });
});

describe('roles, weights, quota and reservations', () => {
  it('divides identical agents in proportion to role weights', () => {
    const a = fresh();
    for (let i = 0; i < 6; i++) a.addAgent(`a${i}`, { resources: { cpus: 1 } });
    a.updateWeight('heavy', 2);
    a.addFramework('h', { roles: ['heavy'] });
    a.addFramework('l', { roles: ['light'] });
    a.advance(0);
    const counts = a
      .offers()
      .reduce<Record<string, number>>((c, o) => ({ ...c, [o.frameworkId]: (c[o.frameworkId] ?? 0) + 1 }), {});
    expect(counts).toEqual({ h: 4, l: 2 });
  });

  it('sorts "framework10" before "framework2" when shares and counts tie', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 1 } });
    a.addFramework('framework2', { roles: ['r'] });
    a.addFramework('framework10', { roles: ['r'] });
    a.advance(0);
    expect(summary(a)).toEqual(['framework10@a1:{"cpus":1}']);
  });

  it('cuts offers at a quota limit; the rest of the agent goes to the next role', () => {
    const a = fresh({ seed: 3 });
    a.addAgent('a1', { resources: { cpus: 2 } });
    a.addAgent('a2', { resources: { cpus: 2 } });
    a.updateQuota('capped', { limits: { cpus: 3 } });
    a.addFramework('c', { roles: ['capped'] });
    a.addFramework('o', { roles: ['other'] });
    a.advance(0);
    const held = a
      .offers()
      .reduce<Record<string, number>>(
        (h, o) => ({ ...h, [o.frameworkId]: (h[o.frameworkId] ?? 0) + (o.resources['cpus'] ?? 0) }),
        {},
      );
    expect(held['c']).toBeLessThanOrEqual(3);
    expect((held['c'] ?? 0) + (held['o'] ?? 0)).toBe(4);
  });

  it('holds back headroom for a role below its guarantee, even one with no framework', () => {
    const a = fresh();
    for (let i = 0; i < 3; i++) a.addAgent(`a${i}`, { resources: { cpus: 2 } });
    a.updateQuota('prod', { guarantees: { cpus: 4 } });
    a.addFramework('dev', { roles: ['dev'] });
    a.advance(0);
    const devCpus = a.offers().reduce((sum, o) => sum + (o.resources['cpus'] ?? 0), 0);
    expect(devCpus).toBe(2); // 6 cpus, 4 held back for prod
    a.addFramework('p', { roles: ['prod'] });
    a.advance(0);
    const prodCpus = a.offers().reduce((sum, o) => sum + (o.resources['cpus'] ?? 0), 0);
    expect(prodCpus).toBe(4);
  });

  it('lets a role use reservations of itself and its ancestors, and nobody else', () => {
    const a = fresh();
    a.addAgent('a1', { resources: { cpus: 4 }, reserved: { eng: { cpus: 2 } } });
    a.addFramework('ops', { roles: ['ops'] });
    a.advance(0);
    expect(summary(a)).toEqual(['ops@a1:{"cpus":2}']); // only the unreserved half
    a.addFramework('ads', { roles: ['eng/ads'] });
    a.advance(0);
    expect(summary(a)).toEqual(['ads@a1:{"cpus":2}']); // eng's reservation, usable by eng/ads
  });

  it('reserves and unreserves dynamically, only resources nobody holds', () => {
    const a = fresh({ allocationInterval: 100 });
    a.addAgent('a1', { resources: { cpus: 4 } });
    expect(a.reserve('a1', 'eng', { cpus: 3 })).toBe(true);
    expect(a.reserve('a1', 'eng', { cpus: 2 })).toBe(false); // only 1 unreserved left
    a.addFramework('ops', { roles: ['ops'] });
    a.advance(0);
    expect(summary(a)).toEqual(['ops@a1:{"cpus":1}']);
    expect(a.unreserve('a1', 'eng', { cpus: 3 })).toBe(true);
    a.advance(100);
    expect(summary(a)).toEqual(['ops@a1:{"cpus":3}']);
  });
});
