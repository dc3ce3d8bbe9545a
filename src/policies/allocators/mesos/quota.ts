import { addResources, subtractClamped, type Resources } from '../../../core/cluster/resources.ts';
import type { AgentState } from './agentState.ts';
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
  const out: Record<string, number> = { ...resources };
  for (const name in caps) if (name in out) out[name] = Math.min(out[name] ?? 0, Math.max(0, caps[name] ?? 0));
  return subtractClamped(out, {});
}

function difference(a: Resources, b: Resources): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name in a) out[name] = (a[name] ?? 0) - (b[name] ?? 0);
  return out;
}

/**
 * The quota picture of one allocation run, computed once at its start from the agents' books and
 * then updated as the run makes offers (as Mesos does):
 * - consumption of a top-level role = unreserved resources held by it and its sub-roles + every
 *   reservation of them (held or not);
 * - required headroom = Σ over roles of what they still lack to reach their guarantees;
 * - available headroom = unreserved resources nobody holds, over all agents.
 * Unreserved resources go to a role only while they leave the headroom other roles need.
 *
 * @example
 * ```ts
 * const run = new QuotaRun(quotas, agents);
 * run.unreservedAllowance('eng', agent.unreservedFree);
 * ```
 */
export class QuotaRun {
  readonly #quotas: ReadonlyMap<string, Quota>;
  readonly #consumed = new Map<string, Resources>();
  #requiredHeadroom: Resources = {};
  #availableHeadroom: Resources = {};

  constructor(quotas: ReadonlyMap<string, Quota>, agents: Iterable<AgentState>) {
    this.#quotas = quotas;
    if (quotas.size === 0) return;
    for (const agent of agents) {
      this.#availableHeadroom = addResources(this.#availableHeadroom, agent.unreservedFree);
      for (const [role, reserved] of agent.reservations) this.#consume(topLevelRole(role), reserved);
      for (const [, role, unreserved] of agent.holdings()) this.#consume(topLevelRole(role), unreserved);
    }
    this.#recomputeRequired();
  }

  /** Roles (top-level) that have quota. */
  get quotaRoles(): IterableIterator<string> {
    return this.#quotas.keys();
  }

  /** What the role's top-level quota still lacks to reach its guarantee. */
  remainingGuarantee(role: string): Resources {
    const quota = this.#quotas.get(topLevelRole(role));
    return quota === undefined ? {} : subtractClamped(quota.guarantees, this.#consumed.get(topLevelRole(role)) ?? {});
  }

  /**
   * Caps for the guarantee stage: for every resource name the role's quota guarantees, what is
   * still missing (0 once reached). Names it does not guarantee are not capped here.
   */
  guaranteeCaps(role: string): Record<string, number> {
    const top = topLevelRole(role);
    const quota = this.#quotas.get(top);
    const caps: Record<string, number> = {};
    if (quota === undefined) return caps;
    const consumed = this.#consumed.get(top) ?? {};
    for (const name in quota.guarantees)
      caps[name] = Math.max(0, (quota.guarantees[name] ?? 0) - (consumed[name] ?? 0));
    return caps;
  }

  /** True when the role is below its guarantee in some dimension. */
  belowGuarantee(role: string): boolean {
    return Object.keys(this.remainingGuarantee(role)).length > 0;
  }

  /**
   * How much of `free` (unreserved) may go to the role now: capped by its limits, and leaving the
   * headroom that other roles still need for their guarantees (its own need may be eaten into).
   */
  unreservedAllowance(role: string, free: Resources): Resources {
    // Without quota, nobody's headroom is held back and nothing is capped.
    if (this.#quotas.size === 0) return free;
    const top = topLevelRole(role);
    const quota = this.#quotas.get(top);
    const ownNeed = this.remainingGuarantee(top);
    const othersNeed = subtractClamped(this.#requiredHeadroom, ownNeed);
    let allowed = capResources(free, difference(this.#availableHeadroom, othersNeed));
    if (quota !== undefined) allowed = capResources(allowed, difference(quota.limits, this.#consumed.get(top) ?? {}));
    return allowed;
  }

  /** Records that the run offered `unreserved` resources to the role. */
  record(role: string, unreserved: Resources): void {
    if (this.#quotas.size === 0) return;
    this.#availableHeadroom = subtractClamped(this.#availableHeadroom, unreserved);
    this.#consume(topLevelRole(role), unreserved);
    this.#recomputeRequired();
  }

  #consume(top: string, resources: Resources): void {
    if (!this.#quotas.has(top)) return;
    this.#consumed.set(top, addResources(this.#consumed.get(top) ?? {}, resources));
  }

  #recomputeRequired(): void {
    let required: Resources = {};
    for (const role of this.#quotas.keys()) required = addResources(required, this.remainingGuarantee(role));
    this.#requiredHeadroom = required;
  }
}
