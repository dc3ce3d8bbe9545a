import type { Resources } from '../core/cluster/resources.ts';

/**
 * A role's weighted dominant share: the largest fraction of the cluster's capacity it holds of
 * any one resource, divided by its weight.
 *
 * @example
 * ```ts
 * weightedDominantShare({ cpus: 4, mem: 1024 }, { cpus: 8, mem: 8192 }, 1); // 0.5 (cpus dominate)
 * weightedDominantShare({ cpus: 4 }, { cpus: 8 }, 2);                       // 0.25
 * ```
 */
export function weightedDominantShare(
  allocation: Readonly<Record<string, number>>,
  capacity: Resources,
  weight: number,
): number {
  let dominant = 0;
  for (const name in capacity) {
    const cap = capacity[name] ?? 0;
    if (cap > 0) dominant = Math.max(dominant, (allocation[name] ?? 0) / cap);
  }
  return dominant / weight;
}

/**
 * Jain's fairness index (Σx)² ÷ (n·Σx²) of non-negative values: 1 when all are equal, 1/n when one
 * holds everything. 1 when all are 0 (equal); null for no values.
 *
 * @example
 * ```ts
 * jainIndex([0.5, 0.25]); // 0.9
 * jainIndex([1, 0]);      // 0.5
 * jainIndex([]);          // null
 * ```
 */
export function jainIndex(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    sum += x;
    squares += x * x;
  }
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/**
 * One role's standing, as {@link drfFairShares} takes it.
 *
 * @example
 * ```ts
 * const role: FairShareInput = { share: 0.25, weight: 1, demanding: true };
 * ```
 */
export interface FairShareInput {
  /** Weighted dominant share now. */
  readonly share: number;
  readonly weight: number;
  /** Has tasks waiting for resources. */
  readonly demanding: boolean;
}

/**
 * The DRF fair share of each role, in weighted dominant-share units (comparable with
 * {@link weightedDominantShare}); null for a role that is not demanding. A role that is not
 * demanding keeps what it holds; the demanding roles split the rest of the cluster, 1 − Σ of the
 * others' (unweighted) dominant shares, in proportion to their weights (weighted water-filling,
 * no role above the whole cluster: weight × share ≤ 1). See docs/metrics.md.
 *
 * @example
 * ```ts
 * drfFairShares([{ share: 0.5, weight: 1, demanding: true }, { share: 0.25, weight: 1, demanding: true }]); // [0.5, 0.5]
 * drfFairShares([{ share: 0.4, weight: 1, demanding: false }, { share: 0.1, weight: 2, demanding: true }]); // [null, 0.3]
 * ```
 */
export function drfFairShares(roles: readonly FairShareInput[]): (number | null)[] {
  let rest = 1;
  let weights = 0;
  for (const r of roles) {
    if (r.demanding) weights += r.weight;
    else rest -= r.share * r.weight;
  }
  rest = Math.max(0, rest);
  if (weights === 0) return roles.map(() => null);
  const common = rest / weights;
  if (roles.every((r) => !r.demanding || common * r.weight <= 1))
    return roles.map((r) => (r.demanding ? common : null));
  // Water-filling: a role whose cap (the whole cluster) is below the common level is held at its
  // cap, and the others share what remains.
  const capped = new Set<number>();
  let level = rest / weights;
  for (let changed = true; changed;) {
    changed = false;
    roles.forEach((r, i) => {
      if (r.demanding && !capped.has(i) && level * r.weight > 1) {
        capped.add(i);
        rest -= 1;
        weights -= r.weight;
        changed = true;
      }
    });
    level = weights > 0 ? Math.max(0, rest) / weights : 0;
  }
  return roles.map((r, i) => (!r.demanding ? null : capped.has(i) ? 1 / r.weight : level));
}
