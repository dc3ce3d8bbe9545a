import {
  addResources,
  fitsWithin,
  isEmptyResources,
  subtractClamped,
  type Resources,
} from '../../../core/cluster/resources.ts';
import type {
  AgentInfo,
  AllocationRun,
  Allocator,
  AllocatorContext,
  OfferDecision,
  OperatorOperation,
  PreemptionClaim,
} from '../../../core/plugins/allocator.ts';
import type { AllocatorView } from '../../../core/plugins/allocatorView.ts';
import type { SharedResource, Sorter } from '../../../core/plugins/sorter.ts';
import { meetsMinAllocatable, type MinAllocatable } from '../minAllocatable.ts';
import { createOfferFilters, type OfferFilters } from '../offerFilters.ts';
import { AgentState, type RecoveredParts } from './agentState.ts';
import { QuotaRun, guaranteeAboveLimit, type Quota } from './quota.ts';
import {
  isEmptyNonScalar,
  NO_RANGES,
  NO_WHOLE_DISKS,
  normalizeNonScalar,
  wholeDisks,
  type DiskResource,
  type NonScalarResources,
  type WholeDisk,
} from './resourceValues.ts';
import { PreemptionClaims } from './preemptionClaims.ts';
import type { OfferOperation, PersistentVolume, VolumeResources } from './offerOperations.ts';
import { applyAllocationUpdate } from './updateAllocation.ts';
import { sharedCopy, VolumeBook } from './volumeBook.ts';
import { hasReservedValues, valuesForRole } from './reservedValues.ts';
import { splitReservedDisks, uncoveredMountDisks } from './reservedMountDisks.ts';
import {
  filteredByCapabilities,
  missingAgentCapabilities,
  type MissingAgentCapabilities,
} from './agentCapabilities.ts';
import { REVOCABLE_POOL, RevocableBooks } from './revocableResources.ts';
import { allocatorMetrics } from './allocatorMetrics.ts';
import { MaintenanceBook, type InverseOffer, type Unavailability } from './maintenance.ts';
import { createSorterByName, type SorterName } from './sorterFactory.ts';
import { trackedRoles, type TrackedRole } from './roleTree.ts';

/**
 * How a Mesos allocator is set up.
 *
 * @example
 * ```ts
 * const config: MesosAllocatorConfig = { roleSorter: 'drf', frameworkSorter: 'drf', minAllocatable: DEFAULT_MIN_ALLOCATABLE,
 *   excludedResources: [], filterGpuResources: true, seed: '1' };
 * const allocator = new MesosAllocator(config, context);
 * ```
 */
export interface MesosAllocatorConfig {
  readonly roleSorter: SorterName;
  readonly frameworkSorter: SorterName;
  /** Global minimum allocatable size (alternatives). */
  readonly minAllocatable: MinAllocatable;
  /** Resource names left out of fair-share computations. */
  readonly excludedResources: readonly string[];
  /** Offer GPU agents only to GPU-capable frameworks. */
  readonly filterGpuResources: boolean;
  /** Seed material for random sorters. */
  readonly seed: string;
  /** Whether pairs a live filter held back as before are skipped (default true; see OfferFiltersOptions). */
  readonly skipRepeatedBlocks?: boolean;
}

/**
 * Resources a framework already uses when it (re-)registers or an agent (re-)joins.
 *
 * @example
 * ```ts
 * const used: UsedResources = { frameworkId: 'f1', role: 'batch', resources: { cpus: 2 } };
 * allocator.addAgent('a1', { resources: { cpus: 4 }, attributes: {}, used: [used] });
 * ```
 */
export interface UsedResources {
  readonly frameworkId: string;
  /** The role they are allocated to; when absent, the framework's first role. */
  readonly role?: string;
  readonly resources: Resources;
}

/**
 * Everything Mesos knows of a framework at registration.
 *
 * @example
 * ```ts
 * const info: MesosFrameworkInfo = { roles: ['eng/ads'], gpuCapable: true, minAllocatable: { 'eng/ads': [{ gpus: 1 }] },
 *   used: { a1: { cpus: 2 } } };
 * allocator.addFramework('tf', info);
 * ```
 */
export interface MesosFrameworkInfo {
  readonly roles: readonly string[];
  readonly active?: boolean;
  readonly gpuCapable?: boolean;
  /** Understands refined reservations (Mesos's RESERVATION_REFINEMENT); others are not offered them. */
  readonly reservationRefinement?: boolean;
  /** Accepts shared persistent volumes (Mesos's SHARED_RESOURCES); others are never offered them. */
  readonly sharedResources?: boolean;
  /** Per-role minimum allocatable size, overriding the global one. */
  readonly minAllocatable?: Readonly<Record<string, MinAllocatable>>;
  readonly suppressedRoles?: readonly string[];
  /** Mesos's MULTI_ROLE capability: agents without it are not offered to the framework. */
  readonly multiRole?: boolean;
  /** Mesos's REVOCABLE_RESOURCES capability: only such frameworks are offered revocable resources. */
  readonly revocableResources?: boolean;
  /** Per agent: what it already holds there (as when a framework re-registers). */
  readonly used?: Readonly<Record<string, Resources | Readonly<Record<string, Resources>>>>;
}

interface FrameworkState {
  roles: readonly string[];
  /** Roles whose framework sorter knows the framework: its roles, and roles it still holds in. */
  readonly tracked: Set<string>;
  active: boolean;
  readonly suppressed: Set<string>;
  readonly gpuCapable: boolean;
  readonly reservationRefinement: boolean;
  readonly sharedResources: boolean;
  minAllocatable: Readonly<Record<string, MinAllocatable>>;
  readonly multiRole: boolean;
  readonly revocableCapable: boolean;
}

/** What a stage of one allocation run offers with: the run's quota books, clock, kind, and its offers so far. */
interface StageRun {
  readonly quota: QuotaRun;
  readonly now: number;
  readonly batch: boolean;
  readonly decisions: OfferDecision[];
}

/**
 * Mesos's hierarchical allocator: every run shuffles the candidate agents; a first stage offers
 * roles below their quota guarantee up to it; a second stage, for each agent, sorts roles once
 * (DRF by default), and within each role its frameworks, and offers the first eligible framework
 * everything its role may use there (coarse-grained). Unreserved resources are cut so that the
 * headroom other roles need for their guarantees stays free, and so that no role exceeds its
 * quota limits. Offers count as allocated until resources are recovered.
 *
 * @example
 * ```ts
 * const allocator = new MesosAllocator(config, context);
 * allocator.addAgent('a1', { resources: { cpus: 4 }, attributes: {} });
 * allocator.addFramework('f1', { roles: ['*'] });
 * allocator.allocate({ agentIds: undefined, batch: true }); // one offer of cpus:4 to f1
 * ```
 */
export class MesosAllocator implements Allocator {
  readonly #config: MesosAllocatorConfig;
  readonly #context: AllocatorContext;
  readonly #agents = new Map<string, AgentState>();
  readonly #frameworks = new Map<string, FrameworkState>();
  readonly #roleSorter: Sorter;
  readonly #frameworkSorters = new Map<string, Sorter>();
  /** Frameworks each role's sorter knows; the role leaves the role sorter when none is left. */
  readonly #roleFrameworks = new Map<string, Set<string>>();
  readonly #quotas = new Map<string, Quota>();
  /** Weights set on role paths (a weight set back to 1 is forgotten). */
  readonly #weights = new Map<string, number>();
  readonly #filters: OfferFilters;
  /** Agents holding resources of frameworks not added yet: framework → agent ids. */
  readonly #unknownHolders = new Map<string, Set<string>>();
  #whitelist: ReadonlySet<string> | undefined;
  /** The reserved parts and range resources of each offer of the last run, in offer order. */
  #offerDetails: OfferDetails[] = [];
  /** Agents freed by the master's preemption, to be offered to the waiting framework first. */
  readonly #claims = new PreemptionClaims();
  /** Persistent volumes created by offer operations, with their holders. */
  readonly #volumes = new VolumeBook();
  /** Agents lacking capabilities the allocator reads (most agents have every one: no entry). */
  readonly #missingCapabilities = new Map<string, MissingAgentCapabilities>();
  /** Revocable (oversubscribed) resources agents lend, and who holds them. */
  readonly #revocable = new RevocableBooks();
  /** Unavailability windows and inverse offers (no entry while no agent is under maintenance). */
  readonly #maintenance = new MaintenanceBook();
  #inverseOffers: readonly InverseOffer[] = NO_INVERSE_OFFERS;

  constructor(config: MesosAllocatorConfig, context: AllocatorContext) {
    this.#config = config;
    this.#context = context;
    this.#roleSorter = this.#newSorter(config.roleSorter, 'roles');
    this.#filters = createOfferFilters(
      context.allocationInterval,
      config.skipRepeatedBlocks === undefined ? {} : { skipRepeatedBlocks: config.skipRepeatedBlocks },
    );
  }

  /** How many (agent, framework) pairs allocation runs skipped because a live filter held them back as before. */
  get repeatedBlocksSkipped(): number {
    return this.#filters.repeatedBlocksSkipped;
  }

  // ── agents ────────────────────────────────────────────────────────────────

  addAgent(
    agentId: string,
    info: AgentInfo & {
      readonly used?: readonly UsedResources[];
      readonly ranges?: NonScalarResources;
      /** Disks with a source (part of `resources.disk`); MOUNT ones are offered whole. */
      readonly disks?: readonly DiskResource[];
      /** Refined reservations: role of `reserved` → its reservation stack, bottom first, ending with the role. */
      readonly reservationStacks?: Readonly<Record<string, readonly string[]>>;
      /** Agent capabilities (`MULTI_ROLE`, `HIERARCHICAL_ROLE`); every one when absent. */
      readonly capabilities?: readonly string[];
      /** A maintenance window scheduled for it. */
      readonly unavailability?: Unavailability;
    },
  ): void {
    if (this.#agents.has(agentId)) throw new Error(`addAgent: agent "${agentId}" is already added`);
    checkAmounts('addAgent', `resources of agent "${agentId}"`, info.resources);
    for (const [role, reserved] of Object.entries(info.reserved ?? {}))
      checkAmounts('addAgent', `reserved.${role} of agent "${agentId}"`, reserved);
    for (const used of info.used ?? [])
      checkAmounts('addAgent', `used.${used.frameworkId} of agent "${agentId}"`, used.resources);
    // Reserved MOUNT disks are reserved non-scalar items beside the reserved disk they are part of.
    const disks = splitReservedDisks(info.disks ?? [], info.reserved ?? {}, `addAgent: agent "${agentId}"`);
    const ranges =
      info.ranges === undefined && Object.keys(disks.values).length === 0
        ? undefined
        : { ...info.ranges, ...disks.values };
    const agent = new AgentState(
      agentId,
      info.resources,
      info.attributes,
      new Map(Object.entries(info.reserved ?? {})),
      ranges === undefined ? NO_RANGES : normalizeNonScalar(ranges, `addAgent: ranges of agent "${agentId}"`),
      info.disks === undefined
        ? NO_WHOLE_DISKS
        : wholeDisks(disks.unreserved, info.resources['disk'] ?? 0, `addAgent: agent "${agentId}"`),
    );
    for (const [role, stack] of Object.entries(info.reservationStacks ?? {})) {
      checkStack(`addAgent: reservationStacks.${role} of agent "${agentId}"`, role, stack, info.reserved ?? {});
      if (stack.length > 1) agent.refinedFrom.set(role, stack.slice(0, -1));
    }
    const missing = missingAgentCapabilities(info.capabilities, `addAgent: agent "${agentId}"`);
    this.#agents.set(agentId, agent);
    if (missing !== undefined) this.#missingCapabilities.set(agentId, missing);
    if (info.unavailability !== undefined) this.#maintenance.update(agentId, info.unavailability);
    this.#roleSorter.addAgent(agentId, info.resources);
    for (const sorter of this.#frameworkSorters.values()) sorter.addAgent(agentId, info.resources);
    // The agent's books count every resource in use at once, as Mesos's do; the sorters learn of
    // a framework not known yet when it is added.
    for (const used of info.used ?? []) {
      const framework = this.#frameworks.get(used.frameworkId);
      if (framework === undefined) {
        agent.takeUsed(used.frameworkId, used.role ?? UNKNOWN_ROLE, used.resources);
        let agents = this.#unknownHolders.get(used.frameworkId);
        if (agents === undefined) this.#unknownHolders.set(used.frameworkId, (agents = new Set()));
        agents.add(agentId);
      } else {
        const role = used.role ?? framework.roles[0] ?? '*';
        this.#trackAllocation(agent, used.frameworkId, role, agent.takeUsed(used.frameworkId, role, used.resources));
      }
    }
    this.#context.requestAllocation(agentId);
  }

  removeAgent(agentId: string): void {
    const agent = this.#agent('removeAgent', agentId);
    for (const frameworkId of this.#volumes.sharedHolders(agentId)) this.#dropVolumes(agent, frameworkId);
    this.#volumes.removeAgent(agentId);
    for (const [frameworkId, role, , held, ranges] of [...agent.holdings()])
      this.#untrack(agent, frameworkId, role, held, undefined, ranges);
    for (const [frameworkId, role, held] of [...this.#revocable.holdings(agentId)])
      this.#recoverRevocable(agentId, frameworkId, role, held);
    this.#revocable.removeAgent(agentId);
    this.#missingCapabilities.delete(agentId);
    this.#maintenance.removeAgent(agentId);
    for (const agents of this.#unknownHolders.values()) agents.delete(agentId);
    this.#roleSorter.removeAgent(agentId);
    for (const sorter of this.#frameworkSorters.values()) sorter.removeAgent(agentId);
    this.#filters.clearAgent(agentId);
    this.#agents.delete(agentId);
  }

  /** A new total for an agent (Mesos's updateSlave); triggers a run on it. */
  updateAgent(agentId: string, resources: Resources): void {
    checkAmounts('updateAgent', `resources of agent "${agentId}"`, resources);
    const agent = this.#agent('updateAgent', agentId);
    agent.setTotal(resources);
    this.#resetSorterTotal(agentId, agent);
    this.#context.requestAllocation(agentId);
  }

  /**
   * A resource provider joins an agent (Mesos's addResourceProvider): its resources grow the
   * agent's total, and what known frameworks already use (of the agent's resources, new or not)
   * is counted as theirs; entries of frameworks not added yet are skipped, as in Mesos. No run
   * is triggered.
   */
  addResourceProvider(agentId: string, total: Resources, used: readonly UsedResources[]): void {
    checkAmounts('addResourceProvider', `total of agent "${agentId}"`, total);
    for (const entry of used)
      checkAmounts('addResourceProvider', `used.${entry.frameworkId} of agent "${agentId}"`, entry.resources);
    const agent = this.#agent('addResourceProvider', agentId);
    if (!isEmptyResources(total)) {
      agent.setTotal(addResources(agent.total, total));
      this.#resetSorterTotal(agentId, agent);
    }
    for (const entry of used) {
      const framework = this.#frameworks.get(entry.frameworkId);
      if (framework === undefined) continue;
      const role = entry.role ?? framework.roles[0] ?? '*';
      this.#trackAllocation(agent, entry.frameworkId, role, agent.takeUsed(entry.frameworkId, role, entry.resources));
    }
  }

  /**
   * New revocable (oversubscribed) resources for an agent, beside its total (Mesos's updateSlave
   * with revocable resources); what holders hold stays held. Triggers a run on it.
   */
  updateOversubscribed(agentId: string, resources: Resources): void {
    checkAmounts('updateAgent', `oversubscribed resources of agent "${agentId}"`, resources);
    const agent = this.#agent('updateAgent', agentId);
    this.#revocable.setTotal(agentId, resources);
    this.#resetSorterTotal(agentId, agent);
    this.#context.requestAllocation(agentId);
  }

  /** New capabilities for an agent (Mesos's updateSlave with capabilities); triggers a run on it. */
  updateAgentCapabilities(agentId: string, capabilities: readonly string[]): void {
    this.#agent('updateAgent', agentId);
    const missing = missingAgentCapabilities(capabilities, `updateAgent: agent "${agentId}"`);
    if (missing === undefined) this.#missingCapabilities.delete(agentId);
    else this.#missingCapabilities.set(agentId, missing);
    this.#context.requestAllocation(agentId);
  }

  /**
   * A new maintenance window for an agent (undefined: none), Mesos's updateUnavailability: clears
   * its inverse offer filters and triggers a run on it.
   */
  updateUnavailability(agentId: string, unavailability: Unavailability | undefined): void {
    this.#agent('updateUnavailability', agentId);
    this.#maintenance.update(agentId, unavailability);
    this.#context.requestAllocation(agentId);
  }

  /**
   * A framework answers an inverse offer (or it is rescinded): a new one may be sent by a later
   * run; `refuseSeconds` installs a refusal filter (Mesos's updateInverseOffer).
   */
  updateInverseOffer(agentId: string, frameworkId: string, refuseSeconds?: number): void {
    this.#agent('updateInverseOffer', agentId);
    this.#framework('updateInverseOffer', frameworkId);
    this.#maintenance.respond(agentId, frameworkId, refuseSeconds, this.#context.now());
  }

  /** The inverse offers the last {@link MesosAllocator.allocate} sent, in order. */
  lastRunInverseOffers(): readonly InverseOffer[] {
    return this.#inverseOffers;
  }

  /** The sorters' total of an agent: its total and the revocable resources it lends. */
  #resetSorterTotal(agentId: string, agent: AgentState): void {
    const total = this.#revocable.empty ? agent.total : addResources(agent.total, this.#revocable.total(agentId));
    for (const sorter of [this.#roleSorter, ...this.#frameworkSorters.values()]) {
      sorter.removeAgent(agentId);
      sorter.addAgent(agentId, total);
    }
  }

  /** New attributes for an agent; clears every decline filter on it and triggers a run on it. */
  updateAgentAttributes(agentId: string, attributes: Readonly<Record<string, string>>): void {
    this.#agent('updateAgentAttributes', agentId).attributes = attributes;
    this.#filters.clearAgent(agentId);
    this.#context.requestAllocation(agentId);
  }

  /** Only these agents are offered (undefined = all). */
  updateWhitelist(agentIds: readonly string[] | undefined): void {
    this.#whitelist = agentIds === undefined ? undefined : new Set(agentIds);
  }

  /** Reserves unheld unreserved resources on an agent to a role; false when they are not free. */
  reserve(agentId: string, role: string, resources: Resources): boolean {
    checkAmounts('reserve', 'resources', resources);
    return this.#agent('reserve', agentId).reserve(role, resources);
  }

  /** Returns reserved, unheld resources to the unreserved pool; false when they are not. */
  unreserve(agentId: string, role: string, resources: Resources): boolean {
    checkAmounts('unreserve', 'resources', resources);
    return this.#agent('unreserve', agentId).unreserve(role, resources);
  }

  /** A read-only snapshot of the books: holdings with their reserved parts, reservations, quota limits. */
  inspect(): AllocatorView {
    const agents = new Map(
      [...this.#agents].map(([id, agent]) => [
        id,
        { total: agent.total, holdings: agent.holdingParts(), reservations: new Map(agent.reservations) },
      ]),
    );
    return { agents, quotaLimits: new Map([...this.#quotas].map(([role, quota]) => [role, quota.limits])) };
  }

  // ── frameworks ────────────────────────────────────────────────────────────

  addFramework(frameworkId: string, info: MesosFrameworkInfo): void {
    if (this.#frameworks.has(frameworkId)) throw new Error(`addFramework: framework "${frameworkId}" is already added`);
    const usedByAgent = Object.entries(info.used ?? {}).map(([agentId, used]): [string, Record<string, Resources>] => {
      const byRole = isResourceVector(used) ? { [info.roles[0] ?? '*']: used } : used;
      for (const [role, resources] of Object.entries(byRole))
        checkAmounts('addFramework', `used.${agentId}${isResourceVector(used) ? '' : `.${role}`}`, resources);
      return [agentId, byRole as Record<string, Resources>];
    });
    const state: FrameworkState = {
      roles: info.roles,
      tracked: new Set(),
      active: info.active ?? true,
      suppressed: new Set(info.suppressedRoles ?? []),
      gpuCapable: info.gpuCapable ?? false,
      reservationRefinement: info.reservationRefinement ?? false,
      sharedResources: info.sharedResources ?? false,
      minAllocatable: info.minAllocatable ?? {},
      multiRole: info.multiRole ?? false,
      revocableCapable: info.revocableResources ?? false,
    };
    this.#frameworks.set(frameworkId, state);
    for (const role of state.roles) this.#track(frameworkId, role);
    this.#syncActivity(frameworkId);
    // What agents added earlier already hold for it: unnamed roles become its first role.
    const firstRole = state.roles[0] ?? '*';
    const holders = new Set(this.#unknownHolders.get(frameworkId));
    this.#unknownHolders.delete(frameworkId);
    for (const agentId of holders) this.#agents.get(agentId)?.moveHolding(frameworkId, UNKNOWN_ROLE, firstRole);
    // Resources on an agent not known yet are counted when the agent is added. On a known agent
    // the agent's books already hold them; only what they lack is recorded (never more than free).
    for (const [agentId, byRole] of usedByAgent) {
      const agent = this.#agents.get(agentId);
      if (agent === undefined) continue;
      holders.add(agentId);
      for (const [role, resources] of Object.entries(byRole))
        agent.takeUsed(frameworkId, role, subtractClamped(resources, agent.heldBy(frameworkId, role)));
    }
    for (const agentId of holders) {
      const agent = this.#agents.get(agentId);
      if (agent === undefined) continue;
      for (const [fw, role, , held] of [...agent.holdings()])
        if (fw === frameworkId) this.#trackAllocation(agent, frameworkId, role, held);
    }
    if (state.active) this.#context.requestAllocation('all');
  }

  removeFramework(frameworkId: string): void {
    const state = this.#framework('removeFramework', frameworkId);
    for (const agent of this.#agents.values()) {
      if (!this.#volumes.empty) this.#dropVolumes(agent, frameworkId);
      for (const [fw, role, , held, ranges] of [...agent.holdings()])
        if (fw === frameworkId) this.#untrack(agent, fw, role, held, undefined, ranges);
      if (!this.#revocable.empty)
        for (const role of state.tracked)
          this.#recoverRevocable(agent.id, frameworkId, role, this.#revocable.heldBy(agent.id, frameworkId, role));
    }
    state.roles = [];
    for (const role of [...state.tracked]) this.#tryUntrack(frameworkId, role);
    this.#frameworks.delete(frameworkId);
    this.#filters.clear(frameworkId);
    this.#maintenance.removeFramework(frameworkId);
  }

  activateFramework(frameworkId: string): void {
    this.#framework('activateFramework', frameworkId).active = true;
    this.#syncActivity(frameworkId);
    this.#context.requestAllocation('all');
  }

  /** Deactivating clears the framework's filters; its allocations still count. */
  deactivateFramework(frameworkId: string): void {
    this.#framework('deactivateFramework', frameworkId).active = false;
    this.#syncActivity(frameworkId);
    this.#filters.clear(frameworkId);
  }

  /** Stops offers to the framework in these roles (all when undefined). Does not trigger a run. */
  suppress(frameworkId: string, roles?: readonly string[]): void {
    const state = this.#framework('suppress', frameworkId);
    for (const role of roles ?? state.roles) state.suppressed.add(role);
    this.#syncActivity(frameworkId);
  }

  /** Clears the roles' filters, resumes offers and triggers a run (all roles when undefined). */
  revive(frameworkId: string, roles?: readonly string[]): void {
    const state = this.#framework('revive', frameworkId);
    for (const role of roles ?? state.roles) state.suppressed.delete(role);
    this.#filters.clear(frameworkId, roles);
    this.#syncActivity(frameworkId);
    this.#context.requestAllocation('all');
  }

  /** Changes a framework's roles, per-role minimum allocatable size or suppressed roles. */
  updateFramework(
    frameworkId: string,
    update: {
      readonly roles?: readonly string[];
      readonly minAllocatable?: Readonly<Record<string, MinAllocatable>>;
      readonly suppressedRoles?: readonly string[];
    },
  ): void {
    const state = this.#framework('updateFramework', frameworkId);
    if (update.roles !== undefined) {
      for (const role of update.roles) this.#track(frameworkId, role);
      const left = state.roles.filter((role) => !update.roles?.includes(role));
      state.roles = update.roles;
      for (const role of left) {
        // A role the framework leaves keeps counting what the framework still holds in it.
        this.#frameworkSorters.get(role)?.deactivate(frameworkId);
        this.#tryUntrack(frameworkId, role);
        this.#filters.clear(frameworkId, [role]);
        state.suppressed.delete(role);
      }
    }
    if (update.minAllocatable !== undefined) state.minAllocatable = update.minAllocatable;
    if (update.suppressedRoles !== undefined) {
      const unsuppressed = [...state.suppressed].filter((r) => !update.suppressedRoles?.includes(r));
      state.suppressed.clear();
      for (const role of update.suppressedRoles) state.suppressed.add(role);
      if (unsuppressed.length > 0) this.#context.requestAllocation('all');
    }
    this.#syncActivity(frameworkId);
  }

  recoverResources(
    frameworkId: string,
    agentId: string,
    role: string,
    resources: Resources,
    refuseSeconds: number | undefined,
    reserved?: Readonly<Record<string, Resources>>,
    ranges?: NonScalarResources,
    wholeDiskIds?: readonly string[],
    volumes?: readonly PersistentVolume[],
    revocable?: Resources,
  ): void {
    checkAmounts('recoverResources', 'resources', resources);
    if (revocable !== undefined) checkAmounts('recoverResources', 'revocable', revocable);
    const rangesBack = ranges === undefined ? NO_RANGES : normalizeNonScalar(ranges, 'recoverResources: ranges');
    if (reserved !== undefined)
      for (const [owner, amount] of Object.entries(reserved))
        checkAmounts('recoverResources', `reserved.${owner}`, amount);
    if (refuseSeconds !== undefined && Number.isNaN(refuseSeconds))
      throw new RangeError('recoverResources: refuseSeconds must be a number of seconds, got NaN');
    const agent = this.#agents.get(agentId);
    const framework = this.#frameworks.get(frameworkId);
    // As in Mesos, resources of a framework or agent that is gone have already been recovered.
    if (agent === undefined || framework === undefined) return;
    let parts = reserved === undefined ? undefined : new Map(Object.entries(reserved));
    let scalars = resources;
    if (volumes !== undefined && volumes.length > 0)
      [scalars, parts] = this.#recoverVolumes(agent, frameworkId, role, resources, parts, volumes);
    const regular = revocable === undefined ? scalars : subtractClamped(scalars, revocable);
    const recovered = this.#untrack(agent, frameworkId, role, regular, parts, rangesBack, wholeDiskIds);
    if (!this.#volumes.empty) {
      const held = agent.heldParts(frameworkId, role);
      this.#volumes.reconcile(agent.id, frameworkId, role, (pool) =>
        pool === undefined ? (held.unreserved['disk'] ?? 0) : (held.reserved.get(pool)?.['disk'] ?? 0),
      );
    }
    if (agent.ranges !== NO_RANGES && hasReservedValues(agent.ranges))
      releaseUncoveredMountDisks(agent, frameworkId, role);
    if (revocable !== undefined) {
      this.#recoverRevocable(agentId, frameworkId, role, revocable);
      parts?.set(REVOCABLE_POOL, revocable);
    }
    if (!framework.roles.includes(role)) this.#tryUntrack(frameworkId, role);
    if (refuseSeconds !== undefined) {
      // The filter keeps the reservations of what was declined: the breakdown given, else what the
      // books took back as reserved.
      const declinedReserved =
        parts ??
        (revocable === undefined ? recovered.reserved : new Map([...recovered.reserved, [REVOCABLE_POOL, revocable]]));
      this.#filters.add(
        frameworkId,
        role,
        agentId,
        scalars,
        refuseSeconds,
        this.#context.now(),
        declinedReserved,
        rangesBack,
      );
    }
  }

  /**
   * Offer operations on resources allocated to a framework on an agent (Mesos's
   * `updateAllocation`): `offered` must be allocated to it in `role`; see `applyAllocationUpdate`.
   */
  updateAllocation(
    frameworkId: string,
    agentId: string,
    role: string,
    offered: VolumeResources,
    operations: readonly OfferOperation[],
  ): void {
    const framework = this.#framework('updateAllocation', frameworkId);
    const agent = this.#agent('updateAllocation', agentId);
    checkAmounts('updateAllocation', 'offeredResources', offered.resources);
    if (!framework.tracked.has(role))
      throw new RangeError(`updateAllocation: framework "${frameworkId}" has no allocation in role "${role}"`);
    applyAllocationUpdate(
      {
        frameworkId,
        role,
        agent,
        volumes: this.#volumes,
        updateSorters: (before, after, shared) => {
          this.#roleSorter.update(role, agentId, before, after, shared);
          this.#frameworkSorters.get(role)?.update(frameworkId, agentId, before, after, shared);
        },
        totalChanged: () => {
          for (const sorter of [this.#roleSorter, ...this.#frameworkSorters.values()]) {
            sorter.removeAgent(agentId);
            sorter.addAgent(agentId, agent.total);
          }
        },
      },
      offered,
      operations,
    );
  }

  /** Takes back listed volumes (one copy of each shared one); returns the amounts left for the agent's books. */
  #recoverVolumes(
    agent: AgentState,
    frameworkId: string,
    role: string,
    resources: Resources,
    parts: Map<string, Resources> | undefined,
    volumes: readonly PersistentVolume[],
  ): [Resources, Map<string, Resources> | undefined] {
    const back = this.#volumes.giveBack(agent.id, frameworkId, role, volumes, 'recoverResources');
    const shared = back.filter((v) => v.shared === true);
    if (shared.length === 0) return [resources, parts];
    // A shared copy's disk is not in the agent's books: only the sorters hear of it.
    let scalars = resources;
    const reserved = new Map(parts ?? []);
    for (const volume of shared) {
      const disk = { disk: volume.size };
      scalars = subtractClamped(scalars, disk);
      if (volume.role !== undefined) reserved.set(volume.role, subtractClamped(reserved.get(volume.role) ?? {}, disk));
    }
    const copies = shared.map(sharedCopy);
    this.#roleSorter.unallocated(role, agent.id, {}, copies);
    this.#frameworkSorters.get(role)?.unallocated(frameworkId, agent.id, {}, copies);
    return [scalars, parts === undefined ? undefined : reserved];
  }

  /** The framework's volumes on the agent are dropped (it or the agent leaves); the sorters forget its shared copies. */
  #dropVolumes(agent: AgentState, frameworkId: string): void {
    for (const [role, volumes] of this.#volumes.dropFramework(agent.id, frameworkId)) {
      const copies = volumes.map(sharedCopy);
      this.#roleSorter.unallocated(role, agent.id, {}, copies);
      this.#frameworkSorters.get(role)?.unallocated(frameworkId, agent.id, {}, copies);
    }
  }

  /** Operator operations during a simulation (all four are supported). */
  operate(operation: OperatorOperation): boolean {
    switch (operation.op) {
      case 'update-weight':
        this.updateWeight(operation.role, operation.weight);
        return true;
      case 'update-quota':
        // Mesos's master refuses a quota whose guarantee exceeds its limit.
        if (guaranteeAboveLimit(operation.guarantees, operation.limits) !== undefined) return false;
        this.updateQuota(operation.role, operation);
        return true;
      // An agent that left (unreachable, draining, not yet re-registered) cannot be operated on.
      case 'reserve':
        return this.#agents.has(operation.agent) && this.reserve(operation.agent, operation.role, operation.resources);
      case 'unreserve':
        return (
          this.#agents.has(operation.agent) && this.unreserve(operation.agent, operation.role, operation.resources)
        );
    }
  }

  // ── roles ─────────────────────────────────────────────────────────────────

  /** Sets a role path's weight (scales its subtree's share); does not trigger a run. */
  updateWeight(role: string, weight: number): void {
    if (!(Number.isFinite(weight) && weight > 0))
      throw new RangeError(`weight of role "${role}" must be a positive number, got ${weight}`);
    this.#roleSorter.updateWeight(role, weight);
    if (weight === 1) this.#weights.delete(role);
    else this.#weights.set(role, weight);
  }

  /** The roles tracked now and why (see {@link trackedRoles}). */
  roles(): Map<string, TrackedRole> {
    return trackedRoles({
      weights: this.#weights,
      quotas: this.#quotas,
      reservations: [...this.#agents.values()].map((agent) => agent.reservations),
      frameworks: this.#roleFrameworks,
    });
  }

  /** Sets (or with empty guarantees and limits, clears) a top-level role's quota; no trigger. */
  updateQuota(role: string, quota: { readonly guarantees?: Resources; readonly limits?: Resources }): void {
    if (role.includes('/')) throw new RangeError(`quota is set on top-level roles; "${role}" is nested`);
    const guarantees = quota.guarantees ?? {};
    const limits = quota.limits ?? {};
    const above = guaranteeAboveLimit(guarantees, limits);
    if (above !== undefined) throw new RangeError(`updateQuota: role "${role}": ${above}`);
    if (isEmptyResources(guarantees) && Object.keys(limits).length === 0) this.#quotas.delete(role);
    else this.#quotas.set(role, { guarantees, limits });
  }

  /**
   * What each offer the last {@link MesosAllocator.allocate} made carries beside its amounts, in
   * the same order: its reserved parts by reservation role, and its range resources.
   */
  lastRunDetails(): readonly OfferDetails[] {
    return this.#offerDetails;
  }

  /** A role's share as its sorter computes it (weighted dominant share for DRF). */
  roleShare(role: string): number {
    return this.#roleSorter.share(role);
  }

  /**
   * Mesos's allocator metrics as a snapshot, under Mesos's names (see `allocatorMetrics`);
   * `allocationRuns` is the number of runs the caller has made.
   */
  metrics(allocationRuns: number): Record<string, number> {
    const agents = [...this.#agents.values()].map((agent) => ({
      total: this.#revocable.empty ? agent.total : addResources(agent.total, this.#revocable.total(agent.id)),
      held: [
        ...[...agent.holdings()].map(([, role, , resources]) => ({ role, resources })),
        ...[...this.#revocable.holdings(agent.id)].map(([, role, resources]) => ({ role, resources })),
      ],
    }));
    return allocatorMetrics({
      agents,
      quotas: this.#quotas,
      roles: this.#frameworkSorters.keys(),
      dominantShare: this.#config.roleSorter === 'drf' ? (role) => this.#roleSorter.share(role) : undefined,
      activeOfferFilters: (role) => this.activeOfferFilters(role).length,
      allocationRuns,
    });
  }

  /** Decline filters now in force for a role. */
  activeOfferFilters(role: string): { frameworkId: string; agentId: string; expiresAt: number }[] {
    return this.#filters.active(role, this.#context.now());
  }

  // ── allocation ────────────────────────────────────────────────────────────

  allocate({ agentIds, batch }: AllocationRun): OfferDecision[] {
    this.#offerDetails = [];
    if (!this.#volumes.empty) this.#volumes.startRun();
    if (batch) this.#filters.batchRunStarted();
    // A run in which no framework may be offered anything makes no offer: it ends before the
    // agents are listed and shuffled (the cost of an idle run no longer grows with the cluster).
    if (!this.#anyFrameworkWantsOffers()) return this.#afterRun(agentIds, []);
    const candidates = (agentIds ?? [...this.#agents.keys()]).filter(
      (id) => this.#agents.has(id) && (this.#whitelist === undefined || this.#whitelist.has(id)),
    );
    this.#context.rng.shuffle(candidates);
    const quota = new QuotaRun(this.#quotas, this.#agents.values());
    const decisions: OfferDecision[] = [];
    this.#claimStage(candidates, quota, batch, decisions);
    if (quota.hasGuarantees) {
      this.#guaranteeStage(candidates, quota, batch, decisions);
      // Mesos shuffles again to spread what the first stage took from the front of the list. (A
      // run without a guarantee stage skips it: shuffling a shuffled list changes nothing.)
      this.#context.rng.shuffle(candidates);
    }
    this.#generalStage(candidates, quota, batch, decisions);
    return this.#afterRun(agentIds, decisions);
  }

  /**
   * After a run's offers, its inverse offers (Mesos's generateInverseOffers): to every active
   * framework holding something on a candidate agent under maintenance, once until it answers.
   */
  #afterRun(agentIds: readonly string[] | undefined, decisions: OfferDecision[]): OfferDecision[] {
    if (this.#maintenance.empty && this.#inverseOffers.length === 0) return decisions;
    this.#inverseOffers = this.#maintenance.generate(
      agentIds ?? this.#agents.keys(),
      (agentId) => this.#activeHolders(agentId),
      this.#context.now(),
    );
    return decisions;
  }

  /** Active, known frameworks holding something on an agent (offered or in use), once each. */
  #activeHolders(agentId: string): Set<string> {
    const out = new Set<string>();
    const agent = this.#agents.get(agentId);
    if (agent === undefined) return out;
    for (const [frameworkId] of agent.holdings()) if (this.#frameworks.get(frameworkId)?.active) out.add(frameworkId);
    for (const [frameworkId] of this.#revocable.holdings(agentId))
      if (this.#frameworks.get(frameworkId)?.active) out.add(frameworkId);
    return out;
  }

  /** Offers an agent freed by preemption to the framework waiting for it first (see {@link PreemptionClaim}). */
  claim(claim: PreemptionClaim): void {
    this.#claims.add(claim);
  }

  /**
   * Pre-stage: each live preemption claim whose agent now has what it names available offers that
   * agent's available resources (within the role's limits) to the claiming framework, whatever
   * its decline filters; a claim whose victims are still ending waits for a later run.
   */
  #claimStage(candidates: readonly string[], quota: QuotaRun, batch: boolean, decisions: OfferDecision[]): void {
    const now = this.#context.now();
    const run: StageRun = { quota, now, batch, decisions };
    for (const claim of this.#claims.live(candidates, now)) {
      const agent = this.#agents.get(claim.agentId) as AgentState;
      const framework = this.#eligible(claim.frameworkId, claim.role, agent);
      if (framework === undefined) continue;
      if (this.#offerAvailable(claim.frameworkId, framework, claim.role, agent, run, claim.resources))
        this.#claims.remove(claim);
    }
  }

  /**
   * Stage 1: roles with a guarantee of their own, not yet met, with frameworks, are offered
   * what makes progress towards it, plus the rest of what they may have within their limits and
   * the surplus headroom; a framework that would get nothing towards the guarantee is skipped.
   */
  #guaranteeStage(candidates: readonly string[], quota: QuotaRun, batch: boolean, decisions: OfferDecision[]): void {
    const now = this.#context.now();
    for (const agentId of candidates) {
      const agent = this.#agents.get(agentId) as AgentState;
      for (const role of this.#roleSorter.sort()) {
        if (isEmptyResources(quota.unsatisfiedGuarantee(role))) continue;
        const sorter = this.#frameworkSorters.get(role);
        if (sorter === undefined) continue;
        if (agent.fullyHeld) break;
        for (const frameworkId of sorter.sort()) {
          if (isEmptyResources(quota.unsatisfiedGuarantee(role))) break;
          const framework = this.#eligible(frameworkId, role, agent);
          if (framework === undefined) continue;
          const available = agent.availableFor(role, framework.reservationRefinement);
          const part = quota.guaranteeOffer(role, available.unreserved, agent.freeWholeDisks);
          if (isEmptyResources(part.guaranteed)) continue;
          // Only the role's own reservations go along (a quota role is top-level).
          const own = available.reserved.get(role);
          const reserved = own === undefined ? NO_RESERVATIONS : new Map([[role, own]]);
          const unreserved = addResources(part.guaranteed, part.additional);
          const decision = this.#offer(
            frameworkId,
            framework,
            role,
            agent,
            reserved,
            unreserved,
            now,
            batch,
            part.whole,
          );
          if (decision === undefined) continue;
          quota.recordGuarantee(role, part);
          decisions.push(decision);
        }
      }
    }
  }

  /**
   * Stage 2: for each agent, roles sorted once; each eligible framework in its role's order is
   * offered its role's reservations (and its ancestors') and the unreserved resources its role's
   * limits and the surplus headroom allow.
   */
  #generalStage(candidates: readonly string[], quota: QuotaRun, batch: boolean, decisions: OfferDecision[]): void {
    const run: StageRun = { quota, now: this.#context.now(), batch, decisions };
    for (const agentId of candidates) {
      const agent = this.#agents.get(agentId) as AgentState;
      if (this.#nothingFree(agent)) continue;
      // Role order is computed once per agent; sorters learn of each offer as it is made.
      roles: for (const role of this.#roleSorter.sort()) {
        const sorter = this.#frameworkSorters.get(role);
        if (sorter === undefined) continue;
        for (const frameworkId of sorter.sort()) {
          const framework = this.#eligible(frameworkId, role, agent);
          if (framework === undefined) continue;
          if (this.#filteredAsBefore(frameworkId, framework, role, agent, run.now, run.batch)) continue;
          if (!this.#offerAvailable(frameworkId, framework, role, agent, run)) continue;
          if (this.#nothingFree(agent)) break roles; // nothing left here for anyone
        }
      }
    }
  }

  /**
   * Offers a framework in a role what it may have on an agent outside the guarantee stage: the
   * reservations of its role (and ancestors) and the unreserved resources its role's limits and the
   * surplus headroom allow; records the offer in the run. With `claimed` (a preemption claim), only
   * when that much is there, whatever the decline filters. True when an offer was made.
   */
  #offerAvailable(
    frameworkId: string,
    framework: FrameworkState,
    role: string,
    agent: AgentState,
    run: StageRun,
    claimed?: Resources,
  ): boolean {
    const available = agent.availableFor(role, framework.reservationRefinement);
    // Whole (MOUNT) disks are offered entirely or not at all; none on most agents.
    const whole = agent.freeWholeDisks;
    const kept = whole.length === 0 ? undefined : ([] as WholeDisk[]);
    const unreserved = run.quota.generalAllowance(role, available.unreserved, whole, kept);
    if (
      claimed !== undefined &&
      !fitsWithin(claimed, [...available.reserved.values()].reduce(addResources, unreserved))
    )
      return false;
    const decision = this.#offer(
      frameworkId,
      framework,
      role,
      agent,
      available.reserved,
      unreserved,
      run.now,
      run.batch,
      kept,
      claimed !== undefined,
    );
    if (decision === undefined) return false;
    run.quota.recordGeneral(role, unreserved);
    run.decisions.push(decision);
    return true;
  }

  /**
   * The general stage's offer to this pair would be exactly the agent's unreserved free resources
   * (no reservations, whole disks, range resources, quota or revocable resources to change it)
   * and a live decline filter held back that very offer before: `#offer` would make none.
   */
  #filteredAsBefore(
    frameworkId: string,
    framework: FrameworkState,
    role: string,
    agent: AgentState,
    now: number,
    batch: boolean,
  ): boolean {
    return (
      agent.reservations.size === 0 &&
      agent.freeWholeDisks.length === 0 &&
      agent.freeRanges === NO_RANGES &&
      this.#quotas.size === 0 &&
      (this.#revocable.empty || !framework.revocableCapable) &&
      this.#filters.blockedAgain(frameworkId, role, agent.id, agent.unreservedFree, now, batch)
    );
  }

  /** Nothing on the agent can be offered to anyone: all it has is held, revocable resources included. */
  #nothingFree(agent: AgentState): boolean {
    return agent.fullyHeld && (this.#revocable.empty || isEmptyResources(this.#revocable.free(agent.id)));
  }

  /** Takes revocable resources back from a holder and tells the sorters (known frameworks). */
  #recoverRevocable(agentId: string, frameworkId: string, role: string, amounts: Resources): void {
    if (isEmptyResources(amounts)) return;
    const back = this.#revocable.recover(agentId, frameworkId, role, amounts);
    if (isEmptyResources(back) || !this.#frameworks.get(frameworkId)?.tracked.has(role)) return;
    this.#roleSorter.unallocated(role, agentId, back);
    this.#frameworkSorters.get(role)?.unallocated(frameworkId, agentId, back);
  }

  /** Some active framework has a role it has not suppressed (else no run can make an offer). */
  #anyFrameworkWantsOffers(): boolean {
    for (const framework of this.#frameworks.values()) {
      if (!framework.active) continue;
      for (const role of framework.tracked) if (!framework.suppressed.has(role)) return true;
    }
    return false;
  }

  /** The framework, if it may be offered anything on this agent in this role now. */
  #eligible(frameworkId: string, role: string, agent: AgentState): FrameworkState | undefined {
    const framework = this.#frameworks.get(frameworkId);
    if (framework === undefined || !framework.active || framework.suppressed.has(role)) return undefined;
    // With GPU filtering on, GPU agents go only to GPU-capable frameworks; with it off, to anyone,
    // GPUs included (Mesos strips no GPUs from offers).
    if (this.#config.filterGpuResources && agent.hasGpus && !framework.gpuCapable) return undefined;
    if (this.#missingCapabilities.size > 0) {
      const missing = this.#missingCapabilities.get(agent.id);
      if (missing !== undefined && filteredByCapabilities(missing, framework.multiRole, role)) return undefined;
    }
    return framework;
  }

  /**
   * Makes the offer if it is allocatable and not filtered (a preemption claim's offer is not);
   * records it in the books and sorters.
   */
  #offer(
    frameworkId: string,
    framework: FrameworkState,
    role: string,
    agent: AgentState,
    reserved: ReadonlyMap<string, Resources>,
    unreserved: Resources,
    now: number,
    batch: boolean,
    whole: readonly WholeDisk[] = NO_WHOLE_DISKS,
    claimed = false,
  ): OfferDecision | undefined {
    let offer = unreserved;
    if (reserved.size > 0) for (const amount of reserved.values()) offer = addResources(offer, amount);
    // Revocable resources go along with every offer to a framework that takes them.
    const revocable =
      this.#revocable.empty || !framework.revocableCapable ? NO_REVOCABLE : this.#revocable.free(agent.id);
    const hasRevocable = !isEmptyResources(revocable);
    if (hasRevocable) offer = addResources(offer, revocable);
    // Non-scalar resources (ports, sets; unreserved and the role's reserved ones) go along with
    // every offer, as in Mesos; alone they make an offer only when no minimum size applies.
    const free = agent.freeRanges;
    const ranges =
      free === NO_RANGES ? NO_RANGES : valuesForRole(free, role, framework.reservationRefinement, agent.refinedFrom);
    if (isEmptyResources(offer) && isEmptyNonScalar(ranges)) return undefined;
    const min = framework.minAllocatable[role] ?? this.#config.minAllocatable;
    if (!meetsMinAllocatable(offer, min) && !(min.length === 0 && !isEmptyNonScalar(ranges))) return undefined;
    const pools = hasRevocable ? new Map([...reserved, [REVOCABLE_POOL, revocable]]) : reserved;
    if (!claimed && this.#filters.blocks(frameworkId, role, agent.id, offer, now, batch, pools, ranges))
      return undefined;
    agent.allocate(frameworkId, role, reserved, unreserved, ranges, whole);
    const volumes = this.#volumes.empty
      ? NO_VOLUMES
      : this.#volumes.offer(agent.id, frameworkId, role, reserved, unreserved, framework.sharedResources);
    if (hasRevocable) this.#revocable.allocate(agent.id, frameworkId, role, revocable);
    this.#offerDetails.push(
      isEmptyNonScalar(ranges) && reserved.size === 0 && whole.length === 0 && volumes.length === 0 && !hasRevocable
        ? NO_DETAILS
        : {
            reserved,
            ranges,
            whole,
            stacks: reservationStacks(agent, reserved),
            volumes,
            ...(hasRevocable ? { revocable } : {}),
          },
    );
    // A copy of a shared volume is not in the agent's books: the sorters count it once per client.
    const shared = volumes.length === 0 ? NO_SHARED_COPIES : volumes.filter((v) => v.shared === true).map(sharedCopy);
    this.#roleSorter.allocated(role, agent.id, offer, shared);
    this.#frameworkSorters.get(role)?.allocated(frameworkId, agent.id, offer, shared);
    for (const copy of shared) offer = addResources(offer, copy.resources);
    return { frameworkId, role, agentId: agent.id, resources: offer };
  }

  // ── bookkeeping ───────────────────────────────────────────────────────────

  #newSorter(name: SorterName, label: string): Sorter {
    const sorter = createSorterByName(name, {
      excludedResources: this.#config.excludedResources,
      seed: `${this.#config.seed}/${label}`,
    });
    for (const agent of this.#agents.values()) sorter.addAgent(agent.id, agent.total);
    return sorter;
  }

  /** Makes the role known to the role sorter and the framework known to the role's sorter. */
  #track(frameworkId: string, role: string): void {
    const state = this.#framework('track', frameworkId);
    if (state.tracked.has(role)) return;
    let sorter = this.#frameworkSorters.get(role);
    if (sorter === undefined) {
      this.#roleSorter.add(role);
      this.#roleSorter.activate(role);
      sorter = this.#newSorter(this.#config.frameworkSorter, `role/${role}`);
      this.#frameworkSorters.set(role, sorter);
      this.#roleFrameworks.set(role, new Set());
    }
    sorter.add(frameworkId);
    state.tracked.add(role);
    this.#roleFrameworks.get(role)?.add(frameworkId);
  }

  /**
   * Forgets the framework in a role it no longer subscribes to once it holds nothing there; a role
   * whose last framework goes leaves the role sorter (its allocation count starts again at 0).
   */
  #tryUntrack(frameworkId: string, role: string): void {
    const state = this.#frameworks.get(frameworkId);
    const sorter = this.#frameworkSorters.get(role);
    if (state === undefined || sorter === undefined || !state.tracked.has(role) || state.roles.includes(role)) return;
    if (sorter.allocation(frameworkId).size > 0) return;
    sorter.remove(frameworkId);
    state.tracked.delete(role);
    const frameworks = this.#roleFrameworks.get(role);
    frameworks?.delete(frameworkId);
    if (frameworks !== undefined && frameworks.size === 0) {
      this.#roleSorter.remove(role);
      this.#frameworkSorters.delete(role);
      this.#roleFrameworks.delete(role);
    }
  }

  /** A framework is active in a role's sorter iff it is active and not suppressed there. */
  #syncActivity(frameworkId: string): void {
    const state = this.#framework('syncActivity', frameworkId);
    for (const role of state.tracked) {
      const sorter = this.#frameworkSorters.get(role);
      if (sorter === undefined) continue;
      if (state.roles.includes(role) && state.active && !state.suppressed.has(role)) sorter.activate(frameworkId);
      else sorter.deactivate(frameworkId);
    }
  }

  /** Tells the sorters of resources the agent's books already give the (known) framework. */
  #trackAllocation(agent: AgentState, frameworkId: string, role: string, resources: Resources): void {
    if (isEmptyResources(resources)) return;
    this.#track(frameworkId, role);
    this.#roleSorter.allocated(role, agent.id, resources);
    this.#frameworkSorters.get(role)?.allocated(frameworkId, agent.id, resources);
  }

  /** Takes resources back from a holder; the sorters learn of what it really held (known frameworks). */
  #untrack(
    agent: AgentState,
    frameworkId: string,
    role: string,
    resources: Resources,
    reserved?: ReadonlyMap<string, Resources>,
    ranges?: NonScalarResources,
    wholeDiskIds?: readonly string[],
  ): RecoveredParts {
    const recovered = agent.recover(frameworkId, role, resources, reserved, ranges, wholeDiskIds);
    if (isEmptyResources(recovered.total) || !this.#frameworks.get(frameworkId)?.tracked.has(role)) return recovered;
    this.#roleSorter.unallocated(role, agent.id, recovered.total);
    this.#frameworkSorters.get(role)?.unallocated(frameworkId, agent.id, recovered.total);
    return recovered;
  }

  #agent(call: string, agentId: string): AgentState {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) throw new Error(`${call}: unknown agent "${agentId}"`);
    return agent;
  }

  #framework(call: string, frameworkId: string): FrameworkState {
    const state = this.#frameworks.get(frameworkId);
    if (state === undefined) throw new Error(`${call}: unknown framework "${frameworkId}"`);
    return state;
  }
}

const NO_RESERVATIONS: ReadonlyMap<string, Resources> = new Map();

/**
 * What an offer carries beside its amounts: its reserved parts (reservation role → resources) and
 * its range resources (ports).
 *
 * @example
 * ```ts
 * const [details]: readonly OfferDetails[] = allocator.lastRunDetails();
 * details?.reserved.get('role1'); // the part reserved to role1, if any
 * details?.ranges['ports'];       // [[31000, 32000]]
 * ```
 */
export interface OfferDetails {
  readonly reserved: ReadonlyMap<string, Resources>;
  readonly ranges: NonScalarResources;
  /** The whole (MOUNT) disks offered; their sizes are part of the offer's `disk`. */
  readonly whole: readonly WholeDisk[];
  /** The reservation stack (bottom first) of each refined reserved part. */
  readonly stacks: ReadonlyMap<string, readonly string[]>;
  /** Persistent volumes offered (a shared one's size is added to the offer; a regular one's is part of it). */
  readonly volumes: readonly PersistentVolume[];
  /** The revocable (oversubscribed) part of the offer, when it has one; part of its amounts. */
  readonly revocable?: Resources;
}

const NO_REVOCABLE: Resources = Object.freeze({});

const NO_INVERSE_OFFERS: readonly InverseOffer[] = Object.freeze([]);

const NO_STACKS: ReadonlyMap<string, readonly string[]> = new Map();

const NO_DETAILS: OfferDetails = {
  reserved: NO_RESERVATIONS,
  ranges: NO_RANGES,
  whole: NO_WHOLE_DISKS,
  stacks: NO_STACKS,
  volumes: [],
};

const NO_VOLUMES: readonly PersistentVolume[] = [];

const NO_SHARED_COPIES: readonly SharedResource[] = [];

/** The full reservation stacks of the refined reservations among these reserved parts. */
function reservationStacks(
  agent: AgentState,
  reserved: ReadonlyMap<string, Resources>,
): ReadonlyMap<string, readonly string[]> {
  if (agent.refinedFrom.size === 0) return NO_STACKS;
  const out = new Map<string, readonly string[]>();
  for (const role of reserved.keys()) {
    const below = agent.refinedFrom.get(role);
    if (below !== undefined) out.set(role, [...below, role]);
  }
  return out;
}

/** Throws unless `stack` is a reservation stack of `role`: bottom first, each role below the one before, ending with `role`. */
function checkStack(
  where: string,
  role: string,
  stack: readonly string[],
  reserved: Readonly<Record<string, Resources>>,
): void {
  if (!(role in reserved)) throw new RangeError(`${where}: "${role}" has no reservation in \`reserved\``);
  if (!Array.isArray(stack as unknown) || stack.length === 0 || stack[stack.length - 1] !== role)
    throw new RangeError(`${where}: a reservation stack is a list of roles, bottom first, ending with "${role}"`);
  for (let i = 1; i < stack.length; i++)
    if (!(stack[i] ?? '').startsWith(`${stack[i - 1]}/`))
      throw new RangeError(
        `${where}: "${stack[i]}" does not refine "${stack[i - 1]}"; a refined reservation is to a sub-role of the one below it`,
      );
}

/** Gives back the reserved MOUNT disks a holder holds that its reserved disk no longer covers. */
function releaseUncoveredMountDisks(agent: AgentState, frameworkId: string, role: string): void {
  const parts = agent.holdingParts().find((h) => h.frameworkId === frameworkId && h.role === role);
  const values = [...agent.holdings()].find(([fw, r]) => fw === frameworkId && r === role)?.[4];
  if (parts === undefined || values === undefined) return;
  const uncovered = uncoveredMountDisks(parts.reserved ?? NO_RESERVATIONS, values);
  if (uncovered !== undefined) agent.recover(frameworkId, role, {}, NO_RESERVATIONS, uncovered);
}

/** Role under which an agent records resources of a framework not added yet that named none. */
const UNKNOWN_ROLE = '';

/** Throws when an amount is negative or not a finite number, naming the call and the argument. */
function checkAmounts(call: string, argument: string, resources: Resources): void {
  for (const name in resources) {
    const amount = resources[name];
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
      throw new RangeError(`${call}: ${argument}: ${name} must be a finite amount ≥ 0, got ${String(amount)}`);
  }
}

function isResourceVector(value: unknown): value is Resources {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'number');
}
