import { z } from 'zod';
import type { Rng } from '../core/kernel/rng.ts';
import { secondsToMicros, type Micros } from '../core/kernel/time.ts';
import { durationField, strictObject } from '../core/scenario/fields.ts';
import { durationDistribution } from './distributions.ts';
import { loadProfile } from './profiles.ts';

/**
 * The renewal arrival process: independent inter-arrival times drawn from any duration
 * distribution (e.g. an empirical one measured on a real system), optionally modulated by a
 * day/night profile.
 * @module
 */

/** True when every value the distribution spec can draw is 0 (arrivals would pile up at one instant). */
function drawsOnlyZero(spec: unknown): boolean {
  const isZero = (value: unknown): boolean => durationField.safeParse(value).data === 0;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return isZero(spec);
  const d = spec as Record<string, unknown>;
  switch (d['dist']) {
    case 'fixed':
      return isZero(d['value']);
    case 'uniform':
      return isZero(d['max']);
    case 'exponential':
      return isZero(d['mean']);
    case 'lognormal':
      return isZero(d['median']);
    case 'pareto':
      return isZero(d['min']);
    case 'empirical': {
      const values = Array.isArray(d['values']) ? (d['values'] as unknown[]) : [];
      const weights = Array.isArray(d['weights']) ? (d['weights'] as unknown[]) : undefined;
      return values.every((v, i) => isZero(v) || (weights !== undefined && weights[i] === 0));
    }
    default:
      return false;
  }
}

const intervalField = z
  .unknown()
  .superRefine((spec, ctx) => {
    if (drawsOnlyZero(spec))
      ctx.addIssue({
        code: 'custom',
        message: 'the interval distribution can only draw 0; arrivals need time between them',
      });
  })
  .pipe(durationDistribution);

/**
 * `{ "process": "renewal", "interval": <duration distribution>, "start"?, "profile"? }`: the first
 * arrival one interval after `start`, each next one an independent interval later. With a
 * `profile`, the process is thinned as the Poisson process is: candidates come at intervals divided
 * by the profile's maximum, and one at time t is kept with probability profile(t) / maximum — so
 * the rate is profile(t) / mean interval, and with a constant profile of 1 the process is exactly
 * the renewal process (kept intervals then follow the given distribution; under a varying profile
 * they are sums of shortened candidates and follow it only in the mean).
 *
 * @example
 * ```ts
 * const times = renewalProcess.parse({ process: 'renewal', interval: { dist: 'empirical', values: ['10s', '2m'], weights: [3, 1] } });
 * const it = times(createRng(1));
 * it.next().value; // 10_000_000 or 120_000_000 (µs)
 * ```
 */
export const renewalProcess = strictObject({
  process: z.literal('renewal'),
  /** Time between arrivals (where the profile's multiplier is 1): a duration or a distribution. */
  interval: intervalField,
  start: durationField.default(0),
  /** Day/night modulation: rate(t) = profile(t) / mean interval. */
  profile: loadProfile.optional(),
}).transform(
  (p) =>
    function* (rng: Rng): Generator<Micros, void, unknown> {
      let t = p.start;
      const profile = p.profile;
      if (profile === undefined) {
        for (;;) {
          t += secondsToMicros(p.interval(rng));
          yield t;
        }
      }
      if (!(profile.max > 0)) return; // a profile that is 0 everywhere: no arrivals at all
      for (;;) {
        t += secondsToMicros(p.interval(rng) / profile.max);
        if (rng.next() * profile.max < profile.at(t)) yield t;
      }
    },
);
