import { describe, expect, it } from 'vitest';
import { createFifoSorter } from '../../../src/policies/allocators/mesos/fifoSorter.ts';

describe('the FIFO sorter', () => {
  it('forgets an agent in a client’s allocation once all it held there is given back', () => {
    const sorter = createFifoSorter();
    sorter.add('a');
    sorter.allocated('a', 'agent1', { cpus: 2, mem: 512 });
    sorter.allocated('a', 'agent2', { cpus: 1 });
    sorter.unallocated('a', 'agent1', { cpus: 1 });
    expect([...sorter.allocation('a')]).toEqual([
      ['agent1', { cpus: 1, mem: 512 }],
      ['agent2', { cpus: 1 }],
    ]);
    sorter.unallocated('a', 'agent1', { cpus: 1, mem: 512 });
    sorter.unallocated('a', 'agent2', { cpus: 1 });
    // Empty, as the DRF sorter reports it: the allocator removes a framework only from an empty one.
    expect(sorter.allocation('a').size).toBe(0);
  });

  it('contains its clients, active or not, and counts them', () => {
    const sorter = createFifoSorter();
    sorter.add('a');
    sorter.add('b');
    sorter.activate('b');
    expect([sorter.contains('a'), sorter.contains('b'), sorter.contains('c'), sorter.count()]).toEqual([
      true,
      true,
      false,
      2,
    ]);
    sorter.remove('a');
    expect([sorter.contains('a'), sorter.count()]).toEqual([false, 1]);
  });
});
