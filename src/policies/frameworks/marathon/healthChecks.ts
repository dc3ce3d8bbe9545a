import { z } from 'zod';
import type { Rng } from '../../../core/kernel/rng.ts';
import { secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import { durationField, strictObject } from '../../../core/scenario/fields.ts';

/**
 * Marathon health checks (docs/docs/health-checks.md of mesosphere/marathon) and the scenario's
 * description of when an app's checks fail. Checks run from the moment the task runs; a failure is
 * ignored while the task is within its grace period and has never been healthy.
 * @module
 */

/**
 * An app's health check, with Marathon's field names and units (seconds).
 *
 * @example
 * ```ts
 * const quick: HealthCheckPolicy = { gracePeriodSeconds: 30, intervalSeconds: 10, timeoutSeconds: 5, maxConsecutiveFailures: 3 };
 * ```
 */
export interface HealthCheckPolicy {
  /**
   * Failures are ignored this long after the task starts running, or until its first passing
   * check, whichever comes first (the instance may start up undisturbed).
   */
  readonly gracePeriodSeconds: number;
  /** Time between checks. */
  readonly intervalSeconds: number;
  /** A check not answered within this time fails (the verdict on a hung instance takes this long). */
  readonly timeoutSeconds: number;
  /** Kill the instance after this many consecutive failed checks; 0 = never kill. */
  readonly maxConsecutiveFailures: number;
}

/**
 * Health check options, every field optional with Marathon's defaults (300, 60, 20, 3). As in
 * Marathon, the timeout must be shorter than the interval.
 *
 * @example
 * ```ts
 * healthCheckSchema.parse({ gracePeriodSeconds: 30 }); // { gracePeriodSeconds: 30, intervalSeconds: 60, timeoutSeconds: 20, maxConsecutiveFailures: 3 }
 * ```
 */
export const healthCheckSchema = strictObject({
  gracePeriodSeconds: z
    .number({ error: 'gracePeriodSeconds is a number of seconds ≥ 0' })
    .nonnegative('gracePeriodSeconds must be ≥ 0')
    .finite()
    .default(300),
  intervalSeconds: z
    .number({ error: 'intervalSeconds is a number of seconds > 0' })
    .positive('intervalSeconds must be > 0')
    .finite()
    .default(60),
  timeoutSeconds: z
    .number({ error: 'timeoutSeconds is a number of seconds > 0' })
    .positive('timeoutSeconds must be > 0')
    .finite()
    .default(20),
  maxConsecutiveFailures: z
    .number({ error: 'maxConsecutiveFailures is a whole number ≥ 0 (0 = never kill)' })
    .int('maxConsecutiveFailures must be a whole number (0 = never kill)')
    .nonnegative('maxConsecutiveFailures must be ≥ 0 (0 = never kill)')
    .default(3),
}).refine((p) => p.timeoutSeconds < p.intervalSeconds, {
  message: 'timeoutSeconds must be shorter than intervalSeconds',
  path: ['timeoutSeconds'],
});

const windowSchema = strictObject({ from: durationField, to: durationField }).refine((w) => w.to > w.from, {
  message: 'a failure window ends after it starts ("to" later than "from")',
  path: ['to'],
});

/**
 * When an app's health checks fail, from scenario data: each check fails independently with
 * `probability`, and every check inside one of the `windows` (times since the start of the run,
 * `from` inclusive, `to` exclusive) fails. Both may be given.
 *
 * @example
 * ```ts
 * failureModeSchema.parse({ probability: 0.01, windows: [{ from: '2h', to: '2h10m' }] });
 * // { probability: 0.01, windows: [{ from: 7_200_000_000, to: 7_800_000_000 }] }
 * ```
 */
export const failureModeSchema = strictObject({
  probability: z
    .number({ error: 'probability is a number in [0, 1]' })
    .min(0, 'probability must be in [0, 1]')
    .max(1, 'probability must be in [0, 1]')
    .optional(),
  windows: z.array(windowSchema).optional(),
  /**
   * How a failing check fails: `false` (default), it hangs and its verdict comes after the check's
   * timeout (a stuck process); `true`, it is refused at once (the process is down, connection refused).
   */
  refused: z.boolean({ error: 'refused is true or false' }).optional(),
});

/**
 * A parsed failure mode (times in microseconds).
 *
 * @example
 * ```ts
 * const outage: FailureMode = { windows: [{ from: 0, to: 60_000_000 }] };
 * ```
 */
export type FailureMode = z.output<typeof failureModeSchema>;

/**
 * Whether a health check made at `atMicros` fails under `mode` (undefined: never). Draws exactly
 * one number from `rng` whenever the mode has a probability > 0 — even inside a window — so the
 * stream's later draws do not depend on the windows.
 *
 * @example
 * ```ts
 * const rng = createRng(1).fork('health');
 * checkFails({ windows: [{ from: 0, to: 60_000_000 }] }, rng, 30_000_000); // true
 * checkFails(undefined, rng, 30_000_000);                                  // false
 * ```
 */
export function checkFails(mode: FailureMode | undefined, rng: Rng, atMicros: Micros): boolean {
  if (mode === undefined) return false;
  const probability = mode.probability ?? 0;
  const drawnFailure = probability > 0 && rng.next() < probability;
  const inWindow = (mode.windows ?? []).some((w) => atMicros >= w.from && atMicros < w.to);
  return drawnFailure || inWindow;
}

/**
 * What one check changed: whether the instance counts as healthy now, and whether to kill it.
 *
 * @example
 * ```ts
 * const verdict: HealthVerdict = { healthy: false, kill: true };
 * ```
 */
export interface HealthVerdict {
  readonly healthy: boolean;
  readonly kill: boolean;
}

/**
 * The health of one instance: it started running at `startedAtMicros` and is checked from then on,
 * every interval. It is not healthy until a check passes; a failed check makes it unhealthy at
 * once. A failure judged before the grace period is over, while no check has passed yet, is
 * ignored (Marathon's `gracePeriodSeconds`). Once the consecutive counted failures reach
 * `maxConsecutiveFailures` (if > 0) every verdict says kill, until a check passes again.
 *
 * @example
 * ```ts
 * const health = new InstanceHealth({ gracePeriodSeconds: 10, intervalSeconds: 5, timeoutSeconds: 1, maxConsecutiveFailures: 2 }, 0);
 * health.nextCheckAtMicros;              // 0: the first check as the task starts
 * health.recordCheck(true, 0);           // { healthy: false, kill: false }: in the grace period, ignored
 * health.recordCheck(false, 5_000_000);  // { healthy: true, kill: false }
 * health.recordCheck(true, 10_000_000);  // { healthy: false, kill: false }
 * health.recordCheck(true, 15_000_000);  // { healthy: false, kill: true }
 * ```
 */
export class InstanceHealth {
  readonly #policy: HealthCheckPolicy;
  readonly #startedAt: Micros;
  #nextCheckAt: Micros;
  #healthy = false;
  #everHealthy = false;
  #consecutiveFailures = 0;

  constructor(policy: HealthCheckPolicy, startedAtMicros: Micros) {
    this.#policy = policy;
    this.#startedAt = startedAtMicros;
    this.#nextCheckAt = startedAtMicros;
  }

  /** When the task started running (checks and the grace period count from here). */
  get startedAtMicros(): Micros {
    return this.#startedAt;
  }

  /** When the next check is due (the framework sets a timer for it). */
  get nextCheckAtMicros(): Micros {
    return this.#nextCheckAt;
  }

  /** Whether the last counted check passed (false before the first pass). */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Whether any check has passed yet (a deployment waits for this). */
  get everHealthy(): boolean {
    return this.#everHealthy;
  }

  /** Counted failed checks since the last passing one. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /** Whether a failure judged at `atMicros` is ignored: within the grace period and never healthy. */
  ignoresFailureAt(atMicros: Micros): boolean {
    return !this.#everHealthy && atMicros < this.#startedAt + secondsToMicros(this.#policy.gracePeriodSeconds);
  }

  /**
   * Records the check due at {@link nextCheckAtMicros}, judged at `judgedAtMicros`, and schedules
   * the next one an interval after it was due.
   */
  recordCheck(failed: boolean, judgedAtMicros: Micros): HealthVerdict {
    this.#nextCheckAt += secondsToMicros(this.#policy.intervalSeconds);
    if (failed) {
      if (this.ignoresFailureAt(judgedAtMicros)) return { healthy: false, kill: false };
      this.#healthy = false;
      this.#consecutiveFailures++;
    } else {
      this.#healthy = true;
      this.#everHealthy = true;
      this.#consecutiveFailures = 0;
    }
    const limit = this.#policy.maxConsecutiveFailures;
    return { healthy: this.#healthy, kill: limit > 0 && this.#consecutiveFailures >= limit };
  }
}
