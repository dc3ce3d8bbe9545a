import { z } from 'zod';
import { isEmptyResources } from '../../core/cluster/resources.ts';
import type { Allocator, AllocatorPlugin, OfferDecision } from '../../core/plugins/allocator.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import { AllocatorBook } from './allocatorBook.ts';
import { compareUtf8 } from '../sorters/hierarchicalSorter.ts';

const options = strictObject({});

/**
 * Options of the `monolithic` allocator (none).
 *
 * @example
 * ```ts
 * const options: MonolithicOptions = monolithicAllocator.options.parse({}); // {}
 * ```
 */
export type MonolithicOptions = z.output<typeof options>;

interface Demand {
  pending: number;
  /** When its queue last became non-empty (µs). */
  since: number;
  /** It gave resources back without new demand since: do not offer again until something changes. */
  tried: boolean;
}

/**
 * A monolithic scheduler, the Omega paper's baseline: one decision-maker that sees every free
 * machine and every framework's waiting work. As soon as work arrives or resources free up (no
 * allocation interval), it hands all free resources to the framework whose queue has waited
 * longest; that framework holds them while it thinks (its think time), so decisions are made one
 * after another, as in a single scheduler, and whatever it does not use passes to the next.
 *
 * @example
 * ```json
 * "allocator": { "policy": "monolithic" }
 * ```
 */
export const monolithicAllocator: AllocatorPlugin<MonolithicOptions> = {
  name: 'monolithic',
  description: 'one scheduler sees all free resources and all waiting work, longest-waiting first (Omega baseline)',
  options,
  create(_opts, context): Allocator {
    const book = new AllocatorBook(context);
    const demand = new Map<string, Demand>();
    const untryAll = (): void => {
      for (const d of demand.values()) d.tried = false;
    };
    return {
      addAgent(id, info) {
        book.addAgent(id, info);
        untryAll();
      },
      removeAgent: (id) => book.removeAgent(id),
      inspect: () => book.inspect(),
      addFramework(id, info) {
        book.addFramework(id, info);
        demand.set(id, { pending: 0, since: 0, tried: false });
      },
      removeFramework(id) {
        book.removeFramework(id);
        demand.delete(id);
      },
      activateFramework: (id) => book.activateFramework(id),
      deactivateFramework: (id) => book.deactivateFramework(id),
      suppress: (id, roles) => book.suppress(id, roles),
      revive: (id, roles) => book.revive(id, roles),
      recoverResources(frameworkId, agentId, role, resources, refuseSeconds) {
        // Filters play no part: a scheduler that sees everything re-plans when something changes.
        book.recoverResources(frameworkId, agentId, role, resources, undefined);
        const d = demand.get(frameworkId);
        if (refuseSeconds === undefined)
          untryAll(); // a task ended: room for everyone again
        else if (d !== undefined) d.tried = true;
        context.requestAllocation('all');
      },
      pendingChanged(frameworkId, pending) {
        const d = demand.get(frameworkId);
        if (d === undefined) return;
        if (d.pending === 0 && pending > 0) d.since = context.now();
        d.pending = pending;
        d.tried = false;
        if (pending > 0) context.requestAllocation('all');
      },
      allocate({ agentIds }) {
        const waiting = [...demand]
          .filter(([id, d]) => d.pending > 0 && !d.tried && book.offerableRoles(id).length > 0)
          .sort(([a, da], [b, db]) => da.since - db.since || compareUtf8(a, b));
        const first = waiting[0];
        if (first === undefined) return [];
        const [frameworkId] = first;
        const role = book.offerableRoles(frameworkId)[0] as string;
        const decisions: OfferDecision[] = [];
        for (const agentId of agentIds ?? book.agents.keys()) {
          const available = book.availableFor(agentId, role);
          if (isEmptyResources(available)) continue;
          book.allocate(frameworkId, agentId, available, role);
          decisions.push({ frameworkId, role, agentId, resources: available });
        }
        return decisions;
      },
    };
  },
};
