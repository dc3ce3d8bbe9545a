import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import type { Arrival, WorkloadContext } from '../../../src/core/plugins/workload.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { google2011Workload, type Google2011Source } from '../../../src/workloads/traces/google2011.ts';
import { googleMachineClasses } from '../../../src/workloads/traces/google2011Machines.ts';

const DIR = 'test/fixtures/traces/google-2011';
const SMALL = `${DIR}/task_events_part-00000-of-00500.smalljobs.csv`;
const HEAD = `${DIR}/task_events_part-00000-of-00500.head2000.csv`;
const HISTOGRAM = `${DIR}/machine_capacity_histogram.derived.csv`;
const tmp = mkdtempSync(join(tmpdir(), 'google2011-'));
const START = 600e6; // trace time of the trace window's start

function context(overrides: Partial<WorkloadContext> = {}): WorkloadContext {
  return { rng: createRng(1).fork('workload/g'), topology: buildTopology(['r1'], []), horizon: 1e13, frameworkId: 'batch', jobIdPrefix: 'g', skipBadRows: false, ...overrides };
}

function open(options: Record<string, unknown>, ctx: WorkloadContext = context()): Google2011Source {
  return google2011Workload.create(google2011Workload.options.parse(options), ctx);
}

function drain(source: Google2011Source): Arrival[] {
  const out: Arrival[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) out.push(a);
  return out;
}

const taskCount = (arrivals: readonly Arrival[]): number => arrivals.reduce((n, a) => n + a.job.tasks.length, 0);
const googleJob = (a: Arrival): string => a.job.jobId.split('-')[1] as string;

/** The fixture's rows as plain columns: time, job, task, type, priority, cpu, mem. */
function rows(file: string): { time: number; job: string; task: string; type: number; priority: number; cpu: string; mem: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const c = l.split(',');
      return { time: Number(c[0]), job: c[2] as string, task: c[3] as string, type: Number(c[5]), priority: Number(c[8]), cpu: c[9] as string, mem: c[10] as string };
    });
}

/**
 * An independent, deliberately naive count of task attempts: a SUBMIT opens one, a terminal
 * event (2–6) closes it; attempts closed before they were scheduled never ran.
 */
function attempts(file: string, from = START, until = Infinity) {
  const open = new Map<string, { submit: number; scheduled: boolean }>();
  const out: { job: string; submit: number; ended: boolean; ran: boolean }[] = [];
  const byKey = new Map<string, number>();
  for (const r of rows(file)) {
    if (r.time >= until) break;
    const key = `${r.job}/${r.task}`;
    if (r.type === 0) {
      open.set(key, { submit: Math.max(r.time, from), scheduled: false });
      byKey.set(key, out.push({ job: r.job, submit: Math.max(r.time, from), ended: false, ran: true }) - 1);
    } else if (r.type === 1) (open.get(key) as { scheduled: boolean }).scheduled = true;
    else if (r.type >= 2 && r.type <= 6) {
      const attempt = out[byKey.get(key) as number] as { ended: boolean; ran: boolean };
      attempt.ended = true;
      attempt.ran = (open.get(key) as { scheduled: boolean }).scheduled && r.time >= from;
      open.delete(key);
    }
  }
  return out;
}

describe('google-2011 workload: counts against the fixtures', () => {
  it('replays every task attempt of the small-jobs excerpt once, in submission order', () => {
    const source = open({ file: SMALL });
    const arrivals = drain(source);
    const expected = attempts(SMALL);
    expect(expected.every((a) => a.ran)).toBe(true); // this excerpt has no task killed while pending
    expect(taskCount(arrivals)).toBe(expected.length);
    expect(taskCount(arrivals)).toBe(rows(SMALL).filter((r) => r.type === 0).length);
    expect(source.stats()).toMatchObject({ rows: 2014, tasks: expected.length, unfinished: expected.filter((a) => !a.ended).length, skippedRows: 0, neverRan: 0 });
    // Arrival times never decrease and start at the trace window's start.
    expect(arrivals[0]?.time).toBe(0);
    arrivals.slice(1).forEach((a, i) => expect(a.time).toBeGreaterThanOrEqual((arrivals[i] as Arrival).time));
    // Every job ID of the file appears, with as many tasks as it had attempts.
    const perJob = new Map<string, number>();
    for (const a of arrivals) perJob.set(googleJob(a), (perJob.get(googleJob(a)) ?? 0) + a.job.tasks.length);
    const expectedPerJob = new Map<string, number>();
    for (const a of expected) expectedPerJob.set(a.job, (expectedPerJob.get(a.job) ?? 0) + 1);
    expect(perJob).toEqual(expectedPerJob);
    expect(new Set(arrivals.map((a) => a.job.jobId)).size).toBe(arrivals.length);
  });

  it('groups the SUBMITs of a job within 1 s into one arrival', () => {
    const arrivals = drain(open({ file: SMALL }));
    // Independent grouping: a SUBMIT more than 1 s after its job's current group's first starts a new group.
    const first = new Map<string, number>();
    let groups = 0;
    for (const r of rows(SMALL)) {
      if (r.type !== 0) continue;
      const t = Math.max(r.time, START);
      const g = first.get(r.job);
      if (g === undefined || t - g > 1e6) {
        first.set(r.job, t);
        groups++;
      }
    }
    expect(arrivals.length).toBe(groups);
    expect(drain(open({ file: SMALL, groupWithin: 0 })).length).toBeGreaterThan(groups);
  });

  it('computes durations from SCHEDULE to the terminal event (hand-checked jobs)', () => {
    const arrivals = drain(open({ file: SMALL }));
    const of = (job: string) => arrivals.filter((a) => googleJob(a) === job);
    // Job 4297552690: one task failing and being resubmitted 11 times; the first attempt existed
    // before the trace (time 0 = at the window start) and failed at 724.958904 s.
    const retried = of('4297552690');
    expect(retried.length).toBe(12);
    expect(retried[0]).toMatchObject({ time: 0, job: { tasks: [{ resources: { cpus: 0.2, mem: 521.011 }, durationSeconds: 124.958904 }] } });
    expect(retried[1]?.time).toBe(724_958_912 - START);
    expect(retried[1]?.job.tasks[0]?.durationSeconds).toBeCloseTo(1241.194288 - 726.633145, 9);
    // Job 5495698530: task 2 evicted at 2228.709734 s; its resubmission and the first SUBMITs of
    // tasks 0 and 1 (0.97 s later) form one arrival; task 1 never ends: it runs to the file's last row.
    const evicted = of('5495698530');
    expect(evicted.map((a) => a.time)).toEqual([0, 2_228_709_741 - START]);
    expect(evicted[0]?.job.tasks[0]?.durationSeconds).toBeCloseTo(2228.709734 - 600, 9);
    const durations = evicted[1]?.job.tasks.map((t) => t.durationSeconds) ?? [];
    [3223.881185 - 2230.648341, 3215.045085 - 2231.738115, 5598.880287 - 2231.738172].forEach((d, i) => expect(durations[i]).toBeCloseTo(d, 6));
  });

  it('reads the verbatim head (all SUBMITs before the trace): tasks with requests, durations 0', () => {
    const source = open({ file: HEAD });
    const arrivals = drain(source);
    const withRequests = rows(HEAD).filter((r) => r.cpu !== '' || r.mem !== '');
    expect(taskCount(arrivals)).toBe(withRequests.length);
    expect(arrivals.length).toBe(new Set(withRequests.map((r) => r.job)).size);
    expect(source.stats()).toMatchObject({ rows: 2000, unfinished: 2000, noResources: 2000 - withRequests.length });
    expect(arrivals.every((a) => a.time === 0 && a.job.tasks.every((t) => t.durationSeconds === 0))).toBe(true);
  });

  it('handles unfinished tasks as asked: window-end, run-forever or drop', () => {
    const expected = attempts(SMALL);
    const forever = drain(open({ file: SMALL, unfinished: 'run-forever' })).flatMap((a) => a.job.tasks);
    expect(forever.filter((t) => t.durationSeconds === undefined).length).toBe(expected.filter((a) => !a.ended).length);
    expect(taskCount(drain(open({ file: SMALL, unfinished: 'drop' })))).toBe(expected.filter((a) => a.ended).length);
  });

  it('bounds the lookahead: tasks running longer than maxLookahead run with no duration', () => {
    const source = open({ file: SMALL, maxLookahead: '10m', unfinished: 'drop' });
    const tasks = drain(source).flatMap((a) => a.job.tasks);
    expect(source.stats().longRunning).toBeGreaterThan(0);
    expect(tasks.filter((t) => t.durationSeconds === undefined).length).toBe(source.stats().longRunning);
    expect(taskCount(drain(open({ file: SMALL, unfinished: 'drop' }))) + source.stats().longRunning).toBeGreaterThanOrEqual(tasks.length);
  });

  it('reads ahead only as far as the first job needs (memory follows the lookahead, not the file)', () => {
    const exact = open({ file: SMALL });
    exact.next();
    // The first job has a task that never ends: its duration is known only at the end of the file.
    expect(exact.stats().rows).toBe(2014);
    const bounded = open({ file: SMALL, maxLookahead: '10m' });
    bounded.next();
    // Forced out by the first row more than 10 min past the job's submission (the window start).
    expect(bounded.stats().rows).toBe(rows(SMALL).filter((r) => r.time <= START + 600e6).length + 1);
  });

  it('filters priorities', () => {
    const arrivals = drain(open({ file: SMALL, priority: { min: 9, max: 11 } }));
    expect(taskCount(arrivals)).toBe(rows(SMALL).filter((r) => r.type === 0 && r.priority >= 9).length);
  });

  it('scales requests by the machine size and resourceScale, and adds disk only when machineDisk is set', () => {
    const [a] = drain(open({ file: SMALL, machineCpus: 64, machineMem: 1000, machineDisk: 100_000, resourceScale: 2 }));
    // Job 3418380's task 0: the requests of its SCHEDULE row (cpu 0.125, mem 0.08826, disk
    // 0.0008135), not those of its SUBMIT row (0.1875, 0.09839, 0.0008612).
    expect(a?.job.jobId).toBe('g-3418380-0');
    expect(a?.job.tasks[0]?.resources).toEqual({ cpus: 16, mem: 176.52, disk: 162.7 });
    expect(drain(open({ file: SMALL }))[0]?.job.tasks[0]?.resources).toEqual({ cpus: 4, mem: 5784.207 });
  });
});

describe('google-2011 workload: time window, time scale, horizon', () => {
  const from = 1000e6;
  const to = 3000e6;

  it('replays [from, to): tasks live at from arrive at time 0, later ones at submit − from', () => {
    const arrivals = drain(open({ file: SMALL, timeWindow: { from: '1000s', to: '3000s' } }));
    const expected = attempts(SMALL, START + from, START + to).filter((a) => a.ran);
    expect(arrivals.every((a) => a.time >= 0 && a.time < to - from)).toBe(true);
    expect(taskCount(arrivals.filter((a) => a.time === 0))).toBe(expected.filter((a) => a.submit === START + from).length);
    expect(taskCount(arrivals.filter((a) => a.time > 0))).toBe(expected.filter((a) => a.submit > START + from).length);
    // Unfinished tasks end at the window's end.
    const longest = Math.max(...arrivals.flatMap((a) => a.job.tasks.map((t) => a.time / 1e6 + (t.durationSeconds ?? Infinity))));
    expect(longest).toBeLessThanOrEqual((to - from) / 1e6 + 1e-6);
  });

  it('divides times and durations by timeScale', () => {
    const plain = drain(open({ file: SMALL }));
    const fast = drain(open({ file: SMALL, timeScale: 24 }));
    expect(fast.length).toBe(plain.length);
    fast.forEach((a, i) => {
      const p = plain[i] as Arrival;
      expect(Math.abs(a.time - p.time / 24)).toBeLessThanOrEqual(0.5);
      a.job.tasks.forEach((t, k) => expect(t.durationSeconds).toBeCloseTo((p.job.tasks[k]?.durationSeconds ?? 0) / 24, 9));
    });
  });

  it('stops at the run horizon (in trace time × timeScale), ending unfinished tasks there', () => {
    const arrivals = drain(open({ file: SMALL, timeScale: 2 }, context({ horizon: 500e6 })));
    const expected = attempts(SMALL, START, START + 1000e6).filter((a) => a.ran);
    expect(taskCount(arrivals)).toBe(expected.length);
    const ends = arrivals.flatMap((a) => a.job.tasks.map((t) => a.time / 1e6 + (t.durationSeconds ?? 0)));
    expect(Math.max(...ends)).toBeCloseTo(500, 6);
  });
});

describe('google-2011 workload: sampling', () => {
  const jobsOf = (arrivals: readonly Arrival[]) => new Set(arrivals.map(googleJob));
  const all = jobsOf(drain(open({ file: SMALL })));

  it('is deterministic for a seed and keeps whole jobs', () => {
    const a = drain(open({ file: SMALL, sampleFraction: 0.5 }));
    expect(drain(open({ file: SMALL, sampleFraction: 0.5 }))).toEqual(a);
    expect(jobsOf(drain(open({ file: SMALL, sampleFraction: 0.5 }, context({ rng: createRng(2).fork('workload/g') }))))).not.toEqual(jobsOf(a));
    const full = drain(open({ file: SMALL }));
    const kept = jobsOf(a);
    expect(taskCount(a)).toBe(taskCount(full.filter((x) => kept.has(googleJob(x)))));
  });

  it('keeps about the fraction of jobs (within 3 binomial SDs)', () => {
    for (const seed of [1, 2, 3]) {
      const kept = jobsOf(drain(open({ file: SMALL, sampleFraction: 0.5 }, context({ rng: createRng(seed).fork('workload/g') })))).size;
      const sd = Math.sqrt(all.size * 0.25);
      expect(Math.abs(kept - all.size / 2)).toBeLessThanOrEqual(3 * sd);
    }
  });
});

describe('google-2011 workload: bad rows', () => {
  const good = [
    '0,,1,0,,0,u,0,9,0.1,0.1,0.001,0',
    '0,,1,0,7,1,u,0,9,0.1,0.1,0.001,0',
    '700000000,,1,0,7,4,u,0,9,0.1,0.1,0.001,0',
  ];
  const cases: [string, string, RegExp][] = [
    ['missing column', '800000000,,2,0,,0,u,0,9,0.1,0.1,0.001', /expected 13 columns/],
    ['non-numeric', '800000000,,2,0,,0,u,0,9,abc,0.1,0.001,0', /CPU request \(column 10\) "abc" is not a number/],
    ['negative time', '-5,,2,0,,0,u,0,9,0.1,0.1,0.001,0', /time \(column 1\) "-5" is not an integer/],
    ['negative request', '800000000,,2,0,,0,u,0,9,-0.1,0.1,0.001,0', /CPU request .* is not a number ≥ 0/],
    ['missing job ID', '800000000,,,0,,0,u,0,9,0.1,0.1,0.001,0', /job ID \(column 3\) is missing/],
    ['unknown event type', '800000000,,2,0,,9,u,0,9,0.1,0.1,0.001,0', /event type 9 is unknown/],
    ['time going back', '500000000,,2,0,,0,u,0,9,0.1,0.1,0.001,0', /time 500000000 goes back/],
  ];

  for (const [what, line, message] of cases) {
    it(`${what}: TraceError at file:line, or skipped and counted`, () => {
      const file = join(tmp, `${what.replace(/ /g, '-')}.csv`);
      writeFileSync(file, [...good, line, '900000000,,3,0,,0,u,0,9,0.1,0.1,0.001,0', '900000000,,3,0,8,1,u,0,9,0.1,0.1,0.001,0'].join('\n'));
      const failing = open({ file });
      const error = (() => {
        try {
          drain(failing);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(() => failing.next()).toThrow(error as Error); // the error sticks
      expect(error).toBeInstanceOf(TraceError);
      expect((error as Error).message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4: `));
      expect((error as Error).message).toMatch(message);
      for (const source of [open({ file, skipBadRows: true }), open({ file }, context({ skipBadRows: true }))]) {
        const arrivals = drain(source);
        expect(source.skippedRows()).toBe(1);
        expect(arrivals.map(googleJob)).toEqual(['1', '3']);
      }
    });
  }
});

describe('googleMachineClasses', () => {
  const lines = readFileSync(HISTOGRAM, 'utf8').split('\n').slice(1).filter((l) => l !== '');
  const total = lines.reduce((n, l) => n + Number(l.split(',')[3]), 0);

  it('turns the capacity histogram into machine classes with the trace counts', () => {
    const classes = googleMachineClasses(HISTOGRAM);
    expect(classes.length).toBe(lines.length);
    expect(classes.reduce((n, c) => n + c.count, 0)).toBe(total);
    expect(classes[0]).toEqual({ class: 'google-c1.0-m1.0', count: 795, resources: { cpus: 32, mem: 65_536 } });
    expect(buildTopology(['r1'], classes.slice(0, 1)).machines.length).toBe(795);
  });

  it('scales the counts to a total and the sizes to the given machine', () => {
    const classes = googleMachineClasses(HISTOGRAM, { count: 100, machineCpus: 48, machineMem: 1000 });
    expect(classes.reduce((n, c) => n + c.count, 0)).toBe(100);
    expect(classes.find((c) => c.class === 'google-c0.5-m0.4995')).toEqual({ class: 'google-c0.5-m0.4995', count: 54, resources: { cpus: 24, mem: 499.5 } });
  });

  it('reports a bad histogram at its line', () => {
    const file = join(tmp, 'histogram.csv');
    writeFileSync(file, 'cpu,memory,capacity,number_of_machines\n0.5,0.5,0.5,10\n0.5,x,0.5,3\n');
    expect(() => googleMachineClasses(file)).toThrow(/histogram\.csv:3: memory "x" is not a number/);
  });
});
