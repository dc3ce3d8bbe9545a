import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUTS_MANIFEST, OutputDirError } from '../../src/export/outputDir.ts';
import {
  SWEEP_STORE_ENTRIES,
  writeSweepOutputs,
  sweepOutputs,
  sweepResultsCsv,
  sweepResultsJsonl,
  sweepSummaryCsv,
  sweepSummaryJsonl,
} from '../../src/export/sweepOutputs.ts';
import type { SweepTable } from '../../src/sweep/table.ts';
import { sweepChart } from '../../src/viz/sweepChart.ts';
import { sweepCharts } from '../../src/viz/sweepReport.ts';

const estimate = (mean: number, half: number) => ({
  n: 2,
  mean,
  sd: 1,
  halfWidth: half,
  low: mean - half,
  high: mean + half,
});

/** A table written by hand: 2 intervals × 2 variants × 1 metric, one replication shown per group. */
const table: SweepTable = {
  name: 'demo',
  fingerprint: 'f'.repeat(64),
  parameters: ['master.allocationInterval', 'frameworks[0].options'],
  variants: ['static', 'shared'],
  metrics: [{ id: 'cpuAllocated', label: 'CPU allocated', unit: 'fraction', better: 'higher', headline: true }],
  runs: 4,
  missing: 0,
  rows: [
    {
      point: 0,
      values: { 'master.allocationInterval': '1s', 'frameworks[0].options': { a: 1 } },
      variant: 'static',
      replication: 0,
      seed: 7,
      metric: 'cpuAllocated',
      value: 0.5,
    },
    {
      point: 0,
      values: { 'master.allocationInterval': '1s', 'frameworks[0].options': { a: 1 } },
      variant: 'shared',
      replication: 0,
      seed: 7,
      metric: 'cpuAllocated',
      value: null,
    },
  ],
  summary: [
    {
      point: 0,
      values: { 'master.allocationInterval': '1s', 'frameworks[0].options': { a: 1 } },
      variant: 'static',
      metric: 'cpuAllocated',
      estimate: estimate(0.5, 0.1),
    },
    {
      point: 0,
      values: { 'master.allocationInterval': '1s', 'frameworks[0].options': { a: 1 } },
      variant: 'shared',
      metric: 'cpuAllocated',
      estimate: null,
    },
    {
      point: 1,
      values: { 'master.allocationInterval': '5s', 'frameworks[0].options': { a: 1 } },
      variant: 'static',
      metric: 'cpuAllocated',
      estimate: estimate(0.4, 0.1),
    },
    {
      point: 1,
      values: { 'master.allocationInterval': '5s', 'frameworks[0].options': { a: 1 } },
      variant: 'shared',
      metric: 'cpuAllocated',
      estimate: estimate(0.6, 0.05),
    },
  ],
};

describe('sweep tables', () => {
  it('writes the tidy table as CSV (objects as JSON, missing values empty) and as JSON lines', () => {
    expect(sweepResultsCsv(table)).toBe(
      'master.allocationInterval,frameworks[0].options,variant,replication,seed,metric,value\n' +
        '1s,"{""a"":1}",static,0,7,cpuAllocated,0.5\n' +
        '1s,"{""a"":1}",shared,0,7,cpuAllocated,\n',
    );
    expect(sweepResultsJsonl(table).split('\n')).toEqual([
      '{"master.allocationInterval":"1s","frameworks[0].options":{"a":1},"variant":"static","replication":0,"seed":7,"metric":"cpuAllocated","value":0.5}',
      '{"master.allocationInterval":"1s","frameworks[0].options":{"a":1},"variant":"shared","replication":0,"seed":7,"metric":"cpuAllocated","value":null}',
      '',
    ]);
  });

  it('writes the summary with n = 0 and empty cells where no replication has a value', () => {
    const lines = sweepSummaryCsv(table).split('\n');
    expect(lines[0]).toBe('master.allocationInterval,frameworks[0].options,variant,metric,n,mean,sd,low,high');
    expect(lines[1]).toBe('1s,"{""a"":1}",static,cpuAllocated,2,0.5,1,0.4,0.6');
    expect(lines[2]).toBe('1s,"{""a"":1}",shared,cpuAllocated,0,,,,');
    expect(lines).toHaveLength(6);
    expect(JSON.parse(sweepSummaryJsonl(table).split('\n')[3] as string)).toMatchObject({
      variant: 'shared',
      n: 2,
      mean: 0.6,
      halfWidth: 0.05,
    });
  });

  it('lists every file of a sweep folder, failures only when given', () => {
    expect([...sweepOutputs(table).keys()]).toEqual([
      'results.csv',
      'results.jsonl',
      'summary.csv',
      'summary.jsonl',
      'report.html',
      'charts/cpuAllocated.svg',
    ]);
    expect(sweepOutputs(table, []).get('failures.jsonl')).toBe('');
  });
});

describe('writeSweepOutputs', () => {
  const otherMetric: SweepTable = {
    ...table,
    metrics: [{ id: 'p95Wait', label: 'p95 wait', unit: 's', better: 'lower', headline: true }],
    rows: table.rows.map((r) => ({ ...r, metric: 'p95Wait' })),
    summary: table.summary.map((s) => ({ ...s, metric: 'p95Wait' })),
  };
  const listing = (dir: string, sub = ''): string[] =>
    readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? listing(dir, join(sub, e.name)) : [join(sub, e.name)],
    );

  it('removes the files of an earlier write that this one does not write, never the store or the user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-sweep-outputs-'));
    // A sweep folder as the store leaves it: its manifest and runs/.
    writeFileSync(join(dir, 'sweep.json'), '{}\n');
    mkdirSync(join(dir, 'runs'));
    writeFileSync(join(dir, 'runs', 'a.json'), '{}\n');
    const first = writeSweepOutputs(dir, table, [{ index: 0 } as never]);
    expect(first).toContain('failures.jsonl');
    expect(first).toContain('charts/cpuAllocated.svg');
    const second = writeSweepOutputs(dir, otherMetric);
    const files = listing(dir).sort();
    expect(files).toContain('charts/p95Wait.svg');
    expect(files).not.toContain('charts/cpuAllocated.svg');
    expect(files).not.toContain('failures.jsonl');
    expect(files).toEqual([OUTPUTS_MANIFEST, ...second, 'runs/a.json', 'sweep.json'].sort());
  });

  it('refuses a folder holding files clustersim did not write, unless forced (then keeps them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-sweep-outputs-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    expect(() => writeSweepOutputs(dir, table)).toThrow(OutputDirError);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    writeSweepOutputs(dir, table, undefined, { force: true });
    expect(readdirSync(dir)).toContain('notes.txt');
    expect(readdirSync(dir)).toContain('results.csv');
    expect(SWEEP_STORE_ENTRIES).toEqual(['sweep.json', 'runs']);
  });
});

describe('sweep charts', () => {
  it('draws per variant one line through the means and a whisker per point, values evenly spaced when not numbers', () => {
    const [chart] = sweepCharts(table);
    expect(chart?.id).toBe('cpuAllocated');
    const svg = chart?.svg ?? '';
    expect(svg.match(/class="series line"/g)).toHaveLength(2);
    // static has 2 points, shared 1 (no value at 1s).
    expect(svg.match(/class="whisker"/g)).toHaveLength(3);
    expect(svg).toContain('>1s</text>');
    expect(svg).toContain('>5s</text>');
    expect(svg).toContain('frameworks[0].options = {&quot;a&quot;:1}');
  });

  it('places numbers by value on a linear axis', () => {
    const svg = sweepChart({
      metric: 'p95 wait',
      unit: 's',
      parameter: 'count',
      values: [10, 20, 40],
      series: {
        shared: [
          { mean: 9, low: 8, high: 10 },
          { mean: 5, low: 4, high: 6 },
          { mean: 1, low: 0, high: 2 },
        ],
      },
    });
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(3);
    // 10 → 20 is half the distance of 20 → 40.
    expect(((xs[2] as number) - (xs[1] as number)) / ((xs[1] as number) - (xs[0] as number))).toBeCloseTo(2, 6);
    expect(sweepChart({ metric: 'm', unit: 's', parameter: 'p', values: [1], series: { a: [null] } })).toContain(
      'no run has a value for this metric',
    );
  });
});
