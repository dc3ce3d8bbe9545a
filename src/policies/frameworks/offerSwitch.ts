import type { FrameworkAction } from '../../core/plugins/framework.ts';

/**
 * A framework's suppress/revive switch: suppress offers while nothing waits (when it is set up to),
 * revive as soon as something does — each only when it changes the state, so the master hears
 * of every switch once.
 *
 * @example
 * ```ts
 * const offers = createOfferSwitch(true);
 * offers.idle(0);  // [{ kind: 'suppress' }]
 * offers.idle(0);  // [] (already suppressed)
 * offers.wake(3);  // [{ kind: 'revive' }]
 * ```
 */
export function createOfferSwitch(suppressWhenIdle: boolean): {
  /** Revive when suppressed and `waiting` > 0. */
  wake(waiting: number): FrameworkAction[];
  /** Suppress when allowed, not yet suppressed and `waiting` is 0. */
  idle(waiting: number): FrameworkAction[];
} {
  let suppressed = false;
  return {
    wake(waiting) {
      if (!suppressed || waiting === 0) return [];
      suppressed = false;
      return [{ kind: 'revive' }];
    },
    idle(waiting) {
      if (!suppressWhenIdle || suppressed || waiting > 0) return [];
      suppressed = true;
      return [{ kind: 'suppress' }];
    },
  };
}
