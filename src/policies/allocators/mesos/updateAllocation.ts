/**
 * Mesos's `updateAllocation`: offer operations a framework applies to resources allocated to it
 * on one agent. The agent's books, its persistent volumes and the sorters follow; quota
 * accounting follows from the books (a reservation counts towards its role's consumption whether
 * held or not, so RESERVE and UNRESERVE of allocated resources leave it unchanged).
 */
import { fitsWithin, formatResources, type Resources } from '../../../core/cluster/resources.ts';
import type { SharedUpdate } from '../../../core/plugins/sorter.ts';
import type { AgentState, ConversionTarget } from './agentState.ts';
import {
  applyOfferOperations,
  poolName,
  sameVolume,
  unreservedPart,
  type OfferOperation,
  type VolumeResources,
} from './offerOperations.ts';
import { selfAndAncestors } from './roles.ts';
import { sharedCopy, type VolumeBook } from './volumeBook.ts';

/**
 * What `updateAllocation` works on: the holder, its agent's books and volumes, and how to tell the
 * sorters of a changed allocation or a changed agent total.
 *
 * @example
 * ```ts
 * const target: AllocationUpdateTarget = { frameworkId: 'f1', role: 'role1', agent, volumes,
 *   updateSorters: (before, after, shared) => undefined, totalChanged: () => undefined };
 * ```
 */
export interface AllocationUpdateTarget {
  readonly frameworkId: string;
  readonly role: string;
  readonly agent: AgentState;
  readonly volumes: VolumeBook;
  /** Tells the role's and the framework's sorters of an allocation change. */
  updateSorters(before: Resources, after: Resources, shared?: SharedUpdate): void;
  /** The agent's total changed (a conversion removed resources). */
  totalChanged(): void;
}

const CALL = 'updateAllocation';

/**
 * Applies offer operations to what the holder holds: `offered` must be allocated to it (its
 * reserved parts, unreserved part and volumes); throws a clear error naming the call and the
 * argument otherwise, or when an operation cannot apply, before changing anything.
 *
 * @example
 * ```ts
 * applyAllocationUpdate(target, { resources: { cpus: 2, disk: 10 } }, [{ type: 'CREATE', volumes: [{ id: 'ID', size: 5 }] }]);
 * ```
 */
export function applyAllocationUpdate(
  target: AllocationUpdateTarget,
  offered: VolumeResources,
  operations: readonly OfferOperation[],
): void {
  const { agent, frameworkId, role, volumes } = target;
  checkHeld(target, offered);
  // Validates every operation against the offered resources first (throws before any change).
  applyOfferOperations(offered, operations, CALL);
  for (const [i, operation] of operations.entries()) {
    const what = `${CALL}: operations[${i}] (${operation.type})`;
    const convert = (amount: Resources, from: string | undefined, to: ConversionTarget): void => {
      if (!agent.convertHeld(frameworkId, role, amount, from, to))
        throw new RangeError(
          `${what}: ${formatResources(amount)} ${poolName(from)} is not held by framework "${frameworkId}"`,
        );
    };
    switch (operation.type) {
      case 'RESERVE':
        // Mesos's master: a framework reserves allocated resources to their allocation role only.
        if (operation.role !== role)
          throw new RangeError(
            `${what}: resources allocated to role "${role}" can be reserved to "${role}" only, not to "${operation.role}"`,
          );
        convert(operation.resources, undefined, { kind: 'pool', role: operation.role });
        break;
      case 'UNRESERVE':
        checkNotRefined(what, agent, operation.role);
        convert(operation.resources, operation.role, { kind: 'pool' });
        break;
      case 'REMOVE':
        convert(operation.resources, operation.role, { kind: 'removed' });
        target.updateSorters(operation.resources, {});
        target.totalChanged();
        break;
      case 'CREATE':
        for (const volume of operation.volumes) {
          if (volumes.find(agent.id, volume.id) !== undefined)
            throw new RangeError(`${what}: persistent volume "${volume.id}" already exists on agent "${agent.id}"`);
          if (volume.role !== undefined) checkReservationRole(what, role, volume.role);
          if (volume.shared === true) {
            convert({ disk: volume.size }, volume.role, { kind: 'shared' });
            target.updateSorters({ disk: volume.size }, {}, { added: [sharedCopy(volume)] });
          }
          volumes.create(agent.id, frameworkId, role, volume);
        }
        break;
      case 'DESTROY':
        for (const volume of operation.volumes) {
          const copies = volumes.destroy(agent.id, frameworkId, role, volume.id, what);
          if (volume.shared !== true) continue;
          agent.unshare(frameworkId, role, { disk: volume.size }, volume.role);
          const removed = Array.from({ length: copies }, () => sharedCopy(volume));
          target.updateSorters({}, { disk: volume.size }, { removed });
        }
        break;
    }
  }
}

/** Throws unless the holder holds `offered`: each reserved part, the unreserved part, each volume. */
function checkHeld(target: AllocationUpdateTarget, offered: VolumeResources): void {
  const { agent, frameworkId, role, volumes } = target;
  const holder = `framework "${frameworkId}" in role "${role}" on agent "${agent.id}"`;
  const held = volumes.heldBy(agent.id, frameworkId, role);
  // Shared volumes are not in the agent's books: their disk is left out of the amounts checked.
  let reservedParts = new Map(Object.entries(offered.reserved ?? {}));
  let resources = offered.resources;
  for (const volume of offered.volumes ?? []) {
    const copies = held.filter((v) => sameVolume(v, volume)).length;
    const asked = (offered.volumes ?? []).filter((v) => sameVolume(v, volume)).length;
    if (copies < asked)
      throw new RangeError(`${CALL}: offeredResources: persistent volume "${volume.id}" is not allocated to ${holder}`);
    if (volume.shared !== true || volume.role === undefined) continue;
    resources = subtractDisk(resources, volume.size);
    reservedParts = new Map(reservedParts).set(
      volume.role,
      subtractDisk(reservedParts.get(volume.role) ?? {}, volume.size),
    );
  }
  const parts = agent.heldParts(frameworkId, role);
  const unreserved = unreservedPart(resources, reservedParts);
  const problems: string[] = [];
  if (!fitsWithin(unreserved, parts.unreserved)) problems.push(`unreserved ${formatResources(unreserved)}`);
  for (const [owner, amount] of reservedParts)
    if (!fitsWithin(amount, parts.reserved.get(owner) ?? {}))
      problems.push(`${formatResources(amount)} reserved to "${owner}"`);
  if (problems.length > 0)
    throw new RangeError(
      `${CALL}: offeredResources: ${problems.join(' and ')} ${problems.length > 1 ? 'are' : 'is'} not allocated to ${holder}`,
    );
}

function subtractDisk(resources: Resources, size: number): Resources {
  const disk = Math.round(((resources['disk'] ?? 0) - size) * 1000) / 1000;
  const { disk: _old, ...rest } = resources;
  void _old;
  return disk > 0 ? { ...rest, disk } : rest;
}

/** A volume of resources allocated in `role` is on the reservation of `role` or of an ancestor of it (what the role may be offered). */
function checkReservationRole(what: string, allocationRole: string, reservationRole: string): void {
  if (!selfAndAncestors(allocationRole).includes(reservationRole))
    throw new RangeError(
      `${what}: resources allocated to role "${allocationRole}" are never reserved to "${reservationRole}" (only to the role or an ancestor of it)`,
    );
}

function checkNotRefined(what: string, agent: AgentState, role: string): void {
  if (agent.refinedFrom.has(role))
    throw new RangeError(
      `${what}: the reservation to "${role}" is refined; unreserving allocated refined reservations is not supported`,
    );
}
