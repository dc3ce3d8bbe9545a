import type { Resources } from '../cluster/resources.ts';

/**
 * One copy of a shared resource (a persistent volume marked shared): its identity on the agent and
 * its amounts. A client holding several copies of the same volume (several tasks using it) counts
 * it once; it stops counting when its last copy is given back (Mesos's shared resources).
 *
 * @example
 * ```ts
 * const volume: SharedResource = { id: 'id1', resources: { disk: 100 } };
 * sorter.allocated('a', 'agent1', { cpus: 2 }, [volume, volume]); // the disk counts once
 * ```
 */
export interface SharedResource {
  readonly id: string;
  readonly resources: Resources;
}

/**
 * Copies of shared resources an {@link Sorter.update} takes from a client and gives it (an offer
 * operation creating or destroying a shared volume); like {@link Sorter.allocated}, `update` does
 * not count as an allocation in the tie-break.
 *
 * @example
 * ```ts
 * const volume: SharedResource = { id: 'id1', resources: { disk: 5 } };
 * const create: SharedUpdate = { added: [volume] };
 * sorter.update('role1', 'agent1', { disk: 5 }, {}, create); // plain disk becomes the shared volume
 * ```
 */
export interface SharedUpdate {
  readonly removed?: readonly SharedResource[];
  readonly added?: readonly SharedResource[];
}

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
  /**
   * Records resources on an agent allocated to a client; `shared` lists copies of shared
   * resources, each counted once per client (and per ancestor) however many copies it holds.
   */
  allocated(path: string, agentId: string, resources: Resources, shared?: readonly SharedResource[]): void;
  /** Records resources on an agent given back by a client (and copies of shared resources). */
  unallocated(path: string, agentId: string, resources: Resources, shared?: readonly SharedResource[]): void;
  /**
   * Replaces part of a client's allocation on an agent (an offer operation, a resize), with copies
   * of shared resources taken and given (Mesos's `update`: the allocation count is not bumped).
   */
  update(path: string, agentId: string, oldResources: Resources, newResources: Resources, shared?: SharedUpdate): void;
  /** Active client paths, first = next to be offered. */
  sort(): string[];
  /** The client's current allocation, per agent. */
  allocation(path: string): ReadonlyMap<string, Resources>;
  /** The client's (weighted) share as used for ordering. */
  share(path: string): number;
  /** Whether the client was added and not removed, active or not (an internal node is not a client). */
  contains(path: string): boolean;
  /** How many clients the sorter has, active or not. */
  count(): number;
}
