import { addResources, isEmptyResources, subtractClamped, type Resources } from '../../core/cluster/resources.ts';
import type { AgentInfo, AllocatorContext, FrameworkInfo } from '../../core/plugins/allocator.ts';
import type { AllocatorView } from '../../core/plugins/allocatorView.ts';
import { createOfferFilters, type OfferFilters } from './offerFilters.ts';

/**
 * The allocator's view of an agent.
 *
 * @example
 * ```ts
 * const book = new AllocatorBook(context);
 * book.addAgent('m1', { resources: { cpus: 4 }, attributes: {} });
 * const agent: AgentBook | undefined = book.agents.get('m1');
 * agent?.available; // { cpus: 4 }
 * ```
 */
export interface AgentBook {
  readonly total: Resources;
  readonly attributes: Readonly<Record<string, string>>;
  /** Offered or in use, per framework (offers count as allocated until recovered). */
  readonly allocatedBy: Map<string, Resources>;
  allocated: Resources;
  /** total − allocated, kept up to date (allocation runs read it for every agent, every second). */
  available: Resources;
  /** Resources reserved to roles (part of `total`). */
  readonly reserved: ReadonlyMap<string, Resources>;
  /** Offered or in use, per framework and role (only kept on agents with reservations). */
  readonly allocatedByRole: Map<string, Map<string, Resources>>;
}

/**
 * The allocator's view of a framework.
 *
 * @example
 * ```ts
 * book.addFramework('spark', { roles: ['batch'], active: true });
 * book.suppress('spark');
 * const framework: FrameworkBook | undefined = book.frameworks.get('spark');
 * framework?.suppressed.has('batch'); // true
 * ```
 */
export interface FrameworkBook {
  roles: readonly string[];
  active: boolean;
  readonly suppressed: Set<string>;
  readonly gpuCapable: boolean;
}

/**
 * The bookkeeping every offer-based allocator shares: agents' totals and what is allocated on
 * them, frameworks' activity and suppressed roles, and decline filters. Policies build on it and
 * add their own `allocate`.
 *
 * @example
 * ```ts
 * const book = new AllocatorBook(context);
 * book.addAgent('m1', { resources: { cpus: 4 }, attributes: {} });
 * book.available('m1'); // { cpus: 4 }
 * ```
 */
export class AllocatorBook {
  readonly agents = new Map<string, AgentBook>();
  readonly frameworks = new Map<string, FrameworkBook>();
  readonly filters: OfferFilters;
  readonly context: AllocatorContext;

  constructor(context: AllocatorContext) {
    this.context = context;
    this.filters = createOfferFilters(context.allocationInterval);
  }

  addAgent(agentId: string, info: AgentInfo): void {
    if (this.agents.has(agentId)) throw new Error(`agent "${agentId}" is already known`);
    this.agents.set(agentId, {
      total: info.resources,
      attributes: info.attributes,
      allocatedBy: new Map(),
      allocated: {},
      available: info.resources,
      reserved: new Map(Object.entries(info.reserved ?? {}).filter(([, r]) => !isEmptyResources(r))),
      allocatedByRole: new Map(),
    });
    for (const used of info.used ?? [])
      if (this.frameworks.has(used.frameworkId))
        this.allocate(
          used.frameworkId,
          agentId,
          used.resources,
          used.role ?? this.frameworks.get(used.frameworkId)?.roles[0],
        );
    this.context.requestAllocation(agentId);
  }

  removeAgent(agentId: string): void {
    this.agents.delete(agentId);
    this.filters.clearAgent(agentId);
  }

  addFramework(frameworkId: string, info: FrameworkInfo): void {
    if (this.frameworks.has(frameworkId)) throw new Error(`framework "${frameworkId}" is already known`);
    this.frameworks.set(frameworkId, {
      roles: info.roles,
      active: info.active,
      suppressed: new Set(),
      gpuCapable: info.gpuCapable ?? false,
    });
    if (info.active) this.context.requestAllocation('all');
  }

  removeFramework(frameworkId: string): void {
    this.frameworks.delete(frameworkId);
    this.filters.clear(frameworkId);
    for (const agent of this.agents.values()) {
      const held = agent.allocatedBy.get(frameworkId);
      if (held === undefined) continue;
      agent.allocatedBy.delete(frameworkId);
      agent.allocatedByRole.delete(frameworkId);
      this.#setAllocated(agent, subtractClamped(agent.allocated, held));
    }
  }

  activateFramework(frameworkId: string): void {
    this.#framework(frameworkId).active = true;
    this.context.requestAllocation('all');
  }

  /** Deactivating clears the framework's filters; its allocations still count. */
  deactivateFramework(frameworkId: string): void {
    this.#framework(frameworkId).active = false;
    this.filters.clear(frameworkId);
  }

  suppress(frameworkId: string, roles?: readonly string[]): void {
    const framework = this.#framework(frameworkId);
    for (const role of roles ?? framework.roles) framework.suppressed.add(role);
  }

  /** Reviving clears the roles' filters and un-suppresses them. */
  revive(frameworkId: string, roles?: readonly string[]): void {
    const framework = this.#framework(frameworkId);
    for (const role of roles ?? framework.roles) framework.suppressed.delete(role);
    this.filters.clear(frameworkId, roles);
    this.context.requestAllocation('all');
  }

  /** Resources come back; with `refuseSeconds` > 0 a decline filter is installed. */
  recoverResources(
    frameworkId: string,
    agentId: string,
    role: string,
    resources: Resources,
    refuseSeconds: number | undefined,
  ): void {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return;
    const held = agent.allocatedBy.get(frameworkId) ?? {};
    agent.allocatedBy.set(frameworkId, subtractClamped(held, resources));
    const byRole = agent.allocatedByRole.get(frameworkId);
    const inRole = byRole?.get(role);
    if (byRole !== undefined && inRole !== undefined) byRole.set(role, subtractClamped(inRole, resources));
    this.#setAllocated(agent, subtractClamped(agent.allocated, resources));
    if (refuseSeconds !== undefined && this.frameworks.has(frameworkId)) {
      this.filters.add(frameworkId, role, agentId, resources, refuseSeconds, this.context.now());
    }
  }

  /** Records an offer made by the policy, to the framework in `role`. */
  allocate(frameworkId: string, agentId: string, resources: Resources, role: string | undefined): void {
    const agent = this.agents.get(agentId);
    if (agent === undefined) throw new Error(`unknown agent "${agentId}"`);
    agent.allocatedBy.set(frameworkId, addResources(agent.allocatedBy.get(frameworkId) ?? {}, resources));
    if (agent.reserved.size > 0 && role !== undefined) {
      let byRole = agent.allocatedByRole.get(frameworkId);
      if (byRole === undefined) agent.allocatedByRole.set(frameworkId, (byRole = new Map<string, Resources>()));
      byRole.set(role, addResources(byRole.get(role) ?? {}, resources));
    }
    this.#setAllocated(agent, addResources(agent.allocated, resources));
  }

  /** What is still unallocated on an agent. */
  available(agentId: string): Resources {
    return this.agents.get(agentId)?.available ?? {};
  }

  /**
   * What a role may be offered on an agent: the unallocated resources less the parts of other
   * roles' reservations their holders do not use (a role may use its own reservations and its
   * ancestors'). Nobody else is ever offered resources reserved to a role.
   */
  availableFor(agentId: string, role: string): Resources {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return {};
    if (agent.reserved.size === 0) return agent.available;
    let out = agent.available;
    for (const [owner, reservation] of agent.reserved) {
      if (role === owner || role.startsWith(`${owner}/`)) continue;
      // What the owner and its sub-roles hold here counts against its reservation first.
      let held: Resources = {};
      for (const byRole of agent.allocatedByRole.values())
        for (const [r, amount] of byRole)
          if (r === owner || r.startsWith(`${owner}/`)) held = addResources(held, amount);
      out = subtractClamped(out, subtractClamped(reservation, held));
    }
    return out;
  }

  /** A read-only snapshot of the books (see {@link AllocatorView}); roles are not tracked here. */
  inspect(): AllocatorView {
    const agents = new Map(
      [...this.agents].map(([id, agent]) => [
        id,
        {
          total: agent.total,
          holdings: [...agent.allocatedBy].map(([frameworkId, resources]) => ({ frameworkId, resources })),
        },
      ]),
    );
    return { agents };
  }

  #setAllocated(agent: AgentBook, allocated: Resources): void {
    agent.allocated = allocated;
    agent.available = subtractClamped(agent.total, allocated);
  }

  /** The framework's roles that may receive offers now (active and not suppressed). */
  offerableRoles(frameworkId: string): readonly string[] {
    const framework = this.frameworks.get(frameworkId);
    if (framework === undefined || !framework.active) return [];
    if (framework.suppressed.size === 0) return framework.roles;
    return framework.roles.filter((role) => !framework.suppressed.has(role));
  }

  #framework(frameworkId: string): FrameworkBook {
    const framework = this.frameworks.get(frameworkId);
    if (framework === undefined) throw new Error(`unknown framework "${frameworkId}"`);
    return framework;
  }
}
