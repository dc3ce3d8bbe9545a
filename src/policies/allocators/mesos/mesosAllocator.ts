import {
  addResources,
  isEmptyResources,
  minResources,
  subtractClamped,
  withoutDimensions,
  type Resources,
} from '../../../core/cluster/resources.ts';
import type {
  AgentInfo,
  AllocationRun,
  Allocator,
  AllocatorContext,
  OfferDecision,
  OperatorOperation,
} from '../../../core/plugins/allocator.ts';
import type { AllocatorView } from '../../../core/plugins/allocatorView.ts';
import type { Sorter } from '../../../core/plugins/sorter.ts';
import { meetsMinAllocatable, type MinAllocatable } from '../minAllocatable.ts';
import { createOfferFilters, type OfferFilters } from '../offerFilters.ts';
import { AgentState } from './agentState.ts';
import { capResources, QuotaRun, type Quota } from './quota.ts';
import { createSorterByName, type SorterName } from './sorterFactory.ts';

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
  readonly role: string;
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
  /** Per-role minimum allocatable size, overriding the global one. */
  readonly minAllocatable?: Readonly<Record<string, MinAllocatable>>;
  readonly suppressedRoles?: readonly string[];
  /** Per agent: what it already holds there (as when a framework re-registers). */
  readonly used?: Readonly<Record<string, Resources | Readonly<Record<string, Resources>>>>;
}

interface FrameworkState {
  roles: readonly string[];
  active: boolean;
  readonly suppressed: Set<string>;
  readonly gpuCapable: boolean;
  minAllocatable: Readonly<Record<string, MinAllocatable>>;
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
  readonly #quotas = new Map<string, Quota>();
  readonly #filters: OfferFilters;
  #whitelist: ReadonlySet<string> | undefined;

  constructor(config: MesosAllocatorConfig, context: AllocatorContext) {
    this.#config = config;
    this.#context = context;
    this.#roleSorter = this.#newSorter(config.roleSorter, 'roles');
    this.#filters = createOfferFilters(context.allocationInterval);
  }

  // ── agents ────────────────────────────────────────────────────────────────

  addAgent(agentId: string, info: AgentInfo & { readonly used?: readonly UsedResources[] }): void {
    if (this.#agents.has(agentId)) throw new Error(`agent "${agentId}" is already added`);
    const agent = new AgentState(
      agentId,
      info.resources,
      info.attributes,
      new Map(Object.entries(info.reserved ?? {})),
    );
    this.#agents.set(agentId, agent);
    this.#roleSorter.addAgent(agentId, info.resources);
    for (const sorter of this.#frameworkSorters.values()) sorter.addAgent(agentId, info.resources);
    // Resources of a framework not known yet are counted when it registers (and says it uses them).
    for (const used of info.used ?? []) {
      if (this.#frameworks.has(used.frameworkId))
        this.#allocateUsed(agent, used.frameworkId, used.role, used.resources);
    }
    this.#context.requestAllocation(agentId);
  }

  removeAgent(agentId: string): void {
    const agent = this.#agent(agentId);
    for (const [frameworkId, role, , held] of [...agent.holdings()]) this.#untrack(agent, frameworkId, role, held);
    this.#roleSorter.removeAgent(agentId);
    for (const sorter of this.#frameworkSorters.values()) sorter.removeAgent(agentId);
    this.#filters.clearAgent(agentId);
    this.#agents.delete(agentId);
  }

  /** A new total for an agent (Mesos's updateSlave); triggers a run on it. */
  updateAgent(agentId: string, resources: Resources): void {
    const agent = this.#agent(agentId);
    agent.setTotal(resources);
    for (const sorter of [this.#roleSorter, ...this.#frameworkSorters.values()]) {
      sorter.removeAgent(agentId);
      sorter.addAgent(agentId, resources);
    }
    this.#context.requestAllocation(agentId);
  }

  /** New attributes for an agent; clears every decline filter on it and triggers a run on it. */
  updateAgentAttributes(agentId: string, attributes: Readonly<Record<string, string>>): void {
    this.#agent(agentId).attributes = attributes;
    this.#filters.clearAgent(agentId);
    this.#context.requestAllocation(agentId);
  }

  /** Only these agents are offered (undefined = all). */
  updateWhitelist(agentIds: readonly string[] | undefined): void {
    this.#whitelist = agentIds === undefined ? undefined : new Set(agentIds);
  }

  /** Reserves unheld unreserved resources on an agent to a role; false when they are not free. */
  reserve(agentId: string, role: string, resources: Resources): boolean {
    return this.#agent(agentId).reserve(role, resources);
  }

  /** Returns reserved, unheld resources to the unreserved pool; false when they are not. */
  unreserve(agentId: string, role: string, resources: Resources): boolean {
    return this.#agent(agentId).unreserve(role, resources);
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
    if (this.#frameworks.has(frameworkId)) throw new Error(`framework "${frameworkId}" is already added`);
    const state: FrameworkState = {
      roles: info.roles,
      active: info.active ?? true,
      suppressed: new Set(info.suppressedRoles ?? []),
      gpuCapable: info.gpuCapable ?? false,
      minAllocatable: info.minAllocatable ?? {},
    };
    this.#frameworks.set(frameworkId, state);
    for (const role of state.roles) this.#track(frameworkId, role);
    this.#syncActivity(frameworkId);
    for (const [agentId, used] of Object.entries(info.used ?? {})) {
      // Resources on an agent not known yet are counted when the agent is added.
      const agent = this.#agents.get(agentId);
      if (agent === undefined) continue;
      const byRole = isResourceVector(used) ? { [state.roles[0] ?? '*']: used } : used;
      for (const [role, resources] of Object.entries(byRole))
        this.#allocateUsed(agent, frameworkId, role, resources as Resources);
    }
    if (state.active) this.#context.requestAllocation('all');
  }

  removeFramework(frameworkId: string): void {
    const state = this.#framework(frameworkId);
    for (const agent of this.#agents.values()) {
      for (const [fw, role, , held] of [...agent.holdings()])
        if (fw === frameworkId) this.#untrack(agent, fw, role, held);
    }
    for (const role of state.roles) this.#frameworkSorters.get(role)?.remove(frameworkId);
    this.#frameworks.delete(frameworkId);
    this.#filters.clear(frameworkId);
  }

  activateFramework(frameworkId: string): void {
    this.#framework(frameworkId).active = true;
    this.#syncActivity(frameworkId);
    this.#context.requestAllocation('all');
  }

  /** Deactivating clears the framework's filters; its allocations still count. */
  deactivateFramework(frameworkId: string): void {
    this.#framework(frameworkId).active = false;
    this.#syncActivity(frameworkId);
    this.#filters.clear(frameworkId);
  }

  /** Stops offers to the framework in these roles (all when undefined). Does not trigger a run. */
  suppress(frameworkId: string, roles?: readonly string[]): void {
    const state = this.#framework(frameworkId);
    for (const role of roles ?? state.roles) state.suppressed.add(role);
    this.#syncActivity(frameworkId);
  }

  /** Clears the roles' filters, resumes offers and triggers a run (all roles when undefined). */
  revive(frameworkId: string, roles?: readonly string[]): void {
    const state = this.#framework(frameworkId);
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
    const state = this.#framework(frameworkId);
    if (update.roles !== undefined) {
      for (const role of update.roles) if (!state.roles.includes(role)) this.#track(frameworkId, role);
      for (const role of state.roles) {
        if (update.roles.includes(role)) continue;
        // A role the framework leaves keeps counting what the framework still holds in it.
        const holds = [...this.#agents.values()].some((a) => !isEmptyResources(a.heldBy(frameworkId, role)));
        if (holds) this.#frameworkSorters.get(role)?.deactivate(frameworkId);
        else this.#frameworkSorters.get(role)?.remove(frameworkId);
      }
      state.roles = update.roles;
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
  ): void {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) return;
    const recovered = agent.recover(frameworkId, role, resources);
    if (!isEmptyResources(recovered)) {
      this.#roleSorter.unallocated(role, agentId, recovered);
      this.#frameworkSorters.get(role)?.unallocated(frameworkId, agentId, recovered);
    }
    if (refuseSeconds !== undefined && this.#frameworks.has(frameworkId)) {
      this.#filters.add(frameworkId, role, agentId, resources, refuseSeconds, this.#context.now());
    }
  }

  /** Operator operations during a simulation (all four are supported). */
  operate(operation: OperatorOperation): boolean {
    switch (operation.op) {
      case 'update-weight':
        this.updateWeight(operation.role, operation.weight);
        return true;
      case 'update-quota':
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
  }

  /** Sets (or with empty guarantees and limits, clears) a top-level role's quota; no trigger. */
  updateQuota(role: string, quota: { readonly guarantees?: Resources; readonly limits?: Resources }): void {
    if (role.includes('/')) throw new RangeError(`quota is set on top-level roles; "${role}" is nested`);
    const guarantees = quota.guarantees ?? {};
    const limits = quota.limits ?? {};
    if (isEmptyResources(guarantees) && Object.keys(limits).length === 0) this.#quotas.delete(role);
    else this.#quotas.set(role, { guarantees, limits });
  }

  /** A role's share as its sorter computes it (weighted dominant share for DRF). */
  roleShare(role: string): number {
    return this.#roleSorter.share(role);
  }

  /** Decline filters now in force for a role. */
  activeOfferFilters(role: string): { frameworkId: string; agentId: string; expiresAt: number }[] {
    return this.#filters.active(role, this.#context.now());
  }

  // ── allocation ────────────────────────────────────────────────────────────

  allocate({ agentIds, batch }: AllocationRun): OfferDecision[] {
    if (batch) this.#filters.batchRunStarted();
    const candidates = (agentIds ?? [...this.#agents.keys()]).filter(
      (id) => this.#agents.has(id) && (this.#whitelist === undefined || this.#whitelist.has(id)),
    );
    this.#context.rng.shuffle(candidates);
    const quota = new QuotaRun(this.#quotas, this.#agents.values());
    const decisions: OfferDecision[] = [];
    if ([...this.#quotas.values()].some((q) => !isEmptyResources(q.guarantees)))
      this.#stage(candidates, quota, true, batch, decisions);
    this.#stage(candidates, quota, false, batch, decisions);
    return decisions;
  }

  #stage(
    candidates: readonly string[],
    quota: QuotaRun,
    guaranteeStage: boolean,
    batch: boolean,
    decisions: OfferDecision[],
  ): void {
    const now = this.#context.now();
    for (const agentId of candidates) {
      const agent = this.#agents.get(agentId) as AgentState;
      if (agent.fullyHeld) continue;
      // Role order is computed once per agent; sorters learn of each offer as it is made.
      roles: for (const role of this.#roleSorter.sort()) {
        if (guaranteeStage && !quota.belowGuarantee(role)) continue;
        const sorter = this.#frameworkSorters.get(role);
        if (sorter === undefined) continue;
        for (const frameworkId of sorter.sort()) {
          const decision = this.#offerFor(frameworkId, role, agent, quota, guaranteeStage, now, batch);
          if (decision === undefined) continue;
          decisions.push(decision);
          if (agent.fullyHeld) break roles; // nothing left here for anyone
        }
      }
    }
  }

  #offerFor(
    frameworkId: string,
    role: string,
    agent: AgentState,
    quota: QuotaRun,
    guaranteeStage: boolean,
    now: number,
    batch: boolean,
  ): OfferDecision | undefined {
    const framework = this.#frameworks.get(frameworkId);
    if (framework === undefined || !framework.active || framework.suppressed.has(role)) return undefined;
    if (this.#config.filterGpuResources && agent.hasGpus && !framework.gpuCapable) return undefined;
    const available = agent.availableFor(role);
    const gpus = framework.gpuCapable;
    let unreserved = gpus ? available.unreserved : withoutGpus(available.unreserved);
    if (guaranteeStage) unreserved = capResources(unreserved, quota.guaranteeCaps(role));
    unreserved = quota.unreservedAllowance(role, unreserved);
    const reserved = available.reserved.size === 0 ? NO_RESERVATIONS : new Map<string, Resources>();
    let offer = unreserved;
    for (const [owner, amount] of available.reserved) {
      const part = gpus ? amount : withoutGpus(amount);
      if (isEmptyResources(part)) continue;
      (reserved as Map<string, Resources>).set(owner, part);
      offer = addResources(offer, part);
    }
    if (isEmptyResources(offer)) return undefined;
    if (!meetsMinAllocatable(offer, framework.minAllocatable[role] ?? this.#config.minAllocatable)) return undefined;
    if (this.#filters.blocks(frameworkId, role, agent.id, offer, now, batch)) return undefined;
    agent.allocate(frameworkId, role, reserved, unreserved);
    this.#roleSorter.allocated(role, agent.id, offer);
    this.#frameworkSorters.get(role)?.allocated(frameworkId, agent.id, offer);
    quota.record(role, unreserved);
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
    let sorter = this.#frameworkSorters.get(role);
    if (sorter === undefined) {
      this.#roleSorter.add(role);
      this.#roleSorter.activate(role);
      sorter = this.#newSorter(this.#config.frameworkSorter, `role/${role}`);
      this.#frameworkSorters.set(role, sorter);
    }
    sorter.add(frameworkId);
  }

  /** A framework is active in a role's sorter iff it is active and not suppressed there. */
  #syncActivity(frameworkId: string): void {
    const state = this.#framework(frameworkId);
    for (const role of state.roles) {
      const sorter = this.#frameworkSorters.get(role);
      if (sorter === undefined) continue;
      if (state.active && !state.suppressed.has(role)) sorter.activate(frameworkId);
      else sorter.deactivate(frameworkId);
    }
  }

  #allocateUsed(agent: AgentState, frameworkId: string, role: string, resources: Resources): void {
    const available = agent.availableFor(role);
    const reserved = new Map<string, Resources>();
    let rest = resources;
    for (const [owner, amount] of available.reserved) {
      const part = minResources(rest, amount);
      reserved.set(owner, part);
      rest = subtractClamped(rest, part);
    }
    agent.allocate(frameworkId, role, reserved, rest);
    this.#roleSorter.allocated(role, agent.id, resources);
    this.#frameworkSorters.get(role)?.allocated(frameworkId, agent.id, resources);
  }

  #untrack(agent: AgentState, frameworkId: string, role: string, held: Resources): void {
    agent.recover(frameworkId, role, held);
    this.#roleSorter.unallocated(role, agent.id, held);
    this.#frameworkSorters.get(role)?.unallocated(frameworkId, agent.id, held);
  }

  #agent(agentId: string): AgentState {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) throw new Error(`unknown agent "${agentId}"`);
    return agent;
  }

  #framework(frameworkId: string): FrameworkState {
    const state = this.#frameworks.get(frameworkId);
    if (state === undefined) throw new Error(`unknown framework "${frameworkId}"`);
    return state;
  }
}

const NO_RESERVATIONS: ReadonlyMap<string, Resources> = new Map();

/** The vector without GPUs (for frameworks that cannot use them). */
function withoutGpus(resources: Resources): Resources {
  return 'gpus' in resources ? withoutDimensions(resources, ['gpus']) : resources;
}

function isResourceVector(value: unknown): value is Resources {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'number');
}
