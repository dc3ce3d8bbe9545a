import type { Rng } from '../../../core/kernel/rng.ts';
import type { CanarySpec } from './appSpec.ts';

/**
 * What monitoring sees of a canary: the requests its instances served in the partial stage and how
 * many of them failed, counted in the run. Each request routed to the canary fails with its
 * version's `errorRate` (a property of the version, such as a bug on one code path), drawn per
 * request from the run's seeded random stream; the verdict is then taken on the counts, never on
 * the version's `errorRate` itself.
 * @module
 */

/**
 * The canary's counts so far (its observation window is the partial stage up to now).
 *
 * @example
 * ```ts
 * const tally: CanaryTally = { requests: 0, failed: 0, offered: 0, rps: 0, until: 7505 };
 * ```
 */
export interface CanaryTally {
  /** Requests the canary served. */
  requests: number;
  /** Of those, the ones that failed. */
  failed: number;
  /** Requests offered to it so far, fractional (rate × time); `requests` is its integer part. */
  offered: number;
  /** Requests per second the canary receives now (all its healthy instances together). */
  rps: number;
  /** Simulated second up to which requests have been counted. */
  until: number;
}

/**
 * A fresh tally for a canary starting to take traffic at `nowSeconds`.
 *
 * @example
 * ```ts
 * newCanaryTally(7505).requests; // 0
 * ```
 */
export function newCanaryTally(nowSeconds: number): CanaryTally {
  return { requests: 0, failed: 0, offered: 0, rps: 0, until: nowSeconds };
}

/**
 * Counts the requests the canary served since the last count — at the rate it has received since
 * then — drawing for each whether it fails (probability `errorRate`), then records the rate it
 * receives from now on.
 *
 * @example
 * ```ts
 * const tally = newCanaryTally(0);
 * tally.rps = 50;
 * countCanaryRequests(tally, 60, 0.2, 50, rng); // tally.requests 3000, tally.failed about 600
 * ```
 */
export function countCanaryRequests(
  tally: CanaryTally,
  nowSeconds: number,
  errorRate: number,
  rpsFromNow: number,
  rng: Rng,
): void {
  const elapsed = Math.max(0, nowSeconds - tally.until);
  tally.offered += tally.rps * elapsed;
  const arrived = Math.floor(tally.offered + 1e-9) - tally.requests;
  for (let i = 0; i < arrived; i++) if (rng.next() < errorRate) tally.failed++;
  tally.requests += arrived;
  tally.until = nowSeconds;
  tally.rps = Math.max(0, rpsFromNow);
}

/**
 * The judgement rule, explicit: once the canary has served at least `minRequests`, an observed
 * error rate (failed ÷ served) above `errorThreshold` rolls it back at once; at the end of the
 * partial stage (`final`) it is promoted if it has served `minRequests` at or below the threshold,
 * and rolled back otherwise (too few requests to judge is not a pass).
 *
 * @example
 * ```ts
 * const canary = { instances: 1, isolatedSeconds: 300, trafficFraction: 0.1, partialSeconds: 600, errorThreshold: 0.05, minRequests: 100 };
 * canaryVerdict({ requests: 50, failed: 10, offered: 50, rps: 1, until: 0 }, canary, false); // 'wait': too few requests
 * canaryVerdict({ requests: 200, failed: 12, offered: 200, rps: 1, until: 0 }, canary, false); // 'roll-back': 6 % > 5 %
 * canaryVerdict({ requests: 200, failed: 8, offered: 200, rps: 1, until: 0 }, canary, true); // 'promote'
 * ```
 */
export function canaryVerdict(
  tally: CanaryTally,
  canary: CanarySpec,
  final: boolean,
): 'wait' | 'roll-back' | 'promote' {
  const enough = tally.requests >= canary.minRequests;
  if (enough && tally.failed > canary.errorThreshold * tally.requests) return 'roll-back';
  if (!final) return 'wait';
  return enough ? 'promote' : 'roll-back';
}

/**
 * A fraction as a percentage with one decimal, as deployment details print it.
 *
 * @example
 * ```ts
 * percent(0.1966); // '19.7%'
 * ```
 */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/**
 * The verdict's reason, with the counts it was taken on.
 *
 * @example
 * ```ts
 * describeTally({ requests: 3000, failed: 612, offered: 3000, rps: 50, until: 60 }, canary);
 * // 'canary failed 612 of 3000 requests (20.4%), threshold 5% (at least 100 requests)'
 * ```
 */
export function describeTally(tally: CanaryTally, canary: CanarySpec): string {
  const rate = tally.requests > 0 ? tally.failed / tally.requests : 0;
  return (
    `canary failed ${tally.failed} of ${tally.requests} requests (${percent(rate)}), ` +
    `threshold ${percent(canary.errorThreshold)} (at least ${canary.minRequests} requests)`
  );
}
