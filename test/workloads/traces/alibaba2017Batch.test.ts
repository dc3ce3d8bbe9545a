import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../../src/core/plugins/workload.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { alibaba2017BatchWorkload } from '../../../src/workloads/traces/alibaba2017Batch.ts';

const EXCERPT = 'traces/alibaba-2017-excerpt/batch_task.csv'; // first hour, sorted by create time
const HEAD = 'test/fixtures/traces/alibaba-2017/batch_task.head1500.csv'; // verbatim prefix, not sorted
const BAD = 'test/fixtures/traces/alibaba-2017/batch_task.bad.csv';

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
  const source = alibaba2017BatchWorkload.create(alibaba2017BatchWorkload.options.parse(options), ctx);
  const arrivals: Arrival[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) arrivals.push(a);
  return { arrivals, skipped: source.skippedRows?.() ?? -1 };
}

/** The file's rows as field arrays, by a plain split (independent of the reader). */
function rowsOf(file: string): string[][] {
  return readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));
}

const taskCount = (arrivals: readonly Arrival[]): number => arrivals.reduce((n, a) => n + a.job.tasks.length, 0);

describe('alibaba-2017-batch on the shipped excerpt (first hour, sorted)', () => {
  const rows = rowsOf(EXCERPT);
  const terminated = rows.filter((r) => r[5] === 'Terminated');

  it('makes one job per Terminated task and one task per instance, in time order', () => {
    const { arrivals, skipped } = readAll({ file: EXCERPT });
    expect(arrivals.length).toBe(terminated.length);
    expect(taskCount(arrivals)).toBe(terminated.reduce((n, r) => n + Number(r[4]), 0));
    expect(skipped).toBe(0);
    arrivals.forEach((a, i) => expect(a.time).toBeGreaterThanOrEqual(arrivals[i - 1]?.time ?? 0));
    expect(new Set(arrivals.map((a) => a.job.jobId)).size).toBe(arrivals.length);
  });

  it('maps the first row by hand: 5,42,7026,41417,9,Terminated,50,0.016007041', () => {
    expect(rows[0]?.join(',')).toBe('5,42,7026,41417,9,Terminated,50,0.016007041');
    const first = readAll({ file: EXCERPT }).arrivals[0];
    expect(first?.time).toBe(5_000_000); // create time 5 s
    expect(first?.frameworkId).toBe('batch');
    expect(first?.job.jobId).toBe('w0-7026.41417');
    expect(first?.job.tasks).toHaveLength(9);
    // 50 × 0.01 cores; 0.016007041 × 100,000 MB = 1600.7041 → 1600.704 (three decimals); 42 − 5 = 37 s.
    expect(first?.job.tasks[0]).toEqual({ resources: { cpus: 0.5, mem: 1600.704 }, durationSeconds: 37 });
  });

  it('replays Failed and Running tasks when asked (Running: no duration); rows without requests are bad', () => {
    const replayed = rows.filter((r) => ['Terminated', 'Failed', 'Running'].includes(r[5] ?? ''));
    const withRequests = replayed.filter((r) => r[6] !== '' && r[7] !== '');
    expect(withRequests.length).toBeLessThan(replayed.length); // some Running rows have empty requests
    const line = rows.findIndex((r) => ['Failed', 'Running'].includes(r[5] ?? '') && r[6] === '') + 1;
    expect(() => readAll({ file: EXCERPT, statuses: ['Terminated', 'Failed', 'Running'] })).toThrow(`batch_task.csv:${line}: plan cpu (column 7) is empty`);
    const { arrivals, skipped } = readAll({ file: EXCERPT, statuses: ['Terminated', 'Failed', 'Running'], skipBadRows: true });
    expect(arrivals.length).toBe(withRequests.length);
    expect(skipped).toBe(replayed.length - withRequests.length);
    const running = withRequests.filter((r) => r[5] === 'Running').map((r) => `w0-${r[2]}.${r[3]}`);
    const runningJobs = arrivals.filter((a) => running.includes(a.job.jobId));
    expect(runningJobs.length).toBe(running.length);
    expect(runningJobs.every((a) => a.job.tasks.every((t) => t.durationSeconds === undefined))).toBe(true);
  });

  it('replays a time window, shifted to 0 and scaled; durations scale separately', () => {
    const inWindow = terminated.filter((r) => Number(r[0]) >= 600 && Number(r[0]) < 1200);
    const { arrivals } = readAll({ file: EXCERPT, timeWindow: { from: 600, to: '20m' }, timeScale: 0.5, durationScale: 2 });
    expect(arrivals.length).toBe(inWindow.length);
    expect(arrivals.map((a) => a.time)).toEqual(inWindow.map((r) => ((Number(r[0]) - 600) * 0.5) * 1e6));
    expect(arrivals.map((a) => a.job.tasks[0]?.durationSeconds)).toEqual(inWindow.map((r) => (Number(r[1]) - Number(r[0])) * 2));
  });

  it('stops at the horizon', () => {
    const { arrivals } = readAll({ file: EXCERPT }, context({ horizon: 60e6 }));
    expect(arrivals.length).toBe(terminated.filter((r) => Number(r[0]) <= 60).length);
  });

  it('samples whole Alibaba jobs, the same ones for the same seed whatever the window', () => {
    const all = readAll({ file: EXCERPT }).arrivals;
    const sampled = readAll({ file: EXCERPT, sampleFraction: 0.3 }).arrivals;
    const again = readAll({ file: EXCERPT, sampleFraction: 0.3 }).arrivals;
    const otherSeed = readAll({ file: EXCERPT, sampleFraction: 0.3 }, context({ rng: createRng(2).fork('workload/w0') })).arrivals;
    expect(again).toEqual(sampled);
    expect(otherSeed.map((a) => a.job.jobId)).not.toEqual(sampled.map((a) => a.job.jobId));
    const alibabaJob = (a: Arrival): string => a.job.jobId.slice(3, a.job.jobId.indexOf('.'));
    const keptJobs = new Set(sampled.map(alibabaJob));
    // Every task of a kept job is there; none of a dropped one.
    expect(sampled.map((a) => a.job.jobId)).toEqual(all.filter((a) => keptJobs.has(alibabaJob(a))).map((a) => a.job.jobId));
    const jobs = new Set(all.map(alibabaJob));
    const share = keptJobs.size / jobs.size;
    // ~700 jobs: 0.3 ± 4.5 standard deviations (sd = sqrt(0.3 × 0.7 / 700) ≈ 0.017).
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    // A window keeps the same jobs as the whole file restricted to it.
    const windowed = readAll({ file: EXCERPT, sampleFraction: 0.3, timeWindow: { from: 1800 } }).arrivals;
    expect(windowed.map((a) => a.job.jobId)).toEqual(sampled.filter((a) => a.time >= 1800e6).map((a) => a.job.jobId));
  });
});

describe('alibaba-2017-batch on the verbatim, unsorted prefix of the published file', () => {
  const rows = rowsOf(HEAD);
  const replayable = rows.filter((r) => r[5] === 'Terminated');

  it('rejects a row whose create time goes back, naming file and line', () => {
    // Line 2 (6457) is created before line 1 (6459).
    expect(() => readAll({ file: HEAD })).toThrow(TraceError);
    expect(() => readAll({ file: HEAD })).toThrow(/batch_task\.head1500\.csv:2: create time 6457 goes back .*sort -t, -k1,1n -s/);
  });

  it('sorts it with a reorder window wide enough, and agrees with a line count', () => {
    const { arrivals, skipped } = readAll({ file: HEAD, reorderWindow: 86_400 });
    expect(skipped).toBe(0);
    expect(arrivals.length).toBe(replayable.filter((r) => Number(r[0]) >= 0).length);
    expect(taskCount(arrivals)).toBe(replayable.filter((r) => Number(r[0]) >= 0).reduce((n, r) => n + Number(r[4]), 0));
    arrivals.forEach((a, i) => expect(a.time).toBeGreaterThanOrEqual(arrivals[i - 1]?.time ?? 0));
  });

  it('with skipBadRows, skips and counts the rows that go back', () => {
    let latest = Number.NEGATIVE_INFINITY;
    let back = 0;
    let kept = 0;
    for (const r of replayable) {
      const t = Number(r[0]);
      if (t < latest) back++;
      else {
        latest = t;
        if (t >= 0) kept++;
      }
    }
    const { arrivals, skipped } = readAll({ file: HEAD, skipBadRows: true });
    expect(skipped).toBe(back);
    expect(arrivals.length).toBe(kept);
  });
});

describe('alibaba-2017-batch on malformed rows', () => {
  it('fails at the first bad row with file:line and what is wrong', () => {
    expect(() => readAll({ file: BAD })).toThrow(/batch_task\.bad\.csv:4: plan cpu \(column 7\) is empty/);
  });

  it('skips and counts bad rows (option or run setting), never turning them into jobs', () => {
    // Bad: 4 (empty cpu), 5 (instances "x"), 6 (modify 5 < create 9), 7 (status "Done"), 8 (7 columns),
    // 9 (create 4 after 5 on line 2; bad rows do not move the order check), 11 (0 instances).
    // Good: 1 (1 task), 2 (2 tasks), 10 (3 tasks); 3 Waiting, 12 Failed, 13 Running are left out.
    for (const result of [readAll({ file: BAD, skipBadRows: true }), readAll({ file: BAD }, context({ skipBadRows: true }))]) {
      expect(result.skipped).toBe(7);
      expect(result.arrivals.map((a) => a.job.jobId)).toEqual(['w0-1.1', 'w0-1.2', 'w0-4.10']);
      expect(taskCount(result.arrivals)).toBe(6);
    }
    // Replaying Failed and Running too: line 12 becomes a job; line 13 (Running, modify empty) is bad.
    const all = readAll({ file: BAD, skipBadRows: true, statuses: ['Terminated', 'Failed', 'Running'] });
    expect(all.skipped).toBe(8);
    expect(all.arrivals.at(-1)?.job).toEqual({ jobId: 'w0-5.12', tasks: [{ resources: { cpus: 0.5, mem: 1000 }, durationSeconds: 6 }, { resources: { cpus: 0.5, mem: 1000 }, durationSeconds: 6 }] });
  });
});

describe('alibaba-2017-batch options', () => {
  it('rejects bad options with readable messages', () => {
    const parse = (o: Record<string, unknown>) => alibaba2017BatchWorkload.options.safeParse({ file: EXCERPT, ...o });
    expect(parse({ sampleFraction: 0 }).success).toBe(false);
    expect(parse({ timeWindow: { from: 100, to: 50 } }).error?.issues[0]?.message).toMatch(/from must be before/);
    expect(parse({ timeWindow: { to: 'soon' } }).error?.issues[0]?.message).toMatch(/not a trace time/);
    expect(parse({ statuses: ['Waiting'] }).success).toBe(false);
    expect(parse({ color: 'red' }).error?.issues[0]?.message).toMatch(/unknown field "color"/);
    expect(parse({ timeWindow: { from: -1078 } }).data?.timeWindow).toEqual({ from: -1078, to: Number.POSITIVE_INFINITY });
  });

  it('checks that the file exists', () => {
    const view = { topology: buildTopology(['r1'], []), frameworkIds: ['batch'] };
    expect(alibaba2017BatchWorkload.check?.(alibaba2017BatchWorkload.options.parse({ file: EXCERPT }), view)).toEqual([]);
    expect(alibaba2017BatchWorkload.check?.(alibaba2017BatchWorkload.options.parse({ file: 'nope.csv' }), view)?.[0]?.path).toEqual(['file']);
  });
});
