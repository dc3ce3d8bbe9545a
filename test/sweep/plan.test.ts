import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/scenario/issues.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSeed } from '../../src/sweep/runSeed.ts';
import { inShard, parseShard } from '../../src/sweep/shard.ts';
import { tinySweep } from './fixtures.ts';

const registry = createDefaultRegistry();

function issuesOf(spec: Parameters<typeof planSweep>[0]): string[] {
  try {
    planSweep(spec, registry);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('planSweep', () => {
  it('runs the cartesian product, first parameter slowest, then variants in scenario order, then replications', () => {
    const plan = planSweep(
      tinySweep(2, {
        grid: [
          { path: 'master.allocationInterval', values: ['1s', '5s'] },
          { path: 'frameworks[0].options.patienceSeconds', values: [60, 120, 240] },
        ],
      }),
      registry,
    );
    expect(plan.points).toEqual([
      ['1s', 60],
      ['1s', 120],
      ['1s', 240],
      ['5s', 60],
      ['5s', 120],
      ['5s', 240],
    ]);
    expect(plan.variants).toEqual(['static', 'shared']);
    expect(plan.runs).toHaveLength(6 * 2 * 2);
    expect(plan.runs.slice(0, 5).map((r) => [r.point, r.variant, r.replication])).toEqual([
      [0, 'static', 0],
      [0, 'static', 1],
      [0, 'shared', 0],
      [0, 'shared', 1],
      [1, 'static', 0],
    ]);
    expect(plan.runs.map((r) => r.index)).toEqual(plan.runs.map((_, i) => i));
    // The run's scenario carries its grid values, set into the variant's own scenario.
    const run = plan.runs.find((r) => r.point === 4 && r.variant === 'shared') as (typeof plan.runs)[number];
    const input = run.task.input as {
      master: Record<string, unknown>;
      frameworks: { options?: Record<string, unknown> }[];
      allocator: { policy: string };
      variants?: unknown;
    };
    expect(input.master['allocationInterval']).toBe('5s');
    expect(input.frameworks[0]?.options?.['patienceSeconds']).toBe(120);
    expect(input.allocator.policy).toBe('drf');
    expect(input.variants).toBeUndefined();
    expect(run.task.variant).toBeNull();
  });

  it('derives each seed from the sweep seed, grid point and replication as documented, the same for every variant', () => {
    const plan = planSweep(tinySweep(3), registry);
    // By hand: the first 8 hex digits of the SHA-256 of the canonical JSON of { point, replication, sweep }.
    const byHand = (interval: string, replication: number): number =>
      Number.parseInt(
        createHash('sha256')
          .update(`{"point":{"master.allocationInterval":"${interval}"},"replication":${replication},"sweep":11}`)
          .digest('hex')
          .slice(0, 8),
        16,
      );
    for (const run of plan.runs)
      expect(run.seed).toBe(byHand(run.point === 0 ? '1s' : '5s', run.replication as number));
    const seedsOf = (variant: string, point: number): number[] =>
      plan.runs.filter((r) => r.variant === variant && r.point === point).map((r) => r.seed);
    expect(seedsOf('static', 0)).toEqual(seedsOf('shared', 0));
    expect(seedsOf('static', 0)).not.toEqual(seedsOf('static', 1));
    expect(new Set(plan.runs.map((r) => r.seed)).size).toBe(6);
  });

  it('keeps the seeds of a grid point when the grid gains values, and shares them across points with common seeds', () => {
    const small = planSweep(tinySweep(2), registry);
    const large = planSweep(
      tinySweep(2, { grid: [{ path: 'master.allocationInterval', values: ['10s', '1s', '5s'] }] }),
      registry,
    );
    const seeds = (plan: typeof small, value: string): number[] =>
      plan.runs.filter((r) => plan.points[r.point]?.[0] === value).map((r) => r.seed);
    expect(seeds(large, '1s')).toEqual(seeds(small, '1s'));
    expect(seeds(large, '5s')).toEqual(seeds(small, '5s'));
    const common = planSweep(tinySweep(2, { commonSeeds: true }), registry);
    expect(seeds(common, '1s')).toEqual(seeds(common, '5s'));
    expect(common.runs[0]?.seed).toBe(runSeed(11, null, 0));
  });

  it('keys a run by its resolved scenario and seed: the same run in another sweep has the same key', () => {
    const a = planSweep(tinySweep(2), registry);
    const b = planSweep(tinySweep(2, { metrics: ['jobsCompleted'], name: 'other' }), registry);
    expect(b.runs.map((r) => r.key)).toEqual(a.runs.map((r) => r.key));
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(new Set(a.runs.map((r) => r.key)).size).toBe(a.runs.length);
    expect(planSweep(tinySweep(2), registry).fingerprint).toBe(a.fingerprint);
  });

  it('reports every problem with its JSON path in the sweep, before anything runs', () => {
    expect(
      issuesOf(
        tinySweep(2, {
          variants: ['shared', 'shard'],
          metrics: ['cpuAllocated', 'p95Wat'],
          grid: [
            { path: 'master.allocationInterval', values: ['1s', 'soon'] },
            { path: 'seed', values: [1] },
          ],
        }),
      ),
    ).toEqual([
      '$.variants[1]: unknown variant "shard"; the scenario\'s variants: static, shared',
      expect.stringMatching(
        /^\$\.metrics\[1\]: unknown metric "p95Wat"; known: cpuAllocated, memAllocated, .*; per framework: <metric>\.<framework> for .*p95Wait/,
      ),
      '$.grid[1].path: "seed": run seeds are derived from the sweep seed ("seed" in the sweep file), not set by the grid',
    ]);
    expect(issuesOf(tinySweep(2, { grid: [{ path: 'master.allocationInterval', values: ['1s', 'soon'] }] }))).toEqual([
      expect.stringMatching(
        /^\$\.grid\[0\]\.values\[1\]: with master\.allocationInterval = "soon" \(variant "static"\): \$\.master\.allocationInterval: "soon" is not a duration/,
      ),
    ]);
    expect(issuesOf(tinySweep(2, { grid: [{ path: 'frameworks[5].id', values: ['x'] }] }))).toEqual([
      expect.stringMatching(
        /^\$\.grid\[0\]\.path: with frameworks\[5\]\.id = "x" \(variant "static"\): \[5\] is past the end of a list of 2 entries/,
      ),
    ]);
    expect(issuesOf(tinySweep(2, { grid: [{ path: 'master.allocationInterval', values: ['1s', '1s'] }] }))).toEqual([
      '$.grid[0].values[1]: "1s" is listed twice',
    ]);
  });
});

describe('shards', () => {
  it('split the runs by position: disjoint, together all of them', () => {
    const plan = planSweep(tinySweep(3), registry);
    const shards = [0, 1, 2].map((i) =>
      plan.runs.filter((r) => inShard(r.index, { index: i, count: 3 })).map((r) => r.index),
    );
    expect(shards[1]).toEqual([1, 4, 7, 10]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(plan.runs.map((r) => r.index));
  });

  it('parse as i/N counting from 0, and refuse anything else', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow('shard 4/4: the shard index is 0 … 3');
    expect(() => parseShard('1-4')).toThrow('write i/N with N ≥ 1 shards and 0 ≤ i < N');
    expect(() => parseShard('0/0')).toThrow('write i/N');
  });
});
