import type { Micros } from '../kernel/time.ts';

/**
 * When the master notices that an agent stopped answering, as Mesos's master does it (the
 * `SlaveObserver` of src/master/master.cpp in apache/mesos): from the agent's registration on, the
 * master pings it every `pingTimeout` — each tick first checks the previous ping, then sends the
 * next. A tick whose ping went unanswered counts a timeout (an answered one resets the count), and
 * the `maxPingTimeouts`-th consecutive timeout marks the agent unreachable.
 * @module
 */

/**
 * The delay from an agent's failure at `failedAt` until the master notices it, for an agent whose
 * ping cycle started at `pingPhase` (when it registered). The first unanswered ping is the one sent
 * at the first tick at or after the failure (earlier pings were answered); the agent is noticed
 * `maxPingTimeouts` ticks after it. With Mesos's defaults (15 s × 5) the delay is between 75 s (a
 * failure just at a tick) and almost 90 s (a failure just after one).
 *
 * @example
 * ```ts
 * const timing = { pingTimeout: 15_000_000, maxPingTimeouts: 5 };
 * detectionDelay(timing, 0, 30_000_000); // 75_000_000: failed at a tick, noticed 5 ticks later (105 s)
 * detectionDelay(timing, 0, 31_000_000); // 89_000_000: the first unanswered ping is at 45 s, noticed at 120 s
 * ```
 */
export function detectionDelay(
  timing: { readonly pingTimeout: Micros; readonly maxPingTimeouts: number },
  pingPhase: Micros,
  failedAt: Micros,
): Micros {
  const period = timing.pingTimeout;
  const ticksSincePhase = Math.max(0, Math.ceil((failedAt - pingPhase) / period));
  const firstUnanswered = pingPhase + ticksSincePhase * period;
  return firstUnanswered - failedAt + period * timing.maxPingTimeouts;
}
