import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/metrics/runReport.ts';
import { capacityCsv, differencesCsv, runsCsv, seriesCsv, summaryCsv, toCsv } from '../../src/viz/index.ts';
import { HOSTILE, exampleComparison, exampleRuns } from '../viz/fixtures.ts';

const comparison = exampleComparison(exampleRuns());
const rowsOf = (csv: string): string[][] => parse(csv) as string[][];

describe('toCsv', () => {
  it('quotes what needs quoting, leaves missing values empty and ends every line with \\n', () => {
    expect(
      toCsv(
        ['name', 'value', 'ok'],
        [
          ['a,b', 1.5, true],
          ['say "hi"', null, false],
          [HOSTILE, -0.25, null],
        ],
      ),
    ).toBe('name,value,ok\n"a,b",1.5,true\n"say ""hi""",,false\n<script>alert(1)</script>,-0.25,\n');
  });
});

describe('comparison CSV files', () => {
  it('runs.csv: one row per variant × seed × metric', () => {
    const rows = rowsOf(runsCsv(comparison));
    expect(rows[0]).toEqual(['variant', 'seed', 'machines', 'metric', 'value']);
    // 2 variants × 5 seeds × 4 metrics.
    expect(rows.length - 1).toBe(40);
    expect(rows[1]).toEqual(['static', '1', '9', 'cpuAllocated', '0.401']);
    // A metric a run has no value for is an empty cell (NaN in pandas).
    expect(rows[4]).toEqual(['static', '1', '9', 'tasksLost', '']);
    expect(rows[40]).toEqual(['shared', '5', '9', 'tasksLost', '5']);
  });

  it('summary.csv: per variant and metric the mean and its interval; a metric without values has n = 0', () => {
    const rows = rowsOf(summaryCsv(comparison));
    expect(rows[0]).toEqual(['variant', 'metric', 'n', 'mean', 'sd', 'low', 'high']);
    expect(rows.length - 1).toBe(8);
    expect(rows[2]).toEqual(['static', 'p95Wait', '5', '123', String(2 / 1.24), '121', '125']);
    expect(rows[4]).toEqual(['static', 'tasksLost', '0', '', '', '', '']);
  });

  it('differences.csv: the paired difference of each metric with verdict', () => {
    const rows = rowsOf(differencesCsv(comparison));
    expect(rows[0]).toEqual(['variant', 'baseline', 'metric', 'n', 'mean', 'sd', 'low', 'high', 'relative', 'verdict']);
    expect(rows[2]).toEqual([
      'shared',
      'static',
      'p95Wait',
      '5',
      '-40',
      String(3 / 1.24),
      '-43',
      '-37',
      '-0.325',
      'better',
    ]);
    expect(rows[4]).toEqual(['shared', 'static', 'tasksLost', '0', '', '', '', '', '', 'within-noise']);
  });

  it('capacity.csv: every size tried per variant and objective metric', () => {
    const rows = rowsOf(capacityCsv(comparison));
    expect(rows[0]).toEqual(['variant', 'machines', 'metric', 'n', 'mean', 'low', 'high', 'meets', 'problem']);
    // 2 variants × 3 sizes × 2 metrics.
    expect(rows.length - 1).toBe(12);
    expect(rows[1]).toEqual([
      'static',
      '9',
      'availability',
      '5',
      '0.95',
      String(0.95 - 0.0004),
      String(0.95 + 0.0004),
      'false',
      '',
    ]);
    expect(rows[4]).toEqual(['static', '12', 'p95Wait', '5', '50', '46', '54', 'true', '']);
    expect(capacityCsv({ ...comparison, capacity: null })).toBe(
      'variant,machines,metric,n,mean,low,high,meets,problem\n',
    );
  });

  it('a size that could not be built is one row with its problem', () => {
    const capacity = comparison.capacity;
    if (capacity === null) throw new Error('fixture has a capacity search');
    const broken = {
      ...comparison,
      variants: ['static'],
      capacity: {
        ...capacity,
        variants: {
          static: {
            machines: null,
            scenarioMachines: 9,
            searchedUpTo: 9,
            steps: [{ machines: 1, meets: false, metrics: {}, problem: 'partition logs needs 2 machines' }],
          },
        },
      },
    };
    expect(capacityCsv(broken)).toBe(
      'variant,machines,metric,n,mean,low,high,meets,problem\nstatic,1,,0,,,,false,partition logs needs 2 machines\n',
    );
  });
});

describe('seriesCsv', () => {
  it('writes every binned series in long form, bins starting at i × step', () => {
    const report = {
      utilization: {
        series: {
          stepSeconds: 300,
          allocated: { cpus: [0.5, 0.25] },
          used: { cpus: [0.5, 0] },
          byFramework: { [HOSTILE]: { allocated: { cpus: [0.5, 0.25] }, used: { cpus: [0.5, 0] } } },
        },
      },
      fairness: {
        series: {
          stepSeconds: 300,
          dominantShare: { eng: [0.5, 0.25] },
          fairShare: { eng: [1, null] },
          jainIndex: [1, null],
        },
      },
      services: { web: { timeline: { atSeconds: [0, 42.5], available: [0, 1] } } },
    } as unknown as RunReport;
    expect(seriesCsv('shared', report)).toBe(
      [
        'variant,t_seconds,series,key,resource,value',
        'shared,0,cluster.allocated,,cpus,0.5',
        'shared,300,cluster.allocated,,cpus,0.25',
        'shared,0,cluster.used,,cpus,0.5',
        'shared,300,cluster.used,,cpus,0',
        'shared,0,framework.allocated,<script>alert(1)</script>,cpus,0.5',
        'shared,300,framework.allocated,<script>alert(1)</script>,cpus,0.25',
        'shared,0,framework.used,<script>alert(1)</script>,cpus,0.5',
        'shared,300,framework.used,<script>alert(1)</script>,cpus,0',
        'shared,0,fairness.dominantShare,eng,,0.5',
        'shared,300,fairness.dominantShare,eng,,0.25',
        'shared,0,fairness.fairShare,eng,,1',
        'shared,300,fairness.fairShare,eng,,',
        'shared,0,fairness.jainIndex,,,1',
        'shared,300,fairness.jainIndex,,,',
        'shared,0,service.available,web,,0',
        'shared,42.5,service.available,web,,1',
        '',
      ].join('\n'),
    );
  });

  it('reads back from a real report with one value per bin of each series', () => {
    const report = comparison.examples['static'] as RunReport;
    const rows = rowsOf(seriesCsv('static', report));
    const bins = report.utilization.series.allocated['cpus']?.length ?? 0;
    expect(bins).toBeGreaterThan(100);
    const cpuAllocated = rows.filter((r) => r[2] === 'cluster.allocated' && r[4] === 'cpus');
    expect(cpuAllocated.length).toBe(bins);
    expect(cpuAllocated[1]?.[1]).toBe(String(report.utilization.series.stepSeconds));
    expect(rows.every((r) => r.length === 6)).toBe(true);
  });
});
