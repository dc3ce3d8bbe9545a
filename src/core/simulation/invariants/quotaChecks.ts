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
 * `quota-limits`: an allocation run never raises a role's consumption of a resource above its
 * limit (a limit lowered below what a role already consumes, or resources that come back with a
 * re-registering agent, may leave it above: Mesos revokes nothing).
 *
 * @example
 * ```ts
 * const before = quotaConsumption(view);
 * // … an allocation run …
 * quotaProblem(allocator.inspect(), before); // undefined when every limit holds
 * ```
 */
export function quotaProblem(
  view: AllocatorView,
  before: ReadonlyMap<string, Resources>,
): InvariantProblem | undefined {
  const after = quotaConsumption(view);
  for (const [role, limits] of view.quotaLimits ?? []) {
    const now = after.get(role) ?? {};
    const earlier = before.get(role) ?? {};
    for (const name in limits) {
      const used = roundAmount(now[name] ?? 0);
      const limit = roundAmount(limits[name] ?? 0);
      if (used > limit && used > roundAmount(earlier[name] ?? 0))
        return {
          invariant: 'quota-limits',
          detail: `role ${role} consumes ${formatResources(now)} after an allocation run, over its ${name} limit of ${limit} (before the run: ${formatResources(earlier)})`,
        };
    }
  }
  return undefined;
}
