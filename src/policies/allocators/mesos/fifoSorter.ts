import { addResources, isEmptyResources, subtractClamped, type Resources } from '../../../core/cluster/resources.ts';
import type { Sorter } from '../../../core/plugins/sorter.ts';

/**
 * First come, first served: active clients in the order they were added, whatever they hold —
 * the FIFO baseline, where the earliest framework takes everything it wants before the next one
 * is offered anything. Shares are not used for ordering and are reported as 0.
 *
 * @example
 * ```ts
 * const s = createFifoSorter();
 * s.add('b'); s.add('a'); s.activate('a'); s.activate('b');
 * s.sort(); // ['b', 'a']
 * ```
 */
export function createFifoSorter(): Sorter {
  const clients = new Map<string, { active: boolean; allocation: Map<string, Resources> }>();
  const client = (path: string) => {
    const c = clients.get(path);
    if (c === undefined) throw new Error(`fifo sorter: unknown client "${path}"`);
    return c;
  };
  return {
    add(path) {
      if (clients.has(path)) throw new Error(`fifo sorter: client "${path}" already added`);
      clients.set(path, { active: false, allocation: new Map() });
    },
    remove: (path) => void clients.delete(path),
    activate: (path) => void (client(path).active = true),
    deactivate: (path) => void (client(path).active = false),
    updateWeight: () => undefined,
    addAgent: () => undefined,
    removeAgent(agentId) {
      for (const c of clients.values()) c.allocation.delete(agentId);
    },
    allocated(path, agentId, resources) {
      const a = client(path).allocation;
      a.set(agentId, addResources(a.get(agentId) ?? {}, resources));
    },
    unallocated(path, agentId, resources) {
      const a = client(path).allocation;
      const left = subtractClamped(a.get(agentId) ?? {}, resources);
      // Nothing left on the agent: no entry, so an empty allocation reads as empty.
      if (isEmptyResources(left)) a.delete(agentId);
      else a.set(agentId, left);
    },
    update(path, agentId, oldResources, newResources) {
      const a = client(path).allocation;
      a.set(agentId, addResources(subtractClamped(a.get(agentId) ?? {}, oldResources), newResources));
    },
    sort: () => [...clients].filter(([, c]) => c.active).map(([path]) => path),
    allocation: (path) => client(path).allocation,
    share: () => 0,
    contains: (path) => clients.has(path),
    count: () => clients.size,
  };
}
