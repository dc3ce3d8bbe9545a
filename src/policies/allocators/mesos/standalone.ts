import { addResources, type Resources } from '../../../core/cluster/resources.ts';
import { buildTopology } from '../../../core/cluster/topology.ts';
import { createRng } from '../../../core/kernel/rng.ts';
import { secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import type { OfferDecision } from '../../../core/plugins/allocator.ts';
import { DEFAULT_MIN_ALLOCATABLE, type MinAllocatable } from '../minAllocatable.ts';
import { MesosAllocator, type MesosFrameworkInfo, type OfferDetails, type UsedResources } from './mesosAllocator.ts';
import type { TrackedRole } from './roleTree.ts';
import {
  nonScalarResources,
  rangesOf,
  setsOf,
  type DiskResource,
  type NonScalarResources,
  type RangeResources,
  type SetResources,
  type WholeDisk,
} from './resourceValues.ts';
import type { Unavailability } from './maintenance.ts';
import { reservedNonScalar, splitByReservation } from './reservedValues.ts';
import { reservedMountValues, takeReservedMountDisks } from './reservedMountDisks.ts';
import type { SorterName } from './sorterFactory.ts';
import type { OfferOperation, PersistentVolume } from './offerOperations.ts';

/**
 * Options of {@link createMesosAllocator}; every one has Mesos's default.
 *
 * @example
 * ```ts
 * const options: MesosAllocatorOptions = { allocationInterval: 5, roleSorter: 'random', seed: 42, excludedResources: ['gpus'] };
 * const allocator = createMesosAllocator(options);
 * ```
 */
export interface MesosAllocatorOptions {
  /** Seconds between batch allocation runs (default 1). */
  readonly allocationInterval?: number;
  /** Minimum allocatable size: a list of alternatives (default cpus ≥ 0.01 or mem ≥ 32). */
  readonly minAllocatable?: MinAllocatable;
  readonly roleSorter?: SorterName;
  readonly frameworkSorter?: SorterName;
  /** Resource names left out of fair-share computations. */
  readonly excludedResources?: readonly string[];
  /** Offer GPU agents only to GPU-capable frameworks (default true). */
  readonly filterGpuResources?: boolean;
  /** Seed of the agent shuffle and of random sorters (default 1). */
  readonly seed?: number | string;
  /**
   * Whether an (agent, framework) pair whose offer a live decline filter already held back, with
   * the agent's free resources unchanged, is skipped without computing the offer again (default
   * true). The offers are the same either way; false checks every pair in full, for comparisons.
   */
  readonly skipRepeatedBlocks?: boolean;
}

/**
 * An offer the allocator made. `resources` is everything offered; `reserved`, present only when
 * some of it is reserved, gives those parts by reservation role (as Mesos's `cpus(role1):1`).
 * Passing the offer itself to `recoverResources` gives each part back to its own pool.
 *
 * @example
 * ```ts
 * const [offer]: StandaloneOffer[] = allocator.offers();
 * if (offer) allocator.recoverResources(offer.frameworkId, offer.agentId, offer.role, offer, 5); // decline it
 * ```
 */
export type StandaloneOffer = OfferDecision & {
  readonly reserved?: Readonly<Record<string, Resources>>;
  /** Range resources offered (ports), present only when there are some. */
  readonly ranges?: RangeResources;
  /** Set resources offered (`{ zones: ['a', 'b'] }`), present only when there are some. */
  readonly sets?: SetResources;
  /** Reserved range resources offered, by reservation role (Mesos's `ports(role1):[1-2]`), present only when there are some. */
  readonly reservedRanges?: Readonly<Record<string, RangeResources>>;
  /** Reserved set resources offered, by reservation role, present only when there are some. */
  readonly reservedSets?: Readonly<Record<string, SetResources>>;
  /** MOUNT disks offered, each whole (their sizes are part of `resources.disk`); present only when there are some. */
  readonly disks?: readonly DiskResource[];
  /** For each refined reserved part: its reservation stack, bottom first (present only when there are some). */
  readonly reservationStacks?: Readonly<Record<string, readonly string[]>>;
  /** Persistent volumes offered (their sizes are part of `resources.disk`); present only when there are some. */
  readonly volumes?: readonly PersistentVolume[];
  /** The revocable (oversubscribed) part of `resources`, present only when there is some. */
  readonly revocable?: Resources;
};

/**
 * Resources with their reservations: everything, and the reserved parts of it by reservation
 * role; what is not in `reserved` is unreserved. An offer is one.
 *
 * @example
 * ```ts
 * const back: ReservedResources = { resources: { cpus: 3 }, reserved: { role1: { cpus: 1 } } }; // cpus(role1):1;cpus:2
 * allocator.recoverResources('framework1', 'agent1', 'role1', back);
 * ```
 */
export interface ReservedResources {
  readonly resources: Resources;
  readonly reserved?: Readonly<Record<string, Resources>>;
  /** Range resources (ports), unreserved. */
  readonly ranges?: RangeResources;
  /** Set resources, unreserved. */
  readonly sets?: SetResources;
  /** Reserved range resources, by reservation role. */
  readonly reservedRanges?: Readonly<Record<string, RangeResources>>;
  /** Reserved set resources, by reservation role. */
  readonly reservedSets?: Readonly<Record<string, SetResources>>;
  /** MOUNT disks given back (by id; their sizes are part of `resources.disk`). */
  readonly disks?: readonly DiskResource[];
  /** Persistent volumes among the resources (their sizes part of the disk); a shared one once per copy. */
  readonly volumes?: readonly PersistentVolume[];
  /** The revocable (oversubscribed) part of `resources`, back to the agent's revocable pool. */
  readonly revocable?: Resources;
}

/**
 * A maintenance window on the standalone clock, in seconds: from `start`, for `duration`
 * (open-ended when absent) — Mesos's `Unavailability`.
 *
 * @example
 * ```ts
 * const window: MaintenanceWindow = { start: allocator.now() + 60 };
 * allocator.updateUnavailability('agent1', window);
 * ```
 */
export interface MaintenanceWindow {
  readonly start: number;
  readonly duration?: number;
}

/**
 * An inverse offer: the framework is asked to give back everything it holds on the agent before
 * the window (Mesos's maintenance inverse offers name no resources: the whole agent).
 *
 * @example
 * ```ts
 * const [inverse]: StandaloneInverseOffer[] = allocator.inverseOffers();
 * if (inverse) allocator.updateInverseOffer(inverse.agentId, inverse.frameworkId, 60); // refuse for 60 s
 * ```
 */
export interface StandaloneInverseOffer {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly unavailability: MaintenanceWindow;
}

/**
 * A change to an agent (Mesos's `updateSlave`): a new total, new revocable (oversubscribed)
 * resources beside it, new capabilities; each only when given.
 *
 * @example
 * ```ts
 * const update: AgentUpdate = { oversubscribed: { cpus: 10 }, capabilities: ['MULTI_ROLE', 'HIERARCHICAL_ROLE'] };
 * allocator.updateAgent('agent1', update);
 * ```
 */
export interface AgentUpdate {
  /** The new total (revocable resources not included). */
  readonly total?: Resources;
  /** The revocable resources the agent now lends (replaces what it lent before). */
  readonly oversubscribed?: Resources;
  /** The agent's capabilities (`MULTI_ROLE`, `HIERARCHICAL_ROLE`). */
  readonly capabilities?: readonly string[];
}

/**
 * Mesos's allocator outside a simulation, with Mesos's own call names, on a manual clock starting
 * at 0 — so a call sequence recorded against Mesos (or written from its tests) can be replayed.
 * Nothing happens until the clock is advanced: {@link MesosAllocatorApi.advance} runs every batch
 * run and every triggered run that falls due; `advance(0)` runs a pending triggered run now.
 *
 * @example
 * ```ts
 * const allocator: MesosAllocatorApi = createMesosAllocator();
 * allocator.addAgent('agent1', { resources: { cpus: 2 } });
 * allocator.addFramework('framework1', { roles: ['role1'] });
 * allocator.advance(1);
 * allocator.now(); // 1
 * ```
 */
export interface MesosAllocatorApi {
  addAgent(
    agentId: string,
    info: {
      readonly resources: Resources;
      readonly reserved?: Readonly<Record<string, Resources>>;
      /** Range resources (`{ ports: [[31000, 32000]] }`), unreserved; offered along with every offer. */
      readonly ranges?: RangeResources;
      /** Set resources (`{ zones: ['a', 'b'] }`), unreserved; offered along with every offer, as ranges are. */
      readonly sets?: SetResources;
      /**
       * Reserved range resources by reservation role (`{ role1: { ports: [[1, 2]] } }`, Mesos's
       * `ports(role1):[1-2]`): offered along with every offer to that role (or a sub-role), to no other.
       */
      readonly reservedRanges?: Readonly<Record<string, RangeResources>>;
      /** Reserved set resources by reservation role, offered as reserved ranges are. */
      readonly reservedSets?: Readonly<Record<string, SetResources>>;
      /**
       * Disks with a source, part of `resources.disk`: `PATH` disks are divisible like plain disk;
       * `MOUNT` disks are offered and allocated whole, never chopped to a quota or the headroom.
       */
      readonly disks?: readonly DiskResource[];
      /**
       * Refined reservations: a role of `reserved` → its reservation stack, bottom first, ending with
       * the role (`{ 'parent/child': ['parent', 'parent/child'] }`: `parent`'s reservation refined
       * to `parent/child`). Offered only to frameworks with the RESERVATION_REFINEMENT capability;
       * `unreserve` gives them back to the reservation below.
       */
      readonly reservationStacks?: Readonly<Record<string, readonly string[]>>;
      readonly attributes?: Readonly<Record<string, string>>;
      /**
       * Agent capabilities; every one when absent. Without `MULTI_ROLE` the agent is not offered to
       * frameworks with the `MULTI_ROLE` capability; without `HIERARCHICAL_ROLE`, not to nested roles.
       */
      readonly capabilities?: readonly string[];
      /** A maintenance window already scheduled for it (Mesos's `addSlave` unavailability). */
      readonly unavailability?: MaintenanceWindow;
      /**
       * Resources frameworks already use on it: framework id → resources (in the framework's first
       * role) or role → resources (for a framework using several roles).
       */
      readonly used?: Readonly<Record<string, Resources | Readonly<Record<string, Resources>>>>;
    },
  ): void;
  removeAgent(agentId: string): void;
  /**
   * A resource provider joins an agent (Mesos's `addResourceProvider`): `total` grows the agent's
   * total, and `used` (as in `addAgent`: framework id → resources, or role → resources) is counted
   * as allocated to frameworks already added; other frameworks' entries are skipped, as in Mesos.
   * No run is triggered.
   */
  addResourceProvider(
    agentId: string,
    total: Resources,
    used?: Readonly<Record<string, Resources | Readonly<Record<string, Resources>>>>,
  ): void;
  /**
   * A new total (a plain vector), or an {@link AgentUpdate}: total, revocable resources,
   * capabilities. Triggers a run on the agent.
   */
  updateAgent(agentId: string, update: Resources | AgentUpdate): void;
  addFramework(
    frameworkId: string,
    info: {
      readonly roles: readonly string[];
      readonly active?: boolean;
      readonly minAllocatable?: Readonly<Record<string, MinAllocatable>>;
      /** `GPU_RESOURCES`, `RESERVATION_REFINEMENT`, `SHARED_RESOURCES`, `MULTI_ROLE`, `REVOCABLE_RESOURCES` (others are ignored). */
      readonly capabilities?: readonly string[];
      readonly suppressedRoles?: readonly string[];
      /** Per agent: resources already allocated to it (as when it re-registers). */
      readonly used?: MesosFrameworkInfo['used'];
    },
  ): void;
  activateFramework(frameworkId: string): void;
  deactivateFramework(frameworkId: string): void;
  removeFramework(frameworkId: string): void;
  suppress(frameworkId: string, roles?: readonly string[]): void;
  revive(frameworkId: string, roles?: readonly string[]): void;
  /**
   * Resources come back; `refuseSeconds` undefined installs no filter (as in Mesos's tests). Given
   * as {@link ReservedResources} (an offer, say), each part returns to its own pool and the filter
   * keeps the reservations; as a plain vector, the framework's reservations are credited first.
   */
  recoverResources(
    frameworkId: string,
    agentId: string,
    role: string,
    resources: Resources | ReservedResources,
    refuseSeconds?: number,
  ): void;
  updateWeight(role: string, weight: number): void;
  updateQuota(role: string, quota: { readonly guarantees?: Resources; readonly limits?: Resources }): void;
  updateFramework(
    frameworkId: string,
    update: {
      readonly roles?: readonly string[];
      readonly minAllocatable?: Readonly<Record<string, MinAllocatable>>;
      readonly suppressedRoles?: readonly string[];
    },
  ): void;
  /** New attributes; clears that agent's decline filters, as in Mesos. */
  updateAgentAttributes(agentId: string, attributes: Readonly<Record<string, string>>): void;
  updateWhitelist(agentIds: readonly string[] | undefined): void;
  reserve(agentId: string, role: string, resources: Resources): boolean;
  unreserve(agentId: string, role: string, resources: Resources): boolean;
  /**
   * Offer operations on resources allocated to the framework on the agent (Mesos's
   * `updateAllocation`): CREATE and DESTROY of persistent volumes (shared or not), RESERVE and
   * UNRESERVE, REMOVE (a conversion that takes resources out of the agent). `offeredResources` (an
   * offer, say) must be allocated to the framework there, in its `role` (default: the framework's
   * only role); what the allocation becomes is {@link applyOfferOperations} of it. No run is triggered.
   */
  updateAllocation(
    frameworkId: string,
    agentId: string,
    offeredResources: ReservedResources & { readonly role?: string },
    operations: readonly OfferOperation[],
  ): void;
  /**
   * Schedules a maintenance window for an agent (undefined: none), Mesos's `updateUnavailability`:
   * from the run it triggers on the agent on, every active framework holding something there gets
   * one inverse offer (see {@link MesosAllocatorApi.inverseOffers}); clears the agent's inverse
   * offer filters.
   */
  updateUnavailability(agentId: string, unavailability: MaintenanceWindow | undefined): void;
  /**
   * A framework answers an inverse offer (Mesos's `updateInverseOffer`): a later run may send it a
   * new one; `refuseSeconds` (not 0) keeps new ones away that long on that agent.
   */
  updateInverseOffer(agentId: string, frameworkId: string, refuseSeconds?: number): void;
  /** Inverse offers sent since the last call, in order. */
  inverseOffers(): StandaloneInverseOffer[];
  /** Moves the clock forward, running the allocation runs that fall due. */
  advance(seconds: number): void;
  /** The clock, in seconds. */
  now(): number;
  /** Offers made since the last call, in order. */
  offers(): StandaloneOffer[];
  roleShare(role: string): number;
  /** Decline filters in force for a role, with expiry times in seconds. */
  activeOfferFilters(role: string): { frameworkId: string; agentId: string; expiresAt: number }[];
  /**
   * Mesos's allocator metrics now, under Mesos's names (`allocator/mesos/allocation_runs`,
   * `allocator/mesos/resources/cpus/total`, `allocator/mesos/roles/<role>/shares/dominant`,
   * `allocator/mesos/quota/roles/<role>/resources/<name>/guarantee`…); a metric Mesos would not
   * publish now is absent. No wall-clock timers.
   */
  metrics(): Record<string, number>;
  /**
   * How many (agent, framework) pairs allocation runs skipped because a live filter had held back
   * the same offer before (see `skipRepeatedBlocks`); not a Mesos metric.
   *
   * @example
   * ```ts
   * allocator.repeatedBlocksSkipped(); // 0 until a filtered pair is met again
   * ```
   */
  repeatedBlocksSkipped(): number;
  /**
   * The roles the allocator tracks now and why (Mesos's role tree), by path in path order: a role
   * is tracked while it or a sub-role has a weight other than 1, a quota, reservations (held or not)
   * or frameworks; `reservations` sums its own and its sub-roles' reserved scalars, `frameworks`
   * lists those tracked in the role itself.
   */
  roles(): Record<string, TrackedRole>;
}

/**
 * Creates a standalone Mesos allocator.
 *
 * @example
 * ```ts
 * import { createMesosAllocator } from 'clustersim/policies';
 * const allocator = createMesosAllocator({ allocationInterval: 1 });
 * allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 } });
 * allocator.addFramework('framework1', { roles: ['role1'] });
 * allocator.advance(0);      // the triggered run
 * allocator.offers();        // [{ frameworkId: 'framework1', role: 'role1', agentId: 'agent1', resources: { cpus: 2, mem: 1024 } }]
 * ```
 */
export function createMesosAllocator(options: MesosAllocatorOptions = {}): MesosAllocatorApi {
  const interval = secondsToMicros(options.allocationInterval ?? 1);
  if (!(interval > 0))
    throw new RangeError(`allocationInterval must be > 0 seconds, got ${options.allocationInterval}`);
  const seed = String(options.seed ?? 1);
  let now: Micros = 0;
  let nextBatch: Micros = interval;
  let pendingAll = false;
  const pendingAgents = new Set<string>();
  let made: StandaloneOffer[] = [];
  /** Each framework's roles, for calls that may leave the role out. */
  const frameworkRoles = new Map<string, readonly string[]>();
  let allocationRuns = 0;
  let inverse: StandaloneInverseOffer[] = [];
  const allocator = new MesosAllocator(
    {
      roleSorter: options.roleSorter ?? 'drf',
      frameworkSorter: options.frameworkSorter ?? 'drf',
      minAllocatable: options.minAllocatable ?? DEFAULT_MIN_ALLOCATABLE,
      excludedResources: options.excludedResources ?? [],
      filterGpuResources: options.filterGpuResources ?? true,
      seed,
      ...(options.skipRepeatedBlocks === undefined ? {} : { skipRepeatedBlocks: options.skipRepeatedBlocks }),
    },
    {
      now: () => now,
      topology: buildTopology(['standalone'], []),
      rng: createRng(seed).fork('allocator'),
      allocationInterval: interval,
      requestAllocation: (agentId) => {
        if (agentId === 'all') pendingAll = true;
        else pendingAgents.add(agentId);
      },
    },
  );
  /** Keeps a run's offers, each with its reserved parts when it has some. */
  const record = (decisions: readonly OfferDecision[]): void => {
    const details = allocator.lastRunDetails();
    for (const [i, decision] of decisions.entries()) {
      const detail = details[i];
      const reserved =
        detail === undefined || detail.reserved.size === 0
          ? {}
          : {
              reserved: Object.fromEntries(detail.reserved),
              ...(detail.stacks.size === 0 ? {} : { reservationStacks: Object.fromEntries(detail.stacks) }),
            };
      const values =
        detail === undefined ||
        (Object.keys(detail.ranges).length === 0 &&
          detail.whole.length === 0 &&
          detail.volumes.length === 0 &&
          detail.revocable === undefined)
          ? {}
          : { ...offerValues(detail), ...volumeParts(detail.volumes, reserved) };
      made.push(
        detail === undefined || (!('reserved' in reserved) && Object.keys(values).length === 0)
          ? decision
          : { ...decision, ...reserved, ...values },
      );
    }
  };
  /** Keeps a run's inverse offers, their windows in seconds. */
  const recordInverse = (): void => {
    for (const offer of allocator.lastRunInverseOffers())
      inverse.push({ ...offer, unavailability: windowInSeconds(offer.unavailability) });
  };
  const runTriggered = (): void => {
    if (!pendingAll && pendingAgents.size === 0) return;
    const agentIds = pendingAll ? undefined : [...pendingAgents];
    pendingAll = false;
    pendingAgents.clear();
    allocationRuns++;
    record(allocator.allocate({ agentIds, batch: false }));
    recordInverse();
  };
  return {
    addAgent(agentId, info) {
      const used = usedEntries(info.used);
      allocator.addAgent(agentId, {
        resources: info.resources,
        attributes: info.attributes ?? {},
        ...(info.reserved ? { reserved: info.reserved } : {}),
        ...(info.ranges || info.sets || info.reservedRanges || info.reservedSets
          ? { ranges: allValues(info, `addAgent: agent "${agentId}"`) }
          : {}),
        ...(info.disks ? { disks: info.disks } : {}),
        ...(info.reservationStacks ? { reservationStacks: info.reservationStacks } : {}),
        ...(info.capabilities ? { capabilities: info.capabilities } : {}),
        ...(info.unavailability
          ? { unavailability: windowInMicros(info.unavailability, `addAgent: agent "${agentId}": unavailability`) }
          : {}),
        used,
      });
    },
    removeAgent: (agentId) => allocator.removeAgent(agentId),
    addResourceProvider: (agentId, total, used) => allocator.addResourceProvider(agentId, total, usedEntries(used)),
    updateAgent(agentId, update) {
      if (!isAgentUpdate(update)) return allocator.updateAgent(agentId, update);
      if (update.capabilities !== undefined) allocator.updateAgentCapabilities(agentId, update.capabilities);
      if (update.oversubscribed !== undefined) allocator.updateOversubscribed(agentId, update.oversubscribed);
      if (update.total !== undefined) allocator.updateAgent(agentId, update.total);
    },
    addFramework(frameworkId, info) {
      if (!frameworkRoles.has(frameworkId)) frameworkRoles.set(frameworkId, info.roles);
      allocator.addFramework(frameworkId, {
        roles: info.roles,
        gpuCapable: (info.capabilities ?? []).includes('GPU_RESOURCES'),
        reservationRefinement: (info.capabilities ?? []).includes('RESERVATION_REFINEMENT'),
        sharedResources: (info.capabilities ?? []).includes('SHARED_RESOURCES'),
        multiRole: (info.capabilities ?? []).includes('MULTI_ROLE'),
        revocableResources: (info.capabilities ?? []).includes('REVOCABLE_RESOURCES'),
        ...(info.active === undefined ? {} : { active: info.active }),
        ...(info.minAllocatable === undefined ? {} : { minAllocatable: info.minAllocatable }),
        ...(info.suppressedRoles === undefined ? {} : { suppressedRoles: info.suppressedRoles }),
        ...(info.used === undefined ? {} : { used: info.used }),
      });
    },
    activateFramework: (id) => allocator.activateFramework(id),
    deactivateFramework: (id) => allocator.deactivateFramework(id),
    removeFramework(id) {
      allocator.removeFramework(id);
      frameworkRoles.delete(id);
    },
    suppress: (id, roles) => allocator.suppress(id, roles),
    revive: (id, roles) => allocator.revive(id, roles),
    recoverResources(fw, agent, role, resources, refuse) {
      if (isReservedResources(resources))
        allocator.recoverResources(
          fw,
          agent,
          role,
          resources.resources,
          refuse,
          resources.reserved ?? {},
          resources.ranges ||
            resources.sets ||
            resources.reservedRanges ||
            resources.reservedSets ||
            resources.disks?.some((disk) => disk.role !== undefined)
            ? { ...allValues(resources, 'recoverResources'), ...reservedMountValues(resources.disks ?? []) }
            : undefined,
          resources.disks?.filter((disk) => disk.role === undefined).map((disk) => disk.id),
          resources.volumes,
          resources.revocable,
        );
      else allocator.recoverResources(fw, agent, role, resources, refuse);
    },
    updateWeight: (role, weight) => allocator.updateWeight(role, weight),
    updateQuota: (role, quota) => allocator.updateQuota(role, quota),
    updateFramework(id, update) {
      allocator.updateFramework(id, update);
      if (update.roles !== undefined) frameworkRoles.set(id, update.roles);
    },
    updateAgentAttributes: (id, attributes) => allocator.updateAgentAttributes(id, attributes),
    updateWhitelist: (ids) => allocator.updateWhitelist(ids),
    reserve: (agentId, role, resources) => allocator.reserve(agentId, role, resources),
    unreserve: (agentId, role, resources) => allocator.unreserve(agentId, role, resources),
    updateAllocation(frameworkId, agentId, offered, operations) {
      allocator.updateAllocation(
        frameworkId,
        agentId,
        offeredRole(frameworkRoles, frameworkId, offered.role),
        offered,
        operations,
      );
    },
    advance(seconds) {
      if (!(Number.isFinite(seconds) && seconds >= 0))
        throw new RangeError(`advance() takes seconds ≥ 0, got ${seconds}`);
      const target = now + secondsToMicros(seconds);
      runTriggered();
      while (nextBatch <= target) {
        now = nextBatch;
        // A trigger pending at a batch run merges into it.
        pendingAll = false;
        pendingAgents.clear();
        allocationRuns++;
        record(allocator.allocate({ agentIds: undefined, batch: true }));
        recordInverse();
        nextBatch += interval;
      }
      now = target;
      runTriggered();
    },
    now: () => now / 1_000_000,
    offers() {
      const out = made;
      made = [];
      return out;
    },
    roleShare: (role) => allocator.roleShare(role),
    activeOfferFilters: (role) =>
      allocator.activeOfferFilters(role).map((f) => ({ ...f, expiresAt: f.expiresAt / 1_000_000 })),
    metrics: () => allocator.metrics(allocationRuns),
    repeatedBlocksSkipped: () => allocator.repeatedBlocksSkipped,
    roles: () => Object.fromEntries(allocator.roles()),
    updateUnavailability: (agentId, window) =>
      allocator.updateUnavailability(
        agentId,
        window === undefined ? undefined : windowInMicros(window, `updateUnavailability: agent "${agentId}"`),
      ),
    updateInverseOffer(agentId, frameworkId, refuseSeconds) {
      if (refuseSeconds !== undefined && Number.isNaN(refuseSeconds))
        throw new RangeError('updateInverseOffer: refuseSeconds must be a number of seconds, got NaN');
      allocator.updateInverseOffer(agentId, frameworkId, refuseSeconds);
    },
    inverseOffers() {
      const out = inverse;
      inverse = [];
      return out;
    },
  };
}

/** Resources in use on an agent as the allocator takes them: one entry per framework, or per framework and role. */
function usedEntries(
  used: Readonly<Record<string, Resources | Readonly<Record<string, Resources>>>> | undefined,
): UsedResources[] {
  return Object.entries(used ?? {}).flatMap(([frameworkId, resources]) =>
    isByRole(resources)
      ? Object.entries(resources).map(([role, amounts]) => ({ frameworkId, role, resources: amounts }))
      : [{ frameworkId, resources }],
  );
}

/** True for a role → resources map, false for a resource vector (whose values are numbers). */
function isByRole(
  value: Resources | Readonly<Record<string, Resources>>,
): value is Readonly<Record<string, Resources>> {
  return Object.values(value).some((v) => typeof v === 'object');
}

/** A maintenance window in the allocator's microseconds; throws a RangeError naming `where` for a bad time. */
function windowInMicros(window: MaintenanceWindow, where: string): Unavailability {
  if (!Number.isFinite(window.start))
    throw new RangeError(`${where}: start must be a time in seconds, got ${String(window.start)}`);
  if (window.duration !== undefined && !(Number.isFinite(window.duration) && window.duration >= 0))
    throw new RangeError(`${where}: duration must be seconds ≥ 0, got ${String(window.duration)}`);
  return {
    start: secondsToMicros(window.start),
    ...(window.duration === undefined ? {} : { duration: secondsToMicros(window.duration) }),
  };
}

/** A maintenance window back in seconds. */
function windowInSeconds(window: Unavailability): MaintenanceWindow {
  return {
    start: window.start / 1_000_000,
    ...(window.duration === undefined ? {} : { duration: window.duration / 1_000_000 }),
  };
}

/** True for an {@link AgentUpdate}, false for a plain total (whose values are numbers; `{}` is a total). */
function isAgentUpdate(value: Resources | AgentUpdate): value is AgentUpdate {
  return Object.values(value).some((v) => typeof v === 'object');
}

/** True for resources given with their reservations (an object with a `resources` vector). */
function isReservedResources(value: Resources | ReservedResources): value is ReservedResources {
  return typeof (value as { resources?: unknown }).resources === 'object';
}

/** What an offer carries beside its amounts and reservations: non-scalar resources, MOUNT disks, its revocable part. */
function offerValues(detail: OfferDetails): Partial<StandaloneOffer> {
  const { disks, rest } = takeReservedMountDisks(detail.ranges);
  return {
    ...nonScalarParts(rest),
    ...mountDisks(detail.whole, disks),
    ...(detail.revocable === undefined ? {} : { revocable: detail.revocable }),
  };
}

/** An offer's MOUNT disks (unreserved, then reserved) as the standalone API shows them, only when there are some. */
function mountDisks(
  whole: readonly WholeDisk[],
  reserved: readonly DiskResource[],
): { disks?: readonly DiskResource[] } {
  if (whole.length === 0 && reserved.length === 0) return {};
  return {
    disks: [...whole.map((disk): DiskResource => ({ id: disk.id, size: disk.size, source: 'MOUNT' })), ...reserved],
  };
}

/** Unreserved and reserved ranges and sets, checked, in the allocator's book-keeping form. */
function allValues(
  given: {
    readonly ranges?: RangeResources;
    readonly sets?: SetResources;
    readonly reservedRanges?: Readonly<Record<string, RangeResources>>;
    readonly reservedSets?: Readonly<Record<string, SetResources>>;
  },
  where: string,
): NonScalarResources {
  const unreserved = nonScalarResources(given.ranges, given.sets, where);
  if (given.reservedRanges === undefined && given.reservedSets === undefined) return unreserved;
  return { ...unreserved, ...reservedNonScalar(given.reservedRanges, given.reservedSets, where) };
}

/**
 * An offer's non-scalar resources as the standalone API shows them: `ranges`, `sets`,
 * `reservedRanges` and `reservedSets`, each only when present.
 */
function nonScalarParts(values: NonScalarResources): {
  ranges?: RangeResources;
  sets?: SetResources;
  reservedRanges?: Record<string, RangeResources>;
  reservedSets?: Record<string, SetResources>;
} {
  if (Object.keys(values).length === 0) return {};
  const { unreserved, reserved } = splitByReservation(values);
  const ranges = rangesOf(unreserved);
  const sets = setsOf(unreserved);
  const reservedRanges: Record<string, RangeResources> = {};
  const reservedSets: Record<string, SetResources> = {};
  for (const [role, byName] of Object.entries(reserved)) {
    const r = rangesOf(byName);
    const z = setsOf(byName);
    if (Object.keys(r).length > 0) reservedRanges[role] = r;
    if (Object.keys(z).length > 0) reservedSets[role] = z;
  }
  return {
    ...(Object.keys(ranges).length > 0 ? { ranges } : {}),
    ...(Object.keys(sets).length > 0 ? { sets } : {}),
    ...(Object.keys(reservedRanges).length > 0 ? { reservedRanges } : {}),
    ...(Object.keys(reservedSets).length > 0 ? { reservedSets } : {}),
  };
}

/** The role `updateAllocation` acts in: the one given, else the framework's only role. */
function offeredRole(
  frameworkRoles: ReadonlyMap<string, readonly string[]>,
  frameworkId: string,
  role: string | undefined,
): string {
  if (role !== undefined) return role;
  const roles = frameworkRoles.get(frameworkId);
  if (roles === undefined) throw new Error(`updateAllocation: unknown framework "${frameworkId}"`);
  if (roles.length !== 1 || roles[0] === undefined)
    throw new RangeError(
      `updateAllocation: offeredResources.role is needed: framework "${frameworkId}" has ${roles.length} roles`,
    );
  return roles[0];
}

/**
 * An offer's persistent volumes as the standalone API shows them, with the reserved parts grown by
 * the shared ones (their disk is not in the agent's books, but is in the offer).
 */
function volumeParts(
  volumes: readonly PersistentVolume[],
  reserved: { readonly reserved?: Readonly<Record<string, Resources>> },
): { volumes?: readonly PersistentVolume[]; reserved?: Readonly<Record<string, Resources>> } {
  if (volumes.length === 0) return {};
  const parts: Record<string, Resources> = { ...reserved.reserved };
  for (const volume of volumes)
    if (volume.shared === true && volume.role !== undefined)
      parts[volume.role] = addResources(parts[volume.role] ?? {}, { disk: volume.size });
  return Object.keys(parts).length === 0 ? { volumes } : { volumes, reserved: parts };
}
