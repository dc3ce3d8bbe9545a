import { z } from 'zod';
import { MICROS_PER_SECOND, type Micros } from '../core/kernel/time.ts';
import { durationField, positiveDurationField, strictObject } from '../core/scenario/fields.ts';

/**
 * Day/night load profiles: a multiplier of a base rate as a function of simulated time, repeating
 * with a period (a day by default). Used to modulate arrival rates (and service demand).
 * @module
 */

/**
 * A parsed profile: the multiplier at a time, and its maximum (for thinning).
 *
 * @example
 * ```ts
 * const profile: LoadProfile = loadProfile.parse({ shape: 'hourly', values: Array.from({ length: 24 }, (_, h) => (h < 8 ? 0.5 : 1)) });
 * profile.at(secondsToMicros(3_600)); // 0.5 (01:00)
 * profile.max;                        // 1
 * ```
 */
export interface LoadProfile {
  at(time: Micros): number;
  readonly max: number;
}

const DAY = 86_400 * MICROS_PER_SECOND;
const HOUR = 3_600 * MICROS_PER_SECOND;

/**
 * A profile spec:
 * - `{ "shape": "sinusoid", "peak": "14h", "min": 0.1, "max": 1, "period"?: "1d" }` — smooth,
 *   highest at `peak` (time of day), lowest half a period later;
 * - `{ "shape": "hourly", "values": [24 numbers] }` — one multiplier per hour of the day.
 *
 * @example
 * ```ts
 * const p = loadProfile.parse({ shape: 'sinusoid', peak: '14h', min: 0.2, max: 1 });
 * p.at(14 * 3600e6); // 1
 * p.at(2 * 3600e6);  // 0.2
 * ```
 */
export const loadProfile = z.union(
  [
    strictObject({
      shape: z.literal('sinusoid'),
      peak: durationField,
      min: z.number().nonnegative(),
      max: z.number().positive(),
      period: positiveDurationField.default(DAY),
    })
      .refine((p) => p.max >= p.min, { message: 'max must be ≥ min', path: ['max'] })
      .transform(
        (p): LoadProfile => ({
          max: p.max,
          at: (t) => p.min + ((p.max - p.min) * (1 + Math.cos((2 * Math.PI * (t - p.peak)) / p.period))) / 2,
        }),
      ),
    strictObject({ shape: z.literal('hourly'), values: z.array(z.number().nonnegative()).length(24, 'an hourly profile has 24 values') })
      .refine((p) => p.values.some((v) => v > 0), { message: 'at least one hour needs a value > 0', path: ['values'] })
      .transform(
        (p): LoadProfile => ({
          max: Math.max(...p.values),
          at: (t) => p.values[Math.floor((((t % DAY) + DAY) % DAY) / HOUR)] as number,
        }),
      ),
  ],
  { error: 'expected { "shape": "sinusoid", "peak", "min", "max" } or { "shape": "hourly", "values": [24 numbers] }' },
);
