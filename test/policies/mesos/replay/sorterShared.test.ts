/**
 * Replays of Mesos's DRF sorter tests of shared resources (src/tests/sorter_tests.cpp,
 * `DRFSorterTest.*Shared*`) through createDrfSorter. A shared persistent volume is a
 * {@link SharedResource} (its persistence id and its disk); Mesos's `Resources` sum holding several
 * copies of the volume is a list with the copy repeated. The agent's total counts the volume once.
 * Shares in the comments are derived by hand from the totals, as in Mesos's own comments.
 */
import { describe, expect, it } from 'vitest';
import type { SharedResource } from '../../../../src/core/plugins/sorter.ts';
import { createDrfSorter } from '../../../../src/policies/sorters/drfSorter.ts';
import { AGENT, addActive } from './harness.ts';

/** A DRF sorter over one agent of cpus:100;mem:100 and `disk` of disk (reserved disk plus the volume). */
function sorterWithDisk(disk: number) {
  const sorter = createDrfSorter();
  sorter.addAgent(AGENT, { cpus: 100, mem: 100, disk });
  return sorter;
}

const volume = (size: number): SharedResource => ({ id: 'id1', resources: { disk: size } });

describe('DRFSorterTest shared resources replayed (mesos src/tests/sorter_tests.cpp)', () => {
  it('DRFSorterTest.SharedResources', () => {
    const disk = volume(100);
    const s = sorterWithDisk(900 + 100);
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 5, mem: 5 }, [disk]);
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['b', 'a']); // a 0.1 (disk), b 0.06
    expect(s.share('a')).toBeCloseTo(0.1, 12);
    addActive(s, 'c');
    s.allocated('c', AGENT, { cpus: 1, mem: 1 }, [disk]);
    expect(s.sort()).toEqual(['b', 'a', 'c']); // a and c both 0.1 through the same volume
    s.remove('a');
    s.unallocated('b', AGENT, { cpus: 4, mem: 4 });
    expect(s.sort()).toEqual(['b', 'c']); // b 0.02, c 0.1
    addActive(s, 'd');
    s.allocated('d', AGENT, { cpus: 1, mem: 5 }, [disk]);
    expect(s.sort()).toEqual(['b', 'c', 'd']); // c and d 0.1; c has the lower path
    expect([s.contains('b'), s.contains('a'), s.count()]).toEqual([true, false, 3]);
  });

  it('DRFSorterTest.SameDominantSharedResourcesAcrossClients', () => {
    const disk = volume(900);
    const s = sorterWithDisk(100 + 900);
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 5, mem: 20 }, [disk]);
    addActive(s, 'c');
    s.allocated('c', AGENT, { cpus: 10, mem: 6 }, [disk]);
    expect(s.sort()).toEqual(['b', 'c']); // both 0.9 (disk); equal counts: path order
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 50, mem: 40 }, [disk]);
    expect(s.sort()).toEqual(['a', 'b', 'c']); // all 0.9
    expect(s.share('a')).toBeCloseTo(0.9, 12);
  });

  it('DRFSorterTest.SameSharedResourcesSameClient', () => {
    const disk = volume(50);
    const s = sorterWithDisk(950 + 50);
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 2, mem: 2 }, [disk]);
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['a', 'b']); // a 0.05 (disk), b 0.06
    s.allocated('a', AGENT, {}, [disk, disk, disk]);
    expect(s.sort()).toEqual(['a', 'b']); // three more copies: a still 0.05
    expect(s.share('a')).toBeCloseTo(0.05, 12);
    expect(s.allocation('a').get(AGENT)).toEqual({ cpus: 2, mem: 2, disk: 50 });
  });

  it('DRFSorterTest.SharedResourcesUnallocated', () => {
    const disk = volume(100);
    const s = sorterWithDisk(900 + 100);
    addActive(s, 'a');
    s.allocated('a', AGENT, { cpus: 2, mem: 2 }, [disk, disk, disk]);
    addActive(s, 'b');
    s.allocated('b', AGENT, { cpus: 6, mem: 6 });
    expect(s.sort()).toEqual(['b', 'a']); // a 0.1 (disk), b 0.06
    s.unallocated('a', AGENT, {}, [disk]);
    expect(s.sort()).toEqual(['b', 'a']); // two copies left: a still 0.1
    s.unallocated('a', AGENT, {}, [disk, disk]);
    expect(s.sort()).toEqual(['a', 'b']); // a 0.02, b 0.06
    expect(s.share('a')).toBeCloseTo(0.02, 12);
  });
});

describe('shared resources in a hierarchy (derived from Mesos drf/sorter.cpp: every node counts a volume once)', () => {
  it('siblings sharing a volume count it once in their parent, until both give it back or leave', () => {
    const disk = volume(100);
    const s = sorterWithDisk(1000);
    addActive(s, 'x/a');
    addActive(s, 'x/b');
    addActive(s, 'y');
    s.allocated('x/a', AGENT, { cpus: 1 }, [disk]);
    s.allocated('x/b', AGENT, { cpus: 1 }, [disk]);
    s.allocated('y', AGENT, { cpus: 15 });
    // x holds cpus 2 and the volume once: 0.1 (disk) < y 0.15; counted twice it would be 0.2.
    expect(s.sort()).toEqual(['x/a', 'x/b', 'y']);
    s.remove('x/a');
    expect(s.sort()).toEqual(['x/b', 'y']); // x/b still holds the volume: x 0.1
    s.unallocated('x/b', AGENT, {}, [disk]);
    expect(s.share('x/b')).toBeCloseTo(0.01, 12);
    expect(() => s.unallocated('x/b', AGENT, {}, [disk])).toThrow(/copies of shared resource "id1"/);
  });
});
