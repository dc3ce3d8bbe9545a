/**
 * MOUNT disks carrying a reservation (Mesos's `disk(role):100` with a MOUNT source). Their size is
 * part of the role's reserved `disk`, which is never cut (a reservation is offered whole), so what
 * the allocator must keep is their identity: each is a reserved non-scalar item (see
 * reservedValues.ts) that goes along with every offer to its role and comes back with the offer.
 * Given back as a plain vector, a reserved MOUNT disk comes back whole as soon as the role's
 * reserved disk still held no longer covers it (as unreserved MOUNT disks do).
 * @module
 */
import type { Resources } from '../../../core/cluster/resources.ts';
import { parseValueName, reservedValueName } from './reservedValues.ts';
import type { DiskResource, NonScalarResources } from './resourceValues.ts';

/** The book-keeping name of reserved MOUNT disks (no user's resource name starts with U+0001). */
const MOUNT_DISKS = '\u0001mount';
const ITEM_SEPARATOR = '\u0000';

/**
 * A reserved MOUNT disk as a book-keeping item (its id and size).
 *
 * @example
 * ```ts
 * mountDiskItem({ id: 'd1', size: 100 }); // 'd1\u0000100'
 * ```
 */
export function mountDiskItem(disk: { readonly id: string; readonly size: number }): string {
  return `${disk.id}${ITEM_SEPARATOR}${disk.size}`;
}

/**
 * The reserved MOUNT disks among book-keeping non-scalar resources, by reservation role, and what
 * is left of them without those.
 *
 * @example
 * ```ts
 * const values = reservedMountValues([{ id: 'd1', size: 100, source: 'MOUNT', role: 'r1' }]);
 * takeReservedMountDisks(values).disks; // [{ id: 'd1', size: 100, source: 'MOUNT', role: 'r1' }]
 * ```
 */
export function takeReservedMountDisks(values: NonScalarResources): {
  disks: DiskResource[];
  rest: NonScalarResources;
} {
  const disks: DiskResource[] = [];
  let rest: Record<string, NonScalarResources[string]> | undefined;
  for (const [key, value] of Object.entries(values)) {
    const { name, role } = parseValueName(key);
    if (name !== MOUNT_DISKS || role === undefined) continue;
    rest ??= { ...values };
    delete rest[key];
    for (const item of value as readonly string[]) {
      disks.push({ id: item.slice(0, item.lastIndexOf(ITEM_SEPARATOR)), size: itemSize(item), source: 'MOUNT', role });
    }
  }
  return { disks, rest: rest ?? values };
}

/**
 * Reserved MOUNT disks (those with a `role`) as book-keeping non-scalar resources.
 *
 * @example
 * ```ts
 * reservedMountValues([{ id: 'd1', size: 100, source: 'MOUNT', role: 'r1' }]); // { '\u0001mount\u0000r1': ['d1\u0000100'] }
 * ```
 */
export function reservedMountValues(disks: readonly DiskResource[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const disk of disks)
    if (disk.role !== undefined && disk.source === 'MOUNT')
      (out[reservedValueName(MOUNT_DISKS, disk.role)] ??= []).push(mountDiskItem(disk));
  return out;
}

/**
 * Splits an agent's disks into the unreserved ones and the reserved MOUNT disks (as book-keeping
 * values); a reserved PATH disk is plain reserved disk. Throws a RangeError naming `where` when a
 * role's reserved MOUNT disks do not fit in its reserved `disk`.
 *
 * @example
 * ```ts
 * splitReservedDisks([{ id: 'd1', size: 100, source: 'MOUNT', role: 'r1' }], { r1: { disk: 100 } }, 'addAgent');
 * // { unreserved: [], values: { '\u0001mount\u0000r1': ['d1\u0000100'] } }
 * ```
 */
export function splitReservedDisks(
  disks: readonly DiskResource[],
  reserved: Readonly<Record<string, Resources>>,
  where: string,
): { unreserved: DiskResource[]; values: Record<string, string[]> } {
  const unreserved = disks.filter((disk) => disk.role === undefined);
  if (unreserved.length === disks.length) return { unreserved, values: {} };
  const sizes = new Map<string, number>();
  for (const disk of disks) if (disk.role !== undefined) sizes.set(disk.role, (sizes.get(disk.role) ?? 0) + disk.size);
  for (const [role, size] of sizes) {
    const room = reserved[role]?.['disk'] ?? 0;
    if (size > room + 1e-9)
      throw new RangeError(
        `${where}: the disks reserved to "${role}" add up to ${size}, more than its reserved disk:${room}; they are part of it`,
      );
  }
  return { unreserved, values: reservedMountValues(disks) };
}

/**
 * The reserved MOUNT disks a holder holds that its reserved disk no longer covers (last first), as
 * book-keeping values to give back, or undefined when there are none.
 *
 * @example
 * ```ts
 * uncoveredMountDisks(new Map([['r1', { disk: 50 }]]), { '\u0001mount\u0000r1': ['d1\u0000100'] });
 * // { '\u0001mount\u0000r1': ['d1\u0000100'] }
 * ```
 */
export function uncoveredMountDisks(
  heldReserved: ReadonlyMap<string, Resources>,
  heldValues: NonScalarResources,
): NonScalarResources | undefined {
  let out: Record<string, string[]> | undefined;
  for (const [key, value] of Object.entries(heldValues)) {
    const { name, role } = parseValueName(key);
    if (name !== MOUNT_DISKS || role === undefined) continue;
    const items = value as readonly string[];
    const covered = heldReserved.get(role)?.['disk'] ?? 0;
    let sum = items.reduce((total, item) => total + itemSize(item), 0);
    const back: string[] = [];
    for (const item of [...items].reverse()) {
      if (sum <= covered + 1e-9) break;
      sum -= itemSize(item);
      back.push(item);
    }
    if (back.length > 0) (out ??= {})[key] = back;
  }
  return out;
}

const itemSize = (item: string): number => Number(item.slice(item.lastIndexOf(ITEM_SEPARATOR) + 1));
