import type { Resources } from '../cluster/resources.ts';
import type { Topology } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { PluginDefinition } from './definition.ts';
import type { Job } from './workload.ts';

/**
 * An offer as a framework sees it.
 *
 * @example
 * ```ts
 * const declineAll = (offers: readonly OfferView[]): FrameworkAction[] =>
 *   offers.map((o) => ({ kind: 'decline', offerId: o.offerId, refuseSeconds: o.attributes['rack'] === 'r1' ? 60 : 5 }));
 * ```
 */
export interface OfferView {
  readonly offerId: string;
  readonly agentId: string;
  readonly role: string;
  readonly resources: Resources;
  /** The agent's attributes (hostname, rack, …). */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * Revocable resources (oversubscribed: allocated to other tasks but unused, offered only to
   * frameworks with the REVOCABLE_RESOURCES capability). Tasks launched on them are killed —
   * status `lost`, reason `REASON_CONTAINER_PREEMPTED` — when the agent needs them back.
   */
  readonly revocable?: true;
}

/**
 * A task to start from an offer.
 *
 * @example
 * ```ts
 * const launch: TaskLaunch = { taskId: 't1', resources: { cpus: 1, mem: 512 }, durationSeconds: 60, jobId: 'job-1' };
 * const accept: FrameworkAction = { kind: 'accept', offerId: offer.offerId, launches: [launch] };
 * ```
 */
export interface TaskLaunch {
  /** Unique among this framework's tasks that are not yet ended. */
  readonly taskId: string;
  readonly resources: Resources;
  /** Seconds of work; undefined = runs until killed (a service). */
  readonly durationSeconds?: number;
  /** The job it belongs to, for per-job metrics. */
  readonly jobId?: string;
  /** Simulated second since which the task was ready to run (for wait-time metrics). */
  readonly readySinceSeconds?: number;
  /**
   * What the task actually uses while it runs (default: its allocation). It may differ from the
   * allocation: a service's use follows its load, and a bad actor uses more than it asked for —
   * see the master's isolation setting for what happens then. `durationSeconds` is the work at
   * full speed, i.e. when it gets all the CPU it uses.
   */
  readonly usage?: Resources;
  /**
   * Seconds between a kill and the task's end (Marathon's `taskKillGracePeriodSeconds`); default 0:
   * the task exits as soon as it is signalled. Without a grace period Mesos's executor escalates
   * SIGTERM to SIGKILL after 3 s (`EXECUTOR_SIGNAL_ESCALATION_TIMEOUT`): a task that ignores
   * SIGTERM needs 3 here.
   */
  readonly killGraceSeconds?: number;
  /**
   * Seconds from the launch until the task runs (default 0): the task is STAGING meanwhile —
   * dependencies fetched, image pulled, container set up — and holds its resources, but does no
   * work; then the framework hears `starting` and `running`.
   */
  readonly startupSeconds?: number;
  /** The application or job group it belongs to, for per-app metrics. */
  readonly appId?: string;
  /**
   * How the task ends when its work is done: `finished` (default) or `failed` — a task that
   * crashes after `durationSeconds` (failure models of workloads and cron jobs).
   */
  readonly outcome?: 'finished' | 'failed';
}

/**
 * Phases of a service deployment, as reported by frameworks.
 *
 * @example
 * ```ts
 * const phase: DeploymentPhase = 'canary-partial';
 * ```
 */
export type DeploymentPhase = 'started' | 'canary-isolated' | 'canary-partial' | 'rolling' | 'finished' | 'rolled-back';

/**
 * Facts a framework reports about its own world, logged for metrics: services (desired
 * instances, health, traffic, deployments) and scheduled job runs. The core logs them; metrics
 * turn them into availability, request and deadline figures.
 *
 * @example
 * ```ts
 * const fact: FrameworkFact = { fact: 'instance-health', appId: 'web', taskId: 'web.1', healthy: true };
 * const action: FrameworkAction = { kind: 'report', fact };
 * ```
 */
export type FrameworkFact =
  | { readonly fact: 'app'; readonly appId: string; readonly desired: number; readonly version: string }
  | { readonly fact: 'instance-health'; readonly appId: string; readonly taskId: string; readonly healthy: boolean }
  /** A stateful instance, up and healthy, started (or finished) recovering its data: it serves once finished. */
  | {
      readonly fact: 'instance-recovery';
      readonly appId: string;
      readonly taskId: string;
      readonly phase: 'started' | 'finished';
    }
  /** The instance taking writes of a primary/replica app; null while there is none (not writable). */
  | { readonly fact: 'primary'; readonly appId: string; readonly taskId: string | null }
  | {
      readonly fact: 'traffic';
      readonly appId: string;
      /** Requests per second arriving from now on (until the app's next traffic fact). */
      readonly demandRps: number;
      /** Served at full quality. */
      readonly servedRps: number;
      /** Served but degraded: demand above the healthy instances' capacity. */
      readonly degradedRps: number;
      /** Failed: no healthy reachable instance, or errors of a bad version. */
      readonly failedRps: number;
    }
  | {
      readonly fact: 'deployment';
      readonly appId: string;
      readonly deploymentId: string;
      readonly phase: DeploymentPhase;
      readonly detail?: string;
    }
  | {
      readonly fact: 'job-run';
      readonly jobId: string;
      readonly runId: string;
      readonly state: 'started' | 'succeeded' | 'failed' | 'retrying' | 'skipped';
    };

/**
 * The states in which a task has ended.
 *
 * @example
 * ```ts
 * const ended: TerminalTaskState = 'lost';
 * ```
 */
export type TerminalTaskState =
  'finished' | 'failed' | 'killed' | 'lost' | 'error' | 'dropped' | 'gone' | 'gone-by-operator' | 'unknown';

/**
 * Task states as Mesos reports them. `starting` (its start-up is over, the process is being
 * started; `running` follows), `running` and `unreachable` (its agent is cut off; only
 * partition-aware frameworks are told this — others hear `lost`) are not terminal. `gone` is
 * what a partition-aware framework hears of a task that died with its agent, `gone-by-operator`
 * of one on an agent the operator marked gone (others hear `lost` for both).
 *
 * @example
 * ```ts
 * const isTerminal = (state: TaskState): boolean => !['starting', 'running', 'unreachable'].includes(state);
 * isTerminal('finished'); // true
 * ```
 */
export type TaskState = 'starting' | 'running' | 'unreachable' | TerminalTaskState;

/**
 * The reason of a task killed because the revocable resources it ran on were taken back
 * (status `lost`): Mesos's `REASON_CONTAINER_PREEMPTED`, called `REASON_EXECUTOR_PREEMPTED`
 * before Mesos 0.26. Not the task's fault: a framework may relaunch it without counting a failure.
 *
 * @example
 * ```ts
 * const revoked = (status: TaskStatus): boolean => status.state === 'lost' && status.reason === REVOKED_TASK_REASON;
 * ```
 */
export const REVOKED_TASK_REASON = 'REASON_CONTAINER_PREEMPTED';

/**
 * The reason of a task the master killed to make room for a higher-priority framework's waiting
 * task (status `killed`; see `master.preemption`). clustersim's own reason, named in Mesos's
 * style (Mesos leaves preemption to its frameworks). Not the task's fault: a framework may
 * relaunch it without counting a failure.
 *
 * @example
 * ```ts
 * const preempted = (status: TaskStatus): boolean => status.state === 'killed' && status.reason === PREEMPTED_TASK_REASON;
 * ```
 */
export const PREEMPTED_TASK_REASON = 'REASON_TASK_PREEMPTED';

/**
 * A status update sent to the framework that owns the task.
 *
 * @example
 * ```ts
 * const onStatus = (status: TaskStatus): FrameworkAction[] => {
 *   if (status.state === 'lost') console.warn(`${status.taskId} lost on ${status.agentId}: ${status.reason}`);
 *   return [];
 * };
 * ```
 */
export interface TaskStatus {
  readonly taskId: string;
  readonly agentId: string;
  readonly state: TaskState;
  /** Why, for `error`, `dropped`, `lost`, `unreachable`, `gone`. */
  readonly reason?: string;
}

/**
 * A framework's decisions, as data. The master validates each one before applying it.
 *
 * @example
 * ```ts
 * const actions: FrameworkAction[] = [
 *   { kind: 'decline', offerId: 'o1', refuseSeconds: 30 },
 *   { kind: 'timer', afterSeconds: 10, tag: 'retry' },
 *   { kind: 'suppress' },
 * ];
 * ```
 */
export type FrameworkAction =
  | {
      readonly kind: 'accept';
      readonly offerId: string;
      readonly launches: readonly TaskLaunch[];
      readonly refuseSeconds?: number;
    }
  | { readonly kind: 'decline'; readonly offerId: string; readonly refuseSeconds?: number }
  | { readonly kind: 'suppress'; readonly roles?: readonly string[] }
  | { readonly kind: 'revive'; readonly roles?: readonly string[] }
  | { readonly kind: 'kill'; readonly taskId: string }
  | { readonly kind: 'timer'; readonly afterSeconds: number; readonly tag: string }
  /** The framework gives up on tasks that never ran (e.g. their users stopped waiting); logged for metrics. */
  | { readonly kind: 'abandon'; readonly jobId: string; readonly tasks: number; readonly reason: string }
  /** From now on the task uses these resources (a service's load changed). */
  | { readonly kind: 'usage'; readonly taskId: string; readonly usage: Resources }
  /** A fact about the framework's own world, logged for metrics. */
  | { readonly kind: 'report'; readonly fact: FrameworkFact }
  /**
   * Task reconciliation: the master answers with a status update per task — for the tasks named
   * (explicit), or for every task of the framework it knows (implicit, no `taskIds`). See
   * docs/failures.md for what it answers about tasks it does not know.
   */
  | { readonly kind: 'reconcile'; readonly taskIds?: readonly string[] };

/**
 * What a framework scheduler can read from the simulation.
 *
 * @example
 * ```ts
 * const context: FrameworkContext = { frameworkId: 'batch', roles: ['batch'], nowSeconds: () => 0,
 *   rng: createRng(1).fork('framework/batch'), topology: buildTopology(['r1'], []) };
 * const scheduler = batchFirstFitFramework.create(batchFirstFitFramework.options.parse({}), context);
 * scheduler.pendingTasks(); // 0
 * ```
 */
export interface FrameworkContext {
  readonly frameworkId: string;
  readonly roles: readonly string[];
  /** Current simulated time, in seconds. */
  nowSeconds(): number;
  /** The framework's own random stream. */
  readonly rng: Rng;
  readonly topology: Topology;
}

/**
 * The second level of the two-level scheduler: receives offers and updates, returns decisions.
 * Callbacks mirror Mesos's scheduler API; `jobSubmitted` is how workloads reach the framework.
 * Replies are applied after the framework's think time (constant + per launched task).
 *
 * @example
 * ```ts
 * const scheduler: FrameworkScheduler = {
 *   resourceOffers: (offers) => offers.map((o) => ({ kind: 'decline', offerId: o.offerId })),
 *   statusUpdate: () => [],
 *   jobSubmitted: () => [],
 *   pendingTasks: () => 0,
 * };
 * ```
 */
export interface FrameworkScheduler {
  /** Called once when the framework registers at time 0. */
  registered?(): readonly FrameworkAction[];
  /**
   * Called when the framework has re-registered with a new master after a failover: time to
   * reconcile its tasks' state (and a framework that gets this wrong may restart healthy tasks).
   */
  reregistered?(): readonly FrameworkAction[];
  /**
   * Called when the framework's own scheduler failed over: a new leader took over after the old
   * one went down at `downSinceSeconds`, and has re-registered. It starts from the framework's
   * persisted state (which may lag behind what the old leader did) and should reconcile. Callbacks
   * the old leader missed while it was down follow, in order.
   */
  leaderFailedOver?(downSinceSeconds: number): readonly FrameworkAction[];
  resourceOffers(offers: readonly OfferView[]): readonly FrameworkAction[];
  offerRescinded?(offerId: string): readonly FrameworkAction[];
  statusUpdate(status: TaskStatus): readonly FrameworkAction[];
  jobSubmitted(job: Job): readonly FrameworkAction[];
  timer?(tag: string): readonly FrameworkAction[];
  /**
   * A running task's CPU speed changed: the fraction of the CPU it tries to use that its machine
   * now gives it (contention under CPU shares, or a CFS quota). Not a Mesos callback: it stands
   * for what the task's clients see (a service instance that gets less CPU answers fewer requests).
   */
  taskSpeed?(taskId: string, speed: number): readonly FrameworkAction[];
  /** Tasks waiting for resources, for starvation metrics. */
  pendingTasks(): number;
  /**
   * The resources of the largest task it waits to launch (undefined: none, or it does not say).
   * With `master.preemption` on, the master preempts lower-priority tasks to fit this shape.
   */
  pendingTaskShape?(): Resources | undefined;
}

/**
 * A named framework scheduler: its option schema and a factory giving a fresh instance per run.
 *
 * @example
 * ```ts
 * const idle: FrameworkPlugin<{}> = {
 *   name: 'idle', description: 'declines every offer', options: z.strictObject({}),
 *   create: () => ({ resourceOffers: (offers) => offers.map((o) => ({ kind: 'decline', offerId: o.offerId })),
 *     statusUpdate: () => [], jobSubmitted: () => [], pendingTasks: () => 0 }),
 * };
 * ```
 */
export type FrameworkPlugin<Options = unknown> = PluginDefinition<Options, FrameworkContext, FrameworkScheduler>;
