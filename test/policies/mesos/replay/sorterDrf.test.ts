/**
 * Replays of Mesos's DRF sorter tests (src/tests/sorter_tests.cpp, `DRFSorterTest`) through
 * createDrfSorter. Every test uses one agent ("agentId"); Mesos's `removeSlave` + `addSlave` pair
 * that changes the total is {@link replaceTotal}.
 */
import { describe, expect, it } from 'vitest';
import { forSorter } from '../../../../src/policies/allocators/mesos/offerOperations.ts';
import { createDrfSorter } from '../../../../src/policies/sorters/drfSorter.ts';
import { AGENT, addActive, replaceTotal } from './harness.ts';

/** A DRF sorter over one agent of cpus:100;mem:100, as most of these tests start. */
function sorter100() {
  const sorter = createDrfSorter();
  sorter.addAgent(AGENT, { cpus: 100, mem: 100 });
  return sorter;
}

/**
 * The DRF, ShallowHierarchy and DeepHierarchy tests run the same script under different client
 * names (flat, one level, several levels): shares decide alone, the hierarchy must not change it.
 */
function flatScript(name: (letter: string) => string): string[][] {
  const s = sorter100();
  const steps: string[][] = [];
  const n = name;
  expect(s.sort()).toEqual([]);
  addActive(s, n('a'));
  s.allocated(n('a'), AGENT, { cpus: 5, mem: 5 });
  addActive(s, n('b'));
  s.allocated(n('b'), AGENT, { cpus: 6, mem: 6 });
  steps.push(s.sort()); // a 0.05 < b 0.06
  addActive(s, n('c'));
  s.allocated(n('c'), AGENT, { cpus: 1, mem: 1 });
  addActive(s, n('d'));
  s.allocated(n('d'), AGENT, { cpus: 3, mem: 1 });
  steps.push(s.sort()); // c 0.01, d 0.03, a 0.05, b 0.06
  s.remove(n('a'));
  s.unallocated(n('b'), AGENT, { cpus: 4, mem: 4 });
  steps.push(s.sort()); // c 0.01, b 0.02 (tie with none), d 0.03
  addActive(s, n('e'));
  s.allocated(n('e'), AGENT, { cpus: 1, mem: 5 });
  replaceTotal(s, AGENT, { cpus: 50, mem: 100 });
  steps.push(s.sort()); // c 0.02, b 0.04, e 0.05, d 0.06
  replaceTotal(s, AGENT, { cpus: 50, mem: 200 });
  addActive(s, n('f'));
  s.allocated(n('f'), AGENT, { cpus: 5, mem: 1 });
  s.allocated(n('c'), AGENT, { mem: 15 });
  steps.push(s.sort()); // e 0.025, b 0.04, d 0.06, c 0.08, f 0.1
  // a was removed; b, c, d, e, f remain (an inactive client is still one).
  expect([s.contains(n('b')), s.contains(n('a')), s.count()]).toEqual([true, false, 5]);
  s.deactivate(n('d'));
  expect([s.contains(n('d')), s.count()]).toEqual([true, 5]);
  steps.push(s.sort());
  s.activate(n('d'));
  steps.push(s.sort());
  return steps;
}

/** What Mesos expects of {@link flatScript}, step by step, for the given naming. */
function flatExpected(name: (letter: string) => string): string[][] {
  const order = (letters: string): string[] => [...letters].map(name);
  return [order('ab'), order('cdab'), order('cbd'), order('cbed'), order('ebdcf'), order('ebcf'), order('ebdcf')];
}

describe('DRFSorterTest replayed (mesos src/tests/sorter_tests.cpp)', () => {
  it('DRFSorterTest.DRF', () => {
    const flat = (l: string): string => l;
    expect(flatScript(flat)).toEqual(flatExpected(flat));
  });

  it('DRFSorterTest.ShallowHierarchy', () => {
    const shallow = (l: string): string => `${l}/${l}`;
    expect(flatScript(shallow)).toEqual(flatExpected(shallow));
  });

  it('DRFSorterTest.DeepHierarchy', () => {
    // Mesos's names: a at depth 5, b 4, c 3, d 2, e 6, f 2.
    const depth: Record<string, number> = { a: 5, b: 4, c: 3, d: 2, e: 6, f: 2 };
    const deep = (l: string): string => Array.from({ length: depth[l] ?? 1 }, () => l).join('/');
    expect(flatScript(deep)).toEqual(flatExpected(deep));
  });

  it('DRFSorterTest.WDRF', () => {
    const s = sorter100();
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 5, mem: 5 });
    addActive(s, 'b');
    s.updateWeight('b', 2);
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['b', 'a']); // b 0.06/2 = 0.03 < a 0.05
    addActive(s, 'c');
    s.allocated('c', AGENT, { cpus: 4, mem: 4 });
    expect(s.sort()).toEqual(['b', 'c', 'a']);
    addActive(s, 'd');
    s.updateWeight('d', 10);
    s.allocated('d', AGENT, { cpus: 10, mem: 20 });
    expect(s.sort()).toEqual(['d', 'b', 'c', 'a']); // d 0.2/10 = 0.02
    s.remove('b');
    expect(s.sort()).toEqual(['d', 'c', 'a']);
    s.allocated('d', AGENT, { cpus: 10, mem: 25 });
    expect(s.sort()).toEqual(['c', 'd', 'a']); // d 0.45/10 = 0.045 > c 0.04
    addActive(s, 'e');
    s.updateWeight('e', 0.1);
    s.allocated('e', AGENT, { cpus: 1, mem: 1 });
    expect(s.sort()).toEqual(['c', 'd', 'a', 'e']); // e 0.01/0.1 = 0.1
    s.remove('a');
    expect(s.sort()).toEqual(['c', 'd', 'e']);
  });

  it('DRFSorterTest.UpdateWeight', () => {
    const s = sorter100();
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 5, mem: 5 });
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['a', 'b']);
    s.updateWeight('b', 2); // b 0.03 < a 0.05
    expect(s.sort()).toEqual(['b', 'a']);
  });

  it('DRFSorterTest.AllocationCountTieBreak', () => {
    // Equal shares are ordered by how many allocations a client received (never decremented on
    // unallocation), then by name.
    const s = sorter100();
    for (const c of ['a', 'b', 'c', 'd', 'e']) s.add(c);
    for (const c of ['a', 'b', 'c', 'd', 'e']) s.activate(c);
    const three = { cpus: 3, mem: 3 };
    s.allocated('a', AGENT, three);
    s.allocated('b', AGENT, three);
    for (let i = 0; i < 3; i++) s.allocated('c', AGENT, { cpus: 1, mem: 1 });
    s.allocated('d', AGENT, { cpus: 2, mem: 2 });
    s.allocated('d', AGENT, { cpus: 1, mem: 1 });
    s.allocated('e', AGENT, three);
    // All at 0.03; counts a 1, b 1, e 1, d 2, c 3.
    expect(s.sort()).toEqual(['a', 'b', 'e', 'd', 'c']);
    s.unallocated('c', AGENT, three);
    expect(s.sort()).toEqual(['c', 'a', 'b', 'e', 'd']);
    s.allocated('c', AGENT, three); // c's count is now 4
    expect(s.sort()).toEqual(['a', 'b', 'e', 'd', 'c']);
    s.deactivate('c');
    s.activate('c'); // re-activation keeps the count
    expect(s.sort()).toEqual(['a', 'b', 'e', 'd', 'c']);
    s.unallocated('c', AGENT, three);
    s.allocated('c', AGENT, three);
    expect(s.sort()).toEqual(['a', 'b', 'e', 'd', 'c']);
    s.deactivate('a');
    s.unallocated('a', AGENT, { cpus: 1, mem: 3 });
    s.allocated('a', AGENT, { cpus: 1, mem: 3 }); // an inactive client's count still grows: a is at 2
    expect(s.sort()).toEqual(['b', 'e', 'd', 'c']);
    s.activate('a');
    expect(s.sort()).toEqual(['b', 'e', 'a', 'd', 'c']);
  });

  it('DRFSorterTest.HierarchicalAllocation', () => {
    const s = sorter100();
    addActive(s, 'a', 'b/c', 'b/d');
    // Three clients; "b" is only an internal node of the tree.
    expect(s.count()).toBe(3);
    expect(['a', 'b', 'b/c', 'b/d'].map((c) => s.contains(c))).toEqual([true, false, true, true]);
    expect(s.sort()).toEqual(['a', 'b/c', 'b/d']);
    s.allocated('a', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['b/c', 'b/d', 'a']);
    s.allocated('b/c', AGENT, { cpus: 4, mem: 4 });
    s.allocated('b/d', AGENT, { cpus: 3, mem: 3 });
    expect(s.sort()).toEqual(['a', 'b/d', 'b/c']); // a 0.06 < b 0.07
    expect(s.allocation('a').get(AGENT)).toEqual({ cpus: 6, mem: 6 });
    expect(s.allocation('b/c').get(AGENT)).toEqual({ cpus: 4, mem: 4 });
    expect(s.allocation('b/d').get(AGENT)).toEqual({ cpus: 3, mem: 3 });
    s.allocated('a', AGENT, { cpus: 2, mem: 2 });
    expect(s.sort()).toEqual(['b/d', 'b/c', 'a']); // b 0.07 < a 0.08
    addActive(s, 'b/e/f');
    expect([s.contains('b/e'), s.contains('b/e/f')]).toEqual([false, true]);
    expect(s.sort()).toEqual(['b/e/f', 'b/d', 'b/c', 'a']);
    s.allocated('b/e/f', AGENT, { cpus: 3.5, mem: 3.5 });
    expect(s.sort()).toEqual(['a', 'b/d', 'b/e/f', 'b/c']); // b 0.105 > a 0.08
    s.remove('b/e/f');
    expect([s.contains('b/e/f'), s.count()]).toEqual([false, 3]);
    expect(s.sort()).toEqual(['b/d', 'b/c', 'a']);
    s.update('b/c', AGENT, { cpus: 4, mem: 4 }, { cpus: 1, mem: 1 });
    expect(s.sort()).toEqual(['b/c', 'b/d', 'a']);
    addActive(s, 'b/e/f');
    s.allocated('b/e/f', AGENT, { cpus: 3.5, mem: 3.5 });
    expect(s.sort()).toEqual(['b/c', 'b/d', 'b/e/f', 'a']); // b 0.075 < a 0.08
    expect(s.count()).toBe(4);
  });

  it('DRFSorterTest.HierarchicalIterationOrder', () => {
    const s = sorter100();
    addActive(s, 'a/b', 'c', 'd', 'd/e');
    expect(s.sort()).toEqual(['a/b', 'c', 'd', 'd/e']);
    s.allocated('c', AGENT, { cpus: 8, mem: 8 });
    expect(s.sort()).toEqual(['a/b', 'd', 'd/e', 'c']);
    s.allocated('d', AGENT, { cpus: 3, mem: 3 });
    s.allocated('d/e', AGENT, { cpus: 2, mem: 2 });
    expect(s.sort()).toEqual(['a/b', 'd/e', 'd', 'c']);
    s.allocated('a/b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['d/e', 'd', 'a/b', 'c']); // d 0.05 < a 0.06 < c 0.08
  });

  it('DRFSorterTest.AddChildToLeaf', () => {
    const s = sorter100();
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 10, mem: 10 });
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['b', 'a']);
    addActive(s, 'a/c'); // leaf "a" becomes an internal node with the virtual leaf "a/."
    s.allocated('a/c', AGENT, { cpus: 5, mem: 5 });
    expect(s.sort()).toEqual(['b', 'a/c', 'a']);
    s.remove('a');
    expect(s.contains('a')).toBe(false); // the internal node "a" stays for a/c, but is no client
    expect(s.sort()).toEqual(['a/c', 'b']);
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 10, mem: 10 });
    expect(s.contains('a')).toBe(true);
    expect(s.sort()).toEqual(['b', 'a/c', 'a']);
    s.updateWeight('a/c', 0.2); // a/c 0.05/0.2 = 0.25 > a 0.1
    expect(s.sort()).toEqual(['b', 'a', 'a/c']);
    s.updateWeight('a', 3); // subtree a 0.15/3 = 0.05 < b 0.06
    expect(s.sort()).toEqual(['a', 'a/c', 'b']);
    s.updateWeight('a/c', 1);
    expect(s.sort()).toEqual(['a/c', 'a', 'b']);
  });

  it('DRFSorterTest.AddChildToInternal', () => {
    const s = sorter100();
    addActive(s, 'x/a');
    s.allocated('x/a', AGENT, { cpus: 10, mem: 10 });
    addActive(s, 'x/b');
    s.allocated('x/b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['x/b', 'x/a']);
    addActive(s, 'x');
    s.allocated('x', AGENT, { cpus: 7, mem: 7 });
    expect(s.sort()).toEqual(['x/b', 'x', 'x/a']);
    addActive(s, 'z');
    s.allocated('z', AGENT, { cpus: 20, mem: 20 }); // z 0.2 < x 0.23
    expect(s.sort()).toEqual(['z', 'x/b', 'x', 'x/a']);
    s.remove('x'); // x 0.16 < z 0.2
    expect(s.sort()).toEqual(['x/b', 'x/a', 'z']);
  });

  it('DRFSorterTest.AddChildToInactiveLeaf', () => {
    const s = sorter100();
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 10, mem: 10 });
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    s.deactivate('a');
    expect(s.sort()).toEqual(['b']);
    addActive(s, 'a/c'); // inactive "a" still counts in subtree a: 0.15 > b 0.06
    s.allocated('a/c', AGENT, { cpus: 5, mem: 5 });
    expect(s.sort()).toEqual(['b', 'a/c']);
  });

  it('DRFSorterTest.ChangeWeightOnSubtree', () => {
    const s = sorter100();
    s.updateWeight('b', 3);
    s.updateWeight('a', 2);
    addActive(s, 'a/x', 'b/y');
    expect(s.sort()).toEqual(['a/x', 'b/y']);
    s.allocated('a/x', AGENT, { cpus: 10, mem: 10 });
    s.allocated('b/y', AGENT, { cpus: 10, mem: 10 });
    expect(s.sort()).toEqual(['b/y', 'a/x']); // b 0.1/3 < a 0.1/2
    addActive(s, 'b/z');
    s.allocated('b/z', AGENT, { cpus: 5, mem: 5 });
    // b 0.15/3 and a 0.1/2 are equal on paper, but in doubles 0.15/3 < 0.05: b first, as in Mesos.
    expect(s.sort()).toEqual(['b/z', 'b/y', 'a/x']);
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 4, mem: 4 });
    expect(s.sort()).toEqual(['a/x', 'b', 'b/z', 'b/y']); // b 0.19/3 > a 0.05
    addActive(s, 'a/zz');
    s.allocated('a/zz', AGENT, { cpus: 2, mem: 2 });
    expect(s.sort()).toEqual(['a/zz', 'a/x', 'b', 'b/z', 'b/y']); // a 0.12/2 = 0.06 < b 0.063
  });

  it('DRFSorterTest.SplitResourceShares', () => {
    // b holds two 5-disk persistent volumes that carry the same id but are not shared: a sorter
    // counts both (disk:10), so b (0.1) comes after a (0.09).
    const s = createDrfSorter();
    addActive(s, 'a', 'b');
    s.addAgent(AGENT, { cpus: 100, mem: 100, disk: 100 });
    s.allocated('a', AGENT, { cpus: 9, mem: 9, disk: 9 });
    const disk = { id: 'ID2', size: 5 };
    const b = forSorter({ resources: { cpus: 9, mem: 9, disk: 10 }, volumes: [disk, disk] });
    s.allocated('b', AGENT, b.resources, b.shared);
    expect(s.sort()).toEqual(['a', 'b']);
    expect(s.share('b')).toBeCloseTo(0.1, 12);
  });

  it('DRFSorterTest.UpdateTotal', () => {
    const s = createDrfSorter();
    addActive(s, 'a', 'b');
    s.addAgent(AGENT, { cpus: 10, mem: 100 });
    s.allocated('a', AGENT, { cpus: 2, mem: 1 });
    s.allocated('b', AGENT, { cpus: 1, mem: 2 });
    expect(s.sort()).toEqual(['b', 'a']); // cpus dominate: b 0.1 < a 0.2
    replaceTotal(s, AGENT, { cpus: 100, mem: 10 });
    expect(s.sort()).toEqual(['a', 'b']); // mem dominates: a 0.1 < b 0.2
  });

  it('DRFSorterTest.MultipleSlavesUpdateTotal', () => {
    const s = createDrfSorter();
    addActive(s, 'a', 'b');
    s.addAgent('agentA', { cpus: 5, mem: 50 });
    s.addAgent('agentB', { cpus: 5, mem: 50 });
    s.allocated('a', 'agentA', { cpus: 2, mem: 1 });
    s.allocated('b', 'agentB', { cpus: 1, mem: 3 });
    expect(s.sort()).toEqual(['b', 'a']); // b 0.1 < a 0.2
    replaceTotal(s, 'agentA', { cpus: 95, mem: 50 });
    expect(s.sort()).toEqual(['a', 'b']); // a 0.02 < b 0.03
  });

  it('DRFSorterTest.RemoveResources', () => {
    const s = createDrfSorter();
    addActive(s, 'a', 'b');
    s.addAgent(AGENT, { cpus: 10 });
    s.allocated('a', AGENT, { cpus: 6 });
    s.allocated('b', AGENT, { cpus: 4 });
    expect(s.sort()).toEqual(['b', 'a']);
    replaceTotal(s, AGENT, { cpus: 5 });
    s.update('a', AGENT, { cpus: 6 }, { cpus: 1 }); // a 0.2 < b 0.8
    expect(s.sort()).toEqual(['a', 'b']);
  });
});
