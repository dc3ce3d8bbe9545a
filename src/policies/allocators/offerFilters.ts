import { fitsWithin, type Resources } from '../../core/cluster/resources.ts';
import type { Micros } from '../../core/kernel/time.ts';

interface Filter {
  readonly resources: Resources;
  readonly expiresAt: Micros;
  /** Number of batch allocation runs started when the filter was made. */
  readonly batchRunsAtCreation: number;
}

/**
 * Mesos's decline filters ("refuse these resources on this agent for a while"), one per
 * (framework, role, agent). A filter blocks a new offer only if the declined resources contain the
 * whole new offer; it lasts max(refuseSeconds, allocationInterval), and it always survives the
 * first batch allocation run after it was made.
 *
 * @example
 * ```ts
 * const filters = createOfferFilters(1_000_000);
 * filters.add('fw', '*', 'm1', { cpus: 4 }, 5, 0);
 * filters.blocks('fw', '*', 'm1', { cpus: 2 }, 1_000_000, true); // true
 * ```
 */
export interface OfferFilters {
  /** Installs (or replaces) a filter; `refuseSeconds` ≤ 0 installs none. */
  add(
    frameworkId: string,
    role: string,
    agentId: string,
    declined: Resources,
    refuseSeconds: number,
    now: Micros,
  ): void;
  /** True when a live filter holds back this offer, in a batch run (`inBatchRun`) or a triggered one. */
  blocks(
    frameworkId: string,
    role: string,
    agentId: string,
    offer: Resources,
    now: Micros,
    inBatchRun: boolean,
  ): boolean;
  /** Tells the filters a batch allocation run starts (for the survival rule). */
  batchRunStarted(): void;
  /** Removes a framework's filters in the given roles (all roles when undefined). */
  clear(frameworkId: string, roles?: readonly string[]): void;
  /** Removes every filter on an agent. */
  clearAgent(agentId: string): void;
  /** Live filters of a role: framework and agent ids with their expiry. */
  active(role: string, now: Micros): { frameworkId: string; agentId: string; expiresAt: Micros }[];
}

/**
 * Creates an empty filter table for a master with this allocation interval.
 *
 * @example
 * ```ts
 * const filters = createOfferFilters(1_000_000);
 * ```
 */
export function createOfferFilters(allocationInterval: Micros): OfferFilters {
  // framework → role → agent → filter; Maps keep insertion order, so listings are deterministic.
  const table = new Map<string, Map<string, Map<string, Filter>>>();
  let batchRuns = 0;
  // batchRuns counts batch runs started. During the first batch run after a filter was made it is
  // one more than when the filter was made; the filter holds through that run even if its time is
  // up, and not after it.
  const live = (filter: Filter, now: Micros, inBatchRun: boolean): boolean =>
    now < filter.expiresAt || (inBatchRun && batchRuns === filter.batchRunsAtCreation + 1);
  return {
    add(frameworkId, role, agentId, declined, refuseSeconds, now) {
      if (!(refuseSeconds > 0)) return;
      const duration = Math.max(Math.round(refuseSeconds * 1_000_000), allocationInterval);
      let roles = table.get(frameworkId);
      if (roles === undefined) table.set(frameworkId, (roles = new Map<string, Map<string, Filter>>()));
      let agents = roles.get(role);
      if (agents === undefined) roles.set(role, (agents = new Map<string, Filter>()));
      agents.set(agentId, { resources: declined, expiresAt: now + duration, batchRunsAtCreation: batchRuns });
    },
    blocks(frameworkId, role, agentId, offer, now, inBatchRun) {
      const agents = table.get(frameworkId)?.get(role);
      const filter = agents?.get(agentId);
      if (filter === undefined) return false;
      if (!live(filter, now, inBatchRun)) {
        // Expired for good only once its first batch run has passed.
        if (batchRuns > filter.batchRunsAtCreation) agents?.delete(agentId);
        return false;
      }
      return fitsWithin(offer, filter.resources);
    },
    batchRunStarted() {
      batchRuns++;
    },
    clear(frameworkId, roles) {
      const byRole = table.get(frameworkId);
      if (byRole === undefined) return;
      if (roles === undefined) table.delete(frameworkId);
      else for (const role of roles) byRole.delete(role);
    },
    clearAgent(agentId) {
      for (const byRole of table.values()) for (const agents of byRole.values()) agents.delete(agentId);
    },
    active(role, now) {
      const out: { frameworkId: string; agentId: string; expiresAt: Micros }[] = [];
      for (const [frameworkId, byRole] of table) {
        for (const [agentId, filter] of byRole.get(role) ?? []) {
          if (live(filter, now, false) || batchRuns === filter.batchRunsAtCreation)
            out.push({ frameworkId, agentId, expiresAt: filter.expiresAt });
        }
      }
      return out;
    },
  };
}
