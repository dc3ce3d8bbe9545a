import { z } from 'zod';
import type { Rng } from '../core/kernel/rng.ts';
import { microsToSeconds } from '../core/kernel/time.ts';
import { durationField, strictObject, taggedUnion } from '../core/scenario/fields.ts';

/**
 * Random distributions as plain data, for durations (in seconds or duration strings) and counts.
 * Each spec parses to a sampler drawing from a stream of the run's rng, so the same seed gives
 * the same draws.
 * @module
 */

/**
 * A parsed distribution: draw one value from a random stream.
 *
 * @example
 * ```ts
 * const sample: Sampler = durationDistribution.parse({ dist: 'uniform', min: '1m', max: '2m' });
 * sample(createRng(1)); // seconds in [60, 120], the same for the same seed
 * ```
 */
export type Sampler = (rng: Rng) => number;

/** Standard normal draw (Box–Muller; uses two uniforms). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function pick(values: readonly number[], weights: readonly number[] | undefined, rng: Rng): number {
  if (weights === undefined) return values[rng.int(values.length)] as number;
  const total = weights.reduce((a, b) => a + b, 0);
  let target = rng.next() * total;
  for (let i = 0; i < values.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return values[i] as number;
  }
  return values[values.length - 1] as number;
}

function distributionSchema(value: z.ZodType<number, unknown>, unit: string) {
  const positive = z.number().positive();
  const empirical = strictObject({
    dist: z.literal('empirical'),
    values: z.array(value).min(1),
    weights: z.array(z.number().nonnegative()).optional(),
  }).refine((d) => d.weights === undefined || d.weights.length === d.values.length, {
    message: 'weights must have one entry per value',
    path: ['weights'],
  });
  const spec = taggedUnion(
    'dist',
    {
      fixed: strictObject({ dist: z.literal('fixed'), value }).transform(
        (d): Sampler =>
          () =>
            d.value,
      ),
      uniform: strictObject({ dist: z.literal('uniform'), min: value, max: value })
        .refine((d) => d.max >= d.min, { message: 'max must be ≥ min', path: ['max'] })
        .transform(
          (d): Sampler =>
            (rng) =>
              d.min + rng.next() * (d.max - d.min),
        ),
      exponential: strictObject({ dist: z.literal('exponential'), mean: value }).transform(
        (d): Sampler =>
          (rng) =>
            rng.exponential(d.mean),
      ),
      lognormal: strictObject({ dist: z.literal('lognormal'), median: value, sigma: positive }).transform(
        (d): Sampler =>
          (rng) =>
            d.median * Math.exp(d.sigma * standardNormal(rng)),
      ),
      pareto: strictObject({ dist: z.literal('pareto'), min: value, alpha: positive }).transform(
        (d): Sampler =>
          (rng) =>
            d.min / Math.pow(1 - rng.next(), 1 / d.alpha),
      ),
      empirical: empirical.transform(
        (d): Sampler =>
          (rng) =>
            pick(d.values, d.weights, rng),
      ),
    },
    {
      schema: value.transform(
        (v): Sampler =>
          () =>
            v,
      ),
      what: unit,
    },
  );
  return spec;
}

/**
 * A duration or a distribution of durations; samples are in seconds.
 *
 * @example
 * ```ts
 * const sample = durationDistribution.parse({ dist: 'exponential', mean: '5m' });
 * sample(createRng(1)); // seconds, mean 300
 * ```
 */
export const durationDistribution = distributionSchema(
  durationField.transform((us) => microsToSeconds(us)),
  'a duration',
);

/**
 * The most tasks a job may have: its tasks are held in memory together (a million take about
 * 200 MB); a distribution's samples are capped here.
 *
 * @example
 * ```ts
 * MAX_TASKS_PER_JOB; // 1_000_000
 * ```
 */
export const MAX_TASKS_PER_JOB = 1_000_000;

/**
 * A whole number from 1 to `MAX_TASKS_PER_JOB` (1,000,000), or a distribution of them (samples are
 * rounded, at least 1 and at most the limit).
 *
 * @example
 * ```ts
 * const tasks = countDistribution.parse({ dist: 'uniform', min: 1, max: 10 });
 * tasks(createRng(1)); // an integer in 1..10
 * ```
 */
export const countDistribution = distributionSchema(
  z
    .number()
    .positive()
    .max(MAX_TASKS_PER_JOB, { error: `at most ${MAX_TASKS_PER_JOB.toLocaleString('en-US')} tasks per job` }),
  'a number ≥ 1',
).transform(
  (sample): Sampler =>
    (rng) =>
      Math.min(MAX_TASKS_PER_JOB, Math.max(1, Math.round(sample(rng)))),
);
