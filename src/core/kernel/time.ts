/**
 * Simulated time. Internally an integer number of microseconds (the unit of the Google cluster
 * traces), so that event order never depends on floating-point rounding; the API and scenario
 * files speak seconds or duration strings such as `"5m"`, `"1h30m"`, `"250ms"`.
 * @module
 */

/**
 * Integer microseconds of simulated time.
 *
 * @example
 * ```ts
 * const timeout: Micros = secondsToMicros(5);
 * formatDuration(timeout); // "5s"
 * ```
 */
export type Micros = number;

/**
 * Microseconds in one second.
 *
 * @example
 * ```ts
 * microsToSeconds(3 * MICROS_PER_SECOND); // 3
 * ```
 */
export const MICROS_PER_SECOND = 1_000_000;

const UNIT_MICROS: Readonly<Record<string, number>> = {
  us: 1,
  ms: 1_000,
  s: MICROS_PER_SECOND,
  m: 60 * MICROS_PER_SECOND,
  h: 3_600 * MICROS_PER_SECOND,
  d: 86_400 * MICROS_PER_SECOND,
  w: 7 * 86_400 * MICROS_PER_SECOND,
};

const DURATION_PART = /(\d+(?:\.\d+)?)(us|ms|s|m|h|d|w)/y;

/**
 * What {@link parseDuration} accepts, for error messages.
 *
 * @example
 * ```ts
 * const message = `timeout must be ${DURATION_FORMAT}`;
 * ```
 */
export const DURATION_FORMAT =
  'a number of seconds ≥ 0, or a string of number+unit parts such as "90s", "5m", "1h30m", "250ms", "2d" (units us, ms, s, m, h, d, w)';

/**
 * Converts seconds to integer microseconds (rounded to the nearest microsecond).
 *
 * @example
 * ```ts
 * secondsToMicros(1.5); // 1_500_000
 * ```
 */
export function secondsToMicros(seconds: number): Micros {
  return Math.round(seconds * MICROS_PER_SECOND);
}

/**
 * Converts integer microseconds to seconds.
 *
 * @example
 * ```ts
 * microsToSeconds(2_500_000); // 2.5
 * ```
 */
export function microsToSeconds(micros: Micros): number {
  return micros / MICROS_PER_SECOND;
}

/**
 * Parses a duration string (or a number of seconds) into microseconds. Returns undefined when the
 * input is not a valid non-negative duration; see {@link DURATION_FORMAT}.
 *
 * @example
 * ```ts
 * parseDuration('1h30m'); // 5_400_000_000
 * parseDuration(2);       // 2_000_000
 * parseDuration('-5s');   // undefined
 * ```
 */
export function parseDuration(input: string | number): Micros | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? secondsToMicros(input) : undefined;
  }
  const text = input.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return secondsToMicros(Number(text));
  let total = 0;
  let index = 0;
  while (index < text.length) {
    DURATION_PART.lastIndex = index;
    const match = DURATION_PART.exec(text);
    if (match === null) return undefined;
    const [whole, amount, unit] = match;
    total += Number(amount) * (UNIT_MICROS[unit ?? ''] ?? Number.NaN);
    index += whole.length;
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/**
 * Formats microseconds as a compact duration such as `1h30m` or `2.5s`.
 *
 * @example
 * ```ts
 * formatDuration(5_400_000_000); // "1h30m"
 * ```
 */
export function formatDuration(micros: Micros): string {
  if (micros === 0) return '0s';
  let rest = micros;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', UNIT_MICROS['d']],
    ['h', UNIT_MICROS['h']],
    ['m', UNIT_MICROS['m']],
  ] as const) {
    const n = Math.floor(rest / (size ?? 1));
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * (size ?? 1);
    }
  }
  if (rest > 0) parts.push(`${rest / MICROS_PER_SECOND}s`);
  return parts.join('');
}
