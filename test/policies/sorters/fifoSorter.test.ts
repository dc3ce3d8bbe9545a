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
});
