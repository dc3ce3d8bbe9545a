import type { FrameworkAction } from '../plugins/framework.ts';
import type { Arrival } from '../plugins/workload.ts';

/**
 * What the kernel queues for a cluster run: plain data with a `kind`. The priority class orders
 * events at the same instant: resources freed and decisions applied before arrivals, and all of
 * these before an allocation run, so an allocation at time t sees everything that happened at t.
 *
 * @example
 * ```ts
 * const event: SimEvent = { kind: 'offer-expired', offerId: 'o7' };
 * loop.schedule(loop.now + offerTimeout, EVENT_PRIORITY[event.kind], event);
 * ```
 * @module
 */
export type SimEvent =
  | { readonly kind: 'task-end'; readonly taskKey: string; readonly version: number }
  | { readonly kind: 'task-kill'; readonly taskKey: string }
  | { readonly kind: 'task-start'; readonly taskKey: string }
  | { readonly kind: 'framework-actions'; readonly frameworkId: string; readonly actions: readonly FrameworkAction[] }
  | { readonly kind: 'offer-expired'; readonly offerId: string }
  | { readonly kind: 'arrival'; readonly source: number; readonly arrival: Arrival }
  | { readonly kind: 'framework-timer'; readonly frameworkId: string; readonly tag: string }
  | { readonly kind: 'operation'; readonly index: number }
  | { readonly kind: 'failure'; readonly index: number }
  | { readonly kind: 'agent-detect'; readonly agentId: string; readonly epoch: number }
  | { readonly kind: 'agent-return'; readonly agentId: string; readonly what: 'reboot' | 'heal' | 'maintenance-done' }
  | { readonly kind: 'master-elected' }
  | { readonly kind: 'agent-reregister'; readonly agentId: string; readonly failover: number }
  | { readonly kind: 'reregister-timeout'; readonly failover: number }
  /** A framework's new scheduler leader re-registers (its `failover`-th failover). */
  | { readonly kind: 'framework-return'; readonly frameworkId: string; readonly failover: number }
  /** A disconnected framework's failover_timeout is over. */
  | { readonly kind: 'framework-failover-timeout'; readonly frameworkId: string; readonly failover: number }
  | { readonly kind: 'allocate'; readonly batch: boolean }
  | { readonly kind: 'estimate-revocable' };

/**
 * Priority class of each event kind (lower runs first at the same time).
 *
 * @example
 * ```ts
 * EVENT_PRIORITY['task-end'] < EVENT_PRIORITY.allocate; // true: freed resources are seen by the run
 * ```
 */
export const EVENT_PRIORITY: Readonly<Record<SimEvent['kind'], number>> = {
  operation: 0,
  failure: 0,
  'agent-return': 0,
  'master-elected': 0,
  'agent-detect': 0,
  'agent-reregister': 0,
  'reregister-timeout': 0,
  'framework-return': 0,
  'framework-failover-timeout': 0,
  'task-end': 1,
  'task-kill': 1,
  'task-start': 1,
  'framework-actions': 2,
  'offer-expired': 3,
  arrival: 4,
  'framework-timer': 4,
  'estimate-revocable': 5,
  allocate: 8,
};
