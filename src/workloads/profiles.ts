import { z } from 'zod';
import { MICROS_PER_SECOND, type Micros } from '../core/kernel/time.ts';
import { durationField, positiveDurationField, strictObject, taggedUnion } from '../core/scenario/fields.ts';
import { readLoadTrace, valueAt, type LoadTrace } from './loadTrace.ts';

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
 * - `{ "shape": "hourly", "values": [24 numbers] }` — one multiplier per hour of the day;
 * - `{ "shape": "trace", "file": "traces/…csv", "series"?: "requests", "repeat"?: true }` — a real
 *   load trace, normalized to its peak (1 at the busiest row).
 *
 * @example
 * ```ts
 * const p = loadProfile.parse({ shape: 'sinusoid', peak: '14h', min: 0.2, max: 1 });
 * p.at(14 * 3600e6); // 1
 * p.at(2 * 3600e6);  // 0.2
 * ```
 */
export const loadProfile = taggedUnion('shape', {
  sinusoid: strictObject({
    shape: z.literal('sinusoid'),
    peak: durationField,
    min: z.number().nonnegative(),
    max: z.number().positive(),
    period: positiveDurationField.default(DAY),
  })
    .refine((p) => p.max >= p.min, { message: 'max must be ≥ min', path: ['max'] })
    .transform((p): LoadProfile => ({
      max: p.max,
      at: (t) => p.min + ((p.max - p.min) * (1 + Math.cos((2 * Math.PI * (t - p.peak)) / p.period))) / 2,
    })),
  hourly: strictObject({
    shape: z.literal('hourly'),
    values: z.array(z.number().nonnegative()).length(24, 'an hourly profile has 24 values'),
  })
    .refine((p) => p.values.some((v) => v > 0), { message: 'at least one hour needs a value > 0', path: ['values'] })
    .transform((p): LoadProfile => ({
      max: Math.max(...p.values),
      at: (t) => p.values[Math.floor((((t % DAY) + DAY) % DAY) / HOUR)] as number,
    })),
  trace: strictObject({
    shape: z.literal('trace'),
    /** A load-trace CSV (see traces/README.md), relative to the scenario file's folder. */
    file: z.string(),
    /** The column to follow (default: the first series). */
    series: z.string().optional(),
    /** Start over at the end of the trace (default), or hold its last value. */
    repeat: z.boolean().default(true),
  }).transform((p, ctx): LoadProfile => {
    let trace: LoadTrace;
    try {
      trace = readLoadTrace(p.file);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: ['file'] });
      return z.NEVER;
    }
    const series = p.series ?? [...trace.series.keys()][0] ?? '';
    const values = trace.series.get(series);
    if (values === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${p.file} has no series "${series}"; it has: ${[...trace.series.keys()].join(', ')}`,
        path: ['series'],
      });
      return z.NEVER;
    }
    // Normalized to its peak, so that a consumer's scale (e.g. peakRps) is the trace's maximum.
    const peak = Math.max(...values);
    return { max: peak > 0 ? 1 : 0, at: (t) => (peak > 0 ? valueAt(trace, series, t, p.repeat) / peak : 0) };
  }),
});
