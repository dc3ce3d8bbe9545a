import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../../src/core/plugins/workload.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { alibaba2018BatchWorkload } from '../../../src/workloads/traces/alibaba2018Batch.ts';
import { readAlibaba2018BatchInstances } from '../../../src/workloads/traces/alibaba2018BatchInstances.ts';
import { parseAlibaba2018TaskName } from '../../../src/workloads/traces/alibaba2018TaskName.ts';

// Synthetic fixtures written from the documented schema (no real 2018 rows are available here).
const TASKS = 'test/fixtures/traces/alibaba-2018/batch_task.csv';
const BAD = 'test/fixtures/traces/alibaba-2018/batch_task.bad.csv';
const INSTANCES = 'test/fixtures/traces/alibaba-2018/batch_instance.csv';

function context(overrides: Partial<WorkloadContext> = {}): WorkloadContext {
  return {
    rng: createRng(1).fork('workload/w0'),
    topology: buildTopology(['r1'], []),
    horizon: Number.MAX_SAFE_INTEGER,
    frameworkId: 'batch',
    jobIdPrefix: 'w0',
    skipBadRows: false,
    ...overrides,
  };
}

function readAll(options: Record<string, unknown>, ctx: WorkloadContext = context()): { arrivals: Arrival[]; skipped: number } {
  const source = alibaba2018BatchWorkload.create(alibaba2018BatchWorkload.options.parse(options), ctx);
  const arrivals: Arrival[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) arrivals.push(a);
  return { arrivals, skipped: source.skippedRows?.() ?? -1 };
}

const rows = readFileSync(TASKS, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(','));
const taskCount = (arrivals: readonly Arrival[]): number => arrivals.reduce((n, a) => n + a.job.tasks.length, 0);

describe('alibaba-2018-batch (synthetic fixture in the documented format)', () => {
  it('makes one job per Terminated task, one task per instance, at its start time', () => {
    const terminated = rows.filter((r) => r[4] === 'Terminated');
    const { arrivals, skipped } = readAll({ file: TASKS });
    expect(skipped).toBe(0);
    expect(arrivals.map((a) => a.job.jobId)).toEqual(terminated.map((r) => `w0-${r[2]}.${r[0]}`));
    expect(arrivals.map((a) => a.time)).toEqual(terminated.map((r) => Number(r[5]) * 1e6));
    expect(taskCount(arrivals)).toBe(terminated.reduce((n, r) => n + Number(r[1]), 0));
    // Row 1 by hand: M1,3,j_1,1,Terminated,86400,86460,100,0.59 → 3 × (1 core, 0.59 × 1000 MB, 60 s).
    expect(arrivals[0]?.job).toEqual({ jobId: 'w0-j_1.M1', tasks: Array(3).fill({ resources: { cpus: 1, mem: 590 }, durationSeconds: 60 }) });
  });

  it('replays Failed and Running tasks when asked; a Waiting row with times 0 does not break the order', () => {
    const { arrivals } = readAll({ file: TASKS, statuses: ['Terminated', 'Failed', 'Running'] });
    expect(arrivals.length).toBe(rows.filter((r) => ['Terminated', 'Failed', 'Running'].includes(r[4] ?? '')).length);
    expect(arrivals.find((a) => a.job.jobId === 'w0-j_5.M1')?.job.tasks[0]).toEqual({ resources: { cpus: 0.5, mem: 200 } });
    expect(arrivals.find((a) => a.job.jobId === 'w0-j_3.M1')?.job.tasks[0]?.durationSeconds).toBe(100);
  });

  it('replays a window (day 2) from 0, scaled', () => {
    const day2 = rows.filter((r) => r[4] === 'Terminated' && Number(r[5]) >= 86_400 && Number(r[5]) < 172_800);
    const { arrivals } = readAll({ file: TASKS, timeWindow: { from: '1d', to: '2d' }, timeScale: 0.1 });
    expect(arrivals.map((a) => a.time)).toEqual(day2.map((r) => (Number(r[5]) - 86_400) * 0.1 * 1e6));
  });

  it('samples whole jobs, deterministically', () => {
    const all = readAll({ file: TASKS }).arrivals;
    const runs = [1, 1, 2, 3, 4].map((seed) => readAll({ file: TASKS, sampleFraction: 0.5 }, context({ rng: createRng(seed).fork('workload/w0') })).arrivals);
    expect(runs[1]).toEqual(runs[0]);
    const jobOf = (a: Arrival): string => a.job.jobId.split('.')[0] ?? '';
    for (const sampled of runs) {
      const kept = new Set(sampled.map(jobOf));
      expect(sampled.map((a) => a.job.jobId)).toEqual(all.filter((a) => kept.has(jobOf(a))).map((a) => a.job.jobId));
    }
    expect(new Set(runs.map((r) => r.map((a) => a.job.jobId).join())).size).toBeGreaterThan(1); // seeds differ
  });

  it('reports bad rows with file:line, or skips and counts them', () => {
    expect(() => readAll({ file: BAD })).toThrow(TraceError);
    expect(() => readAll({ file: BAD })).toThrow(/batch_task\.bad\.csv:2: instance_num \(column 2\) "two" is not a number/);
    // Bad: 2 (instances), 3 (end_time 0 < start), 4 (start 90 < 100 on line 1), 5 (empty job_name), 6 (empty plan_mem).
    const { arrivals, skipped } = readAll({ file: BAD, skipBadRows: true });
    expect(skipped).toBe(5);
    expect(arrivals.map((a) => a.job.jobId)).toEqual(['w0-j_1.M1', 'w0-j_1.M7_6']);
  });
});

describe('parseAlibaba2018TaskName', () => {
  it('decodes DAG names and leaves independent tasks out', () => {
    expect(parseAlibaba2018TaskName('M1')).toEqual({ index: 1, parents: [] });
    expect(parseAlibaba2018TaskName('R4_2')).toEqual({ index: 4, parents: [2] });
    expect(parseAlibaba2018TaskName('M5_3_4')).toEqual({ index: 5, parents: [3, 4] });
    expect(parseAlibaba2018TaskName('J12_10_11')).toEqual({ index: 12, parents: [10, 11] });
    expect(parseAlibaba2018TaskName('task_Nzg3ODAwNDgzMTAwNTc2NTQ2Mw==')).toBeUndefined();
    expect(parseAlibaba2018TaskName('MergeTask')).toBeUndefined();
  });
});

describe('readAlibaba2018BatchInstances (synthetic fixture)', () => {
  it('reads every run with typed fields; empty usage is undefined', () => {
    const runs = readAlibaba2018BatchInstances(INSTANCES);
    const all = [];
    for (let run = runs.next(); run !== undefined; run = runs.next()) all.push(run);
    expect(all.length).toBe(readFileSync(INSTANCES, 'utf8').split('\n').filter((l) => l !== '').length);
    expect(all[0]).toEqual({
      instanceName: 'ins_1', taskName: 'M1', jobName: 'j_1', taskType: '1', status: 'Terminated', startTime: 86_400, endTime: 86_455,
      machineId: 'm_1', seqNo: 1, totalSeqNo: 1, cpuAvg: 80, cpuMax: 95, memAvg: 0.4, memMax: 0.5,
    });
    expect(all[2]?.cpuAvg).toBeUndefined();
    expect(all[4]?.machineId).toBe('');
    expect(runs.skippedRows()).toBe(0);
  });
});
