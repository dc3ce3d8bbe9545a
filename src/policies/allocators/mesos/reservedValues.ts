/**
 * Reserved non-scalar resources: ranges and sets carrying a reservation, as Mesos's
 * `ports(role):[1-2]` or `zones(role):{a}`. In the allocator's books they are non-scalar resources
 * under a name of their own, the resource name joined to the reservation role, so that the same
 * arithmetic (union, difference, containment) keeps them apart from the unreserved ones: a
 * reserved port is never offered to another role, never returned to the unreserved pool and never
 * contained in a declined unreserved port. Quota never counts them (Mesos's quota counts scalar
 * quantities only), and the sorters do not count non-scalar resources at all.
 * @module
 */
import { selfAndAncestors } from './roles.ts';
import type { NonScalarResources, RangeResources, SetResources } from './resourceValues.ts';

/** Separates the resource name from the reservation role in a book-keeping name (never in a user's name). */
const SEPARATOR = '\u0000';

/**
 * The book-keeping name of a reserved non-scalar resource.
 *
 * @example
 * ```ts
 * reservedValueName('ports', 'role1'); // 'ports\u0000role1'
 * ```
 */
export function reservedValueName(name: string, role: string): string {
  return `${name}${SEPARATOR}${role}`;
}

/**
 * A book-keeping name read back: the resource name and, for a reserved one, its reservation role.
 *
 * @example
 * ```ts
 * parseValueName('ports\u0000role1'); // { name: 'ports', role: 'role1' }
 * parseValueName('ports');            // { name: 'ports' }
 * ```
 */
export function parseValueName(key: string): { name: string; role?: string } {
  const at = key.indexOf(SEPARATOR);
  return at < 0 ? { name: key } : { name: key.slice(0, at), role: key.slice(at + 1) };
}

/**
 * Mesos's text form of a book-keeping name: `ports(role1)` for a reserved one, else the name.
 *
 * @example
 * ```ts
 * displayValueName(reservedValueName('ports', 'role1')); // 'ports(role1)'
 * ```
 */
export function displayValueName(key: string): string {
  const { name, role } = parseValueName(key);
  return role === undefined ? name : `${name}(${role})`;
}

/**
 * Ranges and sets reserved per role, as the standalone API takes and gives them, turned into the
 * allocator's book-keeping names; throws a RangeError naming `where` for a name that is neither a
 * resource name nor has a role.
 *
 * @example
 * ```ts
 * reservedNonScalar({ role1: { ports: [[1, 2]] } }, undefined, 'addAgent');
 * // { 'ports\u0000role1': [[1, 2]] }
 * ```
 */
export function reservedNonScalar(
  ranges: Readonly<Record<string, RangeResources>> | undefined,
  sets: Readonly<Record<string, SetResources>> | undefined,
  where: string,
): Record<string, NonScalarResources[string]> {
  const out: Record<string, NonScalarResources[string]> = {};
  const kinds: [string, Readonly<Record<string, NonScalarResources>> | undefined][] = [
    ['reservedRanges', ranges],
    ['reservedSets', sets],
  ];
  for (const [kind, byRole] of kinds)
    for (const [role, values] of Object.entries(byRole ?? {})) {
      if (role === '' || role === '*' || role.includes(SEPARATOR))
        throw new RangeError(
          `${where}: ${kind} has the role ${JSON.stringify(role)}; a reservation is to a named role`,
        );
      for (const [name, value] of Object.entries(values)) {
        if (name.includes(SEPARATOR)) throw new RangeError(`${where}: ${kind}.${role} has a bad name`);
        const key = reservedValueName(name, role);
        if (key in out)
          throw new RangeError(
            `${where}: "${name}" reserved to "${role}" is given both as ranges and as a set; a name is one or the other`,
          );
        out[key] = value;
      }
    }
  return out;
}

/**
 * Non-scalar resources split by reservation: the unreserved ones, and the reserved ones by role
 * (each under its plain resource name).
 *
 * @example
 * ```ts
 * splitByReservation({ ports: [[5, 6]], 'ports\u0000role1': [[1, 2]] });
 * // { unreserved: { ports: [[5, 6]] }, reserved: { role1: { ports: [[1, 2]] } } }
 * ```
 */
export function splitByReservation(values: NonScalarResources): {
  unreserved: NonScalarResources;
  reserved: Record<string, NonScalarResources>;
} {
  const unreserved: Record<string, NonScalarResources[string]> = {};
  const reserved: Record<string, Record<string, NonScalarResources[string]>> = {};
  for (const [key, value] of Object.entries(values)) {
    const { name, role } = parseValueName(key);
    if (role === undefined) unreserved[name] = value;
    else (reserved[role] ??= {})[name] = value;
  }
  return { unreserved, reserved };
}

/**
 * True when some of these non-scalar resources carry a reservation.
 *
 * @example
 * ```ts
 * hasReservedValues({ 'ports\u0000role1': [[1, 2]] }); // true
 * ```
 */
export function hasReservedValues(values: NonScalarResources): boolean {
  for (const key in values) if (key.includes(SEPARATOR)) return true;
  return false;
}

/**
 * What a role may be offered of an agent's free non-scalar resources: the unreserved ones and
 * those reserved to the role or one of its ancestors (a refined reservation only for a framework
 * that understands refinement). Returns `free` itself when nothing in it is reserved.
 *
 * @example
 * ```ts
 * valuesForRole({ ports: [[5, 6]], 'ports\u0000a': [[1, 2]], 'ports\u0000b': [[3, 4]] }, 'a/x', true, new Map());
 * // { ports: [[5, 6]], 'ports\u0000a': [[1, 2]] }
 * ```
 */
export function valuesForRole(
  free: NonScalarResources,
  role: string,
  refinementCapable: boolean,
  refinedFrom: ReadonlyMap<string, readonly string[]>,
): NonScalarResources {
  if (!hasReservedValues(free)) return free;
  const owners = new Set(selfAndAncestors(role));
  const out: Record<string, NonScalarResources[string]> = {};
  for (const [key, value] of Object.entries(free)) {
    const owner = parseValueName(key).role;
    if (owner === undefined || (owners.has(owner) && (refinementCapable || !refinedFrom.has(owner)))) out[key] = value;
  }
  return out;
}
