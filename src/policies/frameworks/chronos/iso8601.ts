import { z } from 'zod';

/**
 * ISO 8601 repeating intervals as Chronos writes schedules: `R/2026-01-01T02:00:00Z/PT24H`,
 * `R5/2026-01-01T00:00:00Z/P1D`. Pure parsing: instants become integer microseconds since
 * 1970-01-01T00:00:00Z (UTC); nothing here reads the clock. Only the `R[n]/start/period` form is
 * accepted (Chronos's only form); `start/end` and `period/end` intervals are rejected.
 * @module
 */

/**
 * A parse outcome: the value, or a message saying what was wrong and what is accepted.
 *
 * @example
 * ```ts
 * const parsed: ParseResult<IsoPeriod> = parseIsoPeriod('PT1H');
 * if ('error' in parsed) throw new Error(parsed.error);
 * parsed.value.hours; // 1
 * ```
 */
export type ParseResult<T> = { readonly value: T } | { readonly error: string };

/**
 * An ISO 8601 duration split into its fields (`P1DT12H` → days 1, hours 12). Years and months are
 * calendar units (added in UTC, see `addPeriod`); the rest have fixed lengths.
 *
 * @example
 * ```ts
 * const everyDayAndAHalf: IsoPeriod = { years: 0, months: 0, weeks: 0, days: 1, hours: 12, minutes: 0, seconds: 0 };
 * ```
 */
export interface IsoPeriod {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** May have a fraction (`PT1.5S`), the only field that may. */
  readonly seconds: number;
}

/**
 * A parsed `R[n]/start/period` schedule.
 *
 * @example
 * ```ts
 * const parsed = parseRepeatingInterval('R5/2026-01-01T00:00:00Z/P1D');
 * if ('value' in parsed) parsed.value.repetitions; // 5
 * ```
 */
export interface RepeatingInterval {
  /** The schedule as written, for messages. */
  readonly text: string;
  /** Number of runs (`R5` → 5); undefined for `R` (forever). */
  readonly repetitions: number | undefined;
  /** First run, in microseconds since 1970-01-01T00:00:00Z; undefined when the start is empty ("now", i.e. the epoch). */
  readonly startUnixMicros: number | undefined;
  readonly period: IsoPeriod;
}

/**
 * What {@link parseIsoDateTime} accepts, for error messages.
 *
 * @example
 * ```ts
 * const message = `the epoch must be ${ISO_DATE_TIME_FORMAT}`;
 * ```
 */
export const ISO_DATE_TIME_FORMAT =
  'an ISO 8601 date-time with a time zone, YYYY-MM-DDThh:mm[:ss[.s…]] followed by Z or ±hh:mm (e.g. 2026-01-01T02:00:00Z, 2026-01-01T03:00:00+01:00)';

/**
 * What {@link parseIsoPeriod} accepts, for error messages.
 *
 * @example
 * ```ts
 * const message = `epsilon must be ${ISO_PERIOD_FORMAT}`;
 * ```
 */
export const ISO_PERIOD_FORMAT =
  'an ISO 8601 duration P[nY][nM][nW][nD][T[nH][nM][nS]] longer than zero (e.g. PT1H, PT30M, P1D, P1W, P1DT12H, P1M); hours, minutes and seconds go after the T; only seconds may have a fraction';

/**
 * What {@link parseRepeatingInterval} accepts, for error messages.
 *
 * @example
 * ```ts
 * const message = `schedule must be ${REPEATING_INTERVAL_FORMAT}`;
 * ```
 */
export const REPEATING_INTERVAL_FORMAT =
  'an ISO 8601 repeating interval R[n]/start/period: R repeats forever, Rn runs n ≥ 1 times; an empty start means the epoch (e.g. R/2026-01-01T02:00:00Z/PT24H, R5/2026-01-01T00:00:00Z/P1D, R//PT30M)';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const MICROS_PER_MS = 1_000;

/**
 * Days in a month of the proleptic Gregorian calendar (month 1–12).
 *
 * @example
 * ```ts
 * daysInMonth(2028, 2); // 29
 * daysInMonth(2026, 4); // 30
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? Number.NaN;
}

/**
 * Milliseconds since 1970 of a UTC calendar instant (month 1–12; a month beyond 12 rolls into later
 * years). Built on `Date`'s UTC setters, which are pure arithmetic (unlike `Date.UTC`, they do not
 * map years 0–99 to 1900–1999).
 *
 * @example
 * ```ts
 * utcMillis(1970, 1, 2, 0, 0, 0); // 86_400_000
 * ```
 */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

/**
 * Parses an ISO 8601 date-time with an explicit time zone (a missing zone would make the result
 * depend on the machine's zone, so it is an error) into microseconds since 1970-01-01T00:00:00Z.
 * Fractions finer than a microsecond are dropped.
 *
 * @example
 * ```ts
 * parseIsoDateTime('1970-01-01T01:00:00+01:00'); // { value: 0 }
 * parseIsoDateTime('2026-02-30T00:00:00Z');      // { error: '… February 2026 has 28 days …' }
 * ```
 */
export function parseIsoDateTime(text: string): ParseResult<number> {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    const hint = /^\d{4}-\d{2}-\d{2}T[\d:.,]+$/.test(text) ? ' (it has no time zone: add Z for UTC)' : '';
    return { error: `${JSON.stringify(text)} is not a date-time${hint}; use ${ISO_DATE_TIME_FORMAT}` };
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s ?? '0');
  const bad = (what: string): ParseResult<number> => ({
    error: `${JSON.stringify(text)}: ${what}; use ${ISO_DATE_TIME_FORMAT}`,
  });
  if (month < 1 || month > 12) return bad(`month ${mo} is not 01–12`);
  const monthDays = daysInMonth(year, month);
  if (day < 1 || day > monthDays) return bad(`day ${d} does not exist (month ${mo} of ${y} has ${monthDays} days)`);
  if (hours > 23 || minutes > 59 || seconds > 59) return bad('hours are 00–23, minutes and seconds 00–59');
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2) || '0');
    if (offsetHours > 23 || offsetMins > 59) return bad(`time zone offset ${zone} is out of range`);
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const micros = Number((fraction ?? '').slice(0, 6).padEnd(6, '0'));
  const millis = utcMillis(year, month, day, hours, minutes, seconds) - offsetMinutes * 60_000;
  return { value: millis * MICROS_PER_MS + micros };
}

/**
 * Parses an ISO 8601 duration (`PT1H`, `P1DT12H`, `P1W`, `P1M`, `PT1.5S`). Zero-length periods
 * are rejected: a schedule repeating every 0 s would never advance.
 *
 * @example
 * ```ts
 * parseIsoPeriod('P1DT12H'); // { value: { years: 0, months: 0, weeks: 0, days: 1, hours: 12, minutes: 0, seconds: 0 } }
 * parseIsoPeriod('P1H');     // { error: '… hours, minutes and seconds go after a T: PT1H …' }
 * ```
 */
export function parseIsoPeriod(text: string): ParseResult<IsoPeriod> {
  const match = PERIOD.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) {
    let hint = '';
    if (!text.startsWith('P')) hint = ` (it must start with P: P${text.startsWith('T') ? '' : 'T'}${text})`;
    else if (!text.includes('T') && /\d[HS]/.test(text))
      hint = ` (hours, minutes and seconds go after a T: ${text.replace(/^P/, 'PT')})`;
    return { error: `${JSON.stringify(text)} is not an ISO 8601 duration${hint}; use ${ISO_PERIOD_FORMAT}` };
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const period: IsoPeriod = {
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number((seconds ?? '0').replace(',', '.')),
  };
  if (Object.values(period).every((v) => v === 0))
    return { error: `${JSON.stringify(text)} is zero long; use ${ISO_PERIOD_FORMAT}` };
  return { value: period };
}

/**
 * Parses a Chronos schedule `R[n]/start/period`.
 *
 * @example
 * ```ts
 * parseRepeatingInterval('R/2026-01-01T02:00:00Z/PT1H');  // repetitions undefined (forever), hourly from 02:00 UTC
 * parseRepeatingInterval('R0/2026-01-01T00:00:00Z/P1D'); // { error: '… R0 never runs …' }
 * ```
 */
export function parseRepeatingInterval(text: string): ParseResult<RepeatingInterval> {
  const parts = text.split('/');
  if (parts.length !== 3) {
    return {
      error: `${JSON.stringify(text)} has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by "/", not 3; use ${REPEATING_INTERVAL_FORMAT}`,
    };
  }
  const [repeat = '', start = '', periodText = ''] = parts;
  const count = /^R(\d*)$/.exec(repeat);
  if (count === null)
    return {
      error: `${JSON.stringify(text)}: the first part must be R or Rn, got ${JSON.stringify(repeat)}; use ${REPEATING_INTERVAL_FORMAT}`,
    };
  const repetitions = count[1] === '' ? undefined : Number(count[1]);
  if (repetitions === 0) return { error: `${JSON.stringify(text)}: R0 never runs; use R (forever) or Rn with n ≥ 1` };
  let startUnixMicros: number | undefined;
  if (start !== '') {
    const parsed = parseIsoDateTime(start);
    if ('error' in parsed) return { error: `${JSON.stringify(text)}: the start ${parsed.error}` };
    startUnixMicros = parsed.value;
  }
  const period = parseIsoPeriod(periodText);
  if ('error' in period) return { error: `${JSON.stringify(text)}: the period ${period.error}` };
  return { value: { text, repetitions, startUnixMicros, period: period.value } };
}

function parsedField<T>(what: string, format: string, parse: (text: string) => ParseResult<T>): z.ZodType<T, string> {
  return z.string({ error: `expected ${what}: ${format}` }).transform((text, ctx) => {
    const parsed = parse(text);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/**
 * A zod field for a Chronos schedule string; parses to a {@link RepeatingInterval}.
 *
 * @example
 * ```ts
 * repeatingIntervalField.parse('R5/2026-01-01T00:00:00Z/P1D').repetitions; // 5
 * repeatingIntervalField.safeParse('R/2026-01-01T00:00:00Z/1H').success;   // false: "1H" must start with P
 * ```
 */
export const repeatingIntervalField = parsedField(
  'a repeating interval',
  REPEATING_INTERVAL_FORMAT,
  parseRepeatingInterval,
);

/**
 * A zod field for an ISO 8601 date-time with a zone; parses to microseconds since 1970 (UTC).
 *
 * @example
 * ```ts
 * isoDateTimeField.parse('2026-01-01T00:00:00Z'); // 1_767_225_600_000_000
 * ```
 */
export const isoDateTimeField = parsedField('a date-time', ISO_DATE_TIME_FORMAT, parseIsoDateTime);
