import type { MachineLedger } from '../cluster/ledger.ts';
import type { Resources } from '../cluster/resources.ts';
import type { Allocator } from '../plugins/allocator.ts';

/**
 * Something the master holds on an agent for a framework in a role: a live task or an outstanding
 * offer.
 *
 * @example
 * ```ts
 * const task: MasterHolding = { id: 't1', frameworkId: 'spark', role: 'batch', agentId: 'm1', resources: { cpus: 1 } };
 * ```
 */
export interface MasterHolding {
  /** The task id (unique within its framework) or the offer id. */
  readonly id: string;
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  readonly resources: Resources;
}

/**
 * A read-only look at the master's state, for invariant checks: its live tasks and outstanding
 * offers, the machines' books and its current allocator.
 *
 * @example
 * ```ts
 * const view: MasterView = master.inspect();
 * view.tasks.length;                 // tasks the master believes exist
 * view.ledger('m1')?.free;           // that machine's free resources
 * view.allocator.inspect?.().agents; // the allocator's books, when it shows them
 * ```
 */
export interface MasterView {
  readonly tasks: readonly MasterHolding[];
  readonly offers: readonly MasterHolding[];
  ledger(agentId: string): Readonly<MachineLedger> | undefined;
  readonly allocator: Allocator;
  /** No master leads now (between a failover and the election). */
  readonly masterDown: boolean;
}
