import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.ts';
import type { ComparisonRun } from '../../src/compare/comparisonReport.ts';
import { CompareInputError } from '../../src/compare/errors.ts';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import { resolveVariants } from '../../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';
import { twoTeams } from './fixtures.ts';

const byHand = JSON.parse(
  readFileSync(new URL('../../examples/capacity-by-hand.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('compare', () => {
  it('common random numbers: on one seed every variant sees the same job submissions', () => {
    const registry = createDefaultRegistry();
    const submitted = (variant: string, seed: number): string[] => {
      const scenario = resolveVariants(twoTeams(), registry).find((v) => v.variant === variant)?.scenario;
      const jobs: string[] = [];
      runSimulation(scenario!, {
        seed,
        wallClock: false,
        observers: [{ observe: (r: SimRecord) => void (r.kind === 'job-submitted' && jobs.push(JSON.stringify(r))) }],
      });
      return jobs;
    };
    const staticJobs = submitted('static', 5);
    expect(staticJobs.length).toBeGreaterThan(40); // two teams, a job every 3 minutes each, for 2 hours
    expect(submitted('shared', 5)).toEqual(staticJobs);
    expect(submitted('shared', 6)).not.toEqual(staticJobs); // another seed, other arrivals
  });

  it('identical variants differ by exactly 0 on every metric, within noise', async () => {
    const report = await compare(
      twoTeams({ one: { allocator: { policy: 'drf' } }, other: { allocator: { policy: 'drf' } } }),
      { seeds: 3, wallClock: false },
    );
    expect(report.baseline).toBe('one');
    expect(report.differences.length).toBe(report.metrics.length);
    for (const d of report.differences) {
      expect(d.verdict).toBe('within-noise');
      if (d.difference === null) continue;
      expect(d.difference.mean).toBe(0);
      expect(d.difference.sd).toBe(0);
    }
    expect(
      report.findings.every((f) => f.includes('no difference beyond noise') && f.includes('identical on every seed')),
    ).toBe(true);
  });

  it('runs each variant on the seeds s, s+1, … and reports means with intervals, paired differences and findings', async () => {
    const runs: ComparisonRun[] = [];
    const report = await compare(twoTeams(), { seeds: 3, wallClock: false, onRun: (r) => runs.push(r) });
    expect(report.seeds).toEqual([11, 12, 13]);
    expect(report.variants).toEqual(['static', 'shared']);
    expect(report.runs.map((r) => `${r.variant}:${r.seed}`)).toEqual([
      'static:11',
      'static:12',
      'static:13',
      'shared:11',
      'shared:12',
      'shared:13',
    ]);
    expect(runs).toHaveLength(6);
    const cpu = report.runs.filter((r) => r.variant === 'shared').map((r) => r.metrics['cpuAllocated'] as number);
    const mean = (cpu[0]! + cpu[1]! + cpu[2]!) / 3;
    expect(report.summary['shared']?.['cpuAllocated']?.mean).toBeCloseTo(mean, 12);
    const diff = report.differences.find((d) => d.variant === 'shared' && d.metric === 'cpuAllocated');
    const paired = report.runs
      .filter((r) => r.variant === 'shared')
      .map((r, i) => (r.metrics['cpuAllocated'] as number) - (report.runs[i]?.metrics['cpuAllocated'] as number));
    expect(diff?.difference?.mean).toBeCloseTo((paired[0]! + paired[1]! + paired[2]!) / 3, 12);
    expect(report.metrics.map((m) => m.id)).toContain('p95Wait.a');
    expect(Object.keys(report.examples)).toEqual(['static', 'shared']);
    expect(report.examples['shared']?.seed).toBe(11);
    expect(report.examples['shared']?.wall).toBeNull();
    expect(report.wall).toBeNull();
    expect(report.capacity).toBeNull();
  });

  it('is deterministic without wall time, and takes explicit seeds, variant subsets and a baseline', async () => {
    const a = await compare(twoTeams(), {
      seeds: [3, 'x'],
      variants: ['shared', 'static'],
      baseline: 'shared',
      wallClock: false,
    });
    const b = await compare(twoTeams(), {
      seeds: [3, 'x'],
      variants: ['shared', 'static'],
      baseline: 'shared',
      wallClock: false,
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.variants).toEqual(['static', 'shared']); // scenario order
    expect(a.differences.every((d) => d.variant === 'static' && d.baseline === 'shared')).toBe(true);
    expect((await compare(twoTeams(), { seeds: 1, variants: ['shared'] })).wall?.runs).toBe(1);
  });

  it('rejects unknown variants, baselines and seed counts with a clear message', async () => {
    await expect(compare(twoTeams(), { variants: ['shard'] })).rejects.toThrow(
      new CompareInputError('unknown variant "shard"; variants: static, shared'),
    );
    await expect(compare(twoTeams(), { baseline: 'none' })).rejects.toThrow(
      'unknown baseline "none"; variants compared: static, shared',
    );
    await expect(compare(twoTeams(), { seeds: 0 })).rejects.toThrow(
      'the number of seeds must be a whole number ≥ 1, got 0',
    );
    await expect(compare(twoTeams(), { seeds: [1, 1] })).rejects.toThrow('the seed list repeats a seed');
    await expect(compare(twoTeams(), { findCapacity: { objective: 'p95Wat<1s' } })).rejects.toThrow(
      /^in "p95Wat<1s": unknown metric "p95Wat"; known: /,
    );
    await expect(compare(twoTeams(), { seeds: 1, findCapacity: { objective: 'availability>99%' } })).rejects.toThrow(
      /availability has no value in any run/,
    );
    const runs: ComparisonRun[] = [];
    const crashing = { ...twoTeams(), failures: [{ kind: 'drain', at: '1h', machine: 'std-1' }] };
    await expect(
      compare(crashing, { seeds: 1, findCapacity: { objective: 'maxWait<1s' }, onRun: (r) => runs.push(r) }),
    ).rejects.toThrow('capacity search of variant "static": failures[0] (drain) names machine ids');
    expect(runs).toEqual([]); // refused before running anything
  });

  it('finds by hand-computed capacities: static partitions need 20 machines, one shared cluster 10', async () => {
    const runs: ComparisonRun[] = [];
    const report = await compare(byHand, {
      seeds: 2,
      wallClock: false,
      findCapacity: { objective: 'maxWait<1s' },
      onRun: (r) => runs.push(r),
    });
    expect(report.capacity?.variants['static']?.machines).toBe(20);
    expect(report.capacity?.variants['shared']?.machines).toBe(10);
    // the sizes right below fail: one machine short, a backlog builds
    expect(report.capacity?.variants['static']?.steps.find((s) => s.machines === 19)?.meets).toBe(false);
    expect(report.capacity?.variants['shared']?.steps.find((s) => s.machines === 9)?.meets).toBe(false);
    expect(report.findings).toContain('static needs 20 machines, shared needs 10: shared saves 10 (50%)');
    // no run is done twice; the scenario-size runs are reused by the search
    const keys = runs.map((r) => `${r.variant}/${r.machines}/${r.seed}`);
    expect(new Set(keys).size).toBe(keys.length);
    const steps =
      (report.capacity?.variants['static']?.steps.length ?? 0) +
      (report.capacity?.variants['shared']?.steps.length ?? 0);
    expect(runs).toHaveLength(steps * 2);
    expect(report.runs.every((r) => r.machines === 20)).toBe(true);
  });

  it('gives the same report on two worker threads as in this thread, capacity search included', async () => {
    const options = { seeds: 2, wallClock: false, findCapacity: { objective: 'maxWait<1s' } } as const;
    const inline = await compare(byHand, options);
    const pooled = await compare(byHand, { ...options, workers: 2 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
    await expect(compare(byHand, { workers: 2, registry: createDefaultRegistry() })).rejects.toThrow(
      'worker threads run the built-in plugins only',
    );
    await expect(compare(byHand, { workers: 0 })).rejects.toThrow('workers must be a whole number ≥ 1, got 0');
  });
});
