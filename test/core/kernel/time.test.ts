import { describe, expect, it } from 'vitest';
import { formatDuration, microsToSeconds, parseDuration, secondsToMicros } from '../../../src/core/kernel/time.ts';

describe('durations', () => {
  it.each([
    ['90s', 90_000_000],
    ['5m', 300_000_000],
    ['1h30m', 5_400_000_000],
    ['250ms', 250_000],
    ['2d', 172_800_000_000],
    ['1w', 604_800_000_000],
    ['1.5s', 1_500_000],
    ['17us', 17],
    ['12', 12_000_000],
    [0, 0],
    [2.5, 2_500_000],
  ] as const)('parses %s', (input, micros) => {
    expect(parseDuration(input)).toBe(micros);
  });

  it.each(['', '-5s', '5x', 'm5', '1h 30m', 'abc', Number.NaN, -1, Infinity])('rejects %s', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('round-trips seconds and formats compactly', () => {
    expect(microsToSeconds(secondsToMicros(3.25))).toBe(3.25);
    expect(formatDuration(5_400_000_000)).toBe('1h30m');
    expect(formatDuration(90_061_500_000)).toBe('1d1h1m1.5s');
    expect(formatDuration(0)).toBe('0s');
  });
});
