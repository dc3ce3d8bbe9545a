/**
 * Mesos's allocator metrics (`/metrics/snapshot`, `allocator/mesos/...`) as a snapshot of the
 * allocator's books, under Mesos's own names, so that a metrics check of a Mesos test reads the
 * same here. A metric Mesos does not publish at that moment is absent. Wall-clock timers
 * (`allocation_run_ms`, `allocation_run_latency_ms`) have no counterpart: the allocator never reads
 * a clock.
 * @module
 */
import type { Resources } from '../../../core/cluster/resources.ts';
import type { Quota } from './quota.ts';
import { topLevelRole } from './roles.ts';

/** The resources whose totals Mesos's allocator publishes (`resources/<name>/total`). */
const PUBLISHED_RESOURCES = ['cpus', 'mem', 'disk'] as const;

/**
 * What the metrics are computed from: each agent's total (revocable resources included) and what
 * each role holds there (offered or in use), the quotas, the roles of the role sorter with their
 * share and filters, and the number of allocation runs so far.
 *
 * @example
 * ```ts
 * const source: AllocatorMetricsSource = {
 *   agents: [{ total: { cpus: 2 }, held: [{ role: 'role1', resources: { cpus: 2 } }] }],
 *   quotas: new Map(), roles: ['role1'], dominantShare: () => 1, activeOfferFilters: () => 0, allocationRuns: 1,
 * };
 * allocatorMetrics(source)['allocator/mesos/resources/cpus/offered_or_allocated']; // 2
 * ```
 */
export interface AllocatorMetricsSource {
  readonly agents: Iterable<{
    readonly total: Resources;
    readonly held: Iterable<{ readonly role: string; readonly resources: Resources }>;
  }>;
  readonly quotas: ReadonlyMap<string, Quota>;
  /** Roles the role sorter knows (a role leaves it with its last framework). */
  readonly roles: Iterable<string>;
  /** A role's dominant share; undefined when the role sorter publishes none (not a DRF sorter). */
  readonly dominantShare: ((role: string) => number) | undefined;
  readonly activeOfferFilters: (role: string) => number;
  readonly allocationRuns: number;
}

/**
 * Mesos's allocator metrics from the allocator's books:
 * - `allocator/mesos/allocation_runs`: allocation runs so far (batch and triggered);
 * - `allocator/mesos/resources/<cpus|mem|disk>/total` and `…/offered_or_allocated`: over every agent;
 * - `allocator/mesos/roles/<role>/shares/dominant`: per role of the role sorter (DRF sorter only);
 * - `allocator/mesos/offer_filters/roles/<role>/active`: decline filters in force, per role of the role sorter;
 * - `allocator/mesos/quota/roles/<role>/resources/<name>/guarantee` and `…/limit`: per name the
 *   role's quota gives one for; `…/offered_or_allocated`: per name of either, what the role and its
 *   sub-roles are offered or use (0 when it has no framework).
 *
 * @example
 * ```ts
 * allocatorMetrics({ agents: [], quotas: new Map(), roles: [], dominantShare: undefined, activeOfferFilters: () => 0, allocationRuns: 0 });
 * // { 'allocator/mesos/allocation_runs': 0, 'allocator/mesos/resources/cpus/total': 0, … }
 * ```
 */
export function allocatorMetrics(source: AllocatorMetricsSource): Record<string, number> {
  const out: Record<string, number> = { 'allocator/mesos/allocation_runs': source.allocationRuns };
  const total: Record<string, number> = {};
  const held: Record<string, number> = {};
  const heldByQuotaRole = new Map<string, Record<string, number>>();
  for (const agent of source.agents) {
    add(total, agent.total);
    for (const holding of agent.held) {
      add(held, holding.resources);
      const top = topLevelRole(holding.role);
      if (!source.quotas.has(top)) continue;
      let byName = heldByQuotaRole.get(top);
      if (byName === undefined) heldByQuotaRole.set(top, (byName = {}));
      add(byName, holding.resources);
    }
  }
  for (const name of PUBLISHED_RESOURCES) {
    out[`allocator/mesos/resources/${name}/total`] = round(total[name] ?? 0);
    out[`allocator/mesos/resources/${name}/offered_or_allocated`] = round(held[name] ?? 0);
  }
  for (const role of [...source.roles].sort()) {
    if (source.dominantShare !== undefined)
      out[`allocator/mesos/roles/${role}/shares/dominant`] = source.dominantShare(role);
    out[`allocator/mesos/offer_filters/roles/${role}/active`] = source.activeOfferFilters(role);
  }
  for (const [role, quota] of [...source.quotas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const prefix = `allocator/mesos/quota/roles/${role}/resources`;
    for (const [name, amount] of Object.entries(quota.guarantees)) out[`${prefix}/${name}/guarantee`] = amount;
    for (const [name, amount] of Object.entries(quota.limits)) out[`${prefix}/${name}/limit`] = amount;
    const consumed = heldByQuotaRole.get(role) ?? {};
    for (const name of new Set([...Object.keys(quota.guarantees), ...Object.keys(quota.limits)]))
      out[`${prefix}/${name}/offered_or_allocated`] = round(consumed[name] ?? 0);
  }
  return out;
}

function add(into: Record<string, number>, resources: Resources): void {
  for (const name in resources) into[name] = (into[name] ?? 0) + (resources[name] ?? 0);
}

/** Amounts to three decimals, as Mesos keeps them. */
const round = (amount: number): number => Math.round(amount * 1000) / 1000;
