import { roundAmount, type Resources } from '../../../core/cluster/resources.ts';
import type { Micros } from '../../../core/kernel/time.ts';
import type { LoadSpec } from './appSpec.ts';

/**
 * Requests and what serves them: an app's demand over time, how a load balancer splits it over the
 * healthy instances of each version, and what an instance uses for the share it serves. Pure
 * functions; the scheduler turns them into `traffic` facts and `usage` actions.
 * @module
 */

/**
 * The app's demand (requests per second) at a time: the constant rate, or `peakRps` × the
 * profile's value relative to its maximum.
 *
 * @example
 * ```ts
 * demandAt({ rps: 300, rpsPerInstance: 100 }, 0); // 300
 * ```
 */
export function demandAt(load: LoadSpec, at: Micros): number {
  if (typeof load.rps === 'number') return load.rps;
  const { profile, peakRps } = load.rps;
  return profile.max > 0 ? (peakRps * profile.at(at)) / profile.max : 0;
}

/**
 * The healthy instances of one version, as the load balancer sees them.
 *
 * @example
 * ```ts
 * const canary: VersionPool = { version: 'v2', healthy: 1, errorRate: 0.2, share: 0.1 };
 * ```
 */
export interface VersionPool {
  readonly version: string;
  readonly healthy: number;
  /** Fraction of its requests this version fails. */
  readonly errorRate: number;
  /** A fixed fraction of all requests (a canary's); 0 = none; undefined = by healthy count. */
  readonly share?: number | undefined;
  /**
   * Mean CPU speed of its healthy instances (1 = each gets all the CPU it uses; default 1): an
   * instance given half the CPU it needs answers half its requests at full quality.
   */
  readonly speed?: number | undefined;
}

/**
 * How the demand was served: the `traffic` fact's numbers, and the requests per second each healthy
 * instance of a version gets (for its usage).
 *
 * @example
 * ```ts
 * const split: TrafficSplit = splitTraffic(300, 100, [{ version: 'v1', healthy: 2, errorRate: 0 }]);
 * split.degradedRps; // 100: 300 requested, 2 × 100 served at full quality
 * ```
 */
export interface TrafficSplit {
  readonly demandRps: number;
  readonly servedRps: number;
  readonly degradedRps: number;
  readonly failedRps: number;
  /** Requests per second routed to each healthy instance, by version. */
  readonly perInstanceRps: ReadonlyMap<string, number>;
}

/**
 * Splits `demandRps` over the versions' healthy instances. A version with an explicit `share` gets
 * that fraction; the rest goes to the other versions in proportion to their healthy instances (or,
 * when none is left, the explicit shares are scaled up to everything). Within a version, requests
 * above `healthy × rpsPerInstance` are degraded, and so is the part of the rest that instances
 * short of CPU cannot keep up with (1 − `speed`); `errorRate` of all its requests fail. With no
 * healthy instance able to take traffic, every request fails.
 *
 * @example
 * ```ts
 * // 1000 rps: the canary (1 healthy, 10 %, error rate 0.2) gets 100 and fails 20; 3 old ones get 900.
 * const split = splitTraffic(1000, 400, [
 *   { version: 'v1', healthy: 3, errorRate: 0 },
 *   { version: 'v2', healthy: 1, errorRate: 0.2, share: 0.1 },
 * ]);
 * split.failedRps; // 20
 * split.servedRps; // 980
 * split.perInstanceRps.get('v1'); // 300
 * ```
 */
export function splitTraffic(demandRps: number, rpsPerInstance: number, pools: readonly VersionPool[]): TrafficSplit {
  const serving = pools.filter((p) => p.healthy > 0 && p.share !== 0);
  const perInstanceRps = new Map<string, number>();
  if (serving.length === 0 || demandRps <= 0) {
    return { demandRps, servedRps: 0, degradedRps: 0, failedRps: Math.max(0, demandRps), perInstanceRps };
  }
  const fixed = serving.filter((p) => p.share !== undefined);
  const byCount = serving.filter((p) => p.share === undefined);
  const fixedSum = fixed.reduce((sum, p) => sum + (p.share ?? 0), 0);
  // Explicit shares above 100 % in total are scaled down to fit.
  const fixedScale = fixedSum > 1 ? 1 / fixedSum : 1;
  const countTotal = byCount.reduce((sum, p) => sum + p.healthy, 0);
  const fractionOf = (p: VersionPool): number => {
    if (byCount.length === 0) return (p.share ?? 0) / fixedSum;
    return p.share !== undefined ? p.share * fixedScale : ((1 - fixedSum * fixedScale) * p.healthy) / countTotal;
  };
  let servedRps = 0;
  let degradedRps = 0;
  let failedRps = 0;
  for (const pool of serving) {
    const rps = demandRps * fractionOf(pool);
    // Requests the pool's instances can answer in time: what fits their capacity, at their speed.
    const over = rps - Math.min(rps, pool.healthy * rpsPerInstance) * (pool.speed ?? 1);
    failedRps += pool.errorRate * rps;
    degradedRps += (1 - pool.errorRate) * over;
    servedRps += (1 - pool.errorRate) * (rps - over);
    perInstanceRps.set(pool.version, rps / pool.healthy);
  }
  return { demandRps, servedRps, degradedRps, failedRps, perInstanceRps };
}

/**
 * What one instance uses while it receives `rps` requests per second: `baseUsage` (mem defaulting
 * to the allocation) plus `cpusPerRps` × the requests it can serve (at most `rpsPerInstance`).
 * Other dimensions of the allocation (disk, …) are used in full.
 *
 * @example
 * ```ts
 * instanceUsage({ rps: 0, rpsPerInstance: 100, cpusPerRps: 0.01, baseUsage: { cpus: 0.1 } }, { cpus: 1, mem: 512 }, 50);
 * // { cpus: 0.6, mem: 512 }
 * ```
 */
export function instanceUsage(load: LoadSpec, allocation: Resources, rps: number): Resources {
  const base = load.baseUsage ?? {};
  const served = Math.min(Math.max(0, rps), load.rpsPerInstance);
  const usage: Record<string, number> = { ...allocation, ...base };
  usage['cpus'] = roundAmount((base['cpus'] ?? 0) + served * (load.cpusPerRps ?? 0));
  for (const name of Object.keys(usage)) if (usage[name] === 0) delete usage[name];
  return usage;
}

/**
 * Whether an app's instances report usage that follows load (the app says how: `cpusPerRps` or
 * `baseUsage`); otherwise they use their allocation.
 *
 * @example
 * ```ts
 * tracksUsage({ rps: 10, rpsPerInstance: 5 }); // false
 * ```
 */
export function tracksUsage(load: LoadSpec | undefined): load is LoadSpec {
  return load !== undefined && (load.cpusPerRps !== undefined || load.baseUsage !== undefined);
}
