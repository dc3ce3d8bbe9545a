import { microsToSeconds, type Micros } from '../kernel/time.ts';
import type { Allocator } from '../plugins/allocator.ts';
import type { SimEvent } from '../simulation/events.ts';
import type { SimRecord } from '../simulation/records.ts';
import type { FrameworkHandle, SchedulerCall } from './frameworkHandle.ts';

/**
 * What framework failover handling may do to the master (a narrow, internal interface).
 *
 * @example
 * ```ts
 * // The master builds these over its own state:
 * const failovers = new FrameworkFailovers(hooks);
 * ```
 */
export interface FrameworkFailoverHooks {
  now(): Micros;
  schedule(delay: Micros, event: SimEvent): void;
  emit(record: SimRecord): void;
  allocator(): Allocator;
  masterDown(): boolean;
  framework(frameworkId: string): FrameworkHandle;
  /** Keys of the framework's tasks on the master's books. */
  taskKeysOf(frameworkId: string): readonly string[];
  endTask(key: string, state: 'killed', reason: string): void;
  rescindOffersOf(frameworkId: string, reason: string): void;
  /** Calls into the scheduler now (think time, reply ordering), bypassing the held queue. */
  deliver(handle: FrameworkHandle, call: SchedulerCall): void;
  /** Adds the framework to the current allocator, active or not as its connection says. */
  addToAllocator(handle: FrameworkHandle): void;
}

/**
 * A framework's scheduler going down and a new leader taking over, as the Mesos master sees it.
 * While the scheduler is down the framework is inactive (no offers; its outstanding offers are
 * rescinded) and whatever the master would tell it — status updates, rescinds, its timers, job
 * arrivals — waits for the new leader, which gets `leaderFailedOver` first and then the missed
 * callbacks in order. Its tasks keep running for its `failoverTimeout` (Mesos's
 * FrameworkInfo.failover_timeout); if no leader is back by then, the master removes the framework
 * and kills its tasks. A leader coming back later registers afresh and hears those kills.
 *
 * @example
 * ```ts
 * const failovers = new FrameworkFailovers(hooks);
 * failovers.disconnect('marathon', 30e6); // back in 30 s: its tasks keep running
 * failovers.held(handle, (s) => s.statusUpdate(status)); // true: it waits for the new leader
 * ```
 */
export class FrameworkFailovers {
  readonly #hooks: FrameworkFailoverHooks;

  constructor(hooks: FrameworkFailoverHooks) {
    this.#hooks = hooks;
  }

  /** Holds a callback for a disconnected scheduler; false when it can be delivered now. */
  held(handle: FrameworkHandle, call: SchedulerCall): boolean {
    if (handle.connection.connected) return false;
    handle.connection.held.push(call);
    return true;
  }

  /** The framework's scheduler goes down; a new leader comes back after `duration`. */
  disconnect(frameworkId: string, duration: Micros): void {
    const handle = this.#hooks.framework(frameworkId);
    const connection = handle.connection;
    if (!connection.connected) return; // already down: the earlier failover's leader comes back
    const now = this.#hooks.now();
    connection.connected = false;
    connection.downSince = now;
    connection.failovers++;
    this.#hooks.emit({
      t: now,
      kind: 'framework-disconnected',
      frameworkId,
      failoverTimeoutSeconds: microsToSeconds(handle.failoverTimeout),
    });
    if (!this.#hooks.masterDown()) {
      this.#hooks.rescindOffersOf(frameworkId, 'framework disconnected');
      this.#hooks.allocator().deactivateFramework(frameworkId);
    }
    const failover = connection.failovers;
    this.#hooks.schedule(handle.failoverTimeout, { kind: 'framework-failover-timeout', frameworkId, failover });
    this.#hooks.schedule(duration, { kind: 'framework-return', frameworkId, failover });
  }

  /** The framework's new leader re-registers (with the next master if the master is down). */
  returned(frameworkId: string, failover: number): void {
    const handle = this.#hooks.framework(frameworkId);
    if (handle.connection.failovers !== failover || handle.connection.connected) return;
    if (this.#hooks.masterDown()) {
      handle.connection.returnDue = true;
      return;
    }
    this.#reconnect(handle);
  }

  /** The failover timeout is over: a framework still disconnected is removed and its tasks killed. */
  timedOut(frameworkId: string, failover: number): void {
    const handle = this.#hooks.framework(frameworkId);
    const connection = handle.connection;
    // A leader already back, waiting only for a master to register with, is not timed out.
    if (connection.failovers !== failover || connection.connected || connection.removed || connection.returnDue) return;
    if (this.#hooks.masterDown()) {
      connection.timeoutDue = true;
      return;
    }
    this.#remove(handle);
  }

  /**
   * A new master was elected: the framework joins its allocator (inactive while its scheduler is
   * down), and what fell due while there was no master happens now. Returns whether its scheduler,
   * connected all along, should now reconcile with the new master (a leader that comes back now
   * reconciles as a new leader).
   */
  afterElection(handle: FrameworkHandle): boolean {
    const connection = handle.connection;
    if (connection.timeoutDue && !connection.removed) this.#remove(handle, false);
    if (!connection.removed) this.#register(handle);
    if (!connection.returnDue) return connection.connected;
    this.#reconnect(handle);
    return false;
  }

  /**
   * Adds the framework to the current allocator: what it waits for, and which roles it keeps
   * suppressed (it re-subscribes with them: SUBSCRIBE's suppressed_roles).
   */
  #register(handle: FrameworkHandle): void {
    const allocator = this.#hooks.allocator();
    this.#hooks.addToAllocator(handle);
    if (handle.suppressedRoles.size > 0) allocator.suppress(handle.id, [...handle.suppressedRoles]);
    allocator.pendingChanged?.(handle.id, handle.loggedPending);
  }

  /** Removes the framework and kills its tasks (`inAllocator`: the current allocator has it). */
  #remove(handle: FrameworkHandle, inAllocator = true): void {
    const connection = handle.connection;
    connection.timeoutDue = false;
    connection.removed = true;
    this.#hooks.emit({
      t: this.#hooks.now(),
      kind: 'framework-removed',
      frameworkId: handle.id,
      reason: 'failover timeout',
    });
    for (const key of this.#hooks.taskKeysOf(handle.id))
      this.#hooks.endTask(key, 'killed', 'framework failover timeout');
    if (inAllocator) this.#hooks.allocator().removeFramework(handle.id);
  }

  #reconnect(handle: FrameworkHandle): void {
    const connection = handle.connection;
    const now = this.#hooks.now();
    connection.returnDue = false;
    connection.connected = true;
    if (connection.removed) {
      connection.removed = false;
      this.#register(handle);
    } else {
      this.#hooks.allocator().activateFramework(handle.id);
    }
    this.#hooks.emit({
      t: now,
      kind: 'framework-reregistered',
      frameworkId: handle.id,
      downSeconds: microsToSeconds(now - connection.downSince),
    });
    const downSince = microsToSeconds(connection.downSince);
    this.#hooks.deliver(handle, (s) => s.leaderFailedOver?.(downSince) ?? []);
    const held = connection.held;
    connection.held = [];
    for (const call of held) this.#hooks.deliver(handle, call);
  }
}
