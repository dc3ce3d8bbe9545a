/**
 * Replays of Mesos's metrics tests (src/tests/hierarchical_allocator_tests.cpp): Mesos's
 * `Metrics()` snapshot is `metrics()`, under the same names; a metric Mesos does not publish is an
 * absent key. `allocator/mesos/roles/<role>/shares/dominant` is also `roleShare(role)`, and
 * `allocator/mesos/offer_filters/roles/<role>/active` is `activeOfferFilters(role).length`.
 * Mapping of Mesos's harness: see harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { recoverAll, runNow } from './harness.ts';

/** Mesos's cluster resource metrics: total and offered_or_allocated of cpus, mem and disk. */
function resourceMetrics(total: Record<string, number>, offered: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of ['cpus', 'mem', 'disk']) {
    out[`allocator/mesos/resources/${name}/total`] = total[name] ?? 0;
    out[`allocator/mesos/resources/${name}/offered_or_allocated`] = offered[name] ?? 0;
  }
  return out;
}

describe('HierarchicalAllocatorTest metrics replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.ActiveOfferFiltersMetrics', () => {
    // Each decline adds a filter to its role's count; two frameworks of roleA give roleA two.
    const allocator = createMesosAllocator();
    const agent1 = { cpus: 2, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent1 });
    const filterSeconds = 100; // 100 × the interval
    const count = (role: string): number => allocator.activeOfferFilters(role).length;

    allocator.addFramework('framework1', { roles: ['roleA'] });
    expect(runNow(allocator)).toEqual({ framework1: { roleA: { agent1 } } });
    allocator.recoverResources('framework1', 'agent1', 'roleA', agent1, filterSeconds);
    expect(count('roleA')).toBe(1);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    expect(runNow(allocator)).toEqual({ framework2: { roleB: { agent1 } } });
    allocator.recoverResources('framework2', 'agent1', 'roleB', agent1, filterSeconds);
    expect([count('roleA'), count('roleB')]).toEqual([1, 1]);

    allocator.addFramework('framework3', { roles: ['roleA'] });
    expect(runNow(allocator)).toEqual({ framework3: { roleA: { agent1 } } });
    allocator.recoverResources('framework3', 'agent1', 'roleA', agent1, filterSeconds);
    expect([count('roleA'), count('roleB')]).toEqual([2, 1]);
  });

  it('HierarchicalAllocatorTest.DominantShareMetrics', () => {
    // Outstanding offers count in the share; recovered resources leave it; a role's metric
    // disappears with its last framework.
    const allocator = createMesosAllocator();
    const agent = { cpus: 1, mem: 1024 };
    allocator.addAgent('agent1', { resources: agent });
    allocator.addFramework('framework1', { roles: ['roleA'] });
    allocator.advance(0);
    expect(allocator.roleShare('roleA')).toBe(1);
    recoverAll(allocator, allocator.offers());
    expect(allocator.roleShare('roleA')).toBe(0);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    allocator.advance(0); // both roles hold nothing; roleB has had fewer allocations, so it gets agent1
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0, 1]);

    allocator.addAgent('agent2', { resources: agent });
    allocator.advance(0);
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0.5, 0.5]);

    expect(allocator.metrics()).toMatchObject({
      'allocator/mesos/roles/roleA/shares/dominant': 0.5,
      'allocator/mesos/roles/roleB/shares/dominant': 0.5,
    });

    allocator.removeFramework('framework2');
    expect(allocator.roleShare('roleA')).toBe(0.5);
    const metrics = allocator.metrics();
    expect(metrics['allocator/mesos/roles/roleA/shares/dominant']).toBe(0.5);
    expect('allocator/mesos/roles/roleB/shares/dominant' in metrics).toBe(false);
  });

  it('HierarchicalAllocatorTest.ResourceMetrics', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0);
    expect(allocator.metrics()).toMatchObject(resourceMetrics({ cpus: 2, mem: 1024, disk: 0 }, {}));
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0); // everything is offered
    expect(allocator.metrics()).toMatchObject(resourceMetrics({ cpus: 2, mem: 1024, disk: 0 }, { cpus: 2, mem: 1024 }));
    allocator.removeAgent('agent1');
    allocator.advance(0);
    expect(allocator.metrics()).toMatchObject(resourceMetrics({}, {}));
  });

  it('HierarchicalAllocatorTest.ResourceMetricsUninitialized', () => {
    // Nothing added, nothing allocated: every published resource reads 0.
    expect(createMesosAllocator().metrics()).toMatchObject(resourceMetrics({}, {}));
  });

  it('HierarchicalAllocatorTest.QuotaMetrics', () => {
    const allocator = createMesosAllocator();
    const key = (name: string, metric: string) => `allocator/mesos/quota/roles/role/resources/${name}/${metric}`;
    const read = () => {
      const metrics = allocator.metrics();
      return [key('cpus', 'guarantee'), key('cpus', 'limit'), key('mem', 'guarantee'), key('mem', 'limit')].map(
        (k) => metrics[k],
      );
    };
    expect(read()).toEqual([undefined, undefined, undefined, undefined]);
    // A guarantee of 1 cpu without a cpu limit, a limit of 1024 mem without a mem guarantee.
    allocator.updateQuota('role', { guarantees: { cpus: 1 }, limits: { mem: 1024 } });
    expect(read()).toEqual([1, undefined, undefined, 1024]);
    allocator.updateQuota('role', { guarantees: { cpus: 2 }, limits: { mem: 1024 } });
    expect(read()[0]).toBe(2);
    allocator.updateQuota('role', {}); // back to the default quota
    expect(read()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('HierarchicalAllocatorTest.AllocationRunsMetric', () => {
    const allocator = createMesosAllocator();
    const runs = () => allocator.metrics()['allocator/mesos/allocation_runs'];
    expect(runs()).toBe(0);
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
    allocator.advance(0); // adding an agent triggers a run
    allocator.addFramework('framework1', { roles: ['role'] });
    allocator.advance(0); // and so does adding a framework
    expect(runs()).toBe(2);
    allocator.advance(3); // three batch runs
    expect(runs()).toBe(5);
  });

  it('HierarchicalAllocatorTest.DominantShareMetricsWithFairnessExclusion', () => {
    // With gpus excluded, roleA's share is its cpus/mem share alone.
    const allocator = createMesosAllocator({ excludedResources: ['gpus'] });
    allocator.addAgent('agent1', { resources: { cpus: 1, mem: 1024, gpus: 1 } });
    allocator.addFramework('framework1', { roles: ['roleA'], capabilities: ['GPU_RESOURCES'] });
    allocator.advance(0);
    expect(allocator.roleShare('roleA')).toBe(1);

    allocator.addFramework('framework2', { roles: ['roleB'] });
    allocator.addAgent('agent2', { resources: { cpus: 3, mem: 3072 } });
    allocator.advance(0);
    expect([allocator.roleShare('roleA'), allocator.roleShare('roleB')]).toEqual([0.25, 0.75]);
  });
});

describe('allocator metrics (derived from hierarchical.cpp and metrics.cpp)', () => {
  it("a quota role's offered_or_allocated counts what its sub-roles hold; the cluster figures count revocable resources", () => {
    // Mesos reads the role sorter's allocation of the quota role, whose subtree includes eng/ads;
    // the cluster total counts the agent's total with the revocable resources it lends.
    const allocator = createMesosAllocator();
    allocator.updateQuota('eng', { limits: { cpus: 8 } });
    allocator.addAgent('agent1', { resources: { cpus: 4, mem: 64 } });
    allocator.updateAgent('agent1', { oversubscribed: { cpus: 2 } });
    allocator.addFramework('framework1', { roles: ['eng/ads'], capabilities: ['REVOCABLE_RESOURCES'] });
    allocator.advance(0);
    const metrics = allocator.metrics();
    expect(metrics['allocator/mesos/quota/roles/eng/resources/cpus/offered_or_allocated']).toBe(6);
    expect(metrics['allocator/mesos/quota/roles/eng/resources/cpus/limit']).toBe(8);
    expect(metrics['allocator/mesos/resources/cpus/total']).toBe(6);
    expect(metrics['allocator/mesos/resources/cpus/offered_or_allocated']).toBe(6);
    expect(metrics['allocator/mesos/roles/eng/ads/shares/dominant']).toBe(1);
  });

  it('the random role sorter publishes no dominant shares, and filters are counted per role', () => {
    const allocator = createMesosAllocator({ roleSorter: 'random' });
    allocator.addAgent('agent1', { resources: { cpus: 1 } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 1 }, 10);
    const metrics = allocator.metrics();
    expect('allocator/mesos/roles/role1/shares/dominant' in metrics).toBe(false);
    expect(metrics['allocator/mesos/offer_filters/roles/role1/active']).toBe(1);
  });
});
