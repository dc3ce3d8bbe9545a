import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../../src/core/plugins/workload.ts';
import { marathonOptions } from '../../../src/policies/frameworks/marathon/appSpec.ts';
import { alibaba2018Apps } from '../../../src/workloads/traces/alibaba2018Apps.ts';
import { alibaba2018ContainersWorkload } from '../../../src/workloads/traces/alibaba2018Containers.ts';
import { alibaba2018Machines } from '../../../src/workloads/traces/alibaba2018Machines.ts';

// Synthetic fixtures written from the documented schema (no real 2018 rows are available here).
const CONTAINERS = 'test/fixtures/traces/alibaba-2018/container_meta.csv';
const CONTAINERS_BAD = 'test/fixtures/traces/alibaba-2018/container_meta.bad.csv';
const MACHINES = 'test/fixtures/traces/alibaba-2018/machine_meta.csv';
const MACHINES_BAD = 'test/fixtures/traces/alibaba-2018/machine_meta.bad.csv';

const lines = (file: string): string[][] => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(','));

function context(overrides: Partial<WorkloadContext> = {}): WorkloadContext {
  return { rng: createRng(1).fork('workload/w0'), topology: buildTopology(['r1'], []), horizon: Number.MAX_SAFE_INTEGER, frameworkId: 'web', jobIdPrefix: 'w0', skipBadRows: false, ...overrides };
}

function readAll(options: Record<string, unknown>, ctx: WorkloadContext = context()): { arrivals: Arrival[]; skipped: number } {
  const source = alibaba2018ContainersWorkload.create(alibaba2018ContainersWorkload.options.parse(options), ctx);
  const arrivals: Arrival[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) arrivals.push(a);
  return { arrivals, skipped: source.skippedRows?.() ?? -1 };
}

describe('alibaba-2018-containers (synthetic fixture in the documented format)', () => {
  const rows = lines(CONTAINERS);

  it('makes one never-ending job per deploy unit, one task per distinct container, when the app first appears', () => {
    const { arrivals, skipped } = readAll({ file: CONTAINERS });
    expect(skipped).toBe(0);
    expect(arrivals.length).toBe(new Set(rows.map((r) => r[3])).size);
    expect(arrivals.reduce((n, a) => n + a.job.tasks.length, 0)).toBe(new Set(rows.map((r) => r[0])).size);
    expect(arrivals.every((a) => a.job.tasks.every((t) => t.durationSeconds === undefined))).toBe(true);
    // By hand: app_1 {c_1,c_2,c_3} and app_2 {c_4,c_5} at 0 (file order), app_3 at 3600, app_4 at 7200, app_5 at 200000.
    expect(arrivals.map((a) => [a.job.jobId, a.time / 1e6, a.job.tasks.length])).toEqual([
      ['w0-app_1', 0, 3], ['w0-app_2', 0, 2], ['w0-app_3', 3600, 3], ['w0-app_4', 7200, 1], ['w0-app_5', 200_000, 1],
    ]);
    // app_3: two containers of 800 (8 cores, 3.13 × 1000 MB) and one of 600: the common shape wins.
    expect(arrivals[2]?.job.tasks[0]).toEqual({ resources: { cpus: 8, mem: 3130 } });
  });

  it('takes cpus from cpu_limit when asked, and windows and scales first appearances', () => {
    const limit = readAll({ file: CONTAINERS, cpu: 'limit' }).arrivals;
    expect(limit[1]?.job.tasks[0]?.resources).toEqual({ cpus: 2, mem: 390 });
    const windowed = readAll({ file: CONTAINERS, timeWindow: { from: 3600, to: 7200 }, timeScale: 2 }).arrivals;
    // Containers first seen at/after 7200 are out; apps already there at 3600 start at 0.
    expect(windowed.map((a) => [a.job.jobId, a.time])).toEqual([['w0-app_1', 0], ['w0-app_2', 0], ['w0-app_3', 0]]);
  });

  it('counts only rows of the given statuses', () => {
    const stopped = readAll({ file: CONTAINERS, statuses: ['stopped'] }).arrivals;
    expect(stopped.map((a) => [a.job.jobId, a.time / 1e6, a.job.tasks.length])).toEqual([['w0-app_1', 90_000, 1]]);
  });

  it('samples whole apps, deterministically', () => {
    const a = readAll({ file: CONTAINERS, sampleFraction: 0.5 }).arrivals;
    expect(readAll({ file: CONTAINERS, sampleFraction: 0.5 }).arrivals).toEqual(a);
    expect(a.length).toBeLessThan(5);
  });

  it('reports bad rows with file:line, or skips and counts them', () => {
    expect(() => readAll({ file: CONTAINERS_BAD })).toThrow(/container_meta\.bad\.csv:2: time_stamp \(column 3\) "soon" is not a number/);
    // Bad: 2 (time), 3 (empty cpu_request), 4 (7 columns); kept: c_1 (app_1), c_5 (app_2).
    const { arrivals, skipped } = readAll({ file: CONTAINERS_BAD, skipBadRows: true });
    expect(skipped).toBe(3);
    expect(arrivals.map((x) => [x.job.jobId, x.job.tasks.length])).toEqual([['w0-app_1', 1], ['w0-app_2', 1]]);
  });
});

describe('alibaba2018Apps', () => {
  it('gives Marathon app entries the marathon framework accepts', () => {
    const { apps, skippedRows } = alibaba2018Apps(CONTAINERS);
    expect(skippedRows).toBe(0);
    expect(apps).toEqual([
      { id: 'app_1', instances: 3, resources: { cpus: 4, mem: 1560 } },
      { id: 'app_2', instances: 2, resources: { cpus: 1, mem: 390 } },
      { id: 'app_3', instances: 3, resources: { cpus: 8, mem: 3130 } },
      { id: 'app_4', instances: 1, resources: { cpus: 2, mem: 780 } },
      { id: 'app_5', instances: 1, resources: { cpus: 12, mem: 6250 } },
    ]);
    expect(marathonOptions.safeParse({ apps }).success).toBe(true);
  });

  it('with scale-up, apps appearing later start at 0 instances and scale up then', () => {
    const { apps } = alibaba2018Apps(CONTAINERS, { arrivals: 'scale-up', idPrefix: 'ali-', timeWindow: { from: 3600 } });
    expect(apps.map((a) => [a.id, a.instances, a.events ?? []])).toEqual([
      ['ali-app_1', 3, []], ['ali-app_2', 2, []], ['ali-app_3', 3, []],
      ['ali-app_4', 0, [{ at: 3600, scale: 1 }]], ['ali-app_5', 0, [{ at: 196_400, scale: 1 }]],
    ]);
    expect(marathonOptions.safeParse({ apps }).success).toBe(true);
  });
});

describe('alibaba2018Machines (synthetic fixture in the documented format)', () => {
  const rows = lines(MACHINES);

  it('takes each machine once, from its first row, grouped by capacity', () => {
    const pool = alibaba2018Machines(MACHINES);
    expect(pool.machines).toBe(new Set(rows.map((r) => r[0])).size);
    expect(pool.repeatedRows).toBe(rows.length - pool.machines);
    // 96 cores / mem 100 → 100,000 MB: m_1, m_2, m_3, m_5, m_7; 64 / 50: m_4, m_6.
    expect(pool.classes).toEqual([
      { class: 'alibaba-0', count: 5, resources: { cpus: 96, mem: 100_000 } },
      { class: 'alibaba-1', count: 2, resources: { cpus: 64, mem: 50_000 } },
    ]);
    expect(['m_1', 'm_5', 'm_6'].map((m) => pool.machineIdOf(m))).toEqual(['alibaba-0-0', 'alibaba-0-3', 'alibaba-1-1']);
  });

  it('with at and statuses, takes each machine as it was then', () => {
    // At 150000: m_1 is IDLE (left out), m_3 has become 64/50, m_7 is not there yet.
    const pool = alibaba2018Machines(MACHINES, { at: 150_000, statuses: ['USING'] });
    expect(pool.classes.map((c) => [c.resources['cpus'], c.count])).toEqual([[96, 2], [64, 3]]);
    expect(['m_1', 'm_2', 'm_3', 'm_7'].map((m) => pool.machineIdOf(m))).toEqual([undefined, 'alibaba-0-0', 'alibaba-1-0', undefined]);
  });

  it('takes racks from a failure domain, and the topology puts each machine in its rack', () => {
    const pool = alibaba2018Machines(MACHINES, { racks: 'failure_domain_1' });
    expect(pool.racks).toEqual(['fd1-1', 'fd1-2', 'fd1-3', 'fd1-4']);
    const topology = buildTopology(pool.racks, pool.classes);
    for (const r of rows) expect(topology.rackOf(pool.machineIdOf(r[0] ?? '') ?? '')?.id).toBe(`fd1-${r[2]}`);
  });

  it('reports bad rows with file:line, or skips and counts them', () => {
    expect(() => alibaba2018Machines(MACHINES_BAD)).toThrow(/machine_meta\.bad\.csv:2: a machine needs cpu_num > 0/);
    // Bad: 2 (0 cpus), 3 (mem "lots"), 5 (6 columns); with racks from failure_domain_2 also 4 ("B/x").
    expect(alibaba2018Machines(MACHINES_BAD, { skipBadRows: true }).skippedRows).toBe(3);
    const racked = alibaba2018Machines(MACHINES_BAD, { skipBadRows: true, racks: 'failure_domain_2' });
    expect(racked.skippedRows).toBe(4);
    expect(racked.machines).toBe(2);
  });
});
