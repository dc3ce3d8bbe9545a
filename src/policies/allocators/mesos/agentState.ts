import {
  addResources,
  isEmptyResources,
  minResources,
  subtractClamped,
  subtractResources,
  type Resources,
} from '../../../core/cluster/resources.ts';
import type { AllocatorHolding } from '../../../core/plugins/allocatorView.ts';
import { selfAndAncestors } from './roles.ts';

/** What one framework holds on an agent in one role: unreserved, and per reservation role. */
interface Holding {
  unreserved: Resources;
  readonly reserved: Map<string, Resources>;
}

/**
 * What a role may be offered on an agent: its (and its ancestors') reservations, and unreserved.
 *
 * @example
 * ```ts
 * const agent = new AgentState('m1', { cpus: 8 }, {}, new Map([['eng', { cpus: 2 }]]));
 * const available: AvailableForRole = agent.availableFor('eng/ads');
 * available.reserved.get('eng'); // { cpus: 2 }
 * available.unreserved;          // { cpus: 6 }
 * ```
 */
export interface AvailableForRole {
  readonly reserved: ReadonlyMap<string, Resources>;
  readonly unreserved: Resources;
}

const NONE: ReadonlyMap<string, Resources> = new Map();

const key = (frameworkId: string, role: string): string => `${frameworkId}\u0000${role}`;

/**
 * The allocator's books for one agent, reservation-aware: the total, reservations by role, and
 * what each (framework, role) holds — offered or in use, which the allocator does not tell apart.
 * Resources given back are credited to the holder's reservations first, then to unreserved.
 *
 * @example
 * ```ts
 * const agent = new AgentState('m1', { cpus: 8 }, {}, new Map([['eng', { cpus: 2 }]]));
 * agent.availableFor('eng/ads'); // { reserved: eng → cpus:2, unreserved: cpus:6 }
 * ```
 */
export class AgentState {
  readonly id: string;
  total: Resources;
  attributes: Readonly<Record<string, string>>;
  /** Reservations: role → resources (part of the total). */
  readonly reservations: Map<string, Resources>;
  readonly #holdings = new Map<string, Holding>();
  #unreservedFree: Resources = {};
  readonly #reservedFree = new Map<string, Resources>();

  constructor(
    id: string,
    total: Resources,
    attributes: Readonly<Record<string, string>>,
    reservations: ReadonlyMap<string, Resources>,
  ) {
    this.id = id;
    this.total = total;
    this.attributes = attributes;
    this.reservations = new Map(reservations);
    this.#recompute();
  }

  get hasGpus(): boolean {
    return (this.total['gpus'] ?? 0) > 0;
  }

  /** Unreserved resources nobody holds. */
  get unreservedFree(): Resources {
    return this.#unreservedFree;
  }

  /** True when nobody can be offered anything here: all unreserved and reserved resources are held. */
  get fullyHeld(): boolean {
    if (!isEmptyResources(this.#unreservedFree)) return false;
    for (const r of this.#reservedFree.values()) if (!isEmptyResources(r)) return false;
    return true;
  }

  /** Everything nobody holds. */
  get free(): Resources {
    let out = this.#unreservedFree;
    for (const r of this.#reservedFree.values()) out = addResources(out, r);
    return out;
  }

  /** What a role may be offered here: reservations of itself and its ancestors, plus unreserved. */
  availableFor(role: string): AvailableForRole {
    if (this.reservations.size === 0) return { reserved: NONE, unreserved: this.#unreservedFree };
    const reserved = new Map<string, Resources>();
    for (const owner of selfAndAncestors(role)) {
      const free = this.#reservedFree.get(owner);
      if (free !== undefined && !isEmptyResources(free)) reserved.set(owner, free);
    }
    return { reserved, unreserved: this.#unreservedFree };
  }

  /** Records an offer: reserved parts by reservation role, and an unreserved part. */
  allocate(frameworkId: string, role: string, reserved: ReadonlyMap<string, Resources>, unreserved: Resources): void {
    const holding = this.#holding(frameworkId, role);
    for (const [owner, amount] of reserved) {
      this.#reservedFree.set(owner, subtractResources(this.#reservedFree.get(owner) ?? {}, amount));
      holding.reserved.set(owner, addResources(holding.reserved.get(owner) ?? {}, amount));
    }
    this.#unreservedFree = subtractResources(this.#unreservedFree, unreserved);
    holding.unreserved = addResources(holding.unreserved, unreserved);
  }

  /** Takes back resources from a holder (reservations first); returns what it really held of them. */
  recover(frameworkId: string, role: string, resources: Resources): Resources {
    const holding = this.#holdings.get(key(frameworkId, role));
    if (holding === undefined) return {};
    let left = resources;
    let recovered: Resources = {};
    for (const [owner, held] of holding.reserved) {
      const part = minResources(left, held);
      if (isEmptyResources(part)) continue;
      holding.reserved.set(owner, subtractResources(held, part));
      left = subtractResources(left, part);
      recovered = addResources(recovered, part);
    }
    const part = minResources(left, holding.unreserved);
    holding.unreserved = subtractResources(holding.unreserved, part);
    recovered = addResources(recovered, part);
    if (isEmptyResources(holding.unreserved) && [...holding.reserved.values()].every(isEmptyResources)) {
      this.#holdings.delete(key(frameworkId, role));
    }
    // Free amounts are recomputed, not credited: after the total shrank below what was held,
    // what comes back must not make more free than the new total allows.
    this.#recompute();
    return recovered;
  }

  /** Everything a holder holds here. */
  heldBy(frameworkId: string, role: string): Resources {
    const holding = this.#holdings.get(key(frameworkId, role));
    if (holding === undefined) return {};
    let out = holding.unreserved;
    for (const r of holding.reserved.values()) out = addResources(out, r);
    return out;
  }

  /** Every holding: [frameworkId, role, unreserved part, total held]. */
  *holdings(): IterableIterator<[string, string, Resources, Resources]> {
    for (const [k, h] of this.#holdings) {
      const [frameworkId, role] = k.split('\u0000') as [string, string];
      let total = h.unreserved;
      for (const r of h.reserved.values()) total = addResources(total, r);
      yield [frameworkId, role, h.unreserved, total];
    }
  }

  /** Every holding with its reserved parts by reservation role (a copy, for invariant checks). */
  holdingParts(): AllocatorHolding[] {
    return [...this.#holdings].map(([k, h]) => {
      const [frameworkId, role] = k.split('\u0000') as [string, string];
      const resources = [...h.reserved.values()].reduce(addResources, h.unreserved);
      return { frameworkId, role, resources, reserved: new Map(h.reserved) };
    });
  }

  /** Adds (or grows) a reservation out of unreserved free resources; false if they are not free. */
  reserve(role: string, resources: Resources): boolean {
    if (!isEmptyResources(subtractClamped(resources, this.#unreservedFree))) return false;
    this.reservations.set(role, addResources(this.reservations.get(role) ?? {}, resources));
    this.#recompute();
    return true;
  }

  /** Shrinks a reservation by resources nobody holds; false if they are not reserved and free. */
  unreserve(role: string, resources: Resources): boolean {
    const free = this.#reservedFree.get(role) ?? {};
    if (!isEmptyResources(subtractClamped(resources, free))) return false;
    const left = subtractResources(this.reservations.get(role) ?? {}, resources);
    if (isEmptyResources(left)) this.reservations.delete(role);
    else this.reservations.set(role, left);
    this.#recompute();
    return true;
  }

  /** Changes the total (e.g. Mesos's updateSlave); reservations and holdings stay. */
  setTotal(total: Resources): void {
    this.total = total;
    this.#recompute();
  }

  #holding(frameworkId: string, role: string): Holding {
    const k = key(frameworkId, role);
    let holding = this.#holdings.get(k);
    if (holding === undefined) this.#holdings.set(k, (holding = { unreserved: {}, reserved: new Map() }));
    return holding;
  }

  /** Free amounts from scratch: total − reservations − unreserved holdings; reservation − held. */
  #recompute(): void {
    let reservedTotal: Resources = {};
    for (const r of this.reservations.values()) reservedTotal = addResources(reservedTotal, r);
    let unreservedHeld: Resources = {};
    const reservedHeld = new Map<string, Resources>();
    for (const h of this.#holdings.values()) {
      unreservedHeld = addResources(unreservedHeld, h.unreserved);
      for (const [owner, r] of h.reserved) reservedHeld.set(owner, addResources(reservedHeld.get(owner) ?? {}, r));
    }
    this.#unreservedFree = subtractClamped(subtractClamped(this.total, reservedTotal), unreservedHeld);
    this.#reservedFree.clear();
    for (const [owner, r] of this.reservations)
      this.#reservedFree.set(owner, subtractClamped(r, reservedHeld.get(owner) ?? {}));
  }
}
