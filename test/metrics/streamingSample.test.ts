import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/kernel/rng.ts';
import { createFrameworkStatsObserver } from '../../src/metrics/frameworkStats.ts';
import { StreamingSample } from '../../src/metrics/streamingSample.ts';
import { percentiles, quantileSorted, summarize } from '../../src/metrics/summary.ts';
import type { SimRecord } from '../../src/core/simulation/records.ts';

/** Seeded waits: a tenth zeros, an exponential bulk in whole µs and a log-normal tail up to days. */
function seededWaits(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    if (i % 10 === 0) return 0;
    if (i % 3 === 0) return Math.exp(rng.next() * 20 - 8);
    return Math.round(rng.exponential(30) * 1e6) / 1e6;
  });
}

const sampleOf = (values: readonly number[], exactSamples?: number): StreamingSample => {
  const sample = new StreamingSample(exactSamples === undefined ? {} : { exactSamples });
  for (const v of values) sample.add(v);
  return sample;
};

/** |estimate − exact| ≤ α·exact (+1e-12 for log/exp rounding on a bucket's edge). */
const expectWithin = (estimate: number | null, exact: number, alpha: number, what: string): void => {
  expect(estimate, what).not.toBeNull();
  expect(Math.abs((estimate as number) - exact), what).toBeLessThanOrEqual(alpha * exact + 1e-12 * exact);
};

describe('StreamingSample', () => {
  it('up to its exact values, gives the very summary and quantiles of summarize and percentiles', () => {
    for (const n of [0, 1, 2, 1023, 1024, 1025, 5000]) {
      const values = seededWaits(n, n + 1);
      const sample = sampleOf(values, 5000);
      expect(sample.approximate).toBe(false);
      // Byte-identical reports: the same JSON, no `approximate` field.
      expect(JSON.stringify(sample.summary())).toBe(JSON.stringify(summarize(values)));
      expect(JSON.stringify(sample.quantiles())).toBe(JSON.stringify(percentiles(values)));
    }
  });

  it('past them, every quantile of 100,000 seeded waits is within 1 % of the exact type-7 quantile', () => {
    const values = seededWaits(100_000, 11);
    const sample = sampleOf(values, 1000);
    expect(sample.approximate).toBe(true);
    const sorted = Float64Array.from(values).sort();
    const summary = sample.summary();
    expect(summary).toMatchObject({ count: 100_000, approximate: true, relativeError: 0.01, max: sorted[99_999] });
    expect(summary.mean).toBeCloseTo(sorted.reduce((a, b) => a + b, 0) / sorted.length, 9);
    expectWithin(summary.p50, quantileSorted(sorted, 0.5), 0.01, 'p50');
    expectWithin(summary.p95, quantileSorted(sorted, 0.95), 0.01, 'p95');
    expectWithin(summary.p99, quantileSorted(sorted, 0.99), 0.01, 'p99');
    const quantiles = sample.quantiles();
    expect(quantiles).toHaveLength(101);
    quantiles.forEach((q, i) => expectWithin(q, quantileSorted(sorted, i / 100), 0.01, `q${i}`));
    // The ends are the exact minimum and maximum; a tenth of the values are 0.
    expect(quantiles[0]).toBe(0);
    expect(quantiles[5]).toBe(0);
    expect(quantiles[100]).toBe(sorted[99_999]);
  });

  it('switches to the sketch at the first value past exactSamples, and honours a smaller relative error', () => {
    const values = seededWaits(101, 3);
    expect(sampleOf(values.slice(0, 100), 100).approximate).toBe(false);
    expect(sampleOf(values, 100).approximate).toBe(true);
    const fine = new StreamingSample({ exactSamples: 0, relativeError: 0.001 });
    for (const v of values) fine.add(v);
    const sorted = Float64Array.from(values).sort();
    expect(fine.summary().relativeError).toBe(0.001);
    fine.quantiles().forEach((q, i) => expectWithin(q, quantileSorted(sorted, i / 100), 0.001, `q${i}`));
  });

  it('is empty like summarize([]) even with no exact values kept', () => {
    const empty = new StreamingSample({ exactSamples: 0 });
    expect(empty.summary()).toEqual(summarize([]));
    expect(empty.quantiles()).toEqual([]);
    expect(() => new StreamingSample({ exactSamples: -1 })).toThrow(/exactSamples must be a whole number ≥ 0; got -1/);
  });
});

describe('framework stats past the exact values', () => {
  it('marks the task waits approximate and keeps them within the relative error', () => {
    const waits = seededWaits(3000, 5);
    const stats = createFrameworkStatsObserver({ exactSamples: 500 });
    const launch = (i: number, waitSeconds: number): SimRecord =>
      ({
        t: i,
        kind: 'task-launched',
        frameworkId: 'f',
        taskId: `t${i}`,
        jobId: null,
        waitSeconds,
      }) as unknown as SimRecord;
    waits.forEach((w, i) => stats.observe(launch(i, w)));
    stats.observe({ t: 3000, kind: 'run-ended' } as SimRecord);
    const f = stats.report().f;
    expect(f?.tasksLaunched).toBe(3000);
    expect(f?.taskWaitSeconds).toMatchObject({ count: 3000, approximate: true, relativeError: 0.01 });
    const sorted = Float64Array.from(waits).sort();
    expectWithin(f?.taskWaitSeconds.p95 ?? null, quantileSorted(sorted, 0.95), 0.01, 'p95');
    expect(f?.taskWaitQuantiles).toHaveLength(101);
    f?.taskWaitQuantiles.forEach((q, i) => expectWithin(q, quantileSorted(sorted, i / 100), 0.01, `q${i}`));
    // No job completed: that sample stays exact and empty.
    expect(f?.jobCompletionSeconds).toEqual(summarize([]));
  });
});
