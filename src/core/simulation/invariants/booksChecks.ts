import {
  addResources,
  formatResources,
  resourcesEqual,
  sumResources,
  type Resources,
} from '../../cluster/resources.ts';
import type { MasterHolding, MasterView } from '../../master/masterView.ts';
import type { AllocatorView } from '../../plugins/allocatorView.ts';
import type { LogBook, LoggedHolding } from './logBook.ts';
import { byAgent } from './machineChecks.ts';
import type { InvariantProblem } from './violation.ts';

const describe = (h: { readonly agentId: string; readonly resources: Resources }): string =>
  `${formatResources(h.resources)} on ${h.agentId}`;

function sameHoldings(
  what: string,
  logged: ReadonlyMap<string, LoggedHolding>,
  booked: ReadonlyMap<string, MasterHolding>,
): InvariantProblem | undefined {
  for (const [key, h] of logged) {
    const b = booked.get(key);
    if (b === undefined)
      return { invariant: 'books-balance', detail: `the log has ${what} ${key} (${describe(h)}); the master does not` };
    if (b.agentId !== h.agentId || !resourcesEqual(b.resources, h.resources))
      return {
        invariant: 'books-balance',
        detail: `${what} ${key}: the log says ${describe(h)}, the master ${describe(b)}`,
      };
  }
  for (const [key, b] of booked)
    if (!logged.has(key))
      return { invariant: 'books-balance', detail: `the master has ${what} ${key} (${describe(b)}); the log does not` };
  return undefined;
}

/**
 * `books-balance` between the log and the master: the same running tasks and outstanding offers,
 * and every machine's allocated and offered amounts are their sums.
 *
 * @example
 * ```ts
 * logMasterProblem(master.inspect(), logBook); // undefined when they agree
 * ```
 */
export function logMasterProblem(master: MasterView, log: LogBook): InvariantProblem | undefined {
  const tasks = new Map(master.tasks.map((t) => [`${t.frameworkId}/${t.id}`, t]));
  const offers = new Map(master.offers.map((o) => [o.id, o]));
  const problem = sameHoldings('task', log.tasks, tasks) ?? sameHoldings('offer', log.offers, offers);
  if (problem !== undefined) return problem;
  const tasksOn = byAgent(master.tasks);
  const offersOn = byAgent(master.offers);
  for (const agentId of new Set([...tasksOn.keys(), ...offersOn.keys()])) {
    const ledger = master.ledger(agentId);
    const allocated = sumResources((tasksOn.get(agentId) ?? []).map((t) => t.resources));
    const offered = sumResources((offersOn.get(agentId) ?? []).map((o) => o.resources));
    if (ledger === undefined)
      return { invariant: 'books-balance', detail: `the master holds resources on unknown machine ${agentId}` };
    if (!resourcesEqual(ledger.allocated, allocated) || !resourcesEqual(ledger.offered, offered))
      return {
        invariant: 'books-balance',
        detail: `machine ${agentId}: its books say allocated ${formatResources(ledger.allocated)}, offered ${formatResources(ledger.offered)}; its tasks sum to ${formatResources(allocated)}, its offers to ${formatResources(offered)}`,
      };
  }
  return undefined;
}

/**
 * `books-balance` between the master and the allocator: on every agent the allocator knows, each
 * framework (and role, when the allocator books roles) holds in the allocator's books exactly
 * what its tasks and offers hold in the master's; no offer is outstanding on an agent the
 * allocator does not know.
 *
 * @example
 * ```ts
 * const view = master.inspect();
 * const books = view.allocator.inspect?.();
 * if (books !== undefined) masterAllocatorProblem(view, books);
 * ```
 */
export function masterAllocatorProblem(master: MasterView, allocator: AllocatorView): InvariantProblem | undefined {
  for (const offer of master.offers)
    if (!allocator.agents.has(offer.agentId))
      return {
        invariant: 'books-balance',
        detail: `offer ${offer.id} is outstanding on ${offer.agentId}, which the allocator does not know`,
      };
  const heldOn = byAgent([...master.tasks, ...master.offers]);
  for (const [agentId, agent] of allocator.agents) {
    const byRole = agent.holdings.every((h) => h.role !== undefined);
    const keyOf = (frameworkId: string, role: string | undefined): string =>
      byRole ? `${frameworkId} in role ${role}` : frameworkId;
    const inMaster = new Map<string, Resources>();
    for (const h of heldOn.get(agentId) ?? []) {
      const key = keyOf(h.frameworkId, h.role);
      inMaster.set(key, addResources(inMaster.get(key) ?? {}, h.resources));
    }
    const inAllocator = new Map<string, Resources>();
    for (const h of agent.holdings) {
      const key = keyOf(h.frameworkId, h.role);
      inAllocator.set(key, addResources(inAllocator.get(key) ?? {}, h.resources));
    }
    for (const key of new Set([...inMaster.keys(), ...inAllocator.keys()])) {
      const m = inMaster.get(key) ?? {};
      const a = inAllocator.get(key) ?? {};
      if (!resourcesEqual(m, a))
        return {
          invariant: 'books-balance',
          detail: `agent ${agentId}, framework ${key}: the allocator books ${formatResources(a)}, the master's tasks and offers hold ${formatResources(m)}`,
        };
    }
  }
  return undefined;
}
