import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from '../../src/compare/capacity/apportion.ts';
import type { MetricInfo, PairedDifference } from '../../src/compare/comparisonReport.ts';
import { findingSentence, formatMetricValue } from '../../src/compare/findings.ts';

const cpu: MetricInfo = {
  id: 'cpuAllocated',
  label: 'CPU allocated',
  unit: 'fraction',
  better: 'higher',
  headline: true,
};
const wait: MetricInfo = { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower', headline: true };
const diff = (
  metric: string,
  mean: number,
  half: number | null,
  relative: number | null,
  verdict: PairedDifference['verdict'],
  sd = 1,
): PairedDifference => ({
  variant: 'shared',
  baseline: 'static',
  metric,
  difference: {
    n: half === null ? 1 : 5,
    mean,
    sd,
    halfWidth: half,
    low: mean - (half ?? 0),
    high: mean + (half ?? 0),
  },
  relative,
  verdict,
});

describe('findings', () => {
  it('states fractions in percentage points and other metrics in percent of the baseline', () => {
    expect(findingSentence(cpu, diff('cpuAllocated', 0.182, 0.009, 0.3, 'better'))).toBe(
      'CPU allocated: shared is 18.2 percentage points higher than static (95% CI 17.3 to 19.1 points) — better',
    );
    expect(findingSentence(wait, diff('p95Wait', -41, 5, -0.41, 'better'))).toBe(
      'p95 task wait: shared is 41% lower than static (95% CI -46.0 to -36.0 s) — better',
    );
    expect(findingSentence(wait, diff('p95Wait', 12, 3, 0.995, 'worse'))).toBe(
      'p95 task wait: shared is 99.5% higher than static (95% CI 9.00 to 15.0 s) — worse',
    );
  });

  it('says when a difference is within noise, or exactly nothing', () => {
    expect(findingSentence(wait, diff('p95Wait', -3, 5, -0.03, 'within-noise'))).toBe(
      'p95 task wait: no difference beyond noise between shared and static (mean difference -3.00 s, 95% CI -8.00 to 2.00 s)',
    );
    expect(findingSentence(wait, diff('p95Wait', 0, 0, 0, 'within-noise', 0))).toBe(
      'p95 task wait: no difference beyond noise between shared and static (identical on every seed)',
    );
    expect(findingSentence(wait, diff('p95Wait', 4, null, 0.1, 'within-noise'))).toContain('one seed: no interval');
  });

  it('formats values for people', () => {
    expect(formatMetricValue(0.8123, 'fraction')).toBe('81.2%');
    expect(formatMetricValue(0.00042, 'fraction')).toBe('0.042%');
    expect(formatMetricValue(41.26, 's')).toBe('41.3 s');
    expect(formatMetricValue(1234.5, 'tasks')).toBe('1235 tasks');
    expect(formatMetricValue(0, 'tasks')).toBe('0 tasks');
    expect(formatMetricValue(2.5, 'tasks')).toBe('2.50 tasks');
    expect(formatMetricValue(0, 's')).toBe('0.00 s');
    expect(formatMetricValue(null, 's')).toBe('-');
  });
});

describe('apportion, as a property', () => {
  it('hands out exactly the total, each part ≥ 1 when there are enough, and close to its quota', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 400 }),
        (weights, total) => {
          const parts = apportion(weights, total);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (total >= weights.length) expect(parts.every((p) => p >= 1)).toBe(true);
          const off = parts.map((p, i) => Math.abs(p - ((weights[i] as number) * total) / sum));
          // Plain largest remainder stays within 1 of every quota; raising small parts to 1 can
          // move a part by one more.
          expect(Math.max(...off)).toBeLessThan(2);
          if (weights.every((w) => (w * total) / sum >= 1)) expect(Math.max(...off)).toBeLessThan(1);
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
