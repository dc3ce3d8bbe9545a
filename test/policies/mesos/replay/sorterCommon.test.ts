/**
 * Replays of Mesos's typed sorter tests (src/tests/sorter_tests.cpp, `CommonSorterTest`), run
 * against both sorters as gtest does: instance 0 is the DRF sorter, instance 1 the random sorter
 * (gtest names them `CommonSorterTest/0.<test>` and `CommonSorterTest/1.<test>`).
 */
import { describe, expect, it } from 'vitest';
import type { Sorter } from '../../../../src/core/plugins/sorter.ts';
import { applyOfferOperations, forSorter } from '../../../../src/policies/allocators/mesos/offerOperations.ts';
import { createDrfSorter } from '../../../../src/policies/sorters/drfSorter.ts';
import { createRandomSorter } from '../../../../src/policies/sorters/randomSorter.ts';
import { AGENT, addActive } from './harness.ts';

const SORTERS: readonly [number, string, () => Sorter][] = [
  [0, 'DRFSorter', () => createDrfSorter()],
  [1, 'RandomSorter', () => createRandomSorter({ seed: 3 })],
];

/** a (10), b (6), then a/c (5) under the leaf a: the start of both RemoveLeafCollapseParent tests. */
function withChildOfLeaf(make: () => Sorter): Sorter {
  const s = make();
  s.addAgent(AGENT, { cpus: 100, mem: 100 });
  addActive(s, 'a');
  s.allocated('a', AGENT, { cpus: 10, mem: 10 });
  addActive(s, 'b');
  s.allocated('b', AGENT, { cpus: 6, mem: 6 });
  addActive(s, 'a/c');
  s.allocated('a/c', AGENT, { cpus: 5, mem: 5 });
  return s;
}

const sorted = (clients: readonly string[]): string[] => [...clients].sort();

describe.each(SORTERS)('CommonSorterTest/%i (%s) replayed (mesos src/tests/sorter_tests.cpp)', (index, _name, make) => {
  it(`CommonSorterTest/${index}.RemoveLeafCollapseParent`, () => {
    const s = withChildOfLeaf(make);
    expect(sorted(s.sort())).toEqual(['a', 'a/c', 'b']);
    s.remove('a/c'); // "a" becomes a plain leaf again
    expect(sorted(s.sort())).toEqual(['a', 'b']);
  });

  it(`CommonSorterTest/${index}.RemoveLeafCollapseParentInactive`, () => {
    const s = withChildOfLeaf(make);
    s.deactivate('a');
    expect(sorted(s.sort())).toEqual(['a/c', 'b']);
    s.remove('a/c'); // the inactive leaf "a" stays hidden
    expect(s.sort()).toEqual(['b']);
  });

  it(`CommonSorterTest/${index}.AllocationForInactiveClient`, () => {
    const s = make();
    s.addAgent(AGENT, { cpus: 10, mem: 10 });
    s.add('a');
    s.add('b');
    s.activate('b');
    s.allocated('a', AGENT, { cpus: 2, mem: 2 }); // a was never activated
    s.allocated('b', AGENT, { cpus: 3, mem: 3 });
    expect([...s.allocation('a')]).toEqual([[AGENT, { cpus: 2, mem: 2 }]]);
    expect([...s.allocation('b')]).toEqual([[AGENT, { cpus: 3, mem: 3 }]]);
  });

  it(`CommonSorterTest/${index}.MultipleSlaves`, () => {
    // Partial replay: Mesos's agents also carry ports:[31000-32000] (ranges are not modelled).
    // A client's allocation is kept per agent.
    const s = make();
    addActive(s, 'framework');
    const agent = { cpus: 2, mem: 512 };
    s.addAgent('agentA', agent);
    s.addAgent('agentB', agent);
    s.allocated('framework', 'agentA', agent);
    s.allocated('framework', 'agentB', agent);
    expect(new Map(s.allocation('framework'))).toEqual(
      new Map([
        ['agentA', agent],
        ['agentB', agent],
      ]),
    );
  });

  it(`CommonSorterTest/${index}.UpdateAllocation`, () => {
    // A CREATE turns half of a's allocated disk into a persistent volume: a sorter counts the
    // volume as the disk it was (its quantities stay cpus:10;mem:10;disk:10).
    const s = make();
    const resources = { cpus: 10, mem: 10, disk: 10 };
    addActive(s, 'a', 'b');
    s.addAgent(AGENT, resources);
    s.allocated('a', AGENT, resources);
    createVolumeIn(s, 'a', AGENT);
    expect(new Map(s.allocation('a'))).toEqual(new Map([[AGENT, resources]]));

    // Updating a client's whole allocation on an agent to nothing leaves it with no allocation at all.
    addActive(s, 'c');
    s.addAgent('agentId2', resources);
    s.allocated('c', 'agentId2', resources);
    s.update('c', 'agentId2', resources, {});
    expect(s.allocation('c').size).toBe(0);
  });

  it(`CommonSorterTest/${index}.UpdateAllocationNestedClient`, () => {
    const s = make();
    const resources = { cpus: 10, mem: 10, disk: 10 };
    addActive(s, 'a/x', 'b/y');
    s.addAgent(AGENT, resources);
    s.allocated('a/x', AGENT, resources);
    createVolumeIn(s, 'a/x', AGENT);
    expect(new Map(s.allocation('a/x'))).toEqual(new Map([[AGENT, resources]]));
    expect(s.allocation('b/y').size).toBe(0);
  });

  it(`CommonSorterTest/${index}.MultipleSlavesUpdateAllocation`, () => {
    // Partial as MultipleSlaves: the agents' ports:[31000-32000] are not kept by the sorters.
    const s = make();
    addActive(s, 'framework');
    const agent = { cpus: 2, mem: 512, disk: 10 };
    s.addAgent('agentA', agent);
    s.addAgent('agentB', agent);
    s.allocated('framework', 'agentA', agent);
    s.allocated('framework', 'agentB', agent);
    createVolumeIn(s, 'framework', 'agentA');
    createVolumeIn(s, 'framework', 'agentB');
    // Nothing vanished in the update: each agent still holds cpus:2;mem:512;disk:10.
    expect(new Map(s.allocation('framework'))).toEqual(
      new Map([
        ['agentA', agent],
        ['agentB', agent],
      ]),
    );
  });
});

/**
 * Mesos's `sorter.update(client, agent, old, old.apply(CREATE(volume)))` with a 5-disk volume
 * "ID": the old allocation read back from the sorter, the new one computed by applyOfferOperations.
 */
function createVolumeIn(s: Sorter, client: string, agentId: string): void {
  const old = { resources: s.allocation(client).get(agentId) ?? {} };
  const updated = applyOfferOperations(old, [{ type: 'CREATE', volumes: [{ id: 'ID', size: 5 }] }]);
  expect(updated.volumes).toEqual([{ id: 'ID', size: 5 }]);
  s.update(client, agentId, forSorter(old).resources, forSorter(updated).resources);
}
