/**
 * Revocable (oversubscribed) resources in the standalone Mesos allocator: what an agent's
 * resource estimator reports it can lend beside its total (Mesos's `updateSlave` with revocable
 * resources in the total). As Mesos's allocator does with them, they are offered only to
 * frameworks with the `REVOCABLE_RESOURCES` capability, always along with the rest of an offer
 * (never cut by quota limits or the headroom, never counted in quota), counted by the sorters as
 * the resources they are (revocable cpus are cpus in a share), and given back to their own pool.
 * @module
 */
import { addResources, minResources, subtractClamped, type Resources } from '../../../core/cluster/resources.ts';

const NONE: Resources = Object.freeze({});

/**
 * The name under which an offer's revocable part is kept apart from its other parts where
 * reservation-aware containment compares them (decline filters): no role is called so.
 *
 * @example
 * ```ts
 * const parts = new Map([[REVOCABLE_POOL, { cpus: 10 }]]);
 * ```
 */
export const REVOCABLE_POOL = '\u0000revocable';

interface AgentRevocable {
  total: Resources;
  free: Resources;
  /** What each holder holds: `framework\0role` → amounts. */
  readonly held: Map<string, Resources>;
}

const holderKey = (frameworkId: string, role: string): string => `${frameworkId}\u0000${role}`;

/**
 * The allocator's books of revocable resources, agent by agent: the total each agent lends, what
 * each (framework, role) holds of it, and what is free. Agents that never lent anything have no
 * entry, so a cluster without oversubscription pays nothing.
 *
 * @example
 * ```ts
 * const books = new RevocableBooks();
 * books.setTotal('agent1', { cpus: 10 });
 * books.allocate('agent1', 'framework1', 'role1', books.free('agent1'));
 * books.free('agent1'); // {}
 * ```
 */
export class RevocableBooks {
  readonly #agents = new Map<string, AgentRevocable>();

  /** True when no agent lends anything (or ever did and still has an entry). */
  get empty(): boolean {
    return this.#agents.size === 0;
  }

  /** The revocable total of an agent ({} when it lends nothing). */
  total(agentId: string): Resources {
    return this.#agents.get(agentId)?.total ?? NONE;
  }

  /** Revocable resources of an agent nobody holds. */
  free(agentId: string): Resources {
    return this.#agents.get(agentId)?.free ?? NONE;
  }

  /**
   * A new revocable total for an agent. What holders hold stays held, even above the new total (as
   * Mesos lets an agent be over-allocated); only what is left is free.
   */
  setTotal(agentId: string, total: Resources): void {
    let books = this.#agents.get(agentId);
    if (books === undefined) this.#agents.set(agentId, (books = { total, free: total, held: new Map() }));
    books.total = total;
    this.#recompute(books);
  }

  /** Records revocable resources offered to a holder. */
  allocate(agentId: string, frameworkId: string, role: string, amounts: Resources): void {
    const books = this.#agents.get(agentId);
    if (books === undefined) return;
    const key = holderKey(frameworkId, role);
    books.held.set(key, addResources(books.held.get(key) ?? NONE, amounts));
    this.#recompute(books);
  }

  /** Takes back revocable resources from a holder; returns what it really held of them. */
  recover(agentId: string, frameworkId: string, role: string, amounts: Resources): Resources {
    const books = this.#agents.get(agentId);
    const key = holderKey(frameworkId, role);
    const held = books?.held.get(key);
    if (books === undefined || held === undefined) return NONE;
    const back = minResources(amounts, held);
    const left = subtractClamped(held, back);
    if (Object.keys(left).length === 0) books.held.delete(key);
    else books.held.set(key, left);
    this.#recompute(books);
    return back;
  }

  /** What a holder holds of an agent's revocable resources. */
  heldBy(agentId: string, frameworkId: string, role: string): Resources {
    return this.#agents.get(agentId)?.held.get(holderKey(frameworkId, role)) ?? NONE;
  }

  /** Every holder of an agent's revocable resources: [frameworkId, role, amounts]. */
  *holdings(agentId: string): IterableIterator<[string, string, Resources]> {
    const books = this.#agents.get(agentId);
    if (books === undefined) return;
    for (const [key, amounts] of books.held) {
      const [frameworkId, role] = key.split('\u0000') as [string, string];
      yield [frameworkId, role, amounts];
    }
  }

  /** Forgets an agent. */
  removeAgent(agentId: string): void {
    this.#agents.delete(agentId);
  }

  #recompute(books: AgentRevocable): void {
    let held: Resources = NONE;
    for (const amounts of books.held.values()) held = addResources(held, amounts);
    books.free = subtractClamped(books.total, held);
  }
}
