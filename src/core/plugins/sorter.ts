import type { Resources } from '../cluster/resources.ts';

/**
 * A sorter orders clients (roles, or frameworks within a role) for the allocator. Its one important
 * question is {@link Sorter.sort}. It mirrors Mesos's `Sorter` interface so that a call sequence
 * recorded against Mesos can be replayed here.
 *
 * Client paths are "/"-separated (`eng/ads`); hierarchical sorters order siblings by their subtree
 * and emit active leaves in a pre-order walk.
 *
 * @example
 * ```ts
 * import { createDrfSorter } from 'clustersim/policies';
 * const sorter: Sorter = createDrfSorter();
 * sorter.addAgent('a1', { cpus: 10, mem: 100 });
 * sorter.add('x'); sorter.activate('x');
 * sorter.sort(); // ['x']
 * ```
 */
export interface Sorter {
  /** Adds a client (inactive until {@link Sorter.activate}). */
  add(path: string): void;
  /** Removes a client and forgets its allocation. */
  remove(path: string): void;
  /** Makes a client appear in {@link Sorter.sort}. */
  activate(path: string): void;
  /** Hides a client from {@link Sorter.sort}; it keeps its allocation. */
  deactivate(path: string): void;
  /** Sets the weight of a path (applies to its whole subtree). Default weight is 1. */
  updateWeight(path: string, weight: number): void;
  /** Adds an agent's total resources to the pool that shares are computed against. */
  addAgent(agentId: string, total: Resources): void;
  /** Removes an agent's resources from the pool. */
  removeAgent(agentId: string): void;
  /** Records resources on an agent allocated to a client. */
  allocated(path: string, agentId: string, resources: Resources): void;
  /** Records resources on an agent given back by a client. */
  unallocated(path: string, agentId: string, resources: Resources): void;
  /** Replaces part of a client's allocation on an agent (e.g. a resize). */
  update(path: string, agentId: string, oldResources: Resources, newResources: Resources): void;
  /** Active client paths, first = next to be offered. */
  sort(): string[];
  /** The client's current allocation, per agent. */
  allocation(path: string): ReadonlyMap<string, Resources>;
  /** The client's (weighted) share as used for ordering. */
  share(path: string): number;
}
