import { LedgerError } from '../../cluster/ledger.ts';
import {
  addResources,
  fitsWithin,
  formatResources,
  normalizeResources,
  sumResources,
} from '../../cluster/resources.ts';
import type { Machine } from '../../cluster/topology.ts';
import type { MasterView } from '../../master/masterView.ts';
import type { LogBook, LoggedHolding } from './logBook.ts';
import type { InvariantProblem } from './violation.ts';

/**
 * Groups holdings by agent.
 *
 * @example
 * ```ts
 * byAgent(master.inspect().tasks).get('m1'); // the master's tasks on m1
 * ```
 */
export function byAgent<T extends { readonly agentId: string }>(items: Iterable<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.agentId);
    if (list === undefined) out.set(item.agentId, [item]);
    else list.push(item);
  }
  return out;
}

const total = (items: readonly { readonly resources: LoggedHolding['resources'] }[] | undefined) =>
  sumResources((items ?? []).map((i) => i.resources));

/**
 * `machine-capacity` and `offers-disjoint` on every machine: the master's books balance and are
 * not over-committed, and what the log says is offered or running there fits the machine.
 *
 * @example
 * ```ts
 * const problem = machineProblem(topology.machines, master.inspect(), logBook); // undefined when all is well
 * ```
 */
export function machineProblem(
  machines: readonly Machine[],
  master: MasterView,
  log: LogBook,
): InvariantProblem | undefined {
  const loggedTasks = byAgent(log.tasks.values());
  const loggedOffers = byAgent(log.offers.values());
  for (const machine of machines) {
    const ledger = master.ledger(machine.id);
    if (ledger === undefined) continue;
    try {
      ledger.checkBalance();
    } catch (error) {
      if (error instanceof LedgerError) return { invariant: 'machine-capacity', detail: error.message };
      throw error;
    }
    const committed = addResources(ledger.offered, ledger.allocated);
    if (!fitsWithin(normalizeResources(committed), normalizeResources(machine.resources)))
      return {
        invariant: 'machine-capacity',
        detail: `machine ${machine.id}: offered + allocated = ${formatResources(committed)} exceeds its capacity ${formatResources(machine.resources)}`,
      };
    const offered = total(loggedOffers.get(machine.id));
    const running = total(loggedTasks.get(machine.id));
    const both = addResources(offered, running);
    if (!fitsWithin(normalizeResources(both), normalizeResources(machine.resources)))
      return {
        invariant: 'offers-disjoint',
        detail: `machine ${machine.id}: outstanding offers (${formatResources(offered)}) and running tasks (${formatResources(running)}) exceed its capacity ${formatResources(machine.resources)}: resources are offered twice or offered while allocated`,
      };
  }
  return undefined;
}
