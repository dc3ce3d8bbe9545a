import type { Resources } from '../cluster/resources.ts';
import type { Machine } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { Micros } from '../kernel/time.ts';
import type { Allocator } from '../plugins/allocator.ts';
import type { SimEvent } from '../simulation/events.ts';
import type { SimRecord } from '../simulation/records.ts';
import { detectionDelay } from './pingDetection.ts';
import type { FailureEvent } from './schedule.ts';

/**
 * A task as the failure handler needs to see it.
 *
 * @example
 * ```ts
 * const task: TaskOnAgent = { key: 'fw\u0000t1', frameworkId: 'fw', taskId: 't1', role: '*', resources: { cpus: 1 } };
 * ```
 */
export interface TaskOnAgent {
  readonly key: string;
  readonly frameworkId: string;
  readonly taskId: string;
  readonly role: string;
  readonly resources: Resources;
  /** On revocable resources: outside the allocator's books, so not reported to it as used. */
  readonly revocable?: boolean;
}

/**
 * What the failure handler may do to the master (a narrow, internal interface).
 *
 * @example
 * ```ts
 * // The master builds these hooks over its own state and hands them to its FailureHandler:
 * const failures = new FailureHandler(hooks, timing, rng.fork('failover'), machineIds);
 * ```
 */
export interface MasterHooks {
  now(): Micros;
  schedule(delay: Micros, event: SimEvent): void;
  emit(record: SimRecord): void;
  allocator(): Allocator;
  /** A new master's allocator: a fresh instance, knowing nothing yet. */
  replaceAllocator(): Allocator;
  machine(agentId: string): Machine | undefined;
  tasksOn(agentId: string): readonly TaskOnAgent[];
  /** Ends a task; `quiet`: its framework is not told (it already heard `lost`). */
  endTask(
    key: string,
    state: 'lost' | 'gone' | 'gone-by-operator' | 'killed' | 'finished',
    reason: string,
    quiet?: boolean,
  ): void;
  /** Kill with the task's grace period (drain). */
  killTask(key: string): void;
  /** Stops a dead task's progress (its machine crashed); it stays in the books until the master knows. */
  stopExecution(key: string): void;
  /** Whether the task's launch reached its machine (false when it was down or cut off then). */
  reachedAgent(key: string): boolean;
  /** Whether the task is still STAGING (its start-up delay is not over). */
  isStaging(key: string): boolean;
  /** Tells a framework about one of its tasks (queued while the master is down). */
  notify(
    frameworkId: string,
    taskId: string,
    agentId: string,
    state: 'lost' | 'unreachable' | 'starting' | 'running',
    reason: string,
  ): void;
  rescindOffersOn(agentId: string, reason: string): void;
  rescindAllOffers(reason: string): void;
  /** Frameworks re-register with a new master and add themselves to its allocator. */
  reregisterFrameworks(): void;
  partitionAware(frameworkId: string): boolean;
  /** A framework's scheduler goes down for `duration` (its leader fails over). */
  disconnectFramework(frameworkId: string, duration: Micros): void;
}

/**
 * Timing parameters (Mesos's master flags).
 *
 * @example
 * ```ts
 * const timing: FailureTiming = { pingTimeout: 15e6, maxPingTimeouts: 5, reregisterTimeout: 600e6, reregisterSpread: 30e6 };
 * // a machine that crashes at t is noticed 75 s to 90 s later, by the phase of its ping cycle
 * ```
 */
export interface FailureTiming {
  readonly pingTimeout: Micros;
  readonly maxPingTimeouts: number;
  readonly reregisterTimeout: Micros;
  readonly reregisterSpread: Micros;
}

interface AgentRuntime {
  /** Crashed (or rebooting): its tasks are dead. */
  down: boolean;
  /** Partitions it is in (overlapping partitions nest). */
  partitions: number;
  draining: boolean;
  /** Known to the allocator (registered and reachable as far as the master knows). */
  registered: boolean;
  /** The master has declared it unreachable. */
  unreachable: boolean;
  /** Bumped on every change of reality, so stale detection timers are ignored. */
  epoch: number;
  /** Tasks that ended in reality while the agent was partitioned: reported when it is back. */
  readonly heldFinishes: Set<string>;
  /** Tasks the master reported unreachable or lost while partitioned (still running). */
  readonly unreachableTasks: Set<string>;
  /** Tasks whose start-up ended while the agent was cut off: `running` is reported when it is back. */
  readonly heldStarts: Set<string>;
  /** When the master's ping cycle for it started (its last registration). */
  pingPhase: Micros;
  /** Marked gone by the operator: shut down for good, never registered again. */
  gone: boolean;
  /**
   * A failed-over master has not heard from it yet: its tasks are unknown to the master until it
   * re-registers (or the re-registration timeout marks it unreachable).
   */
  awaitingReregistration: boolean;
}

/**
 * Failures of machines, switches and the master, and Mesos's way of noticing them: a machine's
 * trouble is seen only when `maxPingTimeouts` pings of `pingTimeout` each went unanswered, counted
 * from the first ping of its cycle after the failure ({@link detectionDelay}); then its
 * offers are rescinded, it leaves the allocator and its tasks are reported lost — or, to
 * partition-aware frameworks, unreachable, crashed or not: the master cannot tell. A healed
 * partition re-registers the agent and kills the tasks that were already given up on
 * (partition-aware frameworks keep theirs and hear `running`); a rebooted machine comes back
 * empty (its tasks `gone` to partition-aware frameworks, `lost` to others). A failed-over master starts
 * with a fresh allocator; agents re-register within a spread and are removed if not back within the
 * re-registration timeout; frameworks re-register and reconcile.
 *
 * @example
 * ```ts
 * const failures = new FailureHandler(hooks, timing, rng.fork('failover'), machineIds);
 * failures.apply({ at: 0, kind: 'crash', machines: ['m1'], recoverAt: undefined, cause: 'crash' });
 * ```
 */
export class FailureHandler {
  readonly #hooks: MasterHooks;
  readonly #timing: FailureTiming;
  readonly #rng: Rng;
  readonly #agents = new Map<string, AgentRuntime>();
  #masterDown = false;
  #failovers = 0;

  constructor(hooks: MasterHooks, timing: FailureTiming, rng: Rng, agentIds: readonly string[]) {
    this.#hooks = hooks;
    this.#timing = timing;
    this.#rng = rng;
    for (const id of agentIds) {
      this.#agents.set(id, {
        down: false,
        partitions: 0,
        draining: false,
        registered: true,
        unreachable: false,
        epoch: 0,
        heldFinishes: new Set(),
        unreachableTasks: new Set(),
        heldStarts: new Set(),
        pingPhase: 0,
        gone: false,
        awaitingReregistration: false,
      });
    }
  }

  /** True while the master is down (no allocation; framework messages wait). */
  get masterDown(): boolean {
    return this.#masterDown;
  }

  /** True when tasks can be launched on the agent: it is up, reachable and not draining. */
  canLaunchOn(agentId: string): boolean {
    const a = this.#agents.get(agentId);
    return a !== undefined && !a.down && a.partitions === 0 && !a.draining && a.registered && !a.gone;
  }

  /** True unless the machine is down (crashed or rebooting): a staging task can start there. */
  isUp(agentId: string): boolean {
    const a = this.#agents.get(agentId);
    return a !== undefined && !a.down && !a.gone;
  }

  /**
   * A task's start-up is over in reality. Returns false when the master cannot hear of it yet
   * (its agent is cut off): its framework hears `running` when the agent is back.
   */
  taskStarted(agentId: string, key: string): boolean {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.partitions === 0) return true;
    a.heldStarts.add(key);
    return false;
  }

  /**
   * A task's work is done in reality. Returns false when the master cannot hear of it yet
   * (its agent is partitioned): it is held and reported when the agent is back.
   */
  taskFinished(agentId: string, key: string): boolean {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.partitions === 0) return true;
    a.heldFinishes.add(key);
    return false;
  }

  /** Applies one failure event at its time. */
  apply(event: FailureEvent): void {
    const now = this.#hooks.now();
    switch (event.kind) {
      case 'crash':
        this.#hooks.emit({
          t: now,
          kind: 'machines-down',
          machines: event.machines,
          cause: event.cause,
          mode: 'crash',
        });
        for (const id of event.machines) this.#crash(id);
        if (event.recoverAt !== undefined) {
          for (const id of event.machines)
            this.#hooks.schedule(event.recoverAt - now, { kind: 'agent-return', agentId: id, what: 'reboot' });
        }
        return;
      case 'partition':
        this.#hooks.emit({
          t: now,
          kind: 'machines-down',
          machines: event.machines,
          cause: event.cause,
          mode: 'partition',
        });
        for (const id of event.machines) this.#partition(id);
        for (const id of event.machines)
          this.#hooks.schedule(event.until - now, { kind: 'agent-return', agentId: id, what: 'heal' });
        return;
      case 'drain':
        this.#hooks.emit({
          t: now,
          kind: 'machines-down',
          machines: [event.machine],
          cause: 'maintenance',
          mode: 'drain',
        });
        this.#drain(event.machine);
        if (event.until !== undefined)
          this.#hooks.schedule(event.until - now, {
            kind: 'agent-return',
            agentId: event.machine,
            what: 'maintenance-done',
          });
        return;
      case 'master-failover':
        this.#failover(event.until - now);
        return;
      case 'mark-gone':
        this.#markGone(event.machine);
        return;
      case 'framework-failover':
        this.#hooks.disconnectFramework(event.frameworkId, event.until - now);
        return;
    }
  }

  /**
   * What the master answers when a framework reconciles a task it has on its books: undefined when
   * the master does not know the task yet (a failed-over master whose agent has not re-registered),
   * `unreachable` or `lost` (by the framework's capability) for a task it gave up on during a
   * partition, else `running`.
   */
  reconciledState(
    agentId: string,
    key: string,
    partitionAware: boolean,
  ): 'running' | 'unreachable' | 'lost' | undefined {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.awaitingReregistration) return undefined;
    if (a.unreachableTasks.has(key)) return partitionAware ? 'unreachable' : 'lost';
    return 'running';
  }

  /** True while a failed-over master still waits for some agents to re-register. */
  get agentsReregistering(): boolean {
    for (const a of this.#agents.values()) if (a.awaitingReregistration) return true;
    return false;
  }

  /** The master's detection timer for an agent fires. */
  detect(agentId: string, epoch: number): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.gone || a.epoch !== epoch || a.unreachable || (!a.down && a.partitions === 0)) return;
    if (this.#masterDown) return; // a new master learns of it through re-registration instead
    const now = this.#hooks.now();
    a.unreachable = true;
    this.#hooks.emit({ t: now, kind: 'agent-unreachable', agentId, cause: a.down ? 'crashed' : 'partitioned' });
    this.#deregister(agentId, a, 'agent unreachable');
    for (const task of this.#hooks.tasksOn(agentId)) {
      const aware = this.#hooks.partitionAware(task.frameworkId);
      if (!this.#hooks.reachedAgent(task.key)) {
        // Mesos would answer a reconciliation for it with TASK_LOST (no agent ever heard of it).
        this.#hooks.endTask(task.key, 'lost', 'launch never reached the agent');
      } else if (a.down && !aware) {
        if (!a.heldFinishes.has(task.key)) this.#hooks.endTask(task.key, 'lost', 'agent lost');
      } else if (!a.heldFinishes.has(task.key)) {
        // The master cannot tell a crash from a partition: a partition-aware framework hears
        // `unreachable` for both, and `gone` once a crashed machine comes back empty.
        a.unreachableTasks.add(task.key);
        this.#hooks.emit({
          t: now,
          kind: 'task-unreachable',
          frameworkId: task.frameworkId,
          taskId: task.taskId,
          agentId,
        });
        this.#hooks.notify(task.frameworkId, task.taskId, agentId, aware ? 'unreachable' : 'lost', 'agent unreachable');
      }
    }
  }

  /** A machine comes back: a reboot ends, a partition heals, maintenance is over. */
  returned(agentId: string, what: 'reboot' | 'heal' | 'maintenance-done'): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.gone) return;
    const now = this.#hooks.now();
    if (what === 'reboot') {
      if (!a.down) return;
      a.down = false;
      // The tasks died with the machine; an agent that restarts re-registers empty (with a new
      // agent id: the old one is removed, its tasks are TASK_GONE to partition-aware frameworks).
      for (const task of this.#hooks.tasksOn(agentId)) {
        const aware = this.#hooks.partitionAware(task.frameworkId);
        this.#hooks.endTask(task.key, aware ? 'gone' : 'lost', 'agent restarted');
      }
      a.unreachableTasks.clear();
      a.heldStarts.clear();
    } else if (what === 'heal') {
      a.partitions = Math.max(0, a.partitions - 1);
      if (a.partitions > 0) return;
    } else {
      a.draining = false;
    }
    a.epoch++;
    if (a.down || a.partitions > 0 || a.draining) return;
    this.#hooks.emit({ t: now, kind: 'machines-up', machines: [agentId], cause: what });
    this.#settleTasksOnReturn(agentId, a);
    a.unreachable = false;
    if (!this.#masterDown && !a.registered) this.#register(agentId, a);
  }

  /** A new master has been elected after a failover. */
  elected(): void {
    if (!this.#masterDown) return;
    const now = this.#hooks.now();
    this.#masterDown = false;
    this.#failovers++;
    this.#hooks.replaceAllocator();
    this.#hooks.emit({ t: now, kind: 'master-elected', failover: this.#failovers });
    this.#hooks.reregisterFrameworks();
    for (const [id, a] of this.#agents) {
      if (a.down || a.partitions > 0 || a.draining || a.gone) continue;
      const delay = Math.round(this.#rng.next() * this.#timing.reregisterSpread);
      this.#hooks.schedule(delay, { kind: 'agent-reregister', agentId: id, failover: this.#failovers });
    }
    this.#hooks.schedule(this.#timing.reregisterTimeout, { kind: 'reregister-timeout', failover: this.#failovers });
  }

  /** An agent reaches the new master. */
  reregister(agentId: string, failover: number): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || failover !== this.#failovers || a.registered || this.#masterDown) return;
    if (a.down || a.partitions > 0 || a.draining) return;
    this.#register(agentId, a);
  }

  /** The re-registration window closed: agents that did not come back are removed, tasks lost. */
  reregisterTimeout(failover: number): void {
    if (failover !== this.#failovers || this.#masterDown) return;
    for (const [id, a] of this.#agents) {
      a.awaitingReregistration = false;
      if (a.registered || a.draining || a.gone) continue;
      this.#hooks.emit({ t: this.#hooks.now(), kind: 'agent-unreachable', agentId: id, cause: 'did not re-register' });
      a.unreachable = true;
      for (const task of this.#hooks.tasksOn(id)) this.#hooks.endTask(task.key, 'lost', 'agent did not re-register');
    }
  }

  #crash(agentId: string): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.down) return;
    a.down = true;
    a.epoch++;
    for (const task of this.#hooks.tasksOn(agentId)) this.#hooks.stopExecution(task.key);
    this.#scheduleDetection(agentId, a);
  }

  #partition(agentId: string): void {
    const a = this.#agents.get(agentId);
    if (a === undefined) return;
    a.partitions++;
    if (a.partitions > 1) return;
    a.epoch++;
    this.#scheduleDetection(agentId, a);
  }

  #drain(agentId: string): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.draining) return;
    a.draining = true;
    a.epoch++;
    if (a.registered && !this.#masterDown) this.#deregister(agentId, a, 'maintenance');
    for (const task of this.#hooks.tasksOn(agentId)) this.#hooks.killTask(task.key);
  }

  /**
   * The operator asserts the machine is gone (Mesos's MARK_AGENT_GONE): the master removes it for
   * good and its tasks end — TASK_GONE_BY_OPERATOR to partition-aware frameworks, TASK_LOST to the
   * others. A machine still running is shut down (Mesos refuses it when it reconnects).
   */
  #markGone(agentId: string): void {
    const a = this.#agents.get(agentId);
    if (a === undefined || a.gone) return;
    a.gone = true;
    a.epoch++;
    const tasks = this.#hooks.tasksOn(agentId);
    this.#hooks.emit({ t: this.#hooks.now(), kind: 'agent-marked-gone', agentId, tasks: tasks.length });
    this.#deregister(agentId, a, 'agent marked gone');
    for (const task of tasks) {
      const aware = this.#hooks.partitionAware(task.frameworkId);
      // A framework that is not partition-aware heard `lost` already if the agent was unreachable.
      const told = !aware && a.unreachableTasks.has(task.key);
      this.#hooks.endTask(task.key, aware ? 'gone-by-operator' : 'lost', 'agent marked gone', told);
    }
    a.heldFinishes.clear();
    a.unreachableTasks.clear();
    a.heldStarts.clear();
  }

  #failover(duration: Micros): void {
    if (this.#masterDown) return;
    this.#masterDown = true;
    this.#hooks.emit({ t: this.#hooks.now(), kind: 'master-down', durationSeconds: duration / 1_000_000 });
    this.#hooks.rescindAllOffers('master failover');
    for (const a of this.#agents.values()) {
      a.registered = false;
      a.awaitingReregistration = true;
    }
    this.#hooks.schedule(duration, { kind: 'master-elected' });
  }

  #scheduleDetection(agentId: string, a: AgentRuntime): void {
    if (!a.registered && !this.#masterDown) return;
    this.#hooks.schedule(detectionDelay(this.#timing, a.pingPhase, this.#hooks.now()), {
      kind: 'agent-detect',
      agentId,
      epoch: a.epoch,
    });
  }

  #deregister(agentId: string, a: AgentRuntime, reason: string): void {
    this.#hooks.rescindOffersOn(agentId, reason);
    if (a.registered) this.#hooks.allocator().removeAgent(agentId);
    a.registered = false;
  }

  #register(agentId: string, a: AgentRuntime): void {
    const machine = this.#hooks.machine(agentId);
    if (machine === undefined) return;
    const tasks = this.#hooks.tasksOn(agentId);
    const used = tasks
      .filter((t) => t.revocable !== true)
      .map((t) => ({ frameworkId: t.frameworkId, role: t.role, resources: t.resources }));
    a.registered = true;
    a.awaitingReregistration = false;
    a.pingPhase = this.#hooks.now();
    this.#hooks.allocator().addAgent(agentId, {
      resources: machine.resources,
      attributes: machine.attributes,
      reserved: machine.reserved,
      used,
    });
    this.#hooks.emit({ t: this.#hooks.now(), kind: 'agent-registered', agentId, tasks: tasks.length });
  }

  /** After a partition: finished tasks are reported; tasks given up on are killed unless kept. */
  #settleTasksOnReturn(agentId: string, a: AgentRuntime): void {
    for (const key of a.heldFinishes) this.#hooks.endTask(key, 'finished', 'reported after the partition healed');
    a.heldFinishes.clear();
    for (const task of this.#hooks.tasksOn(agentId)) {
      if (!a.unreachableTasks.has(task.key)) {
        // Launched while the machine was cut off: the launch never reached it.
        if (!this.#hooks.reachedAgent(task.key))
          this.#hooks.endTask(task.key, 'lost', 'launch never reached the agent');
        else if (a.heldStarts.has(task.key)) this.#notifyStarted(task, agentId);
        continue;
      }
      if (this.#hooks.partitionAware(task.frameworkId)) {
        this.#hooks.emit({
          t: this.#hooks.now(),
          kind: 'task-reachable',
          frameworkId: task.frameworkId,
          taskId: task.taskId,
          agentId,
        });
        // Still staging: it is reported running when its start-up is over.
        if (!this.#hooks.isStaging(task.key))
          this.#hooks.notify(task.frameworkId, task.taskId, agentId, 'running', 'partition healed');
      } else {
        this.#hooks.endTask(task.key, 'killed', 'given up during the partition');
      }
    }
    a.unreachableTasks.clear();
    a.heldStarts.clear();
  }

  #notifyStarted(task: TaskOnAgent, agentId: string): void {
    this.#hooks.notify(task.frameworkId, task.taskId, agentId, 'starting', 'partition healed');
    this.#hooks.notify(task.frameworkId, task.taskId, agentId, 'running', 'partition healed');
  }
}
