import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isoDateTimeField,
  parseIsoDateTime,
  parseIsoPeriod,
  parseRepeatingInterval,
  repeatingIntervalField,
  type IsoPeriod,
} from '../../../../src/policies/frameworks/chronos/iso8601.ts';
import { addPeriod, bindSchedule, fixedMicros } from '../../../../src/policies/frameworks/chronos/schedule.ts';

const H = 3_600_000_000; // µs per hour
const D = 24 * H;
const EPOCH_2026 = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z: 20 454 days × 86 400 s, in µs
const none: IsoPeriod = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

const errorOf = (result: { value: unknown } | { error: string }): string =>
  'error' in result ? result.error : '(parsed)';

describe('ISO 8601 date-times', () => {
  it('parses UTC, offsets and fractions to µs since 1970', () => {
    expect(parseIsoDateTime('2026-01-01T00:00:00Z')).toEqual({ value: EPOCH_2026 });
    expect(parseIsoDateTime('2026-01-01T02:00Z')).toEqual({ value: EPOCH_2026 + 2 * H });
    // 03:00 at +01:00 is 02:00Z; 20:00 on Dec 31 at -04:00 is 00:00Z.
    expect(parseIsoDateTime('2026-01-01T03:00:00+01:00')).toEqual({ value: EPOCH_2026 + 2 * H });
    expect(parseIsoDateTime('2025-12-31T20:00:00-0400')).toEqual({ value: EPOCH_2026 });
    expect(parseIsoDateTime('1970-01-01T00:00:01.250001Z')).toEqual({ value: 1_250_001 });
    // Leap day 2028: all of 2026 and 2027 (365 + 365 d), January (31 d) and Feb 1–28 (28 d) later.
    expect(parseIsoDateTime('2028-02-29T00:00:00Z')).toEqual({ value: EPOCH_2026 + (365 + 365 + 31 + 28) * D });
  });

  it('rejects what it cannot read, saying why', () => {
    expect(errorOf(parseIsoDateTime('2026-01-01T02:00:00'))).toContain('no time zone: add Z for UTC');
    expect(errorOf(parseIsoDateTime('2026-02-30T00:00:00Z'))).toContain(
      'day 30 does not exist (month 02 of 2026 has 28 days)',
    );
    expect(errorOf(parseIsoDateTime('2026-13-01T00:00:00Z'))).toContain('month 13 is not 01–12');
    expect(errorOf(parseIsoDateTime('2026-01-01T24:00:00Z'))).toContain('hours are 00–23');
    expect(errorOf(parseIsoDateTime('yesterday'))).toContain(
      'is not a date-time; use an ISO 8601 date-time with a time zone',
    );
  });
});

describe('ISO 8601 durations', () => {
  it('parses each field', () => {
    expect(parseIsoPeriod('PT1H')).toEqual({ value: { ...none, hours: 1 } });
    expect(parseIsoPeriod('P1DT12H')).toEqual({ value: { ...none, days: 1, hours: 12 } });
    expect(parseIsoPeriod('P1W')).toEqual({ value: { ...none, weeks: 1 } });
    expect(parseIsoPeriod('P1Y2M3DT4H5M6.5S')).toEqual({
      value: { years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 },
    });
    // P1M is a month, PT1M a minute.
    expect(parseIsoPeriod('P1M')).toEqual({ value: { ...none, months: 1 } });
    expect(parseIsoPeriod('PT1M')).toEqual({ value: { ...none, minutes: 1 } });
  });

  it('gives hints for the usual mistakes', () => {
    expect(errorOf(parseIsoPeriod('1H'))).toContain('it must start with P: PT1H');
    expect(errorOf(parseIsoPeriod('P1H'))).toContain('hours, minutes and seconds go after a T: PT1H');
    expect(errorOf(parseIsoPeriod('PT0S'))).toContain('is zero long');
    expect(errorOf(parseIsoPeriod('P'))).toContain('is not an ISO 8601 duration');
    expect(errorOf(parseIsoPeriod('P1DT'))).toContain('is not an ISO 8601 duration');
    expect(errorOf(parseIsoPeriod('P1.5D'))).toContain('only seconds may have a fraction');
  });

  it('has fixed lengths for weeks to seconds', () => {
    // 1 d 12 h = 36 h; 1 w = 168 h; 1 m 30.5 s = 90.5 s.
    expect(fixedMicros({ ...none, days: 1, hours: 12 })).toBe(36 * H);
    expect(fixedMicros({ ...none, weeks: 1 })).toBe(168 * H);
    expect(fixedMicros({ ...none, minutes: 1, seconds: 30.5 })).toBe(90_500_000);
  });
});

describe('repeating intervals', () => {
  it('parses R, Rn and an empty start', () => {
    const forever = parseRepeatingInterval('R/2026-01-01T02:00:00Z/PT1H');
    expect(forever).toEqual({
      value: {
        text: 'R/2026-01-01T02:00:00Z/PT1H',
        repetitions: undefined,
        startUnixMicros: EPOCH_2026 + 2 * H,
        period: { ...none, hours: 1 },
      },
    });
    expect(repeatingIntervalField.parse('R5/2026-01-01T00:00:00Z/P1D').repetitions).toBe(5);
    expect(repeatingIntervalField.parse('R//PT30M').startUnixMicros).toBeUndefined();
  });

  it('rejects other forms, naming the part that is wrong', () => {
    expect(errorOf(parseRepeatingInterval('2026-01-01T00:00:00Z/PT1H'))).toContain(
      'has 2 parts separated by "/", not 3',
    );
    expect(errorOf(parseRepeatingInterval('X/2026-01-01T00:00:00Z/PT1H'))).toContain(
      'the first part must be R or Rn, got "X"',
    );
    expect(errorOf(parseRepeatingInterval('R0/2026-01-01T00:00:00Z/PT1H'))).toContain('R0 never runs');
    expect(errorOf(parseRepeatingInterval('R/2026-01-01/PT1H'))).toContain('the start "2026-01-01" is not a date-time');
    expect(errorOf(parseRepeatingInterval('R/2026-01-01T00:00:00Z/2026-01-02T00:00:00Z'))).toContain('the period');
  });

  it('keeps the zod error message', () => {
    const result = repeatingIntervalField.safeParse('R/2026-01-01T00:00:00Z/1H');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('it must start with P: PT1H');
    expect(isoDateTimeField.safeParse(42).error?.issues[0]?.message).toContain('expected a date-time');
  });
});

describe('schedules in simulated time', () => {
  const bind = (text: string, epoch = EPOCH_2026) => bindSchedule(repeatingIntervalField.parse(text), epoch);

  it('places runs at start + k × period after the epoch', () => {
    const hourly = bind('R/2026-01-01T00:30:00Z/PT1H');
    expect([0, 1, 23].map((k) => hourly.at(k))).toEqual([0.5 * H, 1.5 * H, 23.5 * H]);
    expect(hourly.firstIndexFrom(0)).toBe(0);
    // An empty start is the epoch itself.
    expect(bind('R//P1DT12H').at(2)).toBe(72 * H);
  });

  it('skips runs before the epoch and knows when an Rn schedule is used up', () => {
    // Daily at 06:00 from Dec 30: Dec 30 and 31 are before the epoch; Jan 1 06:00 is run 2.
    const daily = bind('R5/2025-12-30T06:00:00Z/P1D');
    expect(daily.firstIndexFrom(0)).toBe(2);
    expect(daily.at(2)).toBe(6 * H);
    expect(bind('R2/2025-12-30T06:00:00Z/P1D').firstIndexFrom(0)).toBeUndefined();
    // A run exactly at the epoch counts.
    expect(bind('R/2025-12-31T00:00:00Z/P1D').firstIndexFrom(0)).toBe(1);
  });

  it('adds months on the calendar, counted from the start (no drift after a short month)', () => {
    const monthly = bind('R/2026-01-31T00:00:00Z/P1M', EPOCH_2026 + 30 * D);
    // Jan 31, Feb 28 (+28 d), Mar 31 (+31 d), Apr 30 (+30 d), relative to Jan 31.
    expect([0, 1, 2, 3].map((k) => monthly.at(k) / D)).toEqual([0, 28, 59, 89]);
    // Feb 29 2028 + P1Y is Feb 28 2029 (365 days later: clamped, not rolled into March).
    const leap = parseIsoDateTime('2028-02-29T12:00:00Z');
    const year: IsoPeriod = { ...none, years: 1 };
    // The date must parse: a failed parse would otherwise skip the check below silently.
    expect(leap).toHaveProperty('value');
    if (!('value' in leap)) return;
    expect((addPeriod(leap.value, year, 1) - leap.value) / D).toBe(365);
  });

  it('finds the first run from any time for calendar and fixed periods alike (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'R/2020-01-31T10:00:00Z/P1M',
          'R/2019-06-15T00:00:00Z/P1Y2M',
          'R/2025-12-31T23:59:59Z/PT7M',
          'R/2024-02-29T00:00:00Z/P1MT1H',
        ),
        fc.integer({ min: -400 * D, max: 400 * D }),
        (text, from) => {
          const schedule = bind(text);
          const k = schedule.firstIndexFrom(from);
          expect(k).toBeDefined();
          const index = k ?? 0;
          expect(schedule.at(index)).toBeGreaterThanOrEqual(from);
          if (index > 0) expect(schedule.at(index - 1)).toBeLessThan(from);
        },
      ),
      { seed: 20260101, numRuns: 300 },
    );
  });
});
