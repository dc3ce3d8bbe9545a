import type { Resources } from '../cluster/resources.ts';
import type { Topology } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { Micros } from '../kernel/time.ts';
import type { PluginDefinition } from './definition.ts';
import type { AllocatorView } from './allocatorView.ts';

/**
 * What the allocator is told about an agent when it joins.
 *
 * @example
 * ```ts
 * const info: AgentInfo = { resources: { cpus: 8, mem: 16384 }, attributes: { hostname: 'm1', rack: 'r1' },
 *   reserved: { web: { cpus: 2 } } };
 * allocator.addAgent('m1', info);
 * ```
 */
export interface AgentInfo {
  readonly resources: Resources;
  readonly attributes: Readonly<Record<string, string>>;
  /** Resources reserved to roles (role → resources), part of `resources`. */
  readonly reserved?: Readonly<Record<string, Resources>>;
  /**
   * Resources already in use on it by frameworks (an agent re-registering with running tasks);
   * without a role, in the framework's first role.
   */
  readonly used?: readonly { readonly frameworkId: string; readonly role?: string; readonly resources: Resources }[];
}

/**
 * What the allocator is told about a framework when it registers.
 *
 * @example
 * ```ts
 * const info: FrameworkInfo = { roles: ['batch'], active: true, gpuCapable: false };
 * allocator.addFramework('spark', info);
 * ```
 */
export interface FrameworkInfo {
  readonly roles: readonly string[];
  readonly active: boolean;
  /** The framework can use GPU agents (Mesos's GPU_RESOURCES capability). */
  readonly gpuCapable?: boolean;
  /** Per-role minimum allocatable size (alternatives), overriding the allocator's. */
  readonly minAllocatable?: Readonly<Record<string, readonly Resources[]>>;
}

/**
 * Operator operations an allocator may support during a run (named in scenario `operations`).
 *
 * @example
 * ```ts
 * const op: OperatorOperation = { op: 'update-weight', role: 'web', weight: 2 };
 * allocator.operate?.(op); // true when applied
 * ```
 */
export type OperatorOperation =
  | { readonly op: 'update-weight'; readonly role: string; readonly weight: number }
  | { readonly op: 'update-quota'; readonly role: string; readonly guarantees: Resources; readonly limits: Resources }
  | { readonly op: 'reserve'; readonly agent: string; readonly role: string; readonly resources: Resources }
  | { readonly op: 'unreserve'; readonly agent: string; readonly role: string; readonly resources: Resources };

/**
 * An allocation decision: offer `resources` on `agentId` to a framework in a role.
 *
 * @example
 * ```ts
 * const decision: OfferDecision = { frameworkId: 'spark', role: 'batch', agentId: 'std-0', resources: { cpus: 4 } };
 * ```
 */
export interface OfferDecision {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  readonly resources: Resources;
}

/**
 * The master preempted tasks on `agentId` so that a waiting framework's task fits there: until
 * `until`, the first allocation run covering that agent in which `resources` are available there
 * offers the agent's available resources to that framework first (decline filters aside).
 *
 * @example
 * ```ts
 * const claim: PreemptionClaim = { frameworkId: 'web', role: 'prod', agentId: 'std-0', resources: { cpus: 2 }, until: secondsToMicros(60) };
 * allocator.claim?.(claim);
 * ```
 */
export interface PreemptionClaim {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  readonly resources: Resources;
  readonly until: Micros;
}

/**
 * One allocation run: which agents to consider, and whether it is the periodic batch run.
 *
 * @example
 * ```ts
 * const run: AllocationRun = { agentIds: ['std-0'], batch: false }; // triggered by one agent
 * const decisions = allocator.allocate(run);
 * ```
 */
export interface AllocationRun {
  /** Agents to consider, in order; undefined = every agent. */
  readonly agentIds: readonly string[] | undefined;
  /** True for the run every allocation interval; false for an event-triggered run. */
  readonly batch: boolean;
}

/**
 * What an allocator can read from the simulation (never change).
 *
 * @example
 * ```ts
 * const context: AllocatorContext = { now: () => 0, topology: buildTopology(['r1'], []), rng: createRng(1).fork('allocator'),
 *   allocationInterval: secondsToMicros(1), requestAllocation: () => {} };
 * const allocator = drfAllocator.create(drfAllocator.options.parse({}), context);
 * ```
 */
export interface AllocatorContext {
  /** Current simulated time. */
  now(): Micros;
  readonly topology: Topology;
  /** The allocator's own random stream. */
  readonly rng: Rng;
  /** The master's batch allocation interval. */
  readonly allocationInterval: Micros;
  /**
   * Asks for an extra allocation run at the current time, over one agent (its id) or all of them (`'all'`). Requests
   * pending together merge into one run (Mesos triggers runs this way when a framework is added,
   * activated or revives, and when an agent is added or changes).
   */
  requestAllocation(agentId: string): void;
}

/**
 * The allocator plugin, fed events by the master as Mesos's allocator is. The master owns the
 * machines' ledgers and validates every {@link OfferDecision}; the allocator keeps its own view of
 * what is allocated (offered resources count as allocated until recovered), its filters and its
 * sorters. The master calls {@link Allocator.allocate} every allocation interval, and at once when
 * the allocator asks for a run through {@link AllocatorContext.requestAllocation}.
 *
 * @example
 * ```ts
 * const offers = allocator.allocate({ agentIds: undefined, batch: true }); // every agent
 * ```
 */
export interface Allocator {
  addAgent(agentId: string, info: AgentInfo): void;
  removeAgent(agentId: string): void;
  addFramework(frameworkId: string, info: FrameworkInfo): void;
  removeFramework(frameworkId: string): void;
  activateFramework(frameworkId: string): void;
  deactivateFramework(frameworkId: string): void;
  /** Stops offers to the framework's roles (all when `roles` is undefined). */
  suppress(frameworkId: string, roles?: readonly string[]): void;
  /** Clears the roles' filters and resumes offers (all roles when undefined). */
  revive(frameworkId: string, roles?: readonly string[]): void;
  /**
   * Resources come back from a framework (declined, unused part of an accept, task ended,
   * rescinded). With `refuseSeconds` a decline filter is installed; undefined installs none.
   */
  recoverResources(
    frameworkId: string,
    agentId: string,
    role: string,
    resources: Resources,
    refuseSeconds: number | undefined,
  ): void;
  /** One allocation run → offers to make. */
  allocate(run: AllocationRun): OfferDecision[];
  /**
   * Applies an operator operation (see {@link AllocatorPlugin} `operations` for which ones an
   * allocator supports). Returns false when it cannot be done now (e.g. the resources to reserve
   * are not free); the run logs the outcome.
   */
  operate?(operation: OperatorOperation): boolean;
  /**
   * Told whenever a framework's count of tasks waiting for resources changes. Mesos's allocator
   * does not see this (frameworks signal demand only by suppress and revive); a monolithic
   * scheduler, which sees every job, does.
   */
  pendingChanged?(frameworkId: string, pendingTasks: number): void;
  /** A read-only snapshot of the allocator's books, for invariant checks (optional). */
  inspect?(): AllocatorView;
  /**
   * The master freed resources on an agent for a waiting framework by preemption: offer them to
   * it first (an allocator without this method offers them as it would any freed resources).
   */
  claim?(claim: PreemptionClaim): void;
}

/**
 * A named allocator policy: its option schema, a factory giving a fresh instance per run, and the
 * operator operations its instances support.
 *
 * @example
 * ```ts
 * const plugin: AllocatorPlugin<{}> = {
 *   name: 'mine', description: 'my policy', options: z.strictObject({}),
 *   operations: ['update-weight'],
 *   create: (_options, context) => drfAllocator.create(drfAllocator.options.parse({}), context),
 * };
 * ```
 */
export type AllocatorPlugin<Options = unknown> = PluginDefinition<Options, AllocatorContext, Allocator> & {
  readonly operations?: readonly OperatorOperation['op'][];
};
