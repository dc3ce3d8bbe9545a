/**
 * Mesos's offer operations on allocated resources (`Offer::Operation` turned into resource
 * conversions): CREATE and DESTROY of persistent volumes, RESERVE and UNRESERVE, and a conversion
 * that removes resources. {@link applyOfferOperations} is Mesos's `Resources::apply`: what an
 * allocation becomes; the allocator's `updateAllocation` applies the same operations to its books.
 */
import {
  addResources,
  fitsWithin,
  formatResources,
  isEmptyResources,
  subtractClamped,
  subtractResources,
  type Resources,
} from '../../../core/cluster/resources.ts';
import type { SharedResource } from '../../../core/plugins/sorter.ts';

/**
 * A persistent volume: `size` of disk, of the reservation of `role` (absent: unreserved disk),
 * named by its persistence `id`. A `shared` volume (Mesos's `shared {}`) is offered again while in
 * use, to frameworks with the SHARED_RESOURCES capability only, and counts once per client however
 * many copies it holds. Its size is part of the resources it is listed with (`resources.disk`, and
 * `reserved[role].disk`), as a MOUNT disk's is.
 *
 * @example
 * ```ts
 * const volume: PersistentVolume = { id: 'id1', size: 5, role: 'role1', shared: true }; // disk(role1):5, shared
 * ```
 */
export interface PersistentVolume {
  readonly id: string;
  readonly size: number;
  readonly role?: string;
  readonly shared?: boolean;
}

/**
 * One offer operation on allocated resources, as Mesos's `getResourceConversions` sees it.
 * RESERVE and UNRESERVE name the reservation role; REMOVE takes resources out of the allocation and
 * out of the agent's total (Mesos's `ResourceConversion(consumed, {})`), from the reservation of
 * `role` or, without it, from unreserved resources.
 *
 * @example
 * ```ts
 * const operations: OfferOperation[] = [
 *   { type: 'RESERVE', role: 'role1', resources: { cpus: 1 } },
 *   { type: 'CREATE', volumes: [{ id: 'id1', size: 5, role: 'role1' }] },
 * ];
 * ```
 */
export type OfferOperation =
  | { readonly type: 'CREATE'; readonly volumes: readonly PersistentVolume[] }
  | { readonly type: 'DESTROY'; readonly volumes: readonly PersistentVolume[] }
  | { readonly type: 'RESERVE'; readonly role: string; readonly resources: Resources }
  | { readonly type: 'UNRESERVE'; readonly role: string; readonly resources: Resources }
  | { readonly type: 'REMOVE'; readonly resources: Resources; readonly role?: string };

/**
 * Resources with their reservations and persistent volumes, the shape offer operations act on:
 * `resources` is everything, `reserved` the parts reserved to each role, `volumes` the persistent
 * volumes among them (their sizes part of the disk).
 *
 * @example
 * ```ts
 * const held: VolumeResources = { resources: { cpus: 1, disk: 10 }, reserved: { role1: { disk: 10 } },
 *   volumes: [{ id: 'id1', size: 5, role: 'role1' }] }; // cpus:1;disk(role1):5;disk(role1)[id1]:5
 * ```
 */
export interface VolumeResources {
  readonly resources: Resources;
  readonly reserved?: Readonly<Record<string, Resources>>;
  readonly volumes?: readonly PersistentVolume[];
}

/**
 * What `resources` become after the operations, in order (Mesos's `Resources::apply`); throws a
 * clear error, naming `where` and the operation, when one cannot apply (resources missing from
 * the pool it takes from, a volume created twice or destroyed without being there).
 *
 * @example
 * ```ts
 * applyOfferOperations({ resources: { cpus: 2, disk: 10 } }, [{ type: 'CREATE', volumes: [{ id: 'ID', size: 5 }] }]);
 * // { resources: { cpus: 2, disk: 10 }, volumes: [{ id: 'ID', size: 5 }] }
 * ```
 */
export function applyOfferOperations(
  held: VolumeResources,
  operations: readonly OfferOperation[],
  where = 'applyOfferOperations',
): VolumeResources {
  let resources = held.resources;
  const reserved = new Map(Object.entries(held.reserved ?? {}));
  let volumes = [...(held.volumes ?? [])];
  for (const [i, operation] of operations.entries()) {
    const what = `${where}: operations[${i}] (${operation.type})`;
    /** What a pool holds outside its persistent volumes. */
    const plain = (role: string | undefined): Resources => {
      let pool = role === undefined ? unreservedPart(resources, reserved) : (reserved.get(role) ?? {});
      for (const v of volumes) if (v.role === role) pool = subtractClamped(pool, { disk: v.size });
      return pool;
    };
    const take = (role: string | undefined, amount: Resources): void => {
      const pool = plain(role);
      if (!fitsWithin(amount, pool))
        throw new RangeError(
          `${what}: ${formatResources(amount)} ${poolName(role)} is not in the allocation (it has ${formatResources(pool)} there, outside persistent volumes)`,
        );
      if (role !== undefined) setPool(reserved, role, subtractResources(reserved.get(role) ?? {}, amount));
    };
    switch (operation.type) {
      case 'CREATE':
        for (const volume of operation.volumes) {
          checkVolume(what, volume);
          if (volumes.some((v) => v.id === volume.id))
            throw new RangeError(`${what}: persistent volume "${volume.id}" already exists in the allocation`);
          take(volume.role, { disk: volume.size });
          if (volume.role !== undefined)
            setPool(reserved, volume.role, addResources(reserved.get(volume.role) ?? {}, { disk: volume.size }));
          volumes.push(volume);
        }
        break;
      case 'DESTROY':
        for (const volume of operation.volumes) {
          if (!volumes.some((v) => sameVolume(v, volume)))
            throw new RangeError(`${what}: persistent volume "${volume.id}" is not in the allocation`);
          volumes = volumes.filter((v) => !sameVolume(v, volume));
        }
        break;
      case 'RESERVE':
        checkRole(what, operation.role);
        take(undefined, operation.resources);
        setPool(reserved, operation.role, addResources(reserved.get(operation.role) ?? {}, operation.resources));
        break;
      case 'UNRESERVE':
        checkRole(what, operation.role);
        take(operation.role, operation.resources);
        break;
      case 'REMOVE':
        take(operation.role, operation.resources);
        resources = subtractResources(resources, operation.resources);
        break;
    }
  }
  return {
    resources,
    ...(reserved.size > 0 ? { reserved: Object.fromEntries(reserved) } : {}),
    ...(volumes.length > 0 ? { volumes } : {}),
  };
}

/**
 * What a sorter is told of an allocation with persistent volumes: the amounts, less the shared
 * volumes' disk, and one copy of each shared volume listed (a regular volume is plain disk to a
 * sorter: two of them are both counted, whatever their ids; a shared one counts once per client).
 *
 * @example
 * ```ts
 * const { resources, shared } = forSorter({ resources: { cpus: 1, disk: 5 }, reserved: { r: { disk: 5 } },
 *   volumes: [{ id: 'v', size: 5, role: 'r', shared: true }] });
 * sorter.allocated('r', 'agent1', resources, shared); // { cpus: 1 } and one copy of v
 * ```
 */
export function forSorter(held: VolumeResources): { resources: Resources; shared: SharedResource[] } {
  let resources = held.resources;
  const shared: SharedResource[] = [];
  for (const volume of held.volumes ?? [])
    if (volume.shared === true) {
      resources = subtractClamped(resources, { disk: volume.size });
      shared.push({ id: volume.id, resources: { disk: volume.size } });
    }
  return { resources, shared };
}

/**
 * The unreserved part: everything less the reserved parts.
 *
 * @example
 * ```ts
 * unreservedPart({ cpus: 3 }, new Map([['role1', { cpus: 1 }]])); // { cpus: 2 }
 * ```
 */
export function unreservedPart(resources: Resources, reserved: ReadonlyMap<string, Resources>): Resources {
  let out = resources;
  for (const part of reserved.values()) out = subtractResources(out, part);
  return out;
}

/**
 * True when both name the same volume: same id, size, reservation and sharedness.
 *
 * @example
 * ```ts
 * sameVolume({ id: 'v', size: 5 }, { id: 'v', size: 5, shared: false }); // true
 * ```
 */
export function sameVolume(a: PersistentVolume, b: PersistentVolume): boolean {
  return a.id === b.id && a.size === b.size && a.role === b.role && (a.shared ?? false) === (b.shared ?? false);
}

/**
 * How an error names a pool.
 *
 * @example
 * ```ts
 * poolName(undefined); // 'unreserved'
 * poolName('role1');   // 'reserved to "role1"'
 * ```
 */
export function poolName(role: string | undefined): string {
  return role === undefined ? 'unreserved' : `reserved to "${role}"`;
}

/** Throws unless the volume is well formed; a shared volume must be on reserved disk, as Mesos's master requires. */
function checkVolume(what: string, volume: PersistentVolume): void {
  if (typeof volume.id !== 'string' || volume.id === '')
    throw new RangeError(`${what}: a persistent volume needs a non-empty id`);
  if (!(Number.isFinite(volume.size) && volume.size > 0))
    throw new RangeError(
      `${what}: persistent volume "${volume.id}": size must be a finite amount > 0, got ${volume.size}`,
    );
  if (volume.shared === true && volume.role === undefined)
    throw new RangeError(`${what}: shared persistent volume "${volume.id}" must be on reserved disk (give its role)`);
}

function checkRole(what: string, role: string): void {
  if (typeof role !== 'string' || role === '' || role === '*')
    throw new RangeError(`${what}: role must be a role name, got ${JSON.stringify(role)}`);
}

function setPool(reserved: Map<string, Resources>, role: string, amount: Resources): void {
  if (isEmptyResources(amount)) reserved.delete(role);
  else reserved.set(role, amount);
}
