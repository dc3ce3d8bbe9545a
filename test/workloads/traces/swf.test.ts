import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../../src/core/plugins/workload.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { swfWorkload, type SwfSource } from '../../../src/workloads/traces/swf.ts';

const DIR = 'test/fixtures/traces/swf';
const LOGS = ['KTH-SP2-1996-2.1-cln', 'LLNL-Atlas-2006-2.1-cln', 'NASA-iPSC-1993-3.1-cln'].map((name) => `${DIR}/${name}.head300.swf`);
const KTH = LOGS[0] as string;
const EXCERPT = 'traces/swf-excerpt/KTH-SP2-1996-2.1-cln.first14days.swf';
const tmp = mkdtempSync(join(tmpdir(), 'swf-'));

function context(overrides: Partial<WorkloadContext> = {}): WorkloadContext {
  return { rng: createRng(1).fork('workload/s'), topology: buildTopology(['r1'], []), horizon: 1e15, frameworkId: 'mpi', jobIdPrefix: 's', skipBadRows: false, ...overrides };
}

function open(options: Record<string, unknown>, ctx: WorkloadContext = context()): SwfSource {
  return swfWorkload.create(swfWorkload.options.parse(options), ctx);
}

function drain(source: SwfSource): Arrival[] {
  const out: Arrival[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) out.push(a);
  return out;
}

/** Job lines split into numbers: a plain filter over the file, independent of the reader. */
function jobLines(file: string): number[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith(';'))
    .map((l) => l.trim().split(/\s+/).map(Number));
}
const processors = (f: number[]): number => ((f[4] as number) > 0 ? (f[4] as number) : (f[7] as number));
const ran = (f: number[]): boolean => processors(f) > 0;

describe('swf workload: counts against the fixtures', () => {
  for (const file of LOGS) {
    it(`${file}: one arrival per job that ran, N one-cpu tasks, run-time durations`, () => {
      const source = open({ file });
      const arrivals = drain(source);
      const lines = jobLines(file);
      const replayed = lines.filter(ran);
      expect(lines.length).toBe(300);
      expect(arrivals.length).toBe(replayed.length);
      expect(arrivals.map((a) => a.job.jobId)).toEqual(replayed.map((f) => `s-${f[0]}`));
      expect(arrivals.map((a) => a.time)).toEqual(replayed.map((f) => (f[1] as number) * 1e6));
      expect(arrivals.map((a) => a.job.tasks.length)).toEqual(replayed.map(processors));
      expect(arrivals.map((a) => a.job.tasks[0]?.durationSeconds)).toEqual(replayed.map((f) => f[3]));
      expect(arrivals.every((a) => a.job.tasks.every((t) => t.resources['cpus'] === 1 && t.resources['mem'] === undefined))).toBe(true);
      expect(source.stats()).toEqual({ rows: 300, skippedRows: 0, arrivals: replayed.length, tasks: replayed.reduce((n, f) => n + processors(f), 0), notRun: 300 - replayed.length });
    });
  }

  it('LLNL: leaves out the jobs cancelled before they ran (no processors, run time 0)', () => {
    const lines = jobLines(LOGS[1] as string);
    const notRun = lines.filter((f) => f[4] === -1 && f[7] === -1);
    expect(notRun.length).toBe(17);
    expect(notRun.every((f) => f[3] === 0)).toBe(true);
    const source = open({ file: LOGS[1] });
    expect(source.stats().rows).toBe(0); // lazy: nothing read before the first next()
    source.next();
    expect(source.stats()).toMatchObject({ rows: 1 + lines.findIndex(ran), notRun: lines.findIndex(ran) });
  });

  it('scales cpus per processor, takes memory from the log or memPerProcessor, and uses requested times on request', () => {
    const [first] = drain(open({ file: KTH, cpusPerProcessor: 2, memPerProcessor: 512, useRequestedTime: true }));
    expect(first?.job.tasks[0]).toEqual({ resources: { cpus: 2, mem: 512 }, durationSeconds: 210_000 });
    const file = join(tmp, 'memory.swf');
    writeFileSync(file, '1 0 0 10 2 -1 -1 2 20 2048 1 1 1 -1 -1 -1 -1 -1\n');
    expect(drain(open({ file, memPerProcessor: 512 }))[0]?.job.tasks).toEqual([
      { resources: { cpus: 1, mem: 2 }, durationSeconds: 10 },
      { resources: { cpus: 1, mem: 2 }, durationSeconds: 10 },
    ]);
    expect(() => drain(open({ file: LOGS[2], useRequestedTime: true }))).toThrow(/requested time \(field 9\) is unknown/);
  });
});

describe('swf workload: time window, time scale, sampling', () => {
  const lines = jobLines(KTH);

  it('replays jobs submitted in [from, to), times relative to from', () => {
    const from = 200_000;
    const to = 600_000;
    const arrivals = drain(open({ file: KTH, timeWindow: { from: `${from}s`, to: `${to}s` } }));
    const inside = lines.filter((f) => (f[1] as number) >= from && (f[1] as number) < to);
    expect(inside.length).toBeGreaterThan(10);
    expect(arrivals.map((a) => a.time)).toEqual(inside.map((f) => ((f[1] as number) - from) * 1e6));
  });

  it('divides times and durations by timeScale', () => {
    const arrivals = drain(open({ file: KTH, timeScale: 24 }));
    expect(arrivals.map((a) => a.time)).toEqual(lines.map((f) => Math.round(((f[1] as number) * 1e6) / 24)));
    expect(arrivals.map((a) => a.job.tasks[0]?.durationSeconds)).toEqual(lines.map((f) => (f[3] as number) / 24));
  });

  it('samples jobs deterministically, about the fraction asked for', () => {
    const a = drain(open({ file: KTH, sampleFraction: 0.5 }));
    expect(drain(open({ file: KTH, sampleFraction: 0.5 }))).toEqual(a);
    const sd = Math.sqrt(300 * 0.25);
    for (const seed of [1, 2, 3, 4]) {
      const kept = drain(open({ file: KTH, sampleFraction: 0.5 }, context({ rng: createRng(seed).fork('workload/s') })));
      expect(Math.abs(kept.length - 150)).toBeLessThanOrEqual(3 * sd);
      if (seed !== 1) expect(kept.map((x) => x.job.jobId)).not.toEqual(a.map((x) => x.job.jobId));
    }
    // A job is in or out whatever the window: sampling depends on the job, not on what was read before.
    const windowed = drain(open({ file: KTH, sampleFraction: 0.5, timeWindow: { from: '300000s' } })).map((x) => x.job.jobId);
    expect(windowed).toEqual(a.filter((x) => x.time >= 300_000e6).map((x) => x.job.jobId));
  });
});

describe('swf workload: bad rows', () => {
  const good = ['; Version: 2.2', '1 0 5 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 -1 -1 -1', '2 10 5 50 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1'];
  const cases: [string, string, RegExp][] = [
    ['missing field', '3 20 5 50 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1', /expected 18 fields/],
    ['non-numeric', '3 20 5 abc 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1', /run time \(field 4\) "abc" is not a number/],
    ['negative duration', '3 20 5 -50 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1', /run time \(field 4\) is -50/],
    ['unknown run time', '3 20 5 -1 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1', /run time \(field 4\) is unknown/],
    ['unknown processors', '3 20 5 50 -1 -1 -1 -1 200 -1 1 1 1 -1 -1 -1 -1 -1', /number of processors is unknown/],
    ['fractional processors', '3 20 5 50 2.5 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1', /allocated processors \(field 5\) "2.5" is not a whole number/],
    ['time going back', '3 5 5 50 2 -1 -1 2 200 -1 1 1 1 -1 -1 -1 -1 -1', /submit time 5 goes back/],
  ];

  for (const [what, line, message] of cases) {
    it(`${what}: TraceError at file:line, or skipped and counted`, () => {
      const file = join(tmp, `${what.replace(/ /g, '-')}.swf`);
      writeFileSync(file, [...good, line, '4 30 5 50 1 -1 -1 1 200 -1 1 1 1 -1 -1 -1 -1 -1', ''].join('\n'));
      let error: unknown;
      const failing = open({ file });
      try {
        drain(failing);
      } catch (e) {
        error = e;
      }
      expect(() => failing.next()).toThrow(error as Error); // the error sticks
      expect(error).toBeInstanceOf(TraceError);
      expect((error as Error).message.startsWith(`${file}:4: `)).toBe(true);
      expect((error as Error).message).toMatch(message);
      for (const source of [open({ file, skipBadRows: true }), open({ file }, context({ skipBadRows: true }))]) {
        expect(drain(source).map((a) => a.job.jobId)).toEqual(['s-1', 's-2', 's-4']);
        expect(source.skippedRows()).toBe(1);
      }
    });
  }
});

describe('swf workload: end to end', () => {
  it('replays two days of the KTH excerpt into a rigid-batch framework on 100 one-cpu slots', () => {
    const registry = createDefaultRegistry();
    if (!registry.names('workload').includes('swf')) registry.registerWorkload(swfWorkload);
    const days = 2;
    const submitted = jobLines(EXCERPT).filter((f) => (f[1] as number) < days * 86_400);
    const report = runSimulation(
      {
        horizon: `${days}d`,
        topology: { machines: [{ class: 'sp2', count: 25, resources: { cpus: 4, mem: 4096 } }] },
        allocator: { policy: 'static-partition', options: { partitions: { mpi: { count: 25 } } } },
        frameworks: [{ id: 'mpi', scheduler: 'rigid-batch' }],
        workloads: [{ name: 'kth', generator: 'swf', framework: 'mpi', options: { file: EXCERPT, timeWindow: { to: `${days}d` } } }],
      },
      { registry, wallClock: false },
    );
    const mpi = report.frameworks['mpi'];
    expect(mpi?.jobsSubmitted).toBe(submitted.length);
    expect(mpi?.jobsCompleted).toBeGreaterThan(0);
    expect(mpi?.jobsCompleted).toBeLessThanOrEqual(submitted.length);
    expect(mpi?.tasksLaunched).toBeLessThanOrEqual(submitted.reduce((n, f) => n + processors(f), 0));
    expect(report.workloads['kth']).toEqual({ skippedRows: 0 });
    expect(report.utilization.allocated['cpus']).toBeGreaterThan(0);
  });
});
