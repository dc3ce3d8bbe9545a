import {
  addResources,
  fitsWithin,
  isEmptyResources,
  isNormalizedResources,
  minResources,
  NO_RESOURCES,
  roundAmount,
  subtractClamped,
  subtractResources,
  type Resources,
} from '../../../core/cluster/resources.ts';
import {
  addNonScalar,
  isEmptyNonScalar,
  NO_RANGES,
  NO_WHOLE_DISKS,
  subtractNonScalar,
  type NonScalarResources,
  type WholeDisk,
} from './resourceValues.ts';
import type { AllocatorHolding } from '../../../core/plugins/allocatorView.ts';
import { selfAndAncestors } from './roles.ts';

/** What one framework holds on an agent in one role: unreserved, and per reservation role. */
interface Holding {
  unreserved: Resources;
  /** {@link NOTHING_RESERVED} until it holds a reserved part (most holdings never do). */
  reserved: Map<string, Resources>;
  /** Non-scalar resources held (ranges such as ports, and sets), unreserved. */
  ranges: NonScalarResources;
  /** Whole (MOUNT) disks held; their sizes are part of `unreserved`. */
  whole: readonly WholeDisk[];
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

/** The reserved parts of every holding that has none: shared, never written (see writableReserved). */
const NOTHING_RESERVED = new Map<string, Resources>();

/**
 * Where {@link AgentState.convertHeld} moves resources: to a pool of the holder (`role` absent:
 * unreserved; else that role's reservation), out of the agent's total (`removed`), or set aside as
 * a shared volume in the pool they came from (`shared`).
 *
 * @example
 * ```ts
 * const reserve: ConversionTarget = { kind: 'pool', role: 'role1' };
 * agent.convertHeld('f1', 'role1', { cpus: 1 }, undefined, reserve); // RESERVE of an allocated cpu
 * ```
 */
export type ConversionTarget =
  { readonly kind: 'pool'; readonly role?: string } | { readonly kind: 'removed' } | { readonly kind: 'shared' };

/**
 * What a recovery really took back: the whole amount, and its reserved parts by reservation role.
 *
 * @example
 * ```ts
 * const back: RecoveredParts = agent.recover('f1', 'eng', { cpus: 2 });
 * back.total;               // { cpus: 2 }
 * back.reserved.get('eng'); // the part that was eng's reservation, if any
 * ```
 */
export interface RecoveredParts {
  readonly total: Resources;
  readonly reserved: ReadonlyMap<string, Resources>;
  /** Range resources taken back. */
  readonly ranges: NonScalarResources;
  /** Whole (MOUNT) disks taken back. */
  readonly whole: readonly WholeDisk[];
}

const NOTHING_RECOVERED: RecoveredParts = { total: {}, reserved: NONE, ranges: NO_RANGES, whole: NO_WHOLE_DISKS };

const NO_HOLDINGS: readonly Holding[] = [];

/** A holding's reserved parts, ready to be written (its own map instead of the shared empty one). */
function writableReserved(holding: Holding): Map<string, Resources> {
  if (holding.reserved === NOTHING_RESERVED) holding.reserved = new Map();
  return holding.reserved;
}

/**
 * Holding keys by framework and role, made once: a key built per call is hashed anew by every
 * lookup. Shared by every allocator in the process, so it is emptied when it outgrows
 * `MAX_CACHED_FRAMEWORKS` (a long-lived process making fresh framework ids would otherwise
 * keep them all); a key is a plain string, equal whether cached or not.
 */
const KEYS = new Map<string, Map<string, string>>();
const MAX_CACHED_FRAMEWORKS = 4096;

function key(frameworkId: string, role: string): string {
  let byRole = KEYS.get(frameworkId);
  if (byRole === undefined) {
    if (KEYS.size >= MAX_CACHED_FRAMEWORKS) KEYS.clear();
    KEYS.set(frameworkId, (byRole = new Map<string, string>()));
  }
  let k = byRole.get(role);
  if (k === undefined) byRole.set(role, (k = `${frameworkId}\u0000${role}`));
  return k;
}

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
  /**
   * Refined reservations: role → the reservation stack below it, bottom first (`parent/child` →
   * `['parent']` when `parent`'s reservation was refined to `parent/child`). Absent: not refined.
   */
  readonly refinedFrom = new Map<string, readonly string[]>();
  /** Non-scalar resources of the agent (ranges such as ports, and sets), unreserved; they go along with every offer. */
  readonly ranges: NonScalarResources;
  /** Whole (MOUNT) disks of the agent, unreserved; their sizes are part of the total's disk. */
  readonly wholeDisks: readonly WholeDisk[];
  readonly #holdings = new Map<string, Holding>();
  #freeRanges: NonScalarResources = NO_RANGES;
  #freeWhole: readonly WholeDisk[] = NO_WHOLE_DISKS;
  #unreservedFree: Resources = {};
  /** The free amounts of this agent when nobody holds anything, for the total they were computed from. */
  #idle: { readonly total: Resources; readonly free: Resources } | undefined;
  readonly #reservedFree = new Map<string, Resources>();
  /** Resources set aside as shared volumes, by pool ('' = unreserved): in no holding and never free. */
  readonly #sharedAside = new Map<string, Resources>();

  constructor(
    id: string,
    total: Resources,
    attributes: Readonly<Record<string, string>>,
    reservations: ReadonlyMap<string, Resources>,
    ranges: NonScalarResources = NO_RANGES,
    wholeDisks: readonly WholeDisk[] = NO_WHOLE_DISKS,
  ) {
    this.id = id;
    this.total = total;
    this.attributes = attributes;
    this.reservations = new Map(reservations);
    this.ranges = ranges;
    this.wholeDisks = wholeDisks;
    this.#recompute();
  }

  get hasGpus(): boolean {
    return (this.total['gpus'] ?? 0) > 0;
  }

  /** Unreserved resources nobody holds. */
  get unreservedFree(): Resources {
    return this.#unreservedFree;
  }

  /** Range resources nobody holds. */
  get freeRanges(): NonScalarResources {
    return this.#freeRanges;
  }

  /** Whole (MOUNT) disks nobody holds; their sizes are part of {@link AgentState.unreservedFree}. */
  get freeWholeDisks(): readonly WholeDisk[] {
    return this.#freeWhole;
  }

  /** True when nobody can be offered anything here: all unreserved and reserved resources are held. */
  get fullyHeld(): boolean {
    if (!isEmptyResources(this.#unreservedFree)) return false;
    if (!isEmptyNonScalar(this.#freeRanges)) return false;
    if (this.#reservedFree.size > 0)
      for (const r of this.#reservedFree.values()) if (!isEmptyResources(r)) return false;
    return true;
  }

  /** Everything nobody holds. */
  get free(): Resources {
    let out = this.#unreservedFree;
    for (const r of this.#reservedFree.values()) out = addResources(out, r);
    return out;
  }

  /**
   * What a role may be offered here: reservations of itself and its ancestors, plus unreserved.
   * Refined reservations only for a framework that understands them (RESERVATION_REFINEMENT).
   */
  availableFor(role: string, refinementCapable = true): AvailableForRole {
    if (this.reservations.size === 0) return { reserved: NONE, unreserved: this.#unreservedFree };
    const reserved = new Map<string, Resources>();
    for (const owner of selfAndAncestors(role)) {
      if (!refinementCapable && this.refinedFrom.has(owner)) continue;
      const free = this.#reservedFree.get(owner);
      if (free !== undefined && !isEmptyResources(free)) reserved.set(owner, free);
    }
    return { reserved, unreserved: this.#unreservedFree };
  }

  /** Records an offer: reserved parts by reservation role, and an unreserved part. */
  allocate(
    frameworkId: string,
    role: string,
    reserved: ReadonlyMap<string, Resources>,
    unreserved: Resources,
    ranges: NonScalarResources = NO_RANGES,
    whole: readonly WholeDisk[] = NO_WHOLE_DISKS,
  ): void {
    const holding = this.#holding(frameworkId, role);
    if (whole.length > 0) {
      holding.whole = [...holding.whole, ...whole];
      this.#freeWhole = this.#freeWhole.filter((disk) => !whole.includes(disk));
    }
    if (!isEmptyNonScalar(ranges)) {
      holding.ranges = addNonScalar(holding.ranges, ranges);
      this.#freeRanges = subtractNonScalar(this.#freeRanges, ranges);
    }
    for (const [owner, amount] of reserved) {
      this.#reservedFree.set(owner, subtractResources(this.#reservedFree.get(owner) ?? {}, amount));
      const parts = writableReserved(holding);
      parts.set(owner, addResources(parts.get(owner) ?? {}, amount));
    }
    // Everything free offered (most offers): nothing is left, and a new holding holds just that.
    this.#unreservedFree =
      unreserved === this.#unreservedFree ? NO_RESOURCES : subtractResources(this.#unreservedFree, unreserved);
    holding.unreserved =
      isEmptyResources(holding.unreserved) && isNormalizedResources(unreserved)
        ? unreserved
        : addResources(holding.unreserved, unreserved);
  }

  /**
   * Records resources a holder already uses (an agent or framework re-registering): its role's
   * reservations (own, then ancestors') first, then unreserved, each part cut to what is free, so
   * that inconsistent reports never overdraw the books. Returns what was recorded.
   */
  takeUsed(frameworkId: string, role: string, resources: Resources): Resources {
    const available = this.availableFor(role);
    const reserved = new Map<string, Resources>();
    let rest = resources;
    let taken: Resources = {};
    for (const [owner, amount] of available.reserved) {
      const part = minResources(rest, amount);
      if (isEmptyResources(part)) continue;
      reserved.set(owner, part);
      rest = subtractClamped(rest, part);
      taken = addResources(taken, part);
    }
    const unreserved = minResources(rest, available.unreserved);
    taken = addResources(taken, unreserved);
    if (!isEmptyResources(taken)) this.allocate(frameworkId, role, reserved, unreserved);
    this.#holdWholeDisksInUse(frameworkId, role);
    return taken;
  }

  /** Moves what a holder holds under one role to another role of the same framework. */
  moveHolding(frameworkId: string, from: string, to: string): void {
    const holding = this.#holdings.get(key(frameworkId, from));
    if (holding === undefined || from === to) return;
    this.#holdings.delete(key(frameworkId, from));
    const target = this.#holding(frameworkId, to);
    target.unreserved = addResources(target.unreserved, holding.unreserved);
    target.ranges = addNonScalar(target.ranges, holding.ranges);
    target.whole = [...target.whole, ...holding.whole];
    for (const [owner, amount] of holding.reserved) {
      const parts = writableReserved(target);
      parts.set(owner, addResources(parts.get(owner) ?? {}, amount));
    }
  }

  /**
   * Takes back resources from a holder; returns what it really held of them. With `reserved` (the
   * part of `resources` reserved, by reservation role) each part goes back to its own pool; without
   * it, the holder's reservations are credited first, then unreserved.
   */
  recover(
    frameworkId: string,
    role: string,
    resources: Resources,
    reserved?: ReadonlyMap<string, Resources>,
    ranges: NonScalarResources = NO_RANGES,
    whole?: readonly string[],
  ): RecoveredParts {
    const k = key(frameworkId, role);
    const holding = this.#holdings.get(k);
    if (holding === undefined) return NOTHING_RECOVERED;
    if (
      reserved === undefined &&
      holding.reserved.size === 0 &&
      holding.whole.length === 0 &&
      isEmptyNonScalar(holding.ranges)
    )
      return this.#recoverUnreserved(k, holding, resources);
    let rangesBack: NonScalarResources = NO_RANGES;
    if (!isEmptyNonScalar(ranges) && !isEmptyNonScalar(holding.ranges)) {
      rangesBack = subtractNonScalar(holding.ranges, subtractNonScalar(holding.ranges, ranges));
      holding.ranges = subtractNonScalar(holding.ranges, ranges);
    }
    let left = resources;
    let total: Resources = {};
    const reservedBack = new Map<string, Resources>();
    for (const [owner, held] of holding.reserved) {
      const asked = reserved === undefined ? left : minResources(left, reserved.get(owner) ?? {});
      const part = minResources(asked, held);
      if (isEmptyResources(part)) continue;
      holding.reserved.set(owner, subtractResources(held, part));
      left = subtractResources(left, part);
      total = addResources(total, part);
      reservedBack.set(owner, part);
    }
    // With the breakdown given, the unreserved part is what is not in it (reserved amounts the
    // holder did not hold are not taken from its unreserved part).
    let unreservedAsked = left;
    if (reserved !== undefined) {
      unreservedAsked = resources;
      for (const amount of reserved.values()) unreservedAsked = subtractClamped(unreservedAsked, amount);
    }
    let part = minResources(unreservedAsked, holding.unreserved);
    let wholeBack = NO_WHOLE_DISKS;
    if (holding.whole.length > 0) [part, wholeBack] = this.#releaseWholeDisks(holding, part, whole);
    holding.unreserved = subtractResources(holding.unreserved, part);
    total = addResources(total, part);
    if (
      isEmptyResources(holding.unreserved) &&
      [...holding.reserved.values()].every(isEmptyResources) &&
      isEmptyNonScalar(holding.ranges)
    ) {
      this.#holdings.delete(key(frameworkId, role));
    }
    // Free amounts are recomputed, not credited: after the total shrank below what was held,
    // what comes back must not make more free than the new total allows.
    this.#recompute();
    return { total, reserved: reservedBack, ranges: rangesBack, whole: wholeBack };
  }

  /**
   * {@link AgentState.recover} for a holding of unreserved scalars only (most offers): the same
   * books and result, without the steps that have nothing to do.
   */
  #recoverUnreserved(k: string, holding: Holding, resources: Resources): RecoveredParts {
    // The very amounts held given back (a decline of the offer as it was made): min(asked, held)
    // is the held vector itself, values and key order.
    if (resources === holding.unreserved) {
      this.#holdings.delete(k);
      this.#recompute();
      return { total: holding.unreserved, reserved: NONE, ranges: NO_RANGES, whole: NO_WHOLE_DISKS };
    }
    const part = minResources(resources, holding.unreserved);
    holding.unreserved = subtractResources(holding.unreserved, part);
    if (isEmptyResources(holding.unreserved)) this.#holdings.delete(k);
    this.#recompute();
    return { total: part, reserved: NONE, ranges: NO_RANGES, whole: NO_WHOLE_DISKS };
  }

  /** Everything a holder holds here. */
  heldBy(frameworkId: string, role: string): Resources {
    const holding = this.#holdings.get(key(frameworkId, role));
    if (holding === undefined) return {};
    let out = holding.unreserved;
    for (const r of holding.reserved.values()) out = addResources(out, r);
    return out;
  }

  /** What a holder holds here, unreserved and by reservation role. */
  heldParts(frameworkId: string, role: string): AvailableForRole {
    const holding = this.#holdings.get(key(frameworkId, role));
    return holding === undefined
      ? { reserved: NONE, unreserved: {} }
      : { reserved: holding.reserved, unreserved: holding.unreserved };
  }

  /** Every holding: [frameworkId, role, unreserved part, total held, range resources held]. */
  *holdings(): IterableIterator<[string, string, Resources, Resources, NonScalarResources]> {
    for (const [k, h] of this.#holdings) {
      const [frameworkId, role] = k.split('\u0000') as [string, string];
      let total = h.unreserved;
      for (const r of h.reserved.values()) total = addResources(total, r);
      yield [frameworkId, role, h.unreserved, total, h.ranges];
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

  /**
   * Shrinks a reservation by resources nobody holds; false if they are not reserved and free. A
   * refined reservation goes back to the reservation it was refined from (its stack is popped),
   * any other to unreserved.
   */
  unreserve(role: string, resources: Resources): boolean {
    const free = this.#reservedFree.get(role) ?? {};
    if (!isEmptyResources(subtractClamped(resources, free))) return false;
    const left = subtractResources(this.reservations.get(role) ?? {}, resources);
    const below = this.refinedFrom.get(role);
    if (isEmptyResources(left)) {
      this.reservations.delete(role);
      this.refinedFrom.delete(role);
    } else this.reservations.set(role, left);
    const previous = below?.[below.length - 1];
    if (below !== undefined && previous !== undefined) {
      this.reservations.set(previous, addResources(this.reservations.get(previous) ?? {}, resources));
      if (below.length > 1) this.refinedFrom.set(previous, below.slice(0, -1));
    }
    this.#recompute();
    return true;
  }

  /**
   * Converts part of what a holder holds (Mesos's offer operations on allocated resources): from
   * one pool (`undefined` = unreserved, a role = its reservation) to the target (see
   * {@link ConversionTarget}).
   * Returns false, changing nothing, when the holder does not hold `amount` in `from`.
   */
  convertHeld(
    frameworkId: string,
    role: string,
    amount: Resources,
    from: string | undefined,
    to: ConversionTarget,
  ): boolean {
    const holding = this.#holdings.get(key(frameworkId, role));
    const held = holding === undefined ? {} : from === undefined ? holding.unreserved : holding.reserved.get(from);
    if (holding === undefined || held === undefined || !fitsWithin(amount, held)) return false;
    if (from === undefined) holding.unreserved = subtractResources(held, amount);
    else holding.reserved.set(from, subtractResources(held, amount));
    if (to.kind === 'shared') {
      const pool = from ?? '';
      this.#sharedAside.set(pool, addResources(this.#sharedAside.get(pool) ?? {}, amount));
    } else {
      if (from !== undefined) this.#shrinkReservation(from, amount);
      if (to.kind === 'removed') this.total = subtractResources(this.total, amount);
      else if (to.role === undefined) holding.unreserved = addResources(holding.unreserved, amount);
      else {
        writableReserved(holding).set(to.role, addResources(holding.reserved.get(to.role) ?? {}, amount));
        this.reservations.set(to.role, addResources(this.reservations.get(to.role) ?? {}, amount));
      }
    }
    this.#recompute();
    return true;
  }

  /** Gives a holder back resources set aside as a shared volume (in their pool); false if not set aside. */
  unshare(frameworkId: string, role: string, amount: Resources, pool: string | undefined): boolean {
    const aside = this.#sharedAside.get(pool ?? '') ?? {};
    if (!fitsWithin(amount, aside)) return false;
    this.#sharedAside.set(pool ?? '', subtractResources(aside, amount));
    const holding = this.#holding(frameworkId, role);
    if (pool === undefined) holding.unreserved = addResources(holding.unreserved, amount);
    else writableReserved(holding).set(pool, addResources(holding.reserved.get(pool) ?? {}, amount));
    this.#recompute();
    return true;
  }

  #shrinkReservation(role: string, amount: Resources): void {
    const left = subtractResources(this.reservations.get(role) ?? {}, amount);
    if (isEmptyResources(left)) this.reservations.delete(role);
    else this.reservations.set(role, left);
  }

  /** Changes the total (e.g. Mesos's updateSlave); reservations and holdings stay. */
  setTotal(total: Resources): void {
    this.total = total;
    this.#recompute();
  }

  /**
   * Which whole disks come back with `part` (unreserved, not yet taken from the holding): those named
   * in `ids`, else as many as the disk left would no longer cover (last first). A whole disk comes
   * back whole, so the disk given back becomes those disks plus at most the plain disk held.
   * Returns the part as corrected and the whole disks back.
   */
  #releaseWholeDisks(
    holding: Holding,
    part: Resources,
    ids: readonly string[] | undefined,
  ): [Resources, readonly WholeDisk[]] {
    const held = holding.unreserved['disk'] ?? 0;
    const asked = part['disk'] ?? 0;
    let kept = ids === undefined ? [...holding.whole] : holding.whole.filter((disk) => !ids.includes(disk.id));
    const back = holding.whole.filter((disk) => !kept.includes(disk));
    const sizeOf = (disks: readonly WholeDisk[]): number => disks.reduce((total, disk) => total + disk.size, 0);
    const plainHeld = held - sizeOf(holding.whole);
    while (sizeOf(kept) > held - asked + 1e-9 && kept.length > 0) {
      back.push(kept[kept.length - 1] as WholeDisk);
      kept = kept.slice(0, -1);
    }
    holding.whole = kept;
    if (back.length === 0 && ids === undefined) return [part, NO_WHOLE_DISKS];
    const disk = Math.round((sizeOf(back) + Math.max(0, Math.min(plainHeld, asked - sizeOf(back)))) * 1000) / 1000;
    const { disk: _asked, ...others } = part;
    void _asked;
    return [disk > 0 ? { ...others, disk } : others, back];
  }

  /** After resources in use were recorded: free whole disks that free disk no longer covers become the holder's. */
  #holdWholeDisksInUse(frameworkId: string, role: string): void {
    if (this.#freeWhole.length === 0) return;
    const freeDisk = this.#unreservedFree['disk'] ?? 0;
    let sum = this.#freeWhole.reduce((total, disk) => total + disk.size, 0);
    const taken: WholeDisk[] = [];
    for (const disk of this.#freeWhole) {
      if (sum <= freeDisk + 1e-9) break;
      taken.push(disk);
      sum -= disk.size;
    }
    if (taken.length === 0) return;
    const holding = this.#holding(frameworkId, role);
    holding.whole = [...holding.whole, ...taken];
    this.#freeWhole = this.#freeWhole.filter((disk) => !taken.includes(disk));
  }

  #holding(frameworkId: string, role: string): Holding {
    const k = key(frameworkId, role);
    let holding = this.#holdings.get(k);
    if (holding === undefined)
      this.#holdings.set(
        k,
        (holding = { unreserved: {}, reserved: NOTHING_RESERVED, ranges: NO_RANGES, whole: NO_WHOLE_DISKS }),
      );
    return holding;
  }

  /** Free amounts from scratch: total − reservations − unreserved holdings; reservation − held. */
  #recompute(): void {
    if (
      this.reservations.size === 0 &&
      this.wholeDisks.length === 0 &&
      isEmptyNonScalar(this.ranges) &&
      this.#sharedAside.size === 0
    ) {
      this.#unreservedFree = this.#unreservedLeft();
      this.#freeRanges = this.ranges;
      this.#reservedFree.clear();
      return;
    }
    let reservedTotal: Resources = {};
    for (const r of this.reservations.values()) reservedTotal = addResources(reservedTotal, r);
    let unreservedHeld: Resources = {};
    const reservedHeld = new Map<string, Resources>();
    for (const h of this.#holdings.values()) {
      unreservedHeld = addResources(unreservedHeld, h.unreserved);
      for (const [owner, r] of h.reserved) reservedHeld.set(owner, addResources(reservedHeld.get(owner) ?? {}, r));
    }
    const unreservedAside = this.#sharedAside.get('') ?? {};
    this.#unreservedFree = subtractClamped(
      subtractClamped(subtractClamped(this.total, reservedTotal), unreservedHeld),
      unreservedAside,
    );
    let freeRanges = this.ranges;
    if (!isEmptyNonScalar(freeRanges))
      for (const h of this.#holdings.values()) freeRanges = subtractNonScalar(freeRanges, h.ranges);
    this.#freeRanges = freeRanges;
    if (this.wholeDisks.length > 0) {
      const held = new Set<WholeDisk>();
      for (const h of this.#holdings.values()) for (const disk of h.whole) held.add(disk);
      this.#freeWhole = this.wholeDisks.filter((disk) => !held.has(disk));
    }
    this.#reservedFree.clear();
    for (const [owner, r] of this.reservations)
      this.#reservedFree.set(
        owner,
        subtractClamped(subtractClamped(r, reservedHeld.get(owner) ?? {}), this.#sharedAside.get(owner) ?? {}),
      );
  }

  /**
   * Unreserved free on an agent without reservations, ranges or whole disks: what
   * `subtractClamped(subtractClamped(total, {}), Σ unreserved held)` gives (the sum in holding order,
   * rounded at every step as addResources rounds), one dimension at a time, with no vector between.
   */
  #unreservedLeft(): Resources {
    // An idle agent's free amounts are its total's: one object while the total stays (resources
    // are immutable values, so the same object always means the same amounts).
    if (this.#holdings.size === 0 && this.#idle !== undefined && this.#idle.total === this.total)
      return this.#idle.free;
    const out: Record<string, number> = {};
    // One list for every dimension.
    const holdings = this.#holdings.size === 0 ? NO_HOLDINGS : [...this.#holdings.values()];
    for (const name in this.total) {
      const total = roundAmount(Math.max(0, this.total[name] ?? 0));
      if (total === 0) continue;
      let held = 0;
      for (const h of holdings) {
        const amount = h.unreserved[name];
        if (amount !== undefined) held = roundAmount(held + amount);
        else if (held !== 0) held = roundAmount(held);
      }
      const free = roundAmount(Math.max(0, total - held));
      if (free !== 0) out[name] = free;
    }
    if (holdings === NO_HOLDINGS) this.#idle = { total: this.total, free: out };
    return out;
  }
}
