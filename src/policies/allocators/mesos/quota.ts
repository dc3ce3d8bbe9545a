import { addResources, subtractClamped, type Resources } from '../../../core/cluster/resources.ts';
import type { AgentState } from './agentState.ts';
import { NO_WHOLE_DISKS, type WholeDisk } from './resourceValues.ts';
import { topLevelRole } from './roles.ts';

/**
 * Quota of a top-level role: guarantees held back for it, limits it never exceeds.
 *
 * @example
 * ```ts
 * const quota: Quota = { guarantees: { cpus: 4 }, limits: { cpus: 8, mem: 16384 } };
 * allocator.updateQuota('eng', quota);
 * ```
 */
export interface Quota {
  /** Resources held back as headroom while the role consumes less. */
  readonly guarantees: Resources;
  /** Caps per resource name; names absent are unlimited. */
  readonly limits: Resources;
}

/**
 * Caps each named dimension of `resources` at `caps[name]` (floored at 0); names absent from
 * `caps` pass unchanged.
 *
 * @example
 * ```ts
 * capResources({ cpus: 8, mem: 100 }, { cpus: 3 }); // { cpus: 3, mem: 100 }
 * ```
 */
export function capResources(resources: Resources, caps: Readonly<Record<string, number>>): Resources {
  return shrinkToLimits(resources, caps);
}

/**
 * Shrinks resources to target quantities: a name absent from the target is dropped (absent means
 * zero, as Mesos's `ResourceQuantities`).
 *
 * @example
 * ```ts
 * shrinkToQuantities({ cpus: 8, mem: 100, disk: 5 }, { cpus: 3, mem: 200 }); // { cpus: 3, mem: 100 }
 * ```
 */
export function shrinkToQuantities(resources: Resources, target: Resources): Resources {
  const out: Record<string, number> = {};
  for (const name in resources) {
    const amount = Math.min(resources[name] ?? 0, target[name] ?? 0);
    if (amount > 0) out[name] = amount;
  }
  return out;
}

/**
 * Shrinks resources to limits: a name absent from the limits is kept whole (absent means
 * unlimited, as Mesos's `ResourceLimits`); a limit of zero or less drops the name.
 *
 * @example
 * ```ts
 * shrinkToLimits({ cpus: 8, mem: 100 }, { cpus: 3 }); // { cpus: 3, mem: 100 }
 * shrinkToLimits({ cpus: 8, mem: 100 }, { mem: 0 }); // { cpus: 8 }
 * ```
 */
export function shrinkToLimits(resources: Resources, limits: Readonly<Record<string, number>>): Resources {
  const out: Record<string, number> = {};
  for (const name in resources) {
    const limit = limits[name];
    const amount = limit === undefined ? (resources[name] ?? 0) : Math.min(resources[name] ?? 0, limit);
    if (amount > 0) out[name] = amount;
  }
  return out;
}

/**
 * Shrinks resources that include whole (indivisible) disks to a room per name: each whole disk, in
 * the order listed, is kept if it fits in what is left of the room, else dropped whole; the
 * divisible rest then fills what is left. The whole disks kept are pushed onto `kept`. (Mesos's
 * `shrinkResources` tries the pieces in a random order; a fixed order keeps runs reproducible.)
 *
 * @example
 * ```ts
 * const kept: WholeDisk[] = [];
 * shrinkWithWholeDisks({ cpus: 1, disk: 100 }, [{ id: 'd1', size: 100 }], (name) => (name === 'disk' ? 50 : 1), kept);
 * // { cpus: 1 }; kept is []
 * ```
 */
export function shrinkWithWholeDisks(
  resources: Resources,
  whole: readonly WholeDisk[],
  room: (name: string) => number,
  kept: WholeDisk[],
): Resources {
  const out: Record<string, number> = {};
  let divisibleDisk = resources['disk'] ?? 0;
  for (const disk of whole) divisibleDisk -= disk.size;
  let diskRoom = room('disk');
  let disk = 0;
  for (const piece of whole)
    if (piece.size <= diskRoom + 1e-9) {
      kept.push(piece);
      diskRoom -= piece.size;
      disk += piece.size;
    }
  for (const name in resources) {
    const amount =
      name === 'disk'
        ? disk + Math.max(0, Math.min(divisibleDisk, diskRoom))
        : Math.min(resources[name] ?? 0, room(name));
    if (amount > 1e-9) out[name] = Math.round(amount * 1000) / 1000;
  }
  return out;
}

/** The whole disks of `all` not in `taken`. */
function without(all: readonly WholeDisk[], taken: readonly WholeDisk[]): WholeDisk[] {
  return all.filter((disk) => !taken.includes(disk));
}

/** Limits minus what is consumed, per name; names absent from the limits stay absent (unlimited). */
function limitsLeft(limits: Resources, consumed: Resources): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name in limits) out[name] = Math.max(0, (limits[name] ?? 0) - (consumed[name] ?? 0));
  return out;
}

const NONE: Resources = Object.freeze({});

/**
 * What one guarantee-stage offer is made of: the part that makes progress towards the role's
 * guarantee, and the extra unreserved resources that go along with it.
 *
 * @example
 * ```ts
 * const part: GuaranteeOffer = run.guaranteeOffer('eng', agent.unreservedFree);
 * part.guaranteed; // cut to what eng still lacks of its guarantee
 * ```
 */
export interface GuaranteeOffer {
  readonly guaranteed: Resources;
  readonly additional: Resources;
  /** The whole (MOUNT) disks in it, each offered entirely (absent when the agent has none free). */
  readonly whole?: readonly WholeDisk[];
}

/**
 * The quota picture of one allocation run, computed once at its start from the agents' books and
 * then updated as the run makes offers, as Mesos's `__allocate` does:
 * - consumption of a top-level role with quota = unreserved resources held by it and its
 *   sub-roles + every reservation of them (held or not);
 * - only a role's own quota applies to it: sub-roles of a quota role have neither guarantee nor
 *   limit, though what they hold counts in the parent's consumption;
 * - required headroom = Σ over quota roles of what they still lack of their guarantees; it only
 *   shrinks by what the guarantee stage gives towards guarantees;
 * - available headroom = unreserved resources nobody holds, over all agents;
 * - unreserved resources beyond a guarantee are cut to the role's limits and to the surplus
 *   headroom (available − required).
 *
 * @example
 * ```ts
 * const run = new QuotaRun(quotas, agents);
 * run.generalAllowance('eng', agent.unreservedFree);
 * ```
 */
export class QuotaRun {
  readonly #quotas: ReadonlyMap<string, Quota>;
  readonly #consumed = new Map<string, Resources>();
  #requiredHeadroom: Resources = NONE;
  #availableHeadroom: Resources = NONE;
  /** True when some quota role has a non-empty guarantee (the run has a guarantee stage). */
  readonly hasGuarantees: boolean;

  constructor(quotas: ReadonlyMap<string, Quota>, agents: Iterable<AgentState>) {
    this.#quotas = quotas;
    let guarantees = false;
    for (const quota of quotas.values()) if (Object.keys(quota.guarantees).length > 0) guarantees = true;
    this.hasGuarantees = guarantees;
    if (quotas.size === 0) return;
    for (const agent of agents) {
      this.#availableHeadroom = addResources(this.#availableHeadroom, agent.unreservedFree);
      for (const [role, reserved] of agent.reservations) this.#consume(topLevelRole(role), reserved);
      for (const [, role, unreserved] of agent.holdings()) this.#consume(topLevelRole(role), unreserved);
    }
    let required: Resources = NONE;
    for (const role of quotas.keys()) required = addResources(required, this.unsatisfiedGuarantee(role));
    this.#requiredHeadroom = required;
  }

  /** What the role's own quota guarantee still lacks ({} for a role without quota). */
  unsatisfiedGuarantee(role: string): Resources {
    const quota = this.#quotas.get(role);
    return quota === undefined ? NONE : subtractClamped(quota.guarantees, this.#consumed.get(role) ?? NONE);
  }

  /**
   * A guarantee-stage offer to a quota role out of these unreserved resources: the part towards
   * the guarantee is not cut by the headroom (so a guarantee is met even when the cluster is
   * over-committed); the rest goes along, cut to the role's limits and to the surplus headroom.
   */
  guaranteeOffer(role: string, unreserved: Resources, whole: readonly WholeDisk[] = NO_WHOLE_DISKS): GuaranteeOffer {
    if (whole.length > 0) return this.#guaranteeOfferWithWholeDisks(role, unreserved, whole);
    const guaranteed = shrinkToQuantities(unreserved, this.unsatisfiedGuarantee(role));
    let additional = subtractClamped(unreserved, guaranteed);
    const quota = this.#quotas.get(role);
    if (quota !== undefined && Object.keys(quota.limits).length > 0)
      additional = shrinkToLimits(
        additional,
        limitsLeft(quota.limits, addResources(this.#consumed.get(role) ?? NONE, guaranteed)),
      );
    return { guaranteed, additional: this.#withinSurplus(additional) };
  }

  /**
   * How much of these unreserved resources the role may be offered in the general stage. With
   * whole disks among them, each is kept entirely or dropped, and those kept are pushed onto `kept`.
   */
  generalAllowance(
    role: string,
    unreserved: Resources,
    whole: readonly WholeDisk[] = NO_WHOLE_DISKS,
    kept?: WholeDisk[],
  ): Resources {
    if (whole.length > 0) return this.#generalAllowanceWithWholeDisks(role, unreserved, whole, kept ?? []);
    if (this.#quotas.size === 0) return unreserved;
    const quota = this.#quotas.get(role);
    let allowed = unreserved;
    if (quota !== undefined && Object.keys(quota.limits).length > 0)
      allowed = shrinkToLimits(allowed, limitsLeft(quota.limits, this.#consumed.get(role) ?? NONE));
    return this.#withinSurplus(allowed);
  }

  /** Records a guarantee-stage offer. */
  recordGuarantee(role: string, offer: GuaranteeOffer): void {
    const consumed = addResources(offer.guaranteed, offer.additional);
    this.#consume(role, consumed);
    this.#requiredHeadroom = subtractClamped(this.#requiredHeadroom, offer.guaranteed);
    this.#availableHeadroom = subtractClamped(this.#availableHeadroom, consumed);
  }

  /** Records a general-stage offer of unreserved resources (counted only for a role with quota). */
  recordGeneral(role: string, unreserved: Resources): void {
    if (this.#quotas.size === 0) return;
    this.#consume(role, unreserved);
    this.#availableHeadroom = subtractClamped(this.#availableHeadroom, unreserved);
  }

  #guaranteeOfferWithWholeDisks(role: string, unreserved: Resources, whole: readonly WholeDisk[]): GuaranteeOffer {
    const unsatisfied = this.unsatisfiedGuarantee(role);
    const towards: WholeDisk[] = [];
    const guaranteed = shrinkWithWholeDisks(unreserved, whole, (name) => unsatisfied[name] ?? 0, towards);
    const rest = subtractClamped(unreserved, guaranteed);
    const quota = this.#quotas.get(role);
    const left =
      quota === undefined || Object.keys(quota.limits).length === 0
        ? undefined
        : limitsLeft(quota.limits, addResources(this.#consumed.get(role) ?? NONE, guaranteed));
    const besides: WholeDisk[] = [];
    const additional = this.#wholeWithinLimitsAndSurplus(rest, without(whole, towards), left, besides);
    return { guaranteed, additional, whole: [...towards, ...besides] };
  }

  #generalAllowanceWithWholeDisks(
    role: string,
    unreserved: Resources,
    whole: readonly WholeDisk[],
    kept: WholeDisk[],
  ): Resources {
    const quota = this.#quotas.get(role);
    const left =
      quota === undefined || Object.keys(quota.limits).length === 0
        ? undefined
        : limitsLeft(quota.limits, this.#consumed.get(role) ?? NONE);
    return this.#wholeWithinLimitsAndSurplus(unreserved, whole, left, kept);
  }

  /** Cuts to the limits left (absent: unlimited) and then to the surplus headroom, disks kept whole. */
  #wholeWithinLimitsAndSurplus(
    resources: Resources,
    whole: readonly WholeDisk[],
    limitsLeftOver: Readonly<Record<string, number>> | undefined,
    kept: WholeDisk[],
  ): Resources {
    let out = resources;
    let pieces = whole;
    if (limitsLeftOver !== undefined) {
      const withinLimits: WholeDisk[] = [];
      out = shrinkWithWholeDisks(out, pieces, (name) => limitsLeftOver[name] ?? Infinity, withinLimits);
      pieces = withinLimits;
    }
    if (Object.keys(this.#requiredHeadroom).length > 0 && Object.keys(out).length > 0) {
      const surplus = subtractClamped(this.#availableHeadroom, this.#requiredHeadroom);
      const withinSurplus: WholeDisk[] = [];
      out = shrinkWithWholeDisks(out, pieces, (name) => surplus[name] ?? 0, withinSurplus);
      pieces = withinSurplus;
    }
    kept.push(...pieces);
    return out;
  }

  #withinSurplus(resources: Resources): Resources {
    if (Object.keys(this.#requiredHeadroom).length === 0 || Object.keys(resources).length === 0) return resources;
    return shrinkToQuantities(resources, subtractClamped(this.#availableHeadroom, this.#requiredHeadroom));
  }

  #consume(role: string, resources: Resources): void {
    if (!this.#quotas.has(role)) return;
    this.#consumed.set(role, addResources(this.#consumed.get(role) ?? NONE, resources));
  }
}

/**
 * The first resource whose guarantee exceeds its limit, described as Mesos's quota validation
 * rejects it (a guarantee must be at most the limit of the same resource), or undefined.
 *
 * @example
 * ```ts
 * guaranteeAboveLimit({ cpus: 2 }, { cpus: 1 }); // 'the guarantee cpus:2 is above the limit cpus:1'
 * guaranteeAboveLimit({ cpus: 2 }, { mem: 1 }); // undefined
 * ```
 */
export function guaranteeAboveLimit(
  guarantees: Readonly<Record<string, number>>,
  limits: Readonly<Record<string, number>>,
): string | undefined {
  for (const [name, guarantee] of Object.entries(guarantees)) {
    const limit = limits[name];
    if (limit !== undefined && guarantee > limit)
      return `the guarantee ${name}:${guarantee} is above the limit ${name}:${limit}`;
  }
  return undefined;
}
