import type { Resources } from '../cluster/resources.ts';
import type { FrameworkFact, TerminalTaskState } from '../plugins/framework.ts';

/**
 * The facts a run logs, in order: the event log is made of these, metrics observe them, golden
 * tests hash them. `t` is simulated time in integer microseconds.
 *
 * @example
 * ```ts
 * const observer: SimObserver = { observe: (r: SimRecord) => {
 *   if (r.kind === 'task-ended' && r.state === 'failed') console.log(`${r.taskId} failed at ${r.t} µs`);
 * } };
 * ```
 * @module
 */
export type SimRecord =
  | {
      readonly t: number;
      readonly kind: 'run-started';
      readonly scenario: string;
      readonly seed: number | string;
      readonly horizon: number;
    }
  | {
      readonly t: number;
      readonly kind: 'agent-added';
      readonly agentId: string;
      readonly rack: string;
      readonly resources: Resources;
    }
  | {
      readonly t: number;
      readonly kind: 'framework-registered';
      readonly frameworkId: string;
      readonly roles: readonly string[];
    }
  | {
      readonly t: number;
      readonly kind: 'job-submitted';
      readonly frameworkId: string;
      readonly jobId: string;
      readonly tasks: number;
    }
  | {
      readonly t: number;
      readonly kind: 'offer-made';
      readonly offerId: string;
      readonly frameworkId: string;
      readonly role: string;
      readonly agentId: string;
      readonly resources: Resources;
      /** Oversubscribed (allocated-but-unused) resources, which the agent may take back. */
      readonly revocable?: true;
    }
  | {
      readonly t: number;
      readonly kind: 'offer-accepted';
      readonly offerId: string;
      readonly frameworkId: string;
      readonly tasks: number;
      readonly refuseSeconds: number;
    }
  | {
      readonly t: number;
      readonly kind: 'offer-declined';
      readonly offerId: string;
      readonly frameworkId: string;
      readonly refuseSeconds: number;
    }
  | {
      readonly t: number;
      readonly kind: 'offer-rescinded';
      readonly offerId: string;
      readonly frameworkId: string;
      readonly reason: string;
    }
  | {
      readonly t: number;
      readonly kind: 'task-launched';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly jobId: string | null;
      readonly agentId: string;
      readonly resources: Resources;
      /** What the task uses (its allocation unless the framework said otherwise). */
      readonly usage: Resources;
      /** Seconds the task waited for resources, when the framework says since when it was ready. */
      readonly waitSeconds: number | null;
      /** Launched on revocable resources (killed when the agent's regular tasks need them). */
      readonly revocable?: true;
    }
  /**
   * A task launched with a start-up delay runs from now on (it was STAGING since its launch). A
   * task launched without one runs from its launch and has no such record.
   */
  | {
      readonly t: number;
      readonly kind: 'task-running';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly agentId: string;
      /** Seconds from its launch until now. */
      readonly startupSeconds: number;
    }
  | {
      readonly t: number;
      readonly kind: 'task-usage';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly usage: Resources;
    }
  /** A task's speed changed: CPU throttled at its allocation, or shared on an oversubscribed machine. */
  | {
      readonly t: number;
      readonly kind: 'task-rate';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly rate: number;
    }
  | {
      readonly t: number;
      readonly kind: 'task-killing';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly graceSeconds: number;
    }
  | {
      readonly t: number;
      readonly kind: 'task-ended';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly jobId: string | null;
      readonly agentId: string;
      readonly state: TerminalTaskState;
      readonly resources: Resources;
      /** Why, for failed, lost, error and dropped tasks (e.g. "OOM"). */
      readonly reason: string | null;
    }
  | { readonly t: number; readonly kind: 'framework-pending'; readonly frameworkId: string; readonly tasks: number }
  | {
      readonly t: number;
      readonly kind: 'framework-suppressed';
      readonly frameworkId: string;
      readonly roles: readonly string[] | null;
    }
  | {
      readonly t: number;
      readonly kind: 'framework-revived';
      readonly frameworkId: string;
      readonly roles: readonly string[] | null;
    }
  /**
   * The master preempts lower-priority tasks on an agent for a framework whose tasks waited
   * `master.preemption.afterSeconds` (the victims end `killed`, reason `REASON_TASK_PREEMPTED`).
   */
  | {
      readonly t: number;
      readonly kind: 'tasks-preempted';
      /** The waiting framework the room is made for. */
      readonly frameworkId: string;
      readonly agentId: string;
      /** The waiting task's shape the room is made for. */
      readonly need: Resources;
      readonly victims: readonly { readonly frameworkId: string; readonly taskId: string }[];
    }
  | {
      readonly t: number;
      readonly kind: 'work-abandoned';
      readonly frameworkId: string;
      readonly jobId: string;
      readonly tasks: number;
      readonly reason: string;
    }
  | {
      readonly t: number;
      readonly kind: 'decision-rejected';
      readonly frameworkId: string;
      readonly action: string;
      readonly reason: string;
    }
  | {
      readonly t: number;
      readonly kind: 'operation';
      readonly op: string;
      readonly role: string;
      readonly agentId: string | null;
      readonly ok: boolean;
    }
  | ({ readonly t: number; readonly kind: 'framework-fact'; readonly frameworkId: string } & FrameworkFact)
  /** Machines fail now (clients cannot reach them from this instant; the master notices later). */
  | {
      readonly t: number;
      readonly kind: 'machines-down';
      readonly machines: readonly string[];
      readonly cause: string;
      readonly mode: 'crash' | 'partition' | 'drain';
    }
  | { readonly t: number; readonly kind: 'machines-up'; readonly machines: readonly string[]; readonly cause: string }
  /** The master noticed: the agent missed its pings (or did not come back after a failover). */
  | { readonly t: number; readonly kind: 'agent-unreachable'; readonly agentId: string; readonly cause: string }
  | { readonly t: number; readonly kind: 'agent-registered'; readonly agentId: string; readonly tasks: number }
  /** The operator marked the agent gone (MARK_AGENT_GONE): it is shut down and never comes back. */
  | { readonly t: number; readonly kind: 'agent-marked-gone'; readonly agentId: string; readonly tasks: number }
  | {
      readonly t: number;
      readonly kind: 'task-unreachable';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly agentId: string;
    }
  | {
      readonly t: number;
      readonly kind: 'task-reachable';
      readonly frameworkId: string;
      readonly taskId: string;
      readonly agentId: string;
    }
  | { readonly t: number; readonly kind: 'master-down'; readonly durationSeconds: number }
  | { readonly t: number; readonly kind: 'master-elected'; readonly failover: number }
  /** A framework's scheduler went down: the master keeps its tasks for `failoverTimeoutSeconds`. */
  | {
      readonly t: number;
      readonly kind: 'framework-disconnected';
      readonly frameworkId: string;
      readonly failoverTimeoutSeconds: number;
    }
  /** A framework's scheduler is back (a new leader), after `downSeconds`. */
  | {
      readonly t: number;
      readonly kind: 'framework-reregistered';
      readonly frameworkId: string;
      readonly downSeconds: number;
    }
  /** The master gave up on a framework (its failover timeout passed): its tasks are killed. */
  | { readonly t: number; readonly kind: 'framework-removed'; readonly frameworkId: string; readonly reason: string }
  /**
   * A framework asked the master to reconcile: about `explicit` named tasks, or about all its tasks
   * (implicit, `explicit` null); the master answered with `answered` status updates.
   */
  | {
      readonly t: number;
      readonly kind: 'reconciliation';
      readonly frameworkId: string;
      readonly explicit: number | null;
      readonly answered: number;
    }
  | { readonly t: number; readonly kind: 'run-ended' };

/**
 * The kinds of {@link SimRecord}.
 *
 * @example
 * ```ts
 * const counts: Partial<Record<SimRecordKind, number>> = {};
 * const observer: SimObserver = { observe: (r) => { counts[r.kind] = (counts[r.kind] ?? 0) + 1; } };
 * ```
 */
export type SimRecordKind = SimRecord['kind'];

/**
 * Receives every record of a run as it happens. Observers only watch: they never change the run.
 *
 * @example
 * ```ts
 * const counter: SimObserver = { observe: (r) => { if (r.kind === 'task-launched') launched++; } };
 * ```
 */
export interface SimObserver {
  observe(record: SimRecord): void;
}
