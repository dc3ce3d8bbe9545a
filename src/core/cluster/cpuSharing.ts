/**
 * How one machine's CPUs are divided among the tasks that want them: the contention rule of the
 * agent's CPU isolator. Pure functions; the execution model turns the CPUs granted into task
 * speeds, and services into requests served.
 * @module
 */

/**
 * The agent's CPU isolation, as Mesos sets up a task's cgroup:
 * - `shares` (the `cgroups/cpu` isolator, the default): `cpu.shares` = 1024 per allocated CPU (at
 *   least 2). A task may use idle CPU beyond its allocation; only when the machine's CPUs are all
 *   demanded is it cut back, the CPUs then going to the tasks in proportion to their shares.
 * - `cfs` (`--cgroups_enable_cfs`): shares as above plus a hard CFS quota of its allocation per
 *   100 ms period (at least 1 ms): a task never uses more than its allocated CPUs, even idle ones.
 * - `none` (no CPU isolator, e.g. `posix/cpu`): the kernel's scheduler without groups — tasks
 *   share in proportion to the CPU they try to use, so the biggest user takes the most.
 *
 * @example
 * ```ts
 * const sharing: CpuSharing = 'shares';
 * ```
 */
export type CpuSharing = 'shares' | 'cfs' | 'none';

/**
 * One task's claim on its machine's CPUs.
 *
 * @example
 * ```ts
 * const hog: CpuClaim = { allocated: 1, demand: 3 };
 * ```
 */
export interface CpuClaim {
  /** CPUs it was allocated (its `cpus` resource). */
  readonly allocated: number;
  /** CPUs it would use if nothing held it back. */
  readonly demand: number;
  /** It runs on revocable resources: Mesos gives it 10 shares per CPU instead of 1024. */
  readonly revocable?: boolean;
}

/** Mesos's `CPU_SHARES_PER_CPU` (cgroups constants). */
const SHARES_PER_CPU = 1024;
/** Mesos's `CPU_SHARES_PER_CPU_REVOCABLE`: revocable tasks yield the CPU to the others. */
const SHARES_PER_CPU_REVOCABLE = 10;
/** Mesos's `MIN_CPU_SHARES`, the Linux minimum. */
const MIN_SHARES = 2;
/** Mesos's `MIN_CPU_CFS_QUOTA` (1 ms) over `CPU_CFS_PERIOD` (100 ms), in CPUs. */
const MIN_CFS_QUOTA_CPUS = 0.01;

/**
 * The `cpu.shares` Mesos writes for a task allocated `cpus`: ⌊1024 × cpus⌋, at least 2; for a
 * task on revocable resources ⌊10 × cpus⌋, at least 2 (Mesos's cgroups CPU isolator).
 *
 * @example
 * ```ts
 * cpuShares(1);        // 1024
 * cpuShares(0.5);      // 512
 * cpuShares(0);        // 2
 * cpuShares(4, true);  // 40
 * ```
 */
export function cpuShares(cpus: number, revocable = false): number {
  return Math.max(Math.floor((revocable ? SHARES_PER_CPU_REVOCABLE : SHARES_PER_CPU) * cpus), MIN_SHARES);
}

/**
 * The most CPU a task may ever use under a sharing mode: its allocation under a CFS quota (at
 * least 0.01 CPU), otherwise unlimited.
 *
 * @example
 * ```ts
 * cpuCap({ allocated: 1, demand: 3 }, 'cfs');    // 1
 * cpuCap({ allocated: 1, demand: 3 }, 'shares'); // Infinity
 * ```
 */
export function cpuCap(claim: CpuClaim, sharing: CpuSharing): number {
  return sharing === 'cfs' ? Math.max(claim.allocated, MIN_CFS_QUOTA_CPUS) : Infinity;
}

/**
 * The CPUs each task gets on a machine of `capacity` CPUs, in the order of `claims`. Each task
 * first gets at most its demand (and, under `cfs`, at most its cap); when those do not all fit,
 * the machine's CPUs are shared out by weight, water-filling: a task wanting less than its
 * weighted part gets what it wants and leaves the rest to the others. Weights are the tasks'
 * `cpu.shares` (`shares`, `cfs`) or their demands (`none`). The result never exceeds `capacity`
 * in total, and a task is cut back only when the machine's CPUs are all demanded.
 *
 * @example
 * ```ts
 * // 4 cpus, two tasks of 1 cpu: the hog takes 3, its neighbour still gets the 1 it wants.
 * grantCpus(4, [{ allocated: 1, demand: 3 }, { allocated: 1, demand: 1 }], 'shares'); // [3, 1]
 * // Both want 3: the machine is full, they split it 1 : 1 by their shares.
 * grantCpus(4, [{ allocated: 1, demand: 3 }, { allocated: 1, demand: 3 }], 'shares'); // [2, 2]
 * // With a CFS quota the hog never gets more than its 1 cpu.
 * grantCpus(4, [{ allocated: 1, demand: 3 }, { allocated: 1, demand: 1 }], 'cfs'); // [1, 1]
 * ```
 */
export function grantCpus(capacity: number, claims: readonly CpuClaim[], sharing: CpuSharing): number[] {
  const fill = waterFill(capacity, claims, sharing);
  return claims.map((_, i) => (fill.cut[i] === true ? fill.level * fill.weights[i]! : fill.limits[i]!));
}

/**
 * The fraction of its demand each task gets on a machine (see {@link grantCpus}): 1 for a task
 * that gets all it wants or wants nothing; under `none`, capacity ÷ demand for every task of an
 * oversubscribed machine.
 *
 * @example
 * ```ts
 * cpuSpeeds(4, [{ allocated: 1, demand: 3 }, { allocated: 1, demand: 3 }], 'shares'); // [2/3, 2/3]
 * cpuSpeeds(4, [{ allocated: 1, demand: 3 }], 'cfs'); // [1/3]
 * ```
 */
export function cpuSpeeds(capacity: number, claims: readonly CpuClaim[], sharing: CpuSharing): number[] {
  const fill = waterFill(capacity, claims, sharing);
  return claims.map((c, i) => {
    if (c.demand <= 0) return 1;
    // Without groups the weight is the demand itself: every cut task runs at the common level.
    if (fill.cut[i] === true) return sharing === 'none' ? fill.level : (fill.level * fill.weights[i]!) / c.demand;
    return Math.min(1, fill.limits[i]! / c.demand);
  });
}

/** The outcome of sharing a machine: who is cut back to `level` × weight, who gets its limit. */
interface Fill {
  readonly limits: readonly number[];
  readonly weights: readonly number[];
  readonly cut: readonly boolean[];
  /** CPUs per unit of weight for the tasks cut back. */
  readonly level: number;
}

function waterFill(capacity: number, claims: readonly CpuClaim[], sharing: CpuSharing): Fill {
  const limits = claims.map((c) => Math.max(0, Math.min(c.demand, cpuCap(c, sharing))));
  const weights = claims.map((c, i) =>
    sharing === 'none' ? limits[i]! : cpuShares(c.allocated, c.revocable === true),
  );
  const cut = claims.map(() => false);
  const total = limits.reduce((sum, l) => sum + l, 0);
  if (total <= capacity) return { limits, weights, cut, level: 0 };
  // Visit tasks by how soon they are satisfied (limit ÷ weight): each whose limit is within its
  // weighted part of what is left takes it; from the first that is not, all the rest are cut.
  const order = limits
    .map((_, i) => i)
    .filter((i) => limits[i]! > 0)
    .sort((a, b) => limits[a]! / weights[a]! - limits[b]! / weights[b]! || a - b);
  let left = Math.max(0, capacity);
  let weightLeft = order.reduce((sum, i) => sum + weights[i]!, 0);
  for (const [k, i] of order.entries()) {
    if (limits[i]! * weightLeft > left * weights[i]!) {
      for (const j of order.slice(k)) cut[j] = true;
      break;
    }
    left -= limits[i]!;
    weightLeft -= weights[i]!;
  }
  // The level from the cut tasks' weights summed in their own order (as a plain share-out would).
  const cutWeight = weights.reduce((sum, w, i) => (cut[i] === true ? sum + w : sum), 0);
  return { limits, weights, cut, level: cutWeight > 0 ? left / cutWeight : 0 };
}

/**
 * The fraction of its demand a task gets (1 when it gets all it wants, or wants none).
 *
 * @example
 * ```ts
 * speedOf({ allocated: 1, demand: 3 }, 1.5); // 0.5
 * ```
 */
export function speedOf(claim: CpuClaim, grantedCpus: number): number {
  return claim.demand > 0 ? Math.min(1, grantedCpus / claim.demand) : 1;
}
