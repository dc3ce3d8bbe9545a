import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../src/core/cluster/topology.ts';
import { createRng } from '../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../src/core/plugins/workload.ts';
import { ScenarioError } from '../../src/core/scenario/issues.ts';
import { resolveScenario } from '../../src/core/scenario/resolve.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';
import { arrivalProcess } from '../../src/workloads/arrivals.ts';
import { batchJobsWorkload } from '../../src/workloads/batchJobs.ts';
import { resourceShapes } from '../../src/workloads/resourceShapes.ts';
import { createRecorder } from '../fixtures/recorder.ts';
import { smallScenario } from '../fixtures/scenarios.ts';

const HOUR = 3_600e6;

function take(spec: unknown, n: number, seed = 1): number[] {
  const it = arrivalProcess.parse(spec)(createRng(seed));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const next = it.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
}

function problems(change: (s: Record<string, any>) => void): string[] {
  const s = smallScenario() as Record<string, any>;
  change(s);
  try {
    resolveScenario(s, createDefaultRegistry());
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('the renewal arrival process', () => {
  it('adds fixed intervals after the start', () => {
    expect(take({ process: 'renewal', interval: '10m', start: '1h' }, 3)).toEqual([
      HOUR + 600e6,
      HOUR + 1200e6,
      HOUR + 1800e6,
    ]);
  });

  it('draws empirical intervals: only the given values, at their weights, times never decreasing', () => {
    const times = take(
      { process: 'renewal', interval: { dist: 'empirical', values: ['10s', '2m'], weights: [3, 1] } },
      20_000,
    );
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : (times[i - 1] as number)));
    expect(new Set(gaps)).toEqual(new Set([10e6, 120e6]));
    const short = gaps.filter((g) => g === 10e6).length / gaps.length;
    expect(short).toBeGreaterThan(0.74);
    expect(short).toBeLessThan(0.76);
  });

  it('is the same sequence for the same seed and a different one for another', () => {
    const spec = { process: 'renewal', interval: { dist: 'lognormal', median: '30s', sigma: 1 } };
    expect(take(spec, 50, 7)).toEqual(take(spec, 50, 7));
    expect(take(spec, 50, 8)).not.toEqual(take(spec, 50, 7));
  });

  it('with exponential intervals, is the Poisson process (the same draws, with or without a profile)', () => {
    const profile = { shape: 'sinusoid', peak: '14h', min: 0.1, max: 2 };
    const poisson = { process: 'poisson', meanInterval: '45s' };
    const renewal = { process: 'renewal', interval: { dist: 'exponential', mean: '45s' } };
    expect(take(renewal, 2000, 5)).toEqual(take(poisson, 2000, 5));
    expect(take({ ...renewal, profile }, 2000, 5)).toEqual(take({ ...poisson, profile }, 2000, 5));
  });

  it('with a profile, is thinned: no arrivals where the profile is 0, the mean rate where it is 1', () => {
    const values = Array.from({ length: 24 }, (_, h) => (h < 12 ? 0 : 1));
    const times = take(
      { process: 'renewal', interval: { dist: 'uniform', min: '0s', max: '2m' }, profile: { shape: 'hourly', values } },
      100_000,
    );
    const days = Math.floor((times.at(-1) as number) / (24 * HOUR));
    const inDays = times.filter((t) => t < days * 24 * HOUR);
    expect(inDays.every((t) => Math.floor((t % (24 * HOUR)) / HOUR) >= 12)).toBe(true);
    // Mean interval 60 s where the profile is 1: 720 arrivals per 12-hour afternoon.
    expect(inDays.length / days).toBeGreaterThan(700);
    expect(inDays.length / days).toBeLessThan(740);
  });

  it('with a profile that is 0 everywhere (an all-zero trace), has no arrivals', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'renewal-')), 'zero.csv');
    writeFileSync(file, 'time,rps\n0,0\n3600,0\n');
    expect(take({ process: 'renewal', interval: '1m', profile: { shape: 'trace', file } }, 3)).toEqual([]);
  });

  it.each([
    [0],
    ['0s'],
    [{ dist: 'fixed', value: 0 }],
    [{ dist: 'uniform', min: 0, max: '0s' }],
    [{ dist: 'empirical', values: [0, '1m'], weights: [1, 0] }],
  ])('rejects an interval distribution that can only draw 0 (%j)', (interval) => {
    expect(problems((s) => (s['workloads'][0].options.arrivals = { process: 'renewal', interval }))).toEqual([
      '$.workloads[0].options.arrivals.interval: the interval distribution can only draw 0; arrivals need time between them',
    ]);
  });

  it('reports a bad distribution at its own path', () => {
    expect(
      problems(
        (s) =>
          (s['workloads'][0].options.arrivals = {
            process: 'renewal',
            interval: { dist: 'uniform', min: '2m', max: '1m' },
          }),
      ),
    ).toEqual(['$.workloads[0].options.arrivals.interval.max: max must be ≥ min']);
  });
});

function context(seed = 1): WorkloadContext {
  return {
    rng: createRng(seed).fork('workload/w0'),
    topology: buildTopology(['r1'], [{ class: 'std', count: 2, resources: { cpus: 16, mem: 65536 } }]),
    horizon: 24 * HOUR,
    frameworkId: 'batch',
    jobIdPrefix: 'w0',
    skipBadRows: false,
  };
}

function arrivals(options: unknown, n: number, seed = 1): Arrival[] {
  const source = batchJobsWorkload.create(batchJobsWorkload.options.parse(options), context(seed));
  return Array.from({ length: n }, () => source.next()).filter((a): a is Arrival => a !== undefined);
}

const SMALL = { resources: { cpus: 1, mem: 2048 }, weight: 3 };
const LARGE = { resources: { cpus: 4, mem: 16384 }, weight: 1 };
const base = {
  arrivals: { process: 'poisson', meanInterval: '1m' },
  tasks: { dist: 'uniform', min: 1, max: 20 },
  duration: { dist: 'exponential', mean: '5m' },
};

describe('resource shapes in batch-jobs', () => {
  it('keeps a fixed vector for every task', () => {
    const jobs = arrivals({ ...base, resources: { cpus: 2, mem: 4096 } }, 50);
    expect(
      jobs.flatMap((a) => a.job.tasks).every((t) => t.resources['cpus'] === 2 && t.resources['mem'] === 4096),
    ).toBe(true);
  });

  it('draws one shape per job by default: a job’s tasks are identical, jobs differ, at about the weights', () => {
    const jobs = arrivals({ ...base, resources: { shapes: [SMALL, LARGE] } }, 4000);
    for (const a of jobs) expect(new Set(a.job.tasks.map((t) => t.resources['cpus'])).size).toBe(1);
    const large = jobs.filter((a) => a.job.tasks[0]?.resources['cpus'] === 4).length / jobs.length;
    expect(large).toBeGreaterThan(0.23);
    expect(large).toBeLessThan(0.27);
  });

  it('draws one shape per task with "per": "task"', () => {
    const tasks = arrivals({ ...base, resources: { shapes: [SMALL, LARGE], per: 'task' } }, 1000).flatMap(
      (a) => a.job.tasks,
    );
    const large = tasks.filter((t) => t.resources['cpus'] === 4).length / tasks.length;
    expect(large).toBeGreaterThan(0.23);
    expect(large).toBeLessThan(0.27);
    expect(tasks.every((t) => [1, 4].includes(t.resources['cpus'] ?? 0))).toBe(true);
  });

  it('never draws a shape of weight 0', () => {
    const tasks = arrivals(
      { ...base, resources: { shapes: [SMALL, { ...LARGE, weight: 0 }], per: 'task' } },
      300,
    ).flatMap((a) => a.job.tasks);
    expect(tasks.every((t) => t.resources['cpus'] === 1)).toBe(true);
  });

  it('draws shapes from their own stream: arrival times, task counts and durations are those of the fixed workload', () => {
    const strip = (list: Arrival[]) =>
      list.map((a) => [a.time, a.job.jobId, a.job.tasks.map((t) => t.durationSeconds)]);
    const fixed = arrivals({ ...base, resources: { cpus: 1, mem: 2048 } }, 200);
    expect(strip(arrivals({ ...base, resources: { shapes: [SMALL, LARGE], per: 'task' } }, 200))).toEqual(strip(fixed));
  });

  it('checks every shape against the machines, at the shape’s path', () => {
    const options = (resources: unknown) => (s: Record<string, any>) =>
      (s['workloads'][0].options.resources = resources);
    expect(problems(options({ shapes: [SMALL, LARGE] }))).toEqual([
      '$.workloads[0].options.resources.shapes[1].resources: a task of cpus:4; mem:16384 is larger than any machine',
    ]);
    expect(problems(options({ shapes: [{ resources: {} }] }))).toEqual([
      '$.workloads[0].options.resources.shapes[0].resources: a task needs some resources, e.g. { "cpus": 1 }',
    ]);
    expect(problems(options({ cpus: 64 }))).toEqual([
      '$.workloads[0].options.resources: a task of cpus:64 is larger than any machine',
    ]);
  });

  it.each([
    [{ shapes: [] }, '$.workloads[0].options.resources.shapes: give at least one shape'],
    [
      { shapes: [{ ...SMALL, weight: 0 }] },
      '$.workloads[0].options.resources.shapes: at least one shape needs a weight > 0',
    ],
    [{ shapes: [{ ...SMALL, weight: -1 }] }, '$.workloads[0].options.resources.shapes[0].weight: weight must be ≥ 0'],
    [{ shapes: [SMALL], per: 'wave' }, '$.workloads[0].options.resources.per: per is "job" or "task"'],
    [
      { shapes: [{ resources: { cpus: 1 }, size: 2 }] },
      '$.workloads[0].options.resources.shapes[0]: unknown field "size"; accepted fields: resources, weight',
    ],
  ])('rejects malformed shapes %j', (resources, message) => {
    expect(problems((s) => (s['workloads'][0].options.resources = resources))).toEqual([message]);
  });

  it('parses a fixed vector without drawing from the stream', () => {
    const rng = createRng(3);
    const before = createRng(3).next();
    expect(resourceShapes.parse({ cpus: 1 }).draw(rng)).toEqual({ cpus: 1 });
    expect(rng.next()).toBe(before);
  });

  it('runs in a scenario: the tasks launched have the shapes drawn', () => {
    const scenario = smallScenario() as Record<string, any>;
    scenario['workloads'][0].options.resources = {
      shapes: [{ resources: { cpus: 1, mem: 1024 } }, { resources: { cpus: 2, mem: 2048 } }],
      per: 'task',
    };
    const recorder = createRecorder();
    const report = runSimulation(scenario as ScenarioInput, { wallClock: false, observers: [recorder] });
    const launched = recorder.of('task-launched');
    expect(launched.length).toBe(report.frameworks['batch']?.tasksLaunched);
    expect(new Set(launched.map((r) => `${r.resources['cpus']}/${r.resources['mem']}`))).toEqual(
      new Set(['1/1024', '2/2048']),
    );
  });
});
