/**
 * Reserved non-scalar resources (Mesos's `ports(role):[1-2]`, `zones(role):{a}`) through
 * createMesosAllocator: a replay of hierarchical_allocator_tests.cpp's
 * NonScalarReservationTrackingMESOS_9555, and cases derived from Mesos's semantics of reserved
 * resources (hierarchical.cpp offers a role its own and its ancestors' reservations, never another
 * role's; `Resources::contains` keeps reserved and unreserved resources apart; quota counts scalar
 * quantities only). "ports(role):[1-2]" is `reservedRanges: { role: { ports: [[1, 2]] } }`.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { formatMesosResources } from '../../../../src/policies/allocators/mesos/resourceValues.ts';
import { reservedValueName } from '../../../../src/policies/allocators/mesos/reservedValues.ts';
import { offer, runNow, setUp } from './harness.ts';

const scalars = { cpus: 1, mem: 1, disk: 1 };
const reservedPorts = { role: { ports: [[1, 2]] as [number, number][] } };

describe('HierarchicalAllocatorTest reserved non-scalar replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.NonScalarReservationTrackingMESOS_9555', () => {
    // Two agents whose only reservation is non-scalar ("cpus:1;mem:1;disk:1;ports(role):[1-2]") are
    // added and removed; Mesos crashed tracking the role's reservations (MESOS-9555).
    const allocator = createMesosAllocator();
    const agent = { resources: scalars, reservedRanges: reservedPorts };
    expect(() => {
      allocator.addAgent('agent1', agent);
      allocator.addAgent('agent2', agent);
      allocator.removeAgent('agent1');
      allocator.removeAgent('agent2');
      allocator.advance(1);
    }).not.toThrow();
    // Nothing is left of them: a framework added now is offered nothing.
    allocator.addFramework('framework1', { roles: ['role'] });
    expect(runNow(allocator)).toEqual({});
  });
});

describe('reserved ranges and sets (derived from hierarchical.cpp and resources.cpp)', () => {
  const agentWith = () => ({
    resources: { cpus: 2, mem: 1024 },
    ranges: { ports: [[31000, 31999]] as [number, number][] },
    reservedRanges: { a: { ports: [[1, 2]] as [number, number][] } },
    reservedSets: { b: { zones: ['z1'] } },
  });

  it('go only to their role and its sub-roles, beside the unreserved ones', () => {
    const offered = (role: string) => setUp().agent('agent1', agentWith()).framework('framework1', [role]).offersNow();
    expect(offered('a/x')).toEqual([
      offer(
        'framework1',
        'a/x',
        'agent1',
        { cpus: 2, mem: 1024 },
        { ranges: { ports: [[31000, 31999]] }, reservedRanges: { a: { ports: [[1, 2]] } } },
      ),
    ]);
    const [toB] = offered('b');
    expect(toB?.reservedSets).toEqual({ b: { zones: ['z1'] } });
    expect(toB?.reservedRanges).toBeUndefined();
    const [toC] = offered('c');
    expect([toC?.ranges, toC?.reservedRanges, toC?.reservedSets]).toEqual([
      { ports: [[31000, 31999]] },
      undefined,
      undefined,
    ]);
  });

  it('stay free for their role while another role holds the rest of the agent', () => {
    const setup = setUp().agent('agent1', agentWith()).framework('framework1', ['c']);
    expect(setup.offersNow()).toHaveLength(1);
    // Only a's reserved ports are left; a offer of ports alone is below the minimum allocatable size.
    expect(setup.framework('framework2', ['a'], { minAllocatable: { a: [] } }).offersNow()).toEqual([
      offer('framework2', 'a', 'agent1', {}, { reservedRanges: { a: { ports: [[1, 2]] } } }),
    ]);
  });

  it('come back to their own pool, and a decline filter of unreserved ports does not contain them', () => {
    const setup = setUp()
      .agent('agent1', {
        resources: { cpus: 2 },
        ranges: { ports: [[1, 2]] },
        reservedRanges: { a: { ports: [[1, 2]] } },
      })
      .framework('framework1', ['a']);
    const { allocator } = setup;
    const [made] = setup.offersNow();
    if (made === undefined) throw new Error('no offer');
    expect(
      formatMesosResources({
        resources: made.resources,
        values: { ports: [[1, 2]], [reservedValueName('ports', 'a')]: [[1, 2]] },
      }),
    ).toBe('cpus:2;ports:[1-2];ports(a):[1-2]');
    // Declining everything but the reserved ports, with a long filter: nothing is offered while
    // the filter contains what is free. Once the reserved ports come back, the agent's free
    // resources are no longer contained in the filter (reserved ports are not the declined
    // unreserved ones), so all of it is offered again, each port in its own pool.
    allocator.recoverResources(
      'framework1',
      'agent1',
      'a',
      { resources: { cpus: 2 }, ranges: { ports: [[1, 2]] } },
      100,
    );
    allocator.advance(1);
    expect(allocator.offers()).toEqual([]);
    allocator.recoverResources('framework1', 'agent1', 'a', {
      resources: {},
      reservedRanges: { a: { ports: [[1, 2]] } },
    });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      offer(
        'framework1',
        'a',
        'agent1',
        { cpus: 2 },
        { ranges: { ports: [[1, 2]] }, reservedRanges: { a: { ports: [[1, 2]] } } },
      ),
    ]);
  });

  it('are never cut by quota: a role at its cpus limit is still offered its reserved ports', () => {
    const setup = setUp()
      .quota('a', { limits: { cpus: 1 } })
      .framework('framework1', ['a'], { minAllocatable: { a: [] } })
      .agent('agent1', {
        resources: { cpus: 2 },
        reservedRanges: { a: { ports: [[1, 2]] } },
        used: { framework1: { cpus: 1 } },
      });
    expect(setup.offersNow()).toEqual([
      offer('framework1', 'a', 'agent1', {}, { reservedRanges: { a: { ports: [[1, 2]] } } }),
    ]);
  });

  it('are refused with a clear error for an unnamed role or a name given twice', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.addAgent('a1', { resources: {}, reservedRanges: { '*': { ports: [[1, 2]] } } })).toThrow(
      /^addAgent: agent "a1": reservedRanges has the role "\*"; a reservation is to a named role/,
    );
    expect(() =>
      allocator.addAgent('a2', {
        resources: {},
        reservedRanges: { r: { x: [[1, 2]] } },
        reservedSets: { r: { x: ['a'] } },
      }),
    ).toThrow(/"x" reserved to "r" is given both as ranges and as a set/);
    expect(() => allocator.addAgent('a3', { resources: {}, reservedRanges: { r: { ports: [[2, 1]] } } })).toThrow(
      /ports\(r\) has the interval \[2,1\]/,
    );
  });
});
