import type { Resources } from '../cluster/resources.ts';
import type { Micros } from '../kernel/time.ts';
import type { FrameworkAction, FrameworkScheduler } from '../plugins/framework.ts';

/**
 * A callback into a framework's scheduler, as the master makes it.
 *
 * @example
 * ```ts
 * const offerGone: SchedulerCall = (s) => s.offerRescinded?.('o7') ?? [];
 * ```
 */
export type SchedulerCall = (scheduler: FrameworkScheduler) => readonly FrameworkAction[];

/**
 * Whether a framework's scheduler is reachable, and what waits for its next leader.
 *
 * @example
 * ```ts
 * const connection = newConnection(); // connected, never failed over
 * connection.connected; // true
 * ```
 */
export interface FrameworkConnection {
  /** Its scheduler is up and registered. */
  connected: boolean;
  /** When its scheduler last went down. */
  downSince: Micros;
  /** Scheduler failovers so far (stale timers of an earlier one are ignored). */
  failovers: number;
  /** The master removed it (failover timeout): its tasks were killed. */
  removed: boolean;
  /** Its new leader came back while there was no master: it re-registers with the next one. */
  returnDue: boolean;
  /** Its failover timeout passed while there was no master: the next one removes it. */
  timeoutDue: boolean;
  /** Callbacks the scheduler missed while down, for its new leader (in order). */
  held: SchedulerCall[];
}

/**
 * A fresh connection: up, never failed over.
 *
 * @example
 * ```ts
 * const handle: FrameworkHandle = { ...spec, connection: newConnection(), ... };
 * ```
 */
export function newConnection(): FrameworkConnection {
  return { connected: true, downSince: 0, failovers: 0, removed: false, returnDue: false, timeoutDue: false, held: [] };
}

/**
 * The master's record of a registered framework.
 *
 * @example
 * ```ts
 * const handle: FrameworkHandle = { id: 'batch', roles: ['batch'], scheduler, thinkTime: { base: 0, perTask: 0 },
 *   failoverTimeout: 604_800e6, connection: newConnection(), active: true, loggedPending: 0, pendingDirty: false, busyUntil: 0, offerIds: new Set(), suppressedRoles: new Set() };
 * thinkDelay(handle.thinkTime, []); // 0
 * ```
 */
export interface FrameworkHandle {
  readonly id: string;
  readonly roles: readonly string[];
  readonly scheduler: FrameworkScheduler;
  readonly thinkTime: { readonly base: Micros; readonly perTask: Micros };
  readonly gpuCapable: boolean;
  readonly partitionAware: boolean;
  /** Mesos's REVOCABLE_RESOURCES capability. */
  readonly revocable?: boolean | undefined;
  /** Its priority (0 unless the scenario says): with preemption on, it may preempt lower ones. */
  readonly priority?: number | undefined;
  readonly minAllocatable: Readonly<Record<string, readonly Resources[]>> | undefined;
  /** Mesos failover_timeout: how long its tasks outlive a disconnected scheduler. */
  readonly failoverTimeout: Micros;
  /** Its scheduler's connection (framework failover). */
  readonly connection: FrameworkConnection;
  active: boolean;
  /** Last pending-task count logged, to log only changes. */
  loggedPending: number;
  /** A callback ran since the pending count was last checked. */
  pendingDirty: boolean;
  /**
   * When the scheduler finishes thinking about what it was last given. A scheduler is one
   * sequential process: it thinks about one callback after another, and its replies arrive in
   * the order it sent them.
   */
  busyUntil: Micros;
  /** Offers outstanding to this framework. */
  readonly offerIds: Set<string>;
  /**
   * Roles the framework has suppressed offers for (its suppress and revive calls). It re-subscribes
   * with them after a master failover, as Mesos's SUBSCRIBE carries `suppressed_roles`.
   */
  readonly suppressedRoles: Set<string>;
}

/**
 * The framework's decision latency for one reply: a constant plus a cost per launched task.
 *
 * @example
 * ```ts
 * thinkDelay({ base: 10_000, perTask: 1_000 }, [{ kind: 'accept', offerId: 'o1', launches: [a, b] }]); // 12_000
 * ```
 */
export function thinkDelay(
  thinkTime: { readonly base: Micros; readonly perTask: Micros },
  actions: readonly FrameworkAction[],
): Micros {
  let launches = 0;
  for (const action of actions)
    if (action.kind === 'accept' && Array.isArray(action.launches)) launches += action.launches.length;
  return thinkTime.base + thinkTime.perTask * launches;
}
