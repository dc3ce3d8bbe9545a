import {
  addResources,
  formatResources,
  roundAmount,
  subtractClamped,
  sumResources,
  type Resources,
} from '../../cluster/resources.ts';
import type { AllocatorView } from '../../plugins/allocatorView.ts';
import { mayUseReservation } from './reservationChecks.ts';
import type { InvariantProblem } from './violation.ts';

/**
 * Each quota role's consumption as Mesos counts it: the unreserved resources it and its sub-roles
 * hold, plus every reservation of it and its sub-roles (held or not).
 *
 * @example
 * ```ts
 * quotaConsumption(allocator.inspect()).get('eng'); // e.g. { cpus: 6 }
 * ```
 */
export function quotaConsumption(view: AllocatorView): Map<string, Resources> {
  const out = new Map<string, Resources>();
  for (const role of view.quotaLimits?.keys() ?? []) {
    let consumed: Resources = {};
    for (const agent of view.agents.values()) {
      for (const [owner, reserved] of agent.reservations ?? [])
        if (mayUseReservation(owner, role)) consumed = addResources(consumed, reserved);
      for (const h of agent.holdings) {
        if (h.role === undefined || !mayUseReservation(h.role, role)) continue;
        consumed = addResources(consumed, subtractClamped(h.resources, sumResources(h.reserved?.values() ?? [])));
      }
    }
    out.set(role, consumed);
  }
  return out;
}

/**
 * What each quota role holds itself, unreserved (not what its sub-roles hold): the part of its
 * consumption that offers to the role itself add to.
 *
 * @example
 * ```ts
 * ownUnreserved(allocator.inspect()).get('eng'); // e.g. { cpus: 2 }
 * ```
 */
export function ownUnreserved(view: AllocatorView): Map<string, Resources> {
  const out = new Map<string, Resources>();
  for (const role of view.quotaLimits?.keys() ?? []) {
    let own: Resources = {};
    for (const agent of view.agents.values())
      for (const h of agent.holdings)
        if (h.role === role)
          own = addResources(own, subtractClamped(h.resources, sumResources(h.reserved?.values() ?? [])));
    out.set(role, own);
  }
  return out;
}

/**
 * Each quota role's consumption and its own unreserved holdings, before an allocation run.
 *
 * @example
 * ```ts
 * const before: QuotaBefore = { consumption: quotaConsumption(view), own: ownUnreserved(view) };
 * ```
 */
export interface QuotaBefore {
  readonly consumption: ReadonlyMap<string, Resources>;
  readonly own: ReadonlyMap<string, Resources>;
}

/**
 * `quota-limits`: an allocation run never offers a role, itself, more of a resource than its limit
 * left it at the start of the run (limit minus consumption, at least 0). As in Mesos, only a role's
 * own limit cuts what it is offered: sub-roles are cut by their own limits, so a parent's
 * consumption may pass its limit through them; a limit lowered below what a role already consumes,
 * or resources that come back with a re-registering agent, may leave it above too (Mesos revokes
 * nothing).
 *
 * @example
 * ```ts
 * const before = { consumption: quotaConsumption(view), own: ownUnreserved(view) };
 * // … an allocation run …
 * quotaProblem(allocator.inspect(), before); // undefined when every limit holds
 * ```
 */
export function quotaProblem(view: AllocatorView, before: QuotaBefore): InvariantProblem | undefined {
  const own = ownUnreserved(view);
  for (const [role, limits] of view.quotaLimits ?? []) {
    const consumed = before.consumption.get(role) ?? {};
    const ownNow = own.get(role) ?? {};
    const ownEarlier = before.own.get(role) ?? {};
    for (const name in limits) {
      const headroom = Math.max(0, roundAmount((limits[name] ?? 0) - (consumed[name] ?? 0)));
      const offered = roundAmount((ownNow[name] ?? 0) - (ownEarlier[name] ?? 0));
      if (offered > headroom)
        return {
          invariant: 'quota-limits',
          detail: `role ${role} was given ${name}:${offered} in an allocation run, over what its limit of ${roundAmount(limits[name] ?? 0)} left (${headroom}; it consumed ${formatResources(consumed)} before the run)`,
        };
    }
  }
  return undefined;
}
