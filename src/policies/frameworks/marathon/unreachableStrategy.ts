import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * What Marathon does with an instance whose agent Mesos reports unreachable (it hears this only
 * when it is PARTITION_AWARE; otherwise Mesos reports the task lost and Marathon replaces it).
 * @module
 */

const seconds = (name: string) =>
  z
    .number({ error: `${name} is a number of seconds ≥ 0` })
    .nonnegative(`${name} must be ≥ 0`)
    .finite()
    .default(0);

/**
 * An app's `unreachableStrategy`, as in Marathon's app definition: `"disabled"` (keep waiting for
 * the instance; Marathon's default for resident apps) or the seconds after which an unreachable
 * instance is inactive (a replacement is launched) and expunged (killed if it ever comes back).
 * Both default to 0, Marathon's `UnreachableEnabled` defaults (mesosphere/marathon,
 * src/main/scala/mesosphere/marathon/state/UnreachableStrategy.scala): replaced at once.
 *
 * @example
 * ```ts
 * unreachableStrategySchema.parse({ inactiveAfterSeconds: 60, expungeAfterSeconds: 120 });
 * unreachableStrategySchema.parse('disabled'); // 'disabled'
 * ```
 */
export const unreachableStrategySchema = z.union(
  [
    z.literal('disabled'),
    strictObject({
      inactiveAfterSeconds: seconds('inactiveAfterSeconds'),
      expungeAfterSeconds: seconds('expungeAfterSeconds'),
    }).refine((s) => s.inactiveAfterSeconds <= s.expungeAfterSeconds, {
      message: 'inactiveAfterSeconds must be ≤ expungeAfterSeconds',
      path: ['inactiveAfterSeconds'],
    }),
  ],
  { error: 'unreachableStrategy is "disabled" or { "inactiveAfterSeconds": 0, "expungeAfterSeconds": 0 }' },
);

/**
 * The parsed strategy.
 *
 * @example
 * ```ts
 * const strategy: UnreachableStrategy = { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 };
 * ```
 */
export type UnreachableStrategy = z.output<typeof unreachableStrategySchema>;

/**
 * Marathon's default strategy for an app that is not resident: replace at once.
 *
 * @example
 * ```ts
 * DEFAULT_UNREACHABLE_STRATEGY.inactiveAfterSeconds; // 0
 * ```
 */
export const DEFAULT_UNREACHABLE_STRATEGY: UnreachableStrategy = { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 };
