import {
  addResources,
  fitsWithin,
  formatResources,
  normalizeResources,
  subtractClamped,
  sumResources,
  type Resources,
} from '../../cluster/resources.ts';
import type { Machine } from '../../cluster/topology.ts';
import type { MasterHolding } from '../../master/masterView.ts';
import type { AllocatorView } from '../../plugins/allocatorView.ts';
import { byAgent } from './machineChecks.ts';
import type { InvariantProblem } from './violation.ts';

/**
 * True when a role may use resources reserved to `owner`: its own and its ancestors' reservations.
 *
 * @example
 * ```ts
 * mayUseReservation('eng/ads', 'eng'); // true
 * mayUseReservation('eng', 'eng/ads'); // false
 * ```
 */
export function mayUseReservation(role: string, owner: string): boolean {
  return role === owner || role.startsWith(`${owner}/`);
}

const fits = (a: Resources, b: Resources): boolean => fitsWithin(normalizeResources(a), normalizeResources(b));

/**
 * `reservations` on every machine: what roles hold there (the master's tasks and offers) leaves
 * every reservation to the roles that may use it, and what the allocator takes from a reservation
 * goes to such a role and stays within it. Reservations are the allocator's (static and dynamic),
 * or the topology's static ones for an allocator that shows none.
 *
 * @example
 * ```ts
 * reservationProblem(topology.machines, [...view.tasks, ...view.offers], view.allocator.inspect?.());
 * ```
 */
export function reservationProblem(
  machines: readonly Machine[],
  holdings: readonly MasterHolding[],
  allocator: AllocatorView | undefined,
): InvariantProblem | undefined {
  const heldOn = byAgent(holdings);
  for (const machine of machines) {
    const agent = allocator?.agents.get(machine.id);
    const reservations = agent?.reservations ?? new Map(Object.entries(machine.reserved));
    if (reservations.size === 0) continue;
    const held = heldOn.get(machine.id) ?? [];
    for (const [owner, reserved] of reservations) {
      const others = sumResources(held.filter((h) => !mayUseReservation(h.role, owner)).map((h) => h.resources));
      const room = subtractClamped(machine.resources, reserved);
      if (!fits(others, room))
        return {
          invariant: 'reservations',
          detail: `machine ${machine.id}: roles other than ${owner} hold ${formatResources(others)}, more than the ${formatResources(room)} left outside its reservation of ${formatResources(reserved)}`,
        };
    }
    const unreserved = subtractClamped(machine.resources, sumResources(reservations.values()));
    const entitledToNone = held.filter(
      (h) => ![...reservations.keys()].some((owner) => mayUseReservation(h.role, owner)),
    );
    const plain = sumResources(entitledToNone.map((h) => h.resources));
    if (!fits(plain, unreserved))
      return {
        invariant: 'reservations',
        detail: `machine ${machine.id}: roles without a reservation there hold ${formatResources(plain)}, more than its unreserved ${formatResources(unreserved)}`,
      };
    for (const h of agent?.holdings ?? []) {
      for (const [owner, part] of h.reserved ?? []) {
        if (h.role !== undefined && !mayUseReservation(h.role, owner) && !fits(part, {}))
          return {
            invariant: 'reservations',
            detail: `agent ${machine.id}: framework ${h.frameworkId} in role ${h.role} holds ${formatResources(part)} reserved to ${owner}`,
          };
      }
    }
    const takenFrom = new Map<string, Resources>();
    for (const h of agent?.holdings ?? [])
      for (const [owner, part] of h.reserved ?? [])
        takenFrom.set(owner, addResources(takenFrom.get(owner) ?? {}, part));
    for (const [owner, taken] of takenFrom) {
      const reserved = reservations.get(owner) ?? {};
      if (!fits(taken, reserved))
        return {
          invariant: 'reservations',
          detail: `agent ${machine.id}: ${formatResources(taken)} is held out of ${owner}'s reservation of ${formatResources(reserved)}`,
        };
    }
  }
  return undefined;
}
