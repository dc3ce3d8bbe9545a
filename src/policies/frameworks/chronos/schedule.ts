import type { Micros } from '../../../core/kernel/time.ts';
import { daysInMonth, utcMillis, type IsoPeriod, type RepeatingInterval } from './iso8601.ts';

/**
 * From calendar schedules to simulated time. The scenario's time 0 is a wall-clock instant, the
 * epoch (microseconds since 1970, UTC); a run's simulated time is its instant minus the epoch.
 *
 * Occurrence k of `R/start/period` is start + k × period, always counted from the start: years and
 * months are added on the UTC calendar, clamping the day to the month's length (Jan 31 + P1M is
 * Feb 28, + P2M is Mar 31, + P3M Apr 30); weeks, days, hours, minutes and seconds have fixed
 * lengths (UTC has no daylight-saving jumps). Chronos itself adds the period to the previous run,
 * so its month-end runs drift to the 28th; counting from the start avoids that drift.
 * @module
 */

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

/**
 * Microseconds of the fixed-length part of a period (weeks, days, hours, minutes, seconds).
 *
 * @example
 * ```ts
 * fixedMicros({ years: 0, months: 0, weeks: 0, days: 1, hours: 12, minutes: 0, seconds: 0 }); // 129_600_000_000
 * ```
 */
export function fixedMicros(period: IsoPeriod): Micros {
  return (
    (period.weeks * 7 + period.days) * MICROS_PER_DAY +
    (period.hours * 3_600 + period.minutes * 60) * MICROS_PER_SECOND +
    Math.round(period.seconds * MICROS_PER_SECOND)
  );
}

/**
 * `instant + times × period`, in microseconds since 1970 (UTC); see the module notes for months.
 *
 * @example
 * ```ts
 * const jan31 = parseIsoDateTime('2026-01-31T00:00:00Z');
 * const month: IsoPeriod = { years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
 * if ('value' in jan31) addPeriod(jan31.value, month, 1); // 2026-02-28T00:00:00Z
 * ```
 */
export function addPeriod(unixMicros: number, period: IsoPeriod, times: number): number {
  const monthSteps = times * (period.years * 12 + period.months);
  let calendar = unixMicros;
  if (monthSteps !== 0) {
    const millis = Math.floor(unixMicros / 1_000);
    const date = new Date(millis);
    const monthIndex = date.getUTCMonth() + monthSteps;
    const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    const shifted =
      utcMillis(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()) +
      date.getUTCMilliseconds();
    calendar = shifted * 1_000 + (unixMicros - millis * 1_000);
  }
  return calendar + times * fixedMicros(period);
}

/**
 * A schedule bound to an epoch: the simulated times of its runs.
 *
 * @example
 * ```ts
 * const hourly = bindSchedule(repeatingIntervalField.parse('R/2026-01-01T00:30:00Z/PT1H'), epochMicros);
 * hourly.firstIndexFrom(0); // 0
 * hourly.at(2);             // 9_000_000_000 (02:30, in µs after the epoch)
 * ```
 */
export interface BoundSchedule {
  /** Number of runs, or undefined for forever. */
  readonly repetitions: number | undefined;
  /** Simulated time (µs after the epoch; negative before it) of run k, counted from 0. */
  at(k: number): Micros;
  /** Index of the first run at or after simulated time `from`; undefined when none is left. */
  firstIndexFrom(from: Micros): number | undefined;
}

/**
 * Binds a parsed schedule to the scenario's epoch (µs since 1970). An empty start means "now",
 * i.e. the epoch. Runs before `from` (usually 0) are never run: they belong to the past.
 *
 * @example
 * ```ts
 * const epoch = isoDateTimeField.parse('2026-01-01T00:00:00Z');
 * const daily = bindSchedule(repeatingIntervalField.parse('R5/2025-12-30T06:00:00Z/P1D'), epoch);
 * daily.firstIndexFrom(0); // 2: the runs of Dec 30 and Dec 31 happened before the epoch
 * daily.at(2) / 3.6e9;     // 6 (hours after the epoch)
 * ```
 */
export function bindSchedule(interval: RepeatingInterval, epochUnixMicros: number): BoundSchedule {
  const start = interval.startUnixMicros ?? epochUnixMicros;
  const { period, repetitions } = interval;
  const at = (k: number): Micros => addPeriod(start, period, k) - epochUnixMicros;
  const monthsPerStep = period.years * 12 + period.months;
  const fixed = fixedMicros(period);
  return {
    repetitions,
    at,
    firstIndexFrom(from) {
      const behind = from - at(0);
      let k = 0;
      if (behind > 0) {
        // An estimate that never overshoots: divide by the longest a step can be (31-day months),
        // then walk forward over the few runs the estimate left behind.
        const longestStep = monthsPerStep * 31 * MICROS_PER_DAY + fixed;
        k = Math.floor(behind / longestStep);
        while (at(k) < from) k++;
      }
      return repetitions === undefined || k < repetitions ? k : undefined;
    },
  };
}
