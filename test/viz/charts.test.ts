import { describe, expect, it } from 'vitest';
import {
  availabilityChart,
  capacityChart,
  colours,
  comparisonBarsChart,
  differenceChart,
  dominantShareChart,
  escapeXml,
  formatNumber,
  formatShort,
  partitionUtilizationChart,
  utilizationChart,
  waitCdfChart,
} from '../../src/viz/index.ts';
import type { MetricInfo } from '../../src/compare/comparisonReport.ts';
import { HOSTILE } from './fixtures.ts';

/** The `d` attributes of every path in an SVG. */
const paths = (svg: string): string[] => [...svg.matchAll(/<path [^>]*\bd="([^"]*)"/g)].map((m) => m[1] as string);
const count = (svg: string, re: RegExp): number => [...svg.matchAll(re)].length;

const wait: MetricInfo = { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower', headline: true };
const cpu: MetricInfo = {
  id: 'cpuAllocated',
  label: 'CPU allocated',
  unit: 'fraction',
  better: 'higher',
  headline: true,
};
const est = (mean: number, half: number) => ({
  n: 5,
  mean,
  sd: half,
  halfWidth: half,
  low: mean - half,
  high: mean + half,
});

/** Each chart with data, and with the empty form of the same data. */
const cases: { name: string; full: () => string; empty: () => string; series: RegExp; minimum: number }[] = [
  {
    name: 'utilization stacked by framework',
    full: () =>
      utilizationChart({
        resource: 'cpus',
        stepSeconds: 600,
        allocated: { [HOSTILE]: [0.2, 0.4, 0.3], logs: [0.3, 0.1, 0.2] },
        used: { [HOSTILE]: [0.1, 0.3, 0.2], logs: [0.2, 0.1, 0.1] },
      }),
    empty: () => utilizationChart({ resource: 'cpus', stepSeconds: 600, allocated: {}, used: {} }),
    series: /class="series area"/g,
    minimum: 4, // 2 frameworks × (allocated, used)
  },
  {
    name: 'per-partition utilization',
    full: () =>
      partitionUtilizationChart({
        resource: 'cpus',
        stepSeconds: 600,
        partitions: {
          [HOSTILE]: { allocated: [1, 0.5], used: [0.9, 0.5] },
          logs: { allocated: [0.2, 0.3], used: [0.2, 0.2] },
        },
      }),
    empty: () => partitionUtilizationChart({ resource: 'cpus', stepSeconds: 600, partitions: {} }),
    series: /class="series line"/g,
    minimum: 4,
  },
  {
    name: "dominant shares with Jain's index",
    full: () =>
      dominantShareChart({
        stepSeconds: 600,
        shares: { [HOSTILE]: [0.4, 0.6], ads: [0.5, 0.3] },
        fairShare: { ads: [0.5, 0.5] },
        jainIndex: [0.99, null],
      }),
    empty: () => dominantShareChart({ stepSeconds: 600, shares: {} }),
    series: /class="series line"/g,
    minimum: 4, // 2 shares, 1 fair share, Jain's index
  },
  {
    name: 'task-wait CDF',
    full: () =>
      waitCdfChart({
        series: [
          {
            label: `static · ${HOSTILE}`,
            colourKey: HOSTILE,
            dashed: false,
            quantiles: Array.from({ length: 101 }, (_, i) => i * 2),
          },
          {
            label: `shared · ${HOSTILE}`,
            colourKey: HOSTILE,
            dashed: true,
            quantiles: Array.from({ length: 101 }, (_, i) => i),
          },
        ],
      }),
    empty: () => waitCdfChart({ series: [{ label: 'x', colourKey: 'x', dashed: false, quantiles: [] }] }),
    series: /class="series line"/g,
    minimum: 2,
  },
  {
    name: 'availability timeline',
    full: () =>
      availabilityChart({
        horizonSeconds: 3600,
        services: { [HOSTILE]: { atSeconds: [0, 60, 900, 990], available: [0, 1, 0.5, 1] } },
        incidents: [{ atSeconds: 900, cause: HOSTILE }],
      }),
    empty: () => availabilityChart({ horizonSeconds: 3600, services: {}, incidents: [] }),
    series: /class="series area"/g,
    minimum: 1,
  },
  {
    name: 'comparison bars',
    full: () =>
      comparisonBarsChart({
        variants: ['static', HOSTILE],
        metrics: [cpu, wait],
        estimates: {
          static: { cpuAllocated: est(0.4, 0.01), p95Wait: est(120, 5) },
          [HOSTILE]: { cpuAllocated: est(0.5, 0.01), p95Wait: est(80, 4) },
        },
      }),
    empty: () => comparisonBarsChart({ variants: [], metrics: [], estimates: {} }),
    series: /class="bar"/g,
    minimum: 4,
  },
  {
    name: 'paired differences',
    full: () =>
      differenceChart({
        rows: [
          {
            metric: wait,
            variant: HOSTILE,
            baseline: 'static',
            mean: -40,
            low: -45,
            high: -35,
            baselineMean: 120,
            verdict: 'better',
          },
          {
            metric: cpu,
            variant: HOSTILE,
            baseline: 'static',
            mean: 0.001,
            low: -0.01,
            high: 0.012,
            baselineMean: 0.4,
            verdict: 'within-noise',
          },
        ],
      }),
    empty: () => differenceChart({ rows: [] }),
    series: /class="interval"/g,
    minimum: 2,
  },
  {
    name: 'capacity curve',
    full: () =>
      capacityChart({
        metric: 'p95 task wait',
        unit: 's',
        op: '<',
        threshold: 60,
        variants: {
          static: [
            { machines: 10, mean: 90, low: 80, high: 100, meets: false },
            { machines: 14, mean: 50, low: 45, high: 55, meets: true },
          ],
          [HOSTILE]: [{ machines: 8, mean: 55, low: 50, high: 59, meets: true }],
        },
        found: { static: 14, [HOSTILE]: 8 },
      }),
    empty: () => capacityChart({ metric: 'p95 task wait', unit: 's', op: '<', threshold: 60, variants: {}, found: {} }),
    series: /class="series line"/g,
    minimum: 2,
  },
];

describe('charts', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('renders its data: series elements with non-empty shapes, a title, axes with tick labels and a legend', () => {
        const svg = c.full();
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
        expect(count(svg, c.series)).toBeGreaterThanOrEqual(c.minimum);
        expect(paths(svg).length).toBeGreaterThan(0);
        expect(paths(svg).every((d) => d.length > 0 && !d.includes('NaN'))).toBe(true);
        expect(svg).toContain('class="chart-title"');
        expect(svg).toMatch(/class="axis axis-[xy]"/);
        expect(count(svg, /<text [^>]*>[^<]+<\/text>/g)).toBeGreaterThan(5);
        expect(svg).toMatch(/class="legend(-entry)?"/);
        expect(svg).toContain('font-family="DejaVu Sans, sans-serif"');
      });

      it('escapes the names it shows and never emits a raw tag from data', () => {
        const svg = c.full();
        expect(svg).not.toContain('<script');
        expect(svg).toContain(escapeXml(HOSTILE).slice(0, 18)); // "&lt;script&gt;alert"
      });

      it('is deterministic: the same data gives the same SVG', () => {
        expect(c.full()).toBe(c.full());
      });

      it('renders empty data as a chart that says so, without throwing', () => {
        const svg = c.empty();
        expect(svg).toContain('class="no-data"');
        expect(svg).toContain('class="chart-title"');
        expect(count(svg, c.series)).toBe(0);
      });
    });
  }

  it('stacks the areas: the top layer of a stacked utilization chart ends where the sum of the layers is', () => {
    // Two frameworks at 0.25 and 0.25 of the cluster: the upper band's top edge sits at 50 %.
    const svg = utilizationChart({
      resource: 'cpus',
      stepSeconds: 60,
      allocated: { a: [0.25], b: [0.25] },
      used: { a: [0], b: [0] },
    });
    // The allocated panel spans y 52 … 223 (its half of 52 … 420 less the gap) with domain 0 … 1: 50 % is at y = 137.5.
    const upper = paths(svg)[1] as string;
    expect(upper).toContain('137.5');
  });

  it('gives a name the same colour in every chart built from one list', () => {
    const colourOf = colours(['logs', 'reports']);
    const a = utilizationChart({
      resource: 'cpus',
      stepSeconds: 60,
      allocated: { reports: [0.5] },
      used: { reports: [0.5] },
      colourOf,
    });
    const b = partitionUtilizationChart({
      resource: 'cpus',
      stepSeconds: 60,
      partitions: { reports: { allocated: [0.5], used: [0.5] } },
      colourOf,
    });
    expect(colourOf('reports')).toBe('#f28e2b');
    expect(a).toContain('fill="#f28e2b"');
    expect(b).toContain('stroke="#f28e2b"');
  });

  it('marks every failure incident on the availability timeline and lists its cause', () => {
    const svg = availabilityChart({
      horizonSeconds: 7200,
      services: { web: { atSeconds: [0, 3600], available: [1, 0.5] } },
      incidents: [
        { atSeconds: 3600, cause: 'rack r1 power' },
        { atSeconds: 1800, cause: 'switch' },
      ],
    });
    expect(count(svg, /class="failure-marker"/g)).toBe(2);
    // Listed in time order.
    expect(svg.indexOf('1. switch at 1800 s')).toBeGreaterThan(0);
    expect(svg.indexOf('2. rack r1 power at 3600 s')).toBeGreaterThan(svg.indexOf('1. switch'));
  });

  it('draws the capacity objective threshold and rings each answer', () => {
    const svg = cases.find((c) => c.name === 'capacity curve')?.full() ?? '';
    expect(count(svg, /class="threshold"/g)).toBe(1);
    expect(count(svg, /class="answer"/g)).toBe(2);
    expect(svg).toContain('objective &lt; 60 s');
  });

  it('draws a whisker only where there is an interval (n ≥ 2)', () => {
    const one = { n: 1, mean: 3, sd: 0, halfWidth: null, low: 3, high: 3 };
    const svg = comparisonBarsChart({
      variants: ['a', 'b'],
      metrics: [wait],
      estimates: { a: { p95Wait: one }, b: { p95Wait: est(4, 1) } },
    });
    expect(count(svg, /class="bar"/g)).toBe(2);
    expect(count(svg, /class="whisker"/g)).toBe(1);
  });

  it('formats numbers with a fixed precision and trims only decimal zeros', () => {
    expect(formatNumber(0.81234)).toBe('0.812');
    expect(formatNumber(-40)).toBe('−40.00');
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(Number.NaN)).toBe('-');
    expect(formatShort(1000)).toBe('1,000');
    expect(formatShort(100)).toBe('100');
    expect(formatShort(41.5)).toBe('41.5');
    expect(formatShort(0)).toBe('0');
  });
});
