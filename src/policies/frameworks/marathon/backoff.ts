import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * Marathon's launch backoff ("delayed" mode, docs/backoff.md of mesosphere/marathon): after an
 * app's tasks fail, further launches of that app wait, longer after each failure, up to a cap.
 * @module
 */

/**
 * An app's launch backoff, Marathon's `backoffSeconds`, `backoffFactor`, `maxLaunchDelaySeconds`.
 *
 * The rule the framework applies (Marathon's): the delay grows when a task ends `failed` or
 * `finished` (a service exiting, even with code 0, counts as a failure) and does NOT grow when a
 * task is `killed` (the framework or an operator asked for it); it resets to nothing when a new
 * version of the app is deployed. (Marathon also resets it after no failure for the current delay
 * plus `maxLaunchDelaySeconds`; the framework may model that too.)
 *
 * @example
 * ```ts
 * const patient: BackoffPolicy = { backoffSeconds: 5, backoffFactor: 2, maxLaunchDelaySeconds: 600 };
 * launchDelaySeconds(patient, 3); // 20 = 5 × 2²
 * ```
 */
export interface BackoffPolicy {
  /** Delay after the first failure, in seconds. */
  readonly backoffSeconds: number;
  /** Multiplier applied to the delay at each further failure (≥ 1). */
  readonly backoffFactor: number;
  /** Cap on the delay, in seconds. */
  readonly maxLaunchDelaySeconds: number;
}

/**
 * Marathon's defaults: 1 s, × 1.15, capped at 3600 s (one hour). Sources: the app definition's
 * RAML type in mesosphere/marathon (docs/docs/rest-api/public/api/v2/types/app.raml: defaults 1,
 * 1.15 and 3600) and `AppDefinition`'s defaults in its Scala sources (`DefaultMaxLaunchDelay` is
 * one hour). Marathon's troubleshooting page on delayed apps (docs/docs/backoff.md) says five
 * minutes; the code and the API both say an hour, which is what a Marathon app gets when it
 * leaves the field out. Pass `maxLaunchDelaySeconds: 300` to model the five minutes.
 *
 * @example
 * ```ts
 * DEFAULT_BACKOFF.maxLaunchDelaySeconds; // 3600
 * ```
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { backoffSeconds: 1, backoffFactor: 1.15, maxLaunchDelaySeconds: 3600 };

/**
 * Backoff options of an app; every field is optional, defaulting to {@link DEFAULT_BACKOFF}.
 *
 * @example
 * ```ts
 * backoffSchema.parse({ backoffFactor: 2 }); // { backoffSeconds: 1, backoffFactor: 2, maxLaunchDelaySeconds: 3600 }
 * ```
 */
export const backoffSchema = strictObject({
  backoffSeconds: z
    .number({ error: 'backoffSeconds is a number of seconds ≥ 0' })
    .nonnegative('backoffSeconds must be ≥ 0')
    .finite()
    .default(DEFAULT_BACKOFF.backoffSeconds),
  backoffFactor: z
    .number({ error: 'backoffFactor is a number ≥ 1' })
    .min(1, 'backoffFactor must be ≥ 1 (a factor below 1 would shrink the delay)')
    .finite()
    .default(DEFAULT_BACKOFF.backoffFactor),
  maxLaunchDelaySeconds: z
    .number({ error: 'maxLaunchDelaySeconds is a number of seconds ≥ 0' })
    .nonnegative('maxLaunchDelaySeconds must be ≥ 0')
    .finite()
    .default(DEFAULT_BACKOFF.maxLaunchDelaySeconds),
});

/**
 * The delay, in seconds, before the next launch of an app after `consecutiveFailures` failures:
 * 0 for none, `backoffSeconds` after the first, then × `backoffFactor` per further failure, never
 * more than `maxLaunchDelaySeconds`.
 *
 * @example
 * ```ts
 * launchDelaySeconds(DEFAULT_BACKOFF, 0);   // 0
 * launchDelaySeconds(DEFAULT_BACKOFF, 2);   // 1.15
 * launchDelaySeconds(DEFAULT_BACKOFF, 100); // 3600 (1.15⁹⁹ ≈ 1.0e6, capped)
 * ```
 */
export function launchDelaySeconds(policy: BackoffPolicy, consecutiveFailures: number): number {
  if (!Number.isInteger(consecutiveFailures) || consecutiveFailures < 0) {
    throw new RangeError(`consecutiveFailures must be a whole number ≥ 0, got ${consecutiveFailures}`);
  }
  if (consecutiveFailures === 0 || policy.backoffSeconds === 0) return 0;
  // Overflow to Infinity for huge counts is harmless: the cap wins.
  return Math.min(
    policy.maxLaunchDelaySeconds,
    policy.backoffSeconds * policy.backoffFactor ** (consecutiveFailures - 1),
  );
}
