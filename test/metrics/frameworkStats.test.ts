import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { createFrameworkStatsObserver } from '../../src/metrics/frameworkStats.ts';
import { createServiceObserver } from '../../src/metrics/services.ts';
import { percentiles, summarize } from '../../src/metrics/summary.ts';
import { runSimulation } from '../../src/run.ts';

const S = 1_000_000;
const rec = (r: object): SimRecord => r as SimRecord;

describe('sample summaries', () => {
  it('p99 of 1…100 is 99.01 (type 7: 1 + 0.99 × 99)', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({
      count: 100,
      mean: 50.5,
      p50: 50.5,
      p95: 95.05,
      p99: expect.closeTo(99.01, 12),
      max: 100,
    });
    expect(summarize([]).p99).toBeNull();
  });

  it('percentiles: 101 quantiles for CDFs, [] for no sample', () => {
    const q = percentiles([10, 0]);
    expect(q).toHaveLength(101);
    expect(q[0]).toBe(0);
    expect(q[50]).toBe(5);
    expect(q[100]).toBe(10);
    expect(percentiles([])).toEqual([]);
  });
});

describe('batch figures in a run (hand-computed)', () => {
  // 2 machines × 4 cpus; jobs of 10 one-cpu tasks of 60 s at t = 0 and t = 200 s. Each runs 8
  // tasks at once, then 2: done 120 s after submission (at 120 s and 320 s).
  const twoJobs: ScenarioInput = {
    horizon: '400s',
    topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 8192 } }] },
    allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 2 } } } },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'batch',
        options: {
          arrivals: { process: 'list', at: [0, 200] },
          tasks: 10,
          resources: { cpus: 1, mem: 1024 },
          duration: '60s',
        },
      },
    ],
  };

  it('job completion, slowdown (completion ÷ longest task) and makespan', () => {
    const f = runSimulation(twoJobs, { wallClock: false }).frameworks['batch'];
    expect(f?.jobCompletionSeconds).toMatchObject({ count: 2, p50: 120, p99: 120, max: 120 });
    // 120 s ÷ 60 s for both jobs.
    expect(f?.jobSlowdown).toMatchObject({ count: 2, mean: 2, max: 2 });
    // First submission 0 s, last completion 320 s.
    expect(f?.makespanSeconds).toBe(320);
    // Waits: per job 8 × 0 s and 2 × 60 s ⇒ 16 zeros, 4 × 60 s. Type 7 at p: rank 19p between
    // sorted values: p99 → 18.81 (both 60); p78 → 14.82 (both 0); p80 → 15.2, 0.2 of the way to 60.
    expect(f?.taskWaitSeconds).toMatchObject({ count: 20, p50: 0, p99: 60, max: 60 });
    expect(f?.taskWaitQuantiles).toHaveLength(101);
    expect(f?.taskWaitQuantiles[78]).toBe(0);
    expect(f?.taskWaitQuantiles[80]).toBeCloseTo(12, 9);
    expect(f?.taskWaitQuantiles[100]).toBe(60);
    expect(f?.jobsAbandoned).toBe(0);
  });

  it('no completed job: no makespan, empty slowdown', () => {
    const f = runSimulation({ ...twoJobs, horizon: '100s' }, { wallClock: false }).frameworks['batch'];
    expect(f?.makespanSeconds).toBeNull();
    expect(f?.jobSlowdown.count).toBe(0);
  });
});

describe('starvation (hand-computed)', () => {
  it('withoutOfferSeconds: each stretch with work pending and no offer, beyond the grace', () => {
    // Pending 0–10 s and 20–25 s; offers at 3 s and 4 s; grace 1 s.
    // Stretches: 0–3, 3–4, 4–10 and 20–25 ⇒ (3−1) + 0 + (6−1) + (5−1) = 11; longest 6.
    const o = createFrameworkStatsObserver({ offerGrace: 1 * S });
    const offer = (t: number, offerId: string) =>
      rec({ t: t * S, kind: 'offer-made', offerId, frameworkId: 'f', role: '*', agentId: 'a', resources: {} });
    const pending = (t: number, tasks: number) => rec({ t: t * S, kind: 'framework-pending', frameworkId: 'f', tasks });
    const records: SimRecord[] = [
      rec({ t: 0, kind: 'framework-registered', frameworkId: 'f', roles: ['*'] }),
      pending(0, 2),
      offer(3, 'o1'),
      offer(4, 'o2'),
      pending(10, 0),
      offer(15, 'o3'),
      pending(20, 1),
      rec({ t: 25 * S, kind: 'run-ended' }),
    ];
    for (const r of records) o.observe(r);
    const f = o.report({ belowFairShareSeconds: (id) => (id === 'f' ? 7 : 0) });
    expect(f['f']?.starvation).toMatchObject({
      longestWithoutOfferSeconds: 6,
      withoutOfferSeconds: 11,
      belowFairShareSeconds: 7,
      pendingAtEnd: 1,
    });
  });

  it('counts jobs of which work was abandoned, once each', () => {
    const o = createFrameworkStatsObserver();
    for (const r of [
      rec({ t: 0, kind: 'job-submitted', frameworkId: 'f', jobId: 'j1', tasks: 3 }),
      rec({ t: 0, kind: 'job-submitted', frameworkId: 'f', jobId: 'j2', tasks: 3 }),
      rec({ t: 5 * S, kind: 'work-abandoned', frameworkId: 'f', jobId: 'j1', tasks: 1, reason: 'patience' }),
      rec({ t: 6 * S, kind: 'work-abandoned', frameworkId: 'f', jobId: 'j1', tasks: 2, reason: 'patience' }),
      rec({ t: 10 * S, kind: 'run-ended' }),
    ])
      o.observe(r);
    expect(o.report()['f']).toMatchObject({ jobsAbandoned: 1, tasksAbandoned: 3, jobsNeverStarted: 2 });
  });
});

describe('service start-up apart from availability', () => {
  it('startupSeconds: first desired instance (10 s) to all desired healthy (35 s)', () => {
    const o = createServiceObserver();
    const fact = (t: number, f: object) => rec({ t: t * S, kind: 'framework-fact', frameworkId: 'marathon', ...f });
    for (const r of [
      fact(0, { fact: 'app', appId: 'web', desired: 0, version: 'v1' }),
      fact(10, { fact: 'app', appId: 'web', desired: 2, version: 'v1' }),
      fact(20, { fact: 'instance-health', appId: 'web', taskId: 'a', healthy: true }),
      fact(35, { fact: 'instance-health', appId: 'web', taskId: 'b', healthy: true }),
      fact(0, { fact: 'app', appId: 'never', desired: 1, version: 'v1' }),
      rec({ t: 100 * S, kind: 'run-ended' }),
    ])
      o.observe(r);
    const report = o.report();
    expect(report['web']?.startupSeconds).toBe(25);
    expect(report['web']?.sinceReady.atSeconds).toBe(35);
    // Since ready: all healthy until the end ⇒ 1, whatever the start-up.
    expect(report['web']?.sinceReady.availability).toBe(1);
    expect(report['never']?.startupSeconds).toBeNull();
  });
});
