/**
 * Range resources (ports) through createMesosAllocator: they go along with every offer, quota
 * never cuts them, they come back with recovery and decline filters contain them as Mesos does.
 *
 * Source: apache/mesos, src/tests/hierarchical_allocator_tests.cpp (QuotaRoleAllocateNonQuotaResource),
 * and for the hand-derived cases src/master/allocator/mesos/hierarchical.cpp: both stages put
 * every non-scalar resource available to the role into the offer, and RefusedOfferFilter uses
 * `Resources::contains`, so an offer with ports outside the declined ones is not filtered.
 */
import { allocations } from './replayHarness.ts';
import { setUp } from './replay/harness.ts';
import { describe, expect, it } from 'vitest';
import {
  addRanges,
  containsRanges,
  formatRanges,
  normalizeRanges,
  subtractRanges,
} from '../../../src/policies/allocators/mesos/resourceValues.ts';

const PORTS = { ports: [[31000, 32000]] as [number, number][] };
const quota = (
  amounts: Record<string, number>,
): { guarantees: Record<string, number>; limits: Record<string, number> } => ({
  guarantees: amounts,
  limits: amounts,
});

describe('range arithmetic', () => {
  it('merges, subtracts, contains and prints as Mesos writes ranges', () => {
    expect(
      normalizeRanges(
        {
          ports: [
            [5, 9],
            [1, 4],
            [20, 20],
          ],
        },
        'here',
      ),
    ).toEqual({
      ports: [
        [1, 9],
        [20, 20],
      ],
    });
    expect(addRanges({ ports: [[1, 3]] }, { ports: [[4, 6]], other: [[1, 1]] })).toEqual({
      ports: [[1, 6]],
      other: [[1, 1]],
    });
    expect(
      subtractRanges(
        { ports: [[1, 10]] },
        {
          ports: [
            [3, 4],
            [10, 12],
          ],
        },
      ),
    ).toEqual({
      ports: [
        [1, 2],
        [5, 9],
      ],
    });
    expect(subtractRanges({ ports: [[1, 2]] }, { ports: [[1, 2]] })).toEqual({});
    expect(
      containsRanges(
        { ports: [[1, 10]] },
        {
          ports: [
            [2, 3],
            [9, 10],
          ],
        },
      ),
    ).toBe(true);
    expect(containsRanges({ ports: [[1, 10]] }, { ports: [[10, 11]] })).toBe(false);
    expect(containsRanges({}, { ports: [[1, 1]] })).toBe(false);
    expect(
      formatRanges({
        ports: [
          [31000, 31099],
          [31200, 32000],
        ],
      }),
    ).toBe('ports:[31000-31099,31200-32000]');
    expect(() => normalizeRanges({ ports: [[9, 1]] }, 'addAgent: ranges of agent "a1"')).toThrow(
      /^addAgent: ranges of agent "a1": ports has the interval \[9,1\]/,
    );
  });
});

describe('ports in offers (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('QuotaRoleAllocateNonQuotaResource', () => {
    const agent = { resources: { cpus: 1, mem: 1024 }, ranges: PORTS };
    const { allocator } = setUp()
      .quota('quota-role-1', quota({ cpus: 2 }))
      .agent('agent1', agent)
      .framework('framework', ['quota-role-1']);
    allocator.advance(0);
    // Everything: mem has no limit and no other role needs it; ports are never under quota.
    expect(allocator.offers()).toEqual([
      {
        frameworkId: 'framework',
        role: 'quota-role-1',
        agentId: 'agent1',
        resources: { cpus: 1, mem: 1024 },
        ranges: PORTS,
      },
    ]);

    allocator.updateQuota('quota-role-2', quota({ mem: 1024 }));
    allocator.addAgent('agent2', agent);
    allocator.advance(0);
    // The cpu towards the guarantee and the ports; the mem is set aside for quota-role-2.
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework', role: 'quota-role-1', agentId: 'agent2', resources: { cpus: 1 }, ranges: PORTS },
    ]);

    allocator.addAgent('agent3', agent);
    allocator.advance(0);
    // The guarantee is met and the limit reached: only what quota-role-1 has no quota for (mem,
    // ports). mem: the headroom free over the cluster (agent2's and agent3's 1024 each) less
    // quota-role-2's need leaves 1024.
    expect(allocator.offers()).toEqual([
      { frameworkId: 'framework', role: 'quota-role-1', agentId: 'agent3', resources: { mem: 1024 }, ranges: PORTS },
    ]);
  });

  it('ports given back are offered again; a filter of some ports does not hold back others', () => {
    const { allocator } = setUp()
      .agent('agent1', { resources: { cpus: 2, mem: 1024 }, ranges: { ports: [[1000, 1009]] } })
      .framework('framework1', ['role1']);
    allocator.advance(0);
    expect(allocator.offers()[0]?.ranges).toEqual({ ports: [[1000, 1009]] });
    // Give back half of the cpus and mem with ports 1000-1004, refusing them for 100 s.
    allocator.recoverResources(
      'framework1',
      'agent1',
      'role1',
      { resources: { cpus: 1, mem: 512 }, ranges: { ports: [[1000, 1004]] } },
      100,
    );
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({}); // cpus:1;mem:512;ports:[1000-1004] ⊆ what was declined
    // Now ports 1005-1009 come back too (no filter): the offer has ports outside the filter.
    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: {}, ranges: { ports: [[1005, 1009]] } });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      {
        frameworkId: 'framework1',
        role: 'role1',
        agentId: 'agent1',
        resources: { cpus: 1, mem: 512 },
        ranges: { ports: [[1000, 1009]] },
      },
    ]);
  });

  it('a framework removed gives its ports back', () => {
    const { allocator } = setUp()
      .agent('agent1', { resources: { cpus: 1 }, ranges: PORTS })
      .framework('framework1', ['role1']);
    allocator.advance(0);
    allocator.offers();
    allocator.removeFramework('framework1');
    allocator.addFramework('framework2', { roles: ['role1'] });
    allocator.advance(0);
    expect(allocator.offers()[0]?.ranges).toEqual(PORTS);
  });
});
