/**
 * The roles the allocator tracks and why (Mesos's `RoleTree`): a role is tracked while it or a
 * sub-role has a weight other than the default, a quota, reservations or frameworks; its
 * ancestors are tracked with it.
 * @module
 */
import { addResources, isEmptyResources, type Resources } from '../../../core/cluster/resources.ts';
import type { Quota } from './quota.ts';
import { selfAndAncestors } from './roles.ts';

/**
 * One tracked role: its own weight and quota, the scalar resources reserved to it or a sub-role
 * (over every agent, held or not, as Mesos's `reservationScalarQuantities`), and the frameworks
 * tracked in the role itself (not in its sub-roles).
 *
 * @example
 * ```ts
 * const role: TrackedRole = { weight: 1, reservations: { cpus: 1 }, frameworks: [] };
 * ```
 */
export interface TrackedRole {
  readonly weight: number;
  /** The role's own quota; absent when it has none (Mesos's `DEFAULT_QUOTA`). */
  readonly quota?: Quota;
  readonly reservations: Resources;
  readonly frameworks: readonly string[];
}

/**
 * What {@link trackedRoles} reads: weights set (default 1 when absent), quotas, each agent's
 * reservations by role, and the frameworks each role tracks.
 *
 * @example
 * ```ts
 * const books: RoleBooks = { weights: new Map([['a/b', 2]]), quotas: new Map(), reservations: [], frameworks: new Map() };
 * ```
 */
export interface RoleBooks {
  readonly weights: ReadonlyMap<string, number>;
  readonly quotas: ReadonlyMap<string, Quota>;
  readonly reservations: Iterable<ReadonlyMap<string, Resources>>;
  readonly frameworks: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The default weight of a role (Mesos's `DEFAULT_WEIGHT`). */
const DEFAULT_WEIGHT = 1;

/**
 * The tracked roles, by path, in path order.
 *
 * @example
 * ```ts
 * const roles = trackedRoles({ weights: new Map([['a/b', 2]]), quotas: new Map(), reservations: [], frameworks: new Map() });
 * [...roles.keys()]; // ['a', 'a/b']
 * roles.get('a')?.weight; // 1
 * ```
 */
export function trackedRoles(books: RoleBooks): Map<string, TrackedRole> {
  const reservations = new Map<string, Resources>();
  const paths = new Set<string>();
  const track = (role: string): void => {
    for (const path of selfAndAncestors(role)) paths.add(path);
  };
  for (const [role, weight] of books.weights) if (weight !== DEFAULT_WEIGHT) track(role);
  for (const role of books.quotas.keys()) track(role);
  for (const [role, frameworks] of books.frameworks) if (frameworks.size > 0) track(role);
  for (const byRole of books.reservations)
    for (const [role, amounts] of byRole) {
      if (isEmptyResources(amounts)) continue;
      track(role);
      for (const path of selfAndAncestors(role))
        reservations.set(path, addResources(reservations.get(path) ?? {}, amounts));
    }
  const out = new Map<string, TrackedRole>();
  for (const path of [...paths].sort()) {
    const quota = books.quotas.get(path);
    out.set(path, {
      weight: books.weights.get(path) ?? DEFAULT_WEIGHT,
      ...(quota === undefined ? {} : { quota }),
      reservations: reservations.get(path) ?? {},
      frameworks: [...(books.frameworks.get(path) ?? [])].sort(),
    });
  }
  return out;
}
