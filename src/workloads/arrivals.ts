import { z } from 'zod';
import type { Rng } from '../core/kernel/rng.ts';
import type { Micros } from '../core/kernel/time.ts';
import { durationField, positiveDurationField, strictObject, taggedUnion } from '../core/scenario/fields.ts';
import { loadProfile } from './profiles.ts';
import { renewalProcess } from './renewal.ts';

/**
 * Arrival processes as plain data: one arrival, a fixed list, a period, Poisson, or a renewal
 * process with inter-arrival times from any distribution (the last two optionally modulated by a
 * day/night profile).
 * Each parses to a function that yields arrival times (µs) lazily, in order.
 * @module
 */

/**
 * A lazily evaluated sequence of arrival times (µs, non-decreasing).
 *
 * @example
 * ```ts
 * const times: ArrivalTimes = arrivalProcess.parse({ process: 'periodic', every: '10m' });
 * const it = times(createRng(1));
 * it.next().value; // 0
 * it.next().value; // 600_000_000
 * ```
 */
export type ArrivalTimes = (rng: Rng) => Iterator<Micros>;

/**
 * The `arrivals` field of a workload.
 *
 * @example
 * ```ts
 * const times = arrivalProcess.parse({ process: 'poisson', meanInterval: '5m' })(createRng(1));
 * times.next().value; // first arrival, µs
 * ```
 */
export const arrivalProcess = taggedUnion('process', {
  once: strictObject({ process: z.literal('once'), at: durationField.default(0) }).transform(
    (p): ArrivalTimes =>
      () =>
        [p.at][Symbol.iterator](),
  ),
  list: strictObject({ process: z.literal('list'), at: z.array(durationField).min(1) })
    .refine((p) => p.at.every((t, i) => i === 0 || t >= (p.at[i - 1] as number)), {
      message: 'times must not decrease',
      path: ['at'],
    })
    .transform(
      (p): ArrivalTimes =>
        () =>
          p.at[Symbol.iterator](),
    ),
  periodic: strictObject({
    process: z.literal('periodic'),
    every: positiveDurationField,
    start: durationField.default(0),
  }).transform(
    (p): ArrivalTimes =>
      function* () {
        for (let t = p.start; ; t += p.every) yield t;
      },
  ),
  poisson: strictObject({
    process: z.literal('poisson'),
    /** Mean time between arrivals (where the profile's multiplier is 1). */
    meanInterval: positiveDurationField,
    start: durationField.default(0),
    /** Day/night modulation of the rate: rate(t) = profile(t) / meanInterval. */
    profile: loadProfile.optional(),
  }).transform(
    (p): ArrivalTimes =>
      function* (rng) {
        let t = p.start;
        const profile = p.profile;
        if (profile === undefined) {
          for (;;) {
            t += Math.round(rng.exponential(p.meanInterval));
            yield t;
          }
        }
        // Thinning (Lewis & Shedler): candidates at the peak rate, each kept with
        // probability profile(t) / peak, give a Poisson process of rate profile(t) / meanInterval.
        const peakMean = p.meanInterval / profile.max;
        for (;;) {
          t += Math.round(rng.exponential(peakMean));
          if (rng.next() * profile.max < profile.at(t)) yield t;
        }
      },
  ),
  renewal: renewalProcess,
});
