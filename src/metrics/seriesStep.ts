import { DURATION_FORMAT, parseDuration, type Micros } from '../core/kernel/time.ts';

/**
 * Default number of bins in the report's series (the step is the horizon ÷ this, in whole seconds).
 *
 * @example
 * ```ts
 * defaultSeriesStep(86_400_000_000); // 300_000_000: a one-day run has 288 bins of 5 minutes
 * ```
 */
export const SERIES_BINS = 288;

/** Series longer than this many bins are refused: they would bloat the report without telling more. */
const MAX_SERIES_BINS = 100_000;

/**
 * The default series step for a horizon: horizon ÷ {@link SERIES_BINS}, rounded up to whole
 * seconds, at least 1 s (µs).
 *
 * @example
 * ```ts
 * defaultSeriesStep(3_600_000_000); // 13_000_000 (1 h ÷ 288 = 12.5 s, rounded up)
 * ```
 */
export function defaultSeriesStep(horizon: Micros): Micros {
  return Math.max(1_000_000, Math.ceil(horizon / SERIES_BINS / 1_000_000) * 1_000_000);
}

/**
 * The series step to use (µs): `requested` (seconds or a duration string, e.g. from
 * `RunOptions.seriesStep`; or µs already parsed from a scenario's `outputs.seriesStep`, with
 * `fromScenario`) or else the default. Throws a RangeError naming the bad value and what is
 * accepted.
 *
 * @example
 * ```ts
 * resolveSeriesStep(86_400_000_000, '1m');      // 60_000_000
 * resolveSeriesStep(86_400_000_000, 30);        // 30_000_000
 * resolveSeriesStep(86_400_000_000, undefined); // 300_000_000 (the default)
 * ```
 */
export function resolveSeriesStep(
  horizon: Micros,
  requested: number | string | undefined,
  fromScenario = false,
): Micros {
  if (requested === undefined) return defaultSeriesStep(horizon);
  const step = fromScenario && typeof requested === 'number' ? requested : parseDuration(requested);
  if (step === undefined || !Number.isInteger(step) || step <= 0) {
    throw new RangeError(`seriesStep ${JSON.stringify(requested)} is not a positive duration; use ${DURATION_FORMAT}`);
  }
  const bins = Math.ceil(horizon / step);
  if (bins > MAX_SERIES_BINS) {
    throw new RangeError(
      `seriesStep ${JSON.stringify(requested)} gives ${bins} bins over the horizon; at most ${MAX_SERIES_BINS} are allowed, use a longer step`,
    );
  }
  return step;
}
