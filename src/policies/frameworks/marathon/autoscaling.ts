import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * Autoscaling a service from its load: enough instances to keep utilization at or under a target.
 * @module
 */

/**
 * How an app scales with its request rate.
 *
 * @example
 * ```ts
 * const web: AutoscalePolicy = { targetUtilization: 0.5, minInstances: 2, maxInstances: 40, cooldownSeconds: 300 };
 * ```
 */
export interface AutoscalePolicy {
  /** Wanted load per instance as a fraction of its capacity, in (0, 1]. */
  readonly targetUtilization: number;
  /** Never fewer instances than this. */
  readonly minInstances: number;
  /** Never more instances than this (≥ minInstances). */
  readonly maxInstances: number;
  /** After a scaling change, keep the count for this long (damps oscillation). */
  readonly cooldownSeconds: number;
}

/**
 * Autoscaling options: `maxInstances` is required; `targetUtilization` defaults to 0.7,
 * `minInstances` to 1, `cooldownSeconds` to 300 (a common autoscaler default, e.g. AWS's).
 *
 * @example
 * ```ts
 * autoscaleSchema.parse({ maxInstances: 20 }); // { targetUtilization: 0.7, minInstances: 1, maxInstances: 20, cooldownSeconds: 300 }
 * ```
 */
export const autoscaleSchema = strictObject({
  targetUtilization: z
    .number({ error: 'targetUtilization is a fraction in (0, 1]' })
    .gt(0, 'targetUtilization must be > 0')
    .max(1, 'targetUtilization must be ≤ 1')
    .default(0.7),
  minInstances: z
    .number({ error: 'minInstances is a whole number ≥ 0' })
    .int('minInstances must be a whole number')
    .nonnegative('minInstances must be ≥ 0')
    .default(1),
  maxInstances: z
    .number({ error: 'maxInstances (required) is a whole number ≥ 1' })
    .int('maxInstances must be a whole number')
    .min(1, 'maxInstances must be ≥ 1'),
  cooldownSeconds: z
    .number({ error: 'cooldownSeconds is a number of seconds ≥ 0' })
    .nonnegative('cooldownSeconds must be ≥ 0')
    .finite()
    .default(300),
}).refine((p) => p.maxInstances >= p.minInstances, {
  message: 'maxInstances must be ≥ minInstances',
  path: ['maxInstances'],
});

/** Absorbs floating-point noise such as 0.7 × 10 = 7.000000000000001 before rounding up. */
const EPSILON = 1e-9;

/**
 * The number of instances an app should have: the fewest for which
 * `demandRps / (instances × rpsPerInstance) ≤ targetUtilization`, clamped to
 * [minInstances, maxInstances] — or `current`, unchanged, while fewer than `cooldownSeconds` have
 * passed since the last scaling change.
 *
 * @example
 * ```ts
 * const policy = { targetUtilization: 0.5, minInstances: 2, maxInstances: 40, cooldownSeconds: 300 };
 * desiredInstances(policy, 1000, 100, 4, 600); // 20 = ceil(1000 / (100 × 0.5))
 * desiredInstances(policy, 1000, 100, 4, 60);  // 4: still cooling down
 * desiredInstances(policy, 10, 100, 4, 600);   // 2: ceil(0.2) = 1, raised to minInstances
 * ```
 */
export function desiredInstances(
  policy: AutoscalePolicy,
  demandRps: number,
  rpsPerInstance: number,
  current: number,
  secondsSinceLastScale: number,
): number {
  if (!(rpsPerInstance > 0)) throw new RangeError(`rpsPerInstance must be > 0, got ${rpsPerInstance}`);
  if (!(demandRps >= 0)) throw new RangeError(`demandRps must be ≥ 0, got ${demandRps}`);
  if (secondsSinceLastScale < policy.cooldownSeconds) return current;
  const needed = Math.max(0, Math.ceil(demandRps / (rpsPerInstance * policy.targetUtilization) - EPSILON));
  return Math.min(policy.maxInstances, Math.max(policy.minInstances, needed));
}
