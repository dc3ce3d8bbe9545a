import { createMachineLedger, type MachineLedger } from '../cluster/ledger.ts';
import {
  formatResources,
  isEmptyResources,
  resourceProblem,
  subtractResources,
  sumResources,
  fitsWithin,
  type Resources,
} from '../cluster/resources.ts';
import type { Topology } from '../cluster/topology.ts';
import { microsToSeconds, secondsToMicros, type Micros } from '../kernel/time.ts';
import type { Allocator, OfferDecision, OperatorOperation } from '../plugins/allocator.ts';
import {
  PREEMPTED_TASK_REASON,
  REVOKED_TASK_REASON,
  type FrameworkAction,
  type FrameworkScheduler,
  type OfferView,
  type TaskLaunch,
  type TaskState,
  type TerminalTaskState,
} from '../plugins/framework.ts';
import type { Arrival } from '../plugins/workload.ts';
import type { SimEvent } from '../simulation/events.ts';
import type { SimRecord } from '../simulation/records.ts';
import { newConnection, thinkDelay, type FrameworkHandle, type SchedulerCall } from './frameworkHandle.ts';
import { FrameworkFailovers } from './frameworkFailover.ts';
import { reconcileAnswers } from './reconciliation.ts';
import { FailureHandler, type FailureTiming, type MasterHooks } from '../failures/failureHandler.ts';
import type { Rng } from '../kernel/rng.ts';
import { ExecutionModel, type ExecutionChanges } from './execution.ts';
import { launchProblem } from './launchCheck.ts';
import type { MasterView } from './masterView.ts';
import { RevocableBook, type OversubscriptionSettings } from './revocableBook.ts';
import { revocableOfferTarget } from './revocableOffers.ts';
import { choosePreemption, type PreemptionCandidate, type PreemptionSettings } from './preemption.ts';

/**
 * Mesos's default `refuse_seconds` when a framework declines without saying.
 *
 * @example
 * ```ts
 * const decline: FrameworkAction = { kind: 'decline', offerId: 'o1', refuseSeconds: DEFAULT_REFUSE_SECONDS };
 * ```
 */
export const DEFAULT_REFUSE_SECONDS = 5;

/**
 * Thrown when an allocator plugin makes an offer the cluster cannot honour (a plugin bug).
 *
 * @example
 * ```ts
 * try { runSimulation(scenario, { registry }); }
 * catch (error) { if (error instanceof DecisionError) console.error(`plugin bug: ${error.message}`); }
 * ```
 */
export class DecisionError extends Error {
  override readonly name = 'DecisionError';
}

/**
 * What the master needs from the simulation around it.
 *
 * @example
 * ```ts
 * const deps: MasterDeps = { now: () => loop.now, schedule, emit, allocator, topology,
 *   allocationInterval: secondsToMicros(1), offerTimeout: undefined, frameworks: [] };
 * const master = new Master(deps);
 * ```
 */
export interface MasterDeps {
  now(): Micros;
  /** Queues an event `delay` µs from now. */
  schedule(delay: Micros, event: SimEvent): void;
  emit(record: SimRecord): void;
  /** Makes the master's allocator (again after a failover: a new master starts with a fresh one). */
  readonly createAllocator: () => Allocator;
  readonly topology: Topology;
  readonly allocationInterval: Micros;
  readonly offerTimeout: Micros | undefined;
  /** Resource isolation on the machines (see {@link ExecutionModel}). */
  readonly isolation: boolean;
  /** CPU capped at the allocation by a CFS quota on machines that do not say (default: shares). */
  readonly cfsQuota?: boolean;
  /** Failure detection and failover timing. */
  readonly failureTiming: FailureTiming;
  /** Random stream for failover (agents' re-registration times). */
  readonly failoverRng: Rng;
  /** Offer allocated-but-unused resources as revocable (off when undefined, as in Mesos). */
  readonly oversubscription?: OversubscriptionSettings | undefined;
  /** Preempt lower-priority tasks for frameworks that waited (off when undefined). */
  readonly preemption?: PreemptionSettings | undefined;
  readonly frameworks: readonly {
    readonly id: string;
    readonly roles: readonly string[];
    readonly gpuCapable: boolean;
    readonly partitionAware: boolean;
    /** Mesos's REVOCABLE_RESOURCES capability: it is offered revocable resources too. */
    readonly revocable?: boolean;
    /** Its priority (default 0): with preemption on, it may preempt tasks of lower priorities. */
    readonly priority?: number;
    readonly minAllocatable: Readonly<Record<string, readonly Resources[]>> | undefined;
    readonly thinkTime: { readonly base: Micros; readonly perTask: Micros };
    readonly failoverTimeout: Micros;
    readonly scheduler: FrameworkScheduler;
  }[];
}

interface Offer {
  readonly offerId: string;
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  readonly resources: Resources;
  /** Oversubscribed resources, outside the agent's books and the allocator's. */
  readonly revocable?: true;
}

interface Task {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly jobId: string | null;
  readonly agentId: string;
  readonly role: string;
  readonly resources: Resources;
  readonly killGrace: Micros;
  /** A kill was requested; the task ends when its grace period is over. */
  killing: boolean;
  /** How it ends when its work is done. */
  readonly outcome: 'finished' | 'failed';
  /** Why it is being killed (when the master, not its framework, kills it). */
  killReason?: string | undefined;
  /** The launch reached its machine (false when the machine was down or cut off then). */
  readonly reached: boolean;
  /** Its start-up delay: STAGING from its launch for this long, then running. */
  readonly startup: Micros;
  /** Still STAGING: launched with a start-up delay that is not over yet (no work done). */
  staging: boolean;
  /** What it uses once it runs (kept up to date while it stages). */
  usage: Resources;
  /** Its work at full speed, in µs (undefined: runs until killed). */
  readonly work: number | undefined;
  /** Launched on revocable resources: killed when the agent's regular tasks need them back. */
  readonly revocable: boolean;
}

/**
 * The Mesos master mechanism: keeps the machines' books, turns the allocator's decisions into
 * offers, delivers them to frameworks, validates and applies the frameworks' replies after their
 * think time, starts and ends tasks, and runs allocation every interval and on Mesos's triggers.
 * It never decides who gets what — the allocator plugin does.
 *
 * @example
 * ```ts
 * const master = new Master({ now: () => loop.now, schedule, emit, allocator, topology,
 *   allocationInterval: secondsToMicros(1), offerTimeout: undefined, frameworks });
 * master.start(); // registers agents and frameworks, starts the allocation timer
 * master.allocate(true);
 * master.checkInvariants();
 * ```
 */
export class Master {
  readonly #deps: MasterDeps;
  readonly #ledgers = new Map<string, MachineLedger>();
  readonly #frameworks = new Map<string, FrameworkHandle>();
  readonly #offers = new Map<string, Offer>();
  readonly #tasks = new Map<string, Task>();
  #offerCount = 0;
  readonly #execution: ExecutionModel;
  #allocator: Allocator;
  /** Failure handling: machines' reality, detection, partitions, failover. */
  readonly failures: FailureHandler;
  /** Framework failover: schedulers going down, new leaders, failover timeouts. */
  readonly frameworkFailovers: FrameworkFailovers;
  /** Framework replies that reached no master (it was down): applied once a new one is elected. */
  #heldReplies: { readonly frameworkId: string; readonly actions: readonly FrameworkAction[] }[] = [];
  #pendingAgents = new Set<string>();
  #pendingAll = false;
  #triggerScheduled = false;
  /** Oversubscribed capacity (when on): estimates, revocable offers and tasks per agent. */
  readonly #revocable: RevocableBook | undefined;
  /** Revocable offers declined: framework and agent → until when none is made again. */
  readonly #revocableFilters = new Map<string, Micros>();
  /** With preemption on: since when each framework with waiting tasks has launched nothing. */
  readonly #waitingSince = new Map<string, Micros>();

  constructor(deps: MasterDeps) {
    this.#deps = deps;
    this.#execution = new ExecutionModel(
      deps.isolation,
      new Map(deps.topology.machines.map((m) => [m.id, m.resources])),
      (agentId) => deps.topology.machine(agentId)?.cfsQuota ?? deps.cfsQuota ?? false,
    );
    this.#allocator = deps.createAllocator();
    this.#revocable = deps.oversubscription === undefined ? undefined : new RevocableBook(deps.oversubscription);
    this.failures = new FailureHandler(
      this.#hooks(),
      deps.failureTiming,
      deps.failoverRng,
      deps.topology.machines.map((m) => m.id),
    );
    this.frameworkFailovers = new FrameworkFailovers({
      now: () => this.#deps.now(),
      schedule: (delay, event) => this.#deps.schedule(delay, event),
      emit: (record) => this.#deps.emit(record),
      allocator: () => this.#allocator,
      masterDown: () => this.failures.masterDown,
      framework: (id) => this.#framework(id),
      taskKeysOf: (id) => [...this.#tasks].filter(([, t]) => t.frameworkId === id).map(([key]) => key),
      endTask: (key, state, reason) => this.endTask(key, state, reason),
      rescindOffersOf: (id, reason) => {
        for (const offerId of [...this.#framework(id).offerIds]) this.#rescind(offerId, reason);
      },
      deliver: (handle, call) => this.#deliver(handle, call),
      addToAllocator: (handle) => this.#addToAllocator(handle),
    });
  }

  /** Registers agents and frameworks at time 0 and starts the batch allocation timer. */
  start(): void {
    const { topology } = this.#deps;
    const allocator = this.#allocator;
    for (const machine of topology.machines) {
      this.#ledgers.set(machine.id, createMachineLedger(machine.id, machine.resources));
      allocator.addAgent(machine.id, {
        resources: machine.resources,
        attributes: machine.attributes,
        reserved: machine.reserved,
      });
      this.#emit({ kind: 'agent-added', agentId: machine.id, rack: machine.rack, resources: machine.resources });
    }
    for (const spec of this.#deps.frameworks) {
      const handle: FrameworkHandle = {
        ...spec,
        connection: newConnection(),
        active: true,
        loggedPending: 0,
        pendingDirty: false,
        busyUntil: 0,
        offerIds: new Set(),
        suppressedRoles: new Set(),
      };
      this.#frameworks.set(spec.id, handle);
      this.#addToAllocator(handle);
      this.#emit({ kind: 'framework-registered', frameworkId: spec.id, roles: spec.roles });
    }
    for (const handle of this.#frameworks.values()) this.#call(handle, (s) => s.registered?.() ?? []);
    this.#deps.schedule(this.#deps.allocationInterval, { kind: 'allocate', batch: true });
    if (this.#revocable !== undefined)
      this.#deps.schedule(this.#revocable.settings.estimatorInterval, { kind: 'estimate-revocable' });
  }

  /** The resource estimators' periodic run: refreshes every agent's revocable estimate. */
  estimateRevocable(): void {
    if (this.#revocable === undefined) return;
    this.#revocable.runEstimator();
    this.#deps.schedule(this.#revocable.settings.estimatorInterval, { kind: 'estimate-revocable' });
  }

  #addToAllocator(handle: FrameworkHandle): void {
    this.#allocator.addFramework(handle.id, {
      roles: handle.roles,
      active: handle.connection.connected,
      gpuCapable: handle.gpuCapable,
      ...(handle.minAllocatable === undefined ? {} : { minAllocatable: handle.minAllocatable }),
    });
  }

  /** An extra allocation run at the current time; pending requests merge into one run. */
  requestAllocation(agentId: string): void {
    if (agentId === 'all') this.#pendingAll = true;
    else this.#pendingAgents.add(agentId);
    if (!this.#triggerScheduled) {
      this.#triggerScheduled = true;
      this.#deps.schedule(0, { kind: 'allocate', batch: false });
    }
  }

  /** One allocation run: a batch run covers every agent and absorbs pending triggers. */
  allocate(batch: boolean): void {
    let agents: string[] | undefined;
    if (batch) {
      this.#deps.schedule(this.#deps.allocationInterval, { kind: 'allocate', batch: true });
      if (this.failures.masterDown) return;
      agents = undefined;
    } else {
      this.#triggerScheduled = false;
      // A run asked for just before a failover: the new master runs its own once agents are back.
      if (this.failures.masterDown) return;
      if (!this.#pendingAll && this.#pendingAgents.size === 0) return;
      agents = this.#pendingAll ? undefined : [...this.#pendingAgents];
    }
    this.#pendingAll = false;
    this.#pendingAgents = new Set();
    if (batch && this.#deps.preemption !== undefined) this.#preempt(this.#deps.preemption);
    const decisions = this.#allocator.allocate({ agentIds: agents, batch });
    const byFramework = new Map<string, OfferView[]>();
    const offers = decisions.map((d) => this.#makeOffer(d));
    // Revocable resources are offered apart, after the regular ones, at batch runs only.
    if (batch) offers.push(...this.#makeRevocableOffers());
    for (const offer of offers) {
      let views = byFramework.get(offer.frameworkId);
      if (views === undefined) byFramework.set(offer.frameworkId, (views = []));
      const view: { -readonly [K in keyof OfferView]: OfferView[K] } = {
        offerId: offer.offerId,
        agentId: offer.agentId,
        role: offer.role,
        resources: offer.resources,
        attributes: this.#deps.topology.machine(offer.agentId)?.attributes ?? {},
      };
      if (offer.revocable === true) view.revocable = true;
      views.push(view);
    }
    for (const [frameworkId, views] of byFramework) {
      this.#call(this.#framework(frameworkId), (s) => s.resourceOffers(views));
    }
  }

  /** A job arrives at its framework. */
  submitJob(arrival: Arrival): void {
    const handle = this.#frameworks.get(arrival.frameworkId);
    if (handle === undefined)
      throw new DecisionError(`a workload submitted a job to unknown framework "${arrival.frameworkId}"`);
    this.#emit({
      kind: 'job-submitted',
      frameworkId: handle.id,
      jobId: arrival.job.jobId,
      tasks: arrival.job.tasks.length,
    });
    this.#call(handle, (s) => s.jobSubmitted(arrival.job));
  }

  /** Applies a framework's reply once its think time has passed. */
  applyActions(frameworkId: string, actions: readonly FrameworkAction[]): void {
    if (this.failures.masterDown) {
      this.#heldReplies.push({ frameworkId, actions });
      return;
    }
    const handle = this.#framework(frameworkId);
    for (const action of actions) this.#apply(handle, action);
    handle.pendingDirty = true;
  }

  /** Logs the pending-task counts that changed during the event just handled. */
  afterEvent(): void {
    for (const handle of this.#frameworks.values()) {
      if (!handle.pendingDirty) continue;
      handle.pendingDirty = false;
      const pending = handle.scheduler.pendingTasks();
      if (pending === handle.loggedPending) continue;
      handle.loggedPending = pending;
      if (pending === 0) this.#waitingSince.delete(handle.id);
      else if (this.#deps.preemption !== undefined && !this.#waitingSince.has(handle.id))
        this.#waitingSince.set(handle.id, this.#deps.now());
      this.#emit({ kind: 'framework-pending', frameworkId: handle.id, tasks: pending });
      this.#allocator.pendingChanged?.(handle.id, pending);
    }
  }

  /** A task's finish event fires; ignored when it is stale (the task sped up, slowed or ended). */
  finishTask(taskKey: string, version: number): void {
    if (this.#execution.task(taskKey)?.version !== version) return;
    const task = this.#tasks.get(taskKey);
    if (task !== undefined && !this.failures.taskFinished(task.agentId, taskKey)) {
      // Done, but its agent is cut off: it stops using the machine; the master hears of it later.
      this.#applyExecution(this.#execution.remove(taskKey, this.#deps.now()));
      return;
    }
    if (task?.outcome === 'failed') this.endTask(taskKey, 'failed', 'task failed');
    else this.endTask(taskKey, 'finished');
  }

  /** A killed task's grace period is over. */
  endKilledTask(taskKey: string): void {
    this.endTask(taskKey, 'killed', this.#tasks.get(taskKey)?.killReason);
  }

  /**
   * A task's work is done (or it was killed). No-op when the task already ended. `quiet`: its
   * framework is not told (it already heard the task was lost).
   */
  endTask(taskKey: string, state: TerminalTaskState, reason?: string, quiet = false): void {
    const task = this.#tasks.get(taskKey);
    if (task === undefined) return;
    this.#tasks.delete(taskKey);
    if (!task.revocable) {
      this.#ledger(task.agentId).release(task.resources);
      this.#allocator.recoverResources(task.frameworkId, task.agentId, task.role, task.resources, undefined);
    }
    this.#emit({
      kind: 'task-ended',
      frameworkId: task.frameworkId,
      taskId: task.taskId,
      jobId: task.jobId,
      agentId: task.agentId,
      state,
      resources: task.resources,
      reason: reason ?? null,
    });
    const status =
      reason === undefined
        ? { taskId: task.taskId, agentId: task.agentId, state }
        : { taskId: task.taskId, agentId: task.agentId, state, reason };
    if (!quiet) this.#call(this.#framework(task.frameworkId), (s) => s.statusUpdate(status));
    this.#applyExecution(this.#execution.remove(taskKey, this.#deps.now()));
    if (this.#revocable !== undefined) this.#correct(task.agentId, this.#revocable.remove(task.agentId, taskKey));
  }

  /** An offer held past the master's offer timeout is rescinded. */
  expireOffer(offerId: string): void {
    if (this.#offers.has(offerId)) this.#rescind(offerId, 'offer timeout');
  }

  /** An operator operation from the scenario (weights, quota, dynamic reservations). */
  operate(operation: OperatorOperation): void {
    const ok = this.#allocator.operate?.(operation) ?? false;
    const { op, role } = operation;
    const agentId = 'agent' in operation ? operation.agent : null;
    this.#emit({ kind: 'operation', op, role, agentId, ok });
  }

  /** A timer the framework asked for fires. */
  fireTimer(frameworkId: string, tag: string): void {
    this.#call(this.#framework(frameworkId), (s) => s.timer?.(tag) ?? []);
  }

  /** Throws unless every machine's books balance and match the live tasks and offers. */
  checkInvariants(): void {
    const allocated = new Map<string, Resources[]>();
    const offered = new Map<string, Resources[]>();
    for (const t of this.#tasks.values())
      if (!t.revocable) allocated.set(t.agentId, [...(allocated.get(t.agentId) ?? []), t.resources]);
    for (const o of this.#offers.values())
      if (o.revocable !== true) offered.set(o.agentId, [...(offered.get(o.agentId) ?? []), o.resources]);
    for (const ledger of this.#ledgers.values()) {
      ledger.checkBalance();
      const tasks = sumResources(allocated.get(ledger.machineId) ?? []);
      const offers = sumResources(offered.get(ledger.machineId) ?? []);
      if (
        formatResources(tasks) !== formatResources(ledger.allocated) ||
        formatResources(offers) !== formatResources(ledger.offered)
      ) {
        throw new DecisionError(`machine ${ledger.machineId}: books disagree with live tasks/offers`);
      }
    }
  }

  /** A read-only look at the live tasks, outstanding offers, books and allocator (for invariant checks). */
  inspect(): MasterView {
    return {
      // Revocable tasks and offers sit outside the agents' and the allocator's books.
      tasks: [...this.#tasks.values()]
        .filter((t) => !t.revocable)
        .map((t) => ({
          id: t.taskId,
          frameworkId: t.frameworkId,
          role: t.role,
          agentId: t.agentId,
          resources: t.resources,
        })),
      offers: [...this.#offers.values()].filter((o) => o.revocable !== true).map((o) => ({ id: o.offerId, ...o })),
      ledger: (agentId) => this.#ledgers.get(agentId),
      allocator: this.#allocator,
      masterDown: this.failures.masterDown,
    };
  }

  /** Read-only view of a machine's books (for tests and metrics). */
  ledger(agentId: string): Readonly<MachineLedger> | undefined {
    return this.#ledgers.get(agentId);
  }

  /** Number of tasks currently running. */
  get runningTasks(): number {
    return this.#tasks.size;
  }

  #makeOffer(decision: OfferDecision): Offer {
    const handle = this.#frameworks.get(decision.frameworkId);
    const ledger = this.#ledgers.get(decision.agentId);
    if (handle === undefined || !handle.active)
      throw new DecisionError(`${offerText(decision)}: no such active framework`);
    if (ledger === undefined) throw new DecisionError(`${offerText(decision)}: no such agent`);
    if (!handle.roles.includes(decision.role))
      throw new DecisionError(`${offerText(decision)}: the framework is not in role "${decision.role}"`);
    const problem = resourceProblem(decision.resources);
    if (problem !== undefined || isEmptyResources(decision.resources))
      throw new DecisionError(`${offerText(decision)}: ${problem ?? 'empty offer'}`);
    if (!fitsWithin(decision.resources, ledger.free))
      throw new DecisionError(`${offerText(decision)}: only ${formatResources(ledger.free)} is free`);
    ledger.offer(decision.resources);
    // The logged record is also the master's own entry for the offer (one object per offer).
    const offer = {
      t: this.#deps.now(),
      kind: 'offer-made',
      offerId: `o${++this.#offerCount}`,
      frameworkId: decision.frameworkId,
      role: decision.role,
      agentId: decision.agentId,
      resources: decision.resources,
    } as const;
    this.#offers.set(offer.offerId, offer);
    handle.offerIds.add(offer.offerId);
    this.#deps.emit(offer);
    if (this.#deps.offerTimeout !== undefined)
      this.#deps.schedule(this.#deps.offerTimeout, { kind: 'offer-expired', offerId: offer.offerId });
    return offer;
  }

  #apply(handle: FrameworkHandle, action: FrameworkAction): void {
    const allocator = this.#allocator;
    switch (action?.kind) {
      case 'accept':
        return this.#accept(handle, action);
      case 'decline': {
        const offer = this.#takeOffer(handle, action.offerId, 'decline');
        if (offer === undefined) return;
        const refuse = refuseSecondsOf(action.refuseSeconds);
        this.#returnOffer(offer, refuse);
        const t = this.#deps.now();
        this.#deps.emit({
          t,
          kind: 'offer-declined',
          offerId: offer.offerId,
          frameworkId: handle.id,
          refuseSeconds: refuse,
        });
        return;
      }
      case 'suppress':
        for (const role of rolesOf(action.roles, handle)) handle.suppressedRoles.add(role);
        // A removed framework is in no allocator; it re-registers with its suppressed roles.
        if (!handle.connection.removed) allocator.suppress(handle.id, action.roles);
        this.#emit({ kind: 'framework-suppressed', frameworkId: handle.id, roles: action.roles ?? null });
        return;
      case 'revive':
        for (const role of rolesOf(action.roles, handle)) handle.suppressedRoles.delete(role);
        if (!handle.connection.removed) allocator.revive(handle.id, action.roles);
        this.#emit({ kind: 'framework-revived', frameworkId: handle.id, roles: action.roles ?? null });
        return;
      case 'kill': {
        const key = taskKey(handle.id, action.taskId);
        if (!this.#tasks.has(key)) return this.#reject(handle, 'kill', `no running task "${action.taskId}"`);
        return this.#kill(key);
      }
      case 'usage': {
        const key = taskKey(handle.id, action.taskId);
        if (!this.#tasks.has(key)) return this.#reject(handle, 'usage', `no running task "${action.taskId}"`);
        const problem =
          typeof action.usage === 'object' && action.usage !== null
            ? resourceProblem(action.usage)
            : 'usage must be a resource vector';
        if (problem !== undefined) return this.#reject(handle, 'usage', problem);
        (this.#tasks.get(key) as Task).usage = action.usage;
        this.#emit({ kind: 'task-usage', frameworkId: handle.id, taskId: action.taskId, usage: action.usage });
        this.#applyExecution(this.#execution.setUsage(key, action.usage, this.#deps.now()));
        const agentId = this.#tasks.get(key)?.agentId;
        if (this.#revocable !== undefined && agentId !== undefined)
          this.#correct(agentId, this.#revocable.setUsage(agentId, key, action.usage));
        return;
      }
      case 'report':
        if (typeof action.fact !== 'object' || action.fact === null || typeof action.fact.fact !== 'string') {
          return this.#reject(handle, 'report', 'fact must be an object with a "fact" kind');
        }
        this.#emit({ kind: 'framework-fact', frameworkId: handle.id, ...action.fact });
        return;
      case 'timer':
        if (!(Number.isFinite(action.afterSeconds) && action.afterSeconds >= 0)) {
          return this.#reject(
            handle,
            'timer',
            `afterSeconds must be a finite number ≥ 0, got ${String(action.afterSeconds)}`,
          );
        }
        this.#deps.schedule(secondsToMicros(action.afterSeconds), {
          kind: 'framework-timer',
          frameworkId: handle.id,
          tag: action.tag,
        });
        return;
      case 'reconcile':
        return this.#reconcile(handle, action.taskIds);
      case 'abandon':
        if (!(Number.isInteger(action.tasks) && action.tasks > 0))
          return this.#reject(handle, 'abandon', `tasks must be a whole number > 0, got ${String(action.tasks)}`);
        this.#emit({
          kind: 'work-abandoned',
          frameworkId: handle.id,
          jobId: String(action.jobId),
          tasks: action.tasks,
          reason: String(action.reason),
        });
        return;
      default:
        return this.#reject(
          handle,
          String((action as { kind?: unknown })?.kind),
          'unknown action kind; expected accept, decline, suppress, revive, kill, timer, abandon, usage, report or reconcile',
        );
    }
  }

  #accept(handle: FrameworkHandle, action: Extract<FrameworkAction, { kind: 'accept' }>): void {
    const offer = this.#takeOffer(handle, action.offerId, 'accept', action.launches);
    if (offer === undefined) return;
    const refuse = refuseSecondsOf(action.refuseSeconds);
    const ledger = this.#ledger(offer.agentId);
    const problem = launchProblem(action.launches, offer.resources, (id) => this.#tasks.has(taskKey(handle.id, id)));
    if (problem !== undefined) {
      this.#reject(handle, 'accept', `offer ${offer.offerId}: ${problem}`);
      this.#returnOffer(offer, refuse);
      // As Mesos does, an invalid accept declines the offer: the log says the offer is over.
      this.#emit({ kind: 'offer-declined', offerId: offer.offerId, frameworkId: handle.id, refuseSeconds: refuse });
      this.#sendStatuses(handle, action.launches, offer.agentId, 'error', problem);
      return;
    }
    const now = this.#deps.now();
    const reached = this.failures.canLaunchOn(offer.agentId);
    const runAtOnce: TaskLaunch[] = [];
    let used: Resources = {};
    const revocable = offer.revocable === true;
    for (const launch of action.launches) {
      if (!revocable) ledger.launchFromOffer(launch.resources);
      used = sumResources([used, launch.resources]);
      const key = taskKey(handle.id, launch.taskId);
      const jobId = launch.jobId ?? null;
      const killGrace = launch.killGraceSeconds === undefined ? 0 : secondsToMicros(launch.killGraceSeconds);
      const startup = launch.startupSeconds === undefined ? 0 : secondsToMicros(launch.startupSeconds);
      const usage = launch.usage ?? launch.resources;
      const remaining = launch.durationSeconds === undefined ? undefined : secondsToMicros(launch.durationSeconds);
      this.#tasks.set(key, {
        frameworkId: handle.id,
        taskId: launch.taskId,
        jobId,
        agentId: offer.agentId,
        role: offer.role,
        resources: launch.resources,
        killGrace,
        killing: false,
        outcome: launch.outcome === 'failed' ? 'failed' : 'finished',
        reached,
        startup,
        staging: startup > 0,
        usage,
        work: remaining,
        revocable,
      });
      const waitSeconds =
        launch.readySinceSeconds === undefined ? null : Math.max(0, microsToSeconds(now) - launch.readySinceSeconds);
      this.#emit({
        kind: 'task-launched',
        frameworkId: handle.id,
        taskId: launch.taskId,
        jobId,
        agentId: offer.agentId,
        resources: launch.resources,
        usage,
        waitSeconds,
        ...(revocable ? { revocable: true as const } : {}),
      });
      if (revocable) this.#revocable?.addRevocable(offer.agentId, key, handle.id, launch.resources);
      else this.#revocable?.addRegular(offer.agentId, key, launch.resources, usage);
      if (this.#waitingSince.has(handle.id)) this.#waitingSince.set(handle.id, now);
      // On a machine that is down or cut off the launch never arrives: the task exists only in
      // the master's books until the master learns what happened to the machine.
      if (!reached) continue;
      if (startup > 0) this.#deps.schedule(startup, { kind: 'task-start', taskKey: key });
      else {
        this.#execute(key);
        runAtOnce.push(launch);
      }
    }
    const remainder = subtractResources(offer.resources, used);
    if (revocable) this.#revocable?.returnOffered(offer.agentId, offer.resources);
    else if (!isEmptyResources(remainder)) {
      ledger.returnOffered(remainder);
      this.#allocator.recoverResources(handle.id, offer.agentId, offer.role, remainder, refuse);
    }
    this.#emit({
      kind: 'offer-accepted',
      offerId: offer.offerId,
      frameworkId: handle.id,
      tasks: action.launches.length,
      refuseSeconds: refuse,
    });
    this.#sendStatuses(handle, runAtOnce, offer.agentId, 'running');
  }

  /**
   * A staging task's start-up delay is over: it runs from now on, on a machine that is up. The
   * framework hears `starting` then `running` — later, when the machine is cut off now.
   */
  startTask(taskKey: string): void {
    const task = this.#tasks.get(taskKey);
    if (task === undefined || !task.staging || task.killing || !this.failures.isUp(task.agentId)) return;
    task.staging = false;
    this.#execute(taskKey);
    this.#emit({
      kind: 'task-running',
      frameworkId: task.frameworkId,
      taskId: task.taskId,
      agentId: task.agentId,
      startupSeconds: microsToSeconds(task.startup),
    });
    if (!this.failures.taskStarted(task.agentId, taskKey)) return;
    this.#sendStatuses(this.#framework(task.frameworkId), [task], task.agentId, 'starting');
    this.#sendStatuses(this.#framework(task.frameworkId), [task], task.agentId, 'running');
  }

  /** The task starts doing its work on its machine. */
  #execute(key: string): void {
    const task = this.#tasks.get(key);
    if (task === undefined) return;
    const now = this.#deps.now();
    this.#applyExecution(
      this.#execution.add(
        {
          key,
          agentId: task.agentId,
          allocation: task.resources,
          usage: task.usage,
          remaining: task.work,
          rate: 1,
          progressAt: now,
          version: 0,
          ...(task.revocable ? { revocable: true } : {}),
        },
        now,
      ),
      key,
    );
  }

  /** Answers a reconciliation request with status updates (see {@link reconcileAnswers}). */
  #reconcile(handle: FrameworkHandle, taskIds: unknown): void {
    if (taskIds !== undefined && !(Array.isArray(taskIds) && taskIds.every((id) => typeof id === 'string')))
      return this.#reject(handle, 'reconcile', 'taskIds must be a list of task ids (or absent: all tasks)');
    const booked = (key: string, t: Task): { key: string; taskId: string; agentId: string } => ({
      key,
      taskId: t.taskId,
      agentId: t.agentId,
    });
    const mine = [...this.#tasks].filter(([, t]) => t.frameworkId === handle.id).map(([key, t]) => booked(key, t));
    const answers = reconcileAnswers(taskIds as readonly string[] | undefined, {
      tasks: mine,
      find: (taskId) => {
        const key = taskKey(handle.id, taskId);
        const task = this.#tasks.get(key);
        return task === undefined ? undefined : booked(key, task);
      },
      stateOf: (task) => {
        const state = this.failures.reconciledState(task.agentId, task.key, handle.partitionAware);
        // A task still STAGING is reported as starting (Mesos's latest state for it), never running.
        return state === 'running' && this.#tasks.get(task.key)?.staging === true ? 'starting' : state;
      },
      agentsReregistering: this.failures.agentsReregistering,
      partitionAware: handle.partitionAware,
    });
    this.#emit({
      kind: 'reconciliation',
      frameworkId: handle.id,
      explicit: taskIds === undefined ? null : (taskIds as readonly string[]).length,
      answered: answers.length,
    });
    for (const status of answers) this.#call(handle, (s) => s.statusUpdate(status));
  }

  /** Removes a live offer of this framework; for a stale one, tells the framework its tasks dropped. */
  #takeOffer(
    handle: FrameworkHandle,
    offerId: string,
    verb: string,
    launches: readonly { taskId: string }[] = [],
  ): Offer | undefined {
    const offer = this.#offers.get(offerId);
    if (offer === undefined || offer.frameworkId !== handle.id) {
      const known =
        offer === undefined && /^o\d+$/.test(String(offerId)) && Number(String(offerId).slice(1)) <= this.#offerCount;
      if (!known) this.#reject(handle, verb, `unknown offer "${String(offerId)}"`);
      this.#sendStatuses(
        handle,
        launches,
        '',
        known ? 'dropped' : 'error',
        known ? 'offer no longer valid' : 'unknown offer',
      );
      return undefined;
    }
    this.#offers.delete(offerId);
    handle.offerIds.delete(offerId);
    return offer;
  }

  /**
   * Kills a task, after its grace period when it has one (KILLING meanwhile: it keeps its
   * resources). A task still STAGING has no process to signal: it ends at once.
   */
  #kill(key: string, reason?: string): void {
    const task = this.#tasks.get(key);
    if (task === undefined || task.killing) return;
    if (task.killGrace === 0 || task.staging) return this.endTask(key, 'killed', reason);
    task.killing = true;
    task.killReason = reason;
    this.#emit({
      kind: 'task-killing',
      frameworkId: task.frameworkId,
      taskId: task.taskId,
      graceSeconds: microsToSeconds(task.killGrace),
    });
    this.#deps.schedule(task.killGrace, { kind: 'task-kill', taskKey: key });
  }

  /** The narrow interface the failure handler works through. */
  #hooks(): MasterHooks {
    const now = (): number => this.#deps.now();
    return {
      now,
      schedule: (delay, event) => this.#deps.schedule(delay, event),
      emit: (record) => this.#deps.emit(record),
      allocator: () => this.#allocator,
      replaceAllocator: () => {
        this.#allocator = this.#deps.createAllocator();
        return this.#allocator;
      },
      machine: (agentId) => this.#deps.topology.machine(agentId),
      tasksOn: (agentId) =>
        [...this.#tasks].filter(([, t]) => t.agentId === agentId).map(([key, t]) => ({ key, ...t })),
      endTask: (key, state, reason, quiet) => this.endTask(key, state, reason, quiet),
      killTask: (key) => this.#kill(key, 'maintenance'),
      stopExecution: (key) => this.#applyExecution(this.#execution.remove(key, now())),
      reachedAgent: (key) => this.#tasks.get(key)?.reached ?? false,
      isStaging: (key) => this.#tasks.get(key)?.staging ?? false,
      notify: (frameworkId, taskId, agentId, state, reason) =>
        this.#call(this.#framework(frameworkId), (s) => s.statusUpdate({ taskId, agentId, state, reason })),
      rescindOffersOn: (agentId, reason) => {
        for (const offer of [...this.#offers.values()])
          if (offer.agentId === agentId) this.#rescind(offer.offerId, reason);
      },
      rescindAllOffers: (reason) => {
        for (const offerId of [...this.#offers.keys()]) this.#rescind(offerId, reason);
      },
      reregisterFrameworks: () => {
        for (const handle of this.#frameworks.values()) {
          // Into the new allocator (a disconnected one inactive); a connected scheduler reconciles.
          if (this.frameworkFailovers.afterElection(handle)) this.#call(handle, (s) => s.reregistered?.() ?? []);
        }
        const held = this.#heldReplies;
        this.#heldReplies = [];
        for (const reply of held) this.applyActions(reply.frameworkId, reply.actions);
      },
      partitionAware: (frameworkId) => this.#frameworks.get(frameworkId)?.partitionAware ?? false,
      disconnectFramework: (frameworkId, duration) => this.frameworkFailovers.disconnect(frameworkId, duration),
    };
  }

  /** Schedules new finish events for tasks whose speed changed and kills those out of memory. */
  #applyExecution(changes: ExecutionChanges, launchedKey?: string): void {
    const now = this.#deps.now();
    for (const task of changes.rescheduled) {
      const finish = this.#execution.finishTime(task, now);
      if (Number.isFinite(finish))
        this.#deps.schedule(finish - now, { kind: 'task-end', taskKey: task.key, version: task.version });
      const record = this.#tasks.get(task.key);
      if (record !== undefined && !(task.key === launchedKey && task.rate === 1)) {
        this.#emit({ kind: 'task-rate', frameworkId: record.frameworkId, taskId: record.taskId, rate: task.rate });
        const handle = this.#frameworks.get(record.frameworkId);
        if (handle?.scheduler.taskSpeed !== undefined)
          this.#call(handle, (s) => s.taskSpeed?.(record.taskId, task.rate) ?? []);
      }
    }
    for (const victim of changes.oomVictims) this.endTask(victim.key, 'failed', 'OOM');
  }

  /** An offer's resources go back: regular ones to the agent's books and the allocator, revocable ones to the estimate. */
  #returnOffer(offer: Offer, refuseSeconds: number | undefined): void {
    if (offer.revocable === true) {
      this.#revocable?.returnOffered(offer.agentId, offer.resources);
      if (refuseSeconds !== undefined && refuseSeconds > 0) {
        const until =
          this.#deps.now() + secondsToMicros(Math.max(refuseSeconds, microsToSeconds(this.#deps.allocationInterval)));
        this.#revocableFilters.set(`${offer.frameworkId}\u0000${offer.agentId}`, until);
      }
      return;
    }
    this.#ledger(offer.agentId).returnOffered(offer.resources);
    this.#allocator.recoverResources(offer.frameworkId, offer.agentId, offer.role, offer.resources, refuseSeconds);
  }

  /**
   * Preemption, before a batch run's allocation: for each framework (highest priority first) whose
   * tasks have waited `after` with no launch and whose scheduler names its largest waiting task,
   * the agent where the fewest lower-priority tasks make room for it; they are killed, and the
   * allocator is asked to offer that agent to the framework first. Its wait starts again.
   */
  #preempt(settings: PreemptionSettings): void {
    const now = this.#deps.now();
    const priorityOf = (id: string): number => this.#frameworks.get(id)?.priority ?? 0;
    const due = [...this.#frameworks.values()]
      .filter((h) => h.active && now - (this.#waitingSince.get(h.id) ?? Infinity) >= settings.after)
      .sort((a, b) => priorityOf(b.id) - priorityOf(a.id));
    for (const handle of due) {
      const need = handle.scheduler.pendingTaskShape?.();
      const role = handle.roles.find((r) => !handle.suppressedRoles.has(r));
      if (need === undefined || isEmptyResources(need) || role === undefined) continue;
      const candidates = new Map<string, PreemptionCandidate[]>();
      for (const [key, task] of this.#tasks)
        if (!task.revocable && !task.killing && task.reached) {
          const list = candidates.get(task.agentId) ?? [];
          list.push({ key, priority: priorityOf(task.frameworkId), resources: task.resources });
          candidates.set(task.agentId, list);
        }
      const agents = this.#deps.topology.machines
        .filter((m) => this.failures.canLaunchOn(m.id))
        .map((m) => ({ agentId: m.id, free: this.#ledger(m.id).free, candidates: candidates.get(m.id) ?? [] }));
      const choice = choosePreemption(agents, need, priorityOf(handle.id));
      if (choice === undefined) continue;
      const victims = choice.victims.map((key) => this.#tasks.get(key) as Task);
      const grace = Math.max(0, ...victims.map((t) => (t.staging ? 0 : t.killGrace)));
      this.#emit({
        kind: 'tasks-preempted',
        frameworkId: handle.id,
        agentId: choice.agentId,
        need,
        victims: victims.map((t) => ({ frameworkId: t.frameworkId, taskId: t.taskId })),
      });
      for (const key of choice.victims) this.#kill(key, PREEMPTED_TASK_REASON);
      const until = now + grace + settings.after;
      this.#allocator.claim?.({ frameworkId: handle.id, role, agentId: choice.agentId, resources: need, until });
      this.#waitingSince.set(handle.id, now + grace);
    }
  }

  /**
   * Offers each agent's available revocable resources (coarse-grained, the whole amount) to one
   * revocable-capable framework: the one holding the fewest revocable CPUs, then by id.
   */
  #makeRevocableOffers(): Offer[] {
    const book = this.#revocable;
    if (book === undefined) return [];
    const now = this.#deps.now();
    const capable = [...this.#frameworks.values()].filter((h) => h.revocable === true && h.active);
    if (capable.length === 0) return [];
    const offers: Offer[] = [];
    for (const machine of this.#deps.topology.machines) {
      if (!this.failures.canLaunchOn(machine.id)) continue;
      const resources = book.available(machine.id);
      if (!((resources['cpus'] ?? 0) >= 0.01 || (resources['mem'] ?? 0) >= 32)) continue;
      const target = revocableOfferTarget(capable, machine.id, now, this.#revocableFilters, (id) => book.heldBy(id));
      if (target === undefined) continue;
      book.offer(machine.id, resources);
      const offer: Offer = {
        offerId: `o${++this.#offerCount}`,
        frameworkId: target.frameworkId,
        role: target.role,
        agentId: machine.id,
        resources,
        revocable: true,
      };
      this.#offers.set(offer.offerId, offer);
      this.#framework(target.frameworkId).offerIds.add(offer.offerId);
      this.#emit({ kind: 'offer-made', ...offer });
      if (this.#deps.offerTimeout !== undefined)
        this.#deps.schedule(this.#deps.offerTimeout, { kind: 'offer-expired', offerId: offer.offerId });
      offers.push(offer);
    }
    return offers;
  }

  /**
   * The QoS controller's correction on an agent whose regular tasks now use more of what they
   * were allocated: outstanding revocable offers there are rescinded and the revocable tasks
   * that no longer fit are killed, reported lost with Mesos's reason for a preempted container.
   */
  #correct(agentId: string, victims: readonly string[]): void {
    const book = this.#revocable;
    // The QoS controller runs on the agent: a machine that is down or cut off corrects nothing.
    if (book === undefined || !this.failures.canLaunchOn(agentId) || !book.overcommitted(agentId)) return;
    for (const offer of [...this.#offers.values()])
      if (offer.revocable === true && offer.agentId === agentId) this.#rescind(offer.offerId, 'revoked');
    for (const key of victims) if (this.#tasks.has(key)) this.endTask(key, 'lost', REVOKED_TASK_REASON);
  }

  #rescind(offerId: string, reason: string): void {
    const offer = this.#offers.get(offerId);
    if (offer === undefined) return;
    const handle = this.#framework(offer.frameworkId);
    this.#offers.delete(offerId);
    handle.offerIds.delete(offerId);
    this.#returnOffer(offer, undefined);
    this.#emit({ kind: 'offer-rescinded', offerId, frameworkId: handle.id, reason });
    this.#call(handle, (s) => s.offerRescinded?.(offerId) ?? []);
  }

  #sendStatuses(
    handle: FrameworkHandle,
    launches: readonly { taskId: string }[],
    agentId: string,
    state: TaskState,
    reason?: string,
  ): void {
    if (!Array.isArray(launches as unknown)) return;
    for (const launch of launches) {
      const status =
        reason === undefined
          ? { taskId: launch.taskId, agentId, state }
          : { taskId: launch.taskId, agentId, state, reason };
      this.#call(handle, (s) => s.statusUpdate(status));
    }
  }

  #reject(handle: FrameworkHandle, action: string, reason: string): void {
    this.#emit({ kind: 'decision-rejected', frameworkId: handle.id, action, reason });
  }

  /**
   * Calls into a framework. Its reply applies once it has thought about it: thinking starts when
   * the scheduler is done with earlier callbacks, so replies keep the order they were sent in.
   */
  #call(handle: FrameworkHandle, callback: SchedulerCall): void {
    if (!this.frameworkFailovers.held(handle, callback)) this.#deliver(handle, callback);
  }

  /** Calls into a framework now, even one whose held callbacks are being replayed. */
  #deliver(handle: FrameworkHandle, callback: SchedulerCall): void {
    const actions = callback(handle.scheduler);
    handle.pendingDirty = true;
    if (actions.length === 0) return;
    const now = this.#deps.now();
    const replyAt = Math.max(now, handle.busyUntil) + thinkDelay(handle.thinkTime, actions);
    handle.busyUntil = replyAt;
    this.#deps.schedule(replyAt - now, { kind: 'framework-actions', frameworkId: handle.id, actions });
  }

  #framework(id: string): FrameworkHandle {
    const handle = this.#frameworks.get(id);
    if (handle === undefined) throw new DecisionError(`unknown framework "${id}"`);
    return handle;
  }

  #ledger(agentId: string): MachineLedger {
    const ledger = this.#ledgers.get(agentId);
    if (ledger === undefined) throw new DecisionError(`unknown agent "${agentId}"`);
    return ledger;
  }

  #emit(record: DistributiveOmit<SimRecord, 't'>): void {
    this.#deps.emit({ t: this.#deps.now(), ...record } as SimRecord);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An allocator's offer in words, for its error messages (built only when there is something wrong). */
function offerText(decision: OfferDecision): string {
  return `allocator offered ${formatResources(decision.resources)} on ${decision.agentId} to ${decision.frameworkId}`;
}

function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

/** Mesos's rules for `refuse_seconds`: absent or negative → default 5 s; capped at 365 days. */
function refuseSecondsOf(value: number | undefined): number {
  if (value === undefined || Number.isNaN(value) || value < 0) return DEFAULT_REFUSE_SECONDS;
  return Math.min(value, 365 * 24 * 3600);
}

/** The roles a suppress or revive call names: its own list, or (none given) all the framework's roles. */
function rolesOf(roles: readonly string[] | undefined, handle: FrameworkHandle): readonly string[] {
  return Array.isArray(roles) ? roles : handle.roles;
}
