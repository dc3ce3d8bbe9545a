import { z } from 'zod';
import type { Rng } from '../core/kernel/rng.ts';
import type { Micros } from '../core/kernel/time.ts';
import { durationField, positiveDurationField, strictObject } from '../core/scenario/fields.ts';

/**
 * Arrival processes as plain data: one arrival, a fixed list, a period, or Poisson.
 * Each parses to a function that yields arrival times (µs) lazily, in order.
 * @module
 */

/** A lazily evaluated sequence of arrival times (µs, non-decreasing). */
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
export const arrivalProcess = z.union(
  [
    strictObject({ process: z.literal('once'), at: durationField.default(0) }).transform(
      (p): ArrivalTimes => () => [p.at][Symbol.iterator](),
    ),
    strictObject({ process: z.literal('list'), at: z.array(durationField).min(1) })
      .refine((p) => p.at.every((t, i) => i === 0 || t >= (p.at[i - 1] as number)), { message: 'times must not decrease', path: ['at'] })
      .transform((p): ArrivalTimes => () => p.at[Symbol.iterator]()),
    strictObject({ process: z.literal('periodic'), every: positiveDurationField, start: durationField.default(0) }).transform(
      (p): ArrivalTimes =>
        function* () {
          for (let t = p.start; ; t += p.every) yield t;
        },
    ),
    strictObject({ process: z.literal('poisson'), meanInterval: positiveDurationField, start: durationField.default(0) }).transform(
      (p): ArrivalTimes =>
        function* (rng) {
          let t = p.start;
          for (;;) {
            t += Math.round(rng.exponential(p.meanInterval));
            yield t;
          }
        },
    ),
  ],
  { error: 'expected { "process": "once" | "list" | "periodic" | "poisson", … }' },
);
