import { describe, expect, it } from 'vitest';
import { cronScenario, runCron } from './cronScenario.ts';

const small = { resources: { cpus: 1, mem: 1024 } };
const range = (n: number, first: number, step: number): number[] =>
  Array.from({ length: n }, (_, k) => first + k * step);

describe('chronos: scheduled runs', () => {
  it('runs an hourly job starting at 00:30 24 times in 24 h, each 10 min long', () => {
    const { times, facts } = runCron(
      cronScenario({ jobs: [{ name: 'hourly', schedule: 'R/2026-01-01T00:30:00Z/PT1H', duration: '10m', ...small }] }),
    );
    // Due at 00:30 + k h = 1800 + 3600k s for k = 0..23 (24:30 is past the 24 h horizon); the
    // machine is idle, so each launches when due and ends 600 s later.
    expect(times('hourly', 'started')).toEqual(range(24, 1800, 3600));
    expect(times('hourly', 'succeeded')).toEqual(range(24, 2400, 3600));
    expect(facts.filter((f) => f.state !== 'started' && f.state !== 'succeeded')).toEqual([]);
    expect(facts.slice(0, 2)).toEqual([
      { t: 1800, jobId: 'hourly', runId: 'hourly#1', state: 'started' },
      { t: 2400, jobId: 'hourly', runId: 'hourly#1', state: 'succeeded' },
    ]);
  });

  it('counts a run due at exactly the horizon: hourly from 00:00 runs 25 times in 24 h', () => {
    const { times } = runCron(
      cronScenario({ jobs: [{ name: 'hourly', schedule: 'R/2026-01-01T00:00:00Z/PT1H', duration: '10m', ...small }] }),
    );
    // Due at 3600k s for k = 0..24; the one at 86 400 s = the horizon starts (events at the horizon
    // are handled) but cannot finish: 25 starts, 24 successes.
    expect(times('hourly', 'started')).toEqual(range(25, 0, 3600));
    expect(times('hourly', 'succeeded')).toEqual(range(24, 600, 3600));
  });

  it('runs an R5 job 5 times', () => {
    const { times } = runCron(
      cronScenario({ jobs: [{ name: 'five', schedule: 'R5/2026-01-01T00:00:00Z/PT1H', duration: '5m', ...small }] }),
    );
    expect(times('five', 'started')).toEqual([0, 3600, 7200, 10800, 14400]);
    expect(times('five', 'succeeded')).toEqual([300, 3900, 7500, 11100, 14700]);
  });

  it('maps calendar time through the epoch (with a zone offset) and skips runs before it', () => {
    const { times } = runCron(
      cronScenario(
        {
          epoch: '2026-01-01T06:00:00+02:00',
          jobs: [{ name: 'j', schedule: 'R/2026-01-01T00:00:00Z/PT90M', duration: '1m', ...small }],
        },
        '3h',
      ),
    );
    // Epoch = 04:00Z. Runs due at 00:00, 01:30, 03:00Z are before it; 04:30Z and 06:00Z are 1800 s
    // and 7200 s after it; 07:30Z (12 600 s) is past the 3 h horizon.
    expect(times('j', 'started')).toEqual([1800, 7200]);
  });

  it('suppresses offers while idle and revives when a run is due', () => {
    const { recorder } = runCron(
      cronScenario(
        { jobs: [{ name: 'j', schedule: 'R2/2026-01-01T00:30:00Z/PT1H', duration: '10m', ...small }] },
        '3h',
      ),
    );
    const switches = recorder.records
      .filter((r) => r.kind === 'framework-suppressed' || r.kind === 'framework-revived')
      .map((r) => `${r.kind === 'framework-revived' ? 'revive' : 'suppress'}@${r.t / 1e6}`);
    // Idle at registration; due at 1800 and 5400 s, launched at once, idle again.
    expect(switches).toEqual(['suppress@0', 'revive@1800', 'suppress@1800', 'revive@5400', 'suppress@5400']);
  });

  it('drops a run that comes due while the previous run is still going (Chronos concurrent: false)', () => {
    const { times, facts } = runCron(
      cronScenario(
        {
          jobs: [
            {
              name: 'slow',
              schedule: 'R/2026-01-01T00:00:00Z/PT10M',
              duration: '15m',
              ...small,
            },
          ],
        },
        '55m',
      ),
    );
    // Due every 600 s (0 … 3000 within 55 min); each run takes 900 s, so the runs due at 600, 1800
    // and 3000 s find the previous one still running: skipped.
    expect(times('slow', 'started')).toEqual([0, 1200, 2400]);
    expect(times('slow', 'succeeded')).toEqual([900, 2100, 3300]);
    expect(facts.filter((f) => f.state === 'skipped').map((f) => [f.t, f.runId])).toEqual([
      [600, 'slow#2'],
      [1800, 'slow#4'],
      [3000, 'slow#6'],
    ]);
  });
});

describe('chronos: dependent jobs', () => {
  it('runs a dependent job after each successful run of its parent', () => {
    const { times } = runCron(
      cronScenario({
        jobs: [
          { name: 'extract', schedule: 'R/2026-01-01T00:30:00Z/PT1H', duration: '10m', ...small },
          { name: 'load', parents: ['extract'], duration: '5m', ...small },
        ],
      }),
    );
    // extract succeeds at 2400 + 3600k; load is due then, starts at once and takes 300 s.
    expect(times('extract', 'succeeded')).toEqual(range(24, 2400, 3600));
    expect(times('load', 'started')).toEqual(range(24, 2400, 3600));
    expect(times('load', 'succeeded')).toEqual(range(24, 2700, 3600));
  });

  it('waits for every parent to succeed since its last run', () => {
    const { times } = runCron(
      cronScenario(
        {
          jobs: [
            { name: 'a', schedule: 'R/2026-01-01T00:00:00Z/PT1H', duration: '10m', ...small },
            { name: 'b', schedule: 'R/2026-01-01T00:00:00Z/PT2H', duration: '20m', ...small },
            { name: 'c', parents: ['a', 'b'], duration: '5m', ...small },
          ],
        },
        '5h30m',
      ),
    );
    // a succeeds at 600 + 3600k (k = 0..5), b at 1200 + 7200k (k = 0..2). c is due when the second
    // of the two has succeeded since c was last due: 1200 (a@600, b@1200), 8400 (a@4200/7800,
    // b@8400), 15600 (a@11400/15000, b@15600); a@18600 alone triggers nothing.
    expect(times('a', 'succeeded')).toEqual(range(6, 600, 3600));
    expect(times('b', 'succeeded')).toEqual([1200, 8400, 15600]);
    expect(times('c', 'started')).toEqual([1200, 8400, 15600]);
  });

  it('does not run a dependent job after its parent failed', () => {
    const { times } = runCron(
      cronScenario(
        {
          jobs: [
            {
              name: 'p',
              schedule: 'R1/2026-01-01T00:00:00Z/PT1H',
              duration: '1m',
              failureProbability: 1,
              retries: 0,
              ...small,
            },
            { name: 'child', parents: ['p'], duration: '1m', ...small },
          ],
        },
        '1h',
      ),
    );
    expect(times('p', 'failed')).toEqual([60]);
    expect(times('child', 'started')).toEqual([]);
  });
});

describe('chronos: failures, retries and epsilon', () => {
  it('retries a failing task after the fixed 60 s failure-retry delay, twice, then gives up', () => {
    const { facts, recorder } = runCron(
      cronScenario(
        {
          jobs: [
            {
              name: 'flaky',
              schedule: 'R1/2026-01-01T00:00:00Z/PT1H',
              duration: '60s',
              failureProbability: 1,
              ...small,
            },
          ],
        },
        '1h',
      ),
    );
    // Attempt 0 runs 0–60 s and fails; retry 1 waits 60 s (Chronos's --failure_retry): 120–180 s,
    // fails; retry 2 waits 60 s: 240–300 s, fails; retries (2) are used up: the run fails at 300 s.
    expect(facts.map((f) => [f.t, f.state])).toEqual([
      [0, 'started'],
      [60, 'retrying'],
      [180, 'retrying'],
      [300, 'failed'],
    ]);
    expect(recorder.of('task-launched').map((r) => [r.t / 1e6, r.taskId])).toEqual([
      [0, 'flaky#1/0'],
      [120, 'flaky#1/0/retry1'],
      [240, 'flaky#1/0/retry2'],
    ]);
    // Failing attempts are launched with outcome 'failed': the log shows them failed, with a reason.
    expect(recorder.of('task-ended').map((r) => `${r.state}:${r.reason}`)).toEqual([
      'failed:task failed',
      'failed:task failed',
      'failed:task failed',
    ]);
  });

  it('follows the fact grammar at failure probability 0.5 (fixed seed)', () => {
    const { facts, recorder } = runCron(
      cronScenario({
        jobs: [
          {
            name: 'coin',
            schedule: 'R/2026-01-01T00:30:00Z/PT1H',
            duration: '1m',
            failureProbability: 0.5,
            retries: 2,
            ...small,
          },
        ],
      }),
      7,
    );
    const byRun = new Map<string, string[]>();
    for (const f of facts) byRun.set(f.runId, [...(byRun.get(f.runId) ?? []), f.state]);
    // 24 runs; each: started, then up to 2 retries, then exactly one outcome (runs take at most
    // 3 min of work + 2 min of retry delays, far below the 1 h period).
    expect(byRun.size).toBe(24);
    for (const states of byRun.values())
      expect(states.join(' ')).toMatch(/^started( retrying){0,2} (succeeded|failed)$/);
    const retries = facts.filter((f) => f.state === 'retrying').length;
    expect(recorder.of('task-launched')).toHaveLength(24 + retries);
    // A run fails only after 3 failed attempts: at p = 0.5, some runs succeed and some retry.
    expect(facts.some((f) => f.state === 'succeeded')).toBe(true);
    expect(retries).toBeGreaterThan(0);
  });

  const busyMachine = (reportJob: Record<string, unknown>) =>
    cronScenario(
      {
        jobs: [
          {
            name: 'backup',
            schedule: 'R1/2026-01-01T00:00:00Z/PT1H',
            duration: '30m',
            resources: { cpus: 4, mem: 4096 },
          },
          { name: 'report', schedule: 'R1/2026-01-01T00:05:00Z/PT1H', duration: '1m', ...small, ...reportJob },
        ],
      },
      '1h',
    );

  it('skips a run that cannot start within epsilon of its scheduled time (default 60 s)', () => {
    // backup holds all 4 cpus from 0 to 1800 s. report is due at 300 s; nothing of it has started
    // by 300 + 60 = 360 s: skipped, and it never runs.
    const { facts, recorder } = runCron(busyMachine({}));
    expect(facts.filter((f) => f.jobId === 'report').map((f) => [f.t, f.state])).toEqual([[360, 'skipped']]);
    expect(recorder.of('task-launched').map((r) => r.taskId)).toEqual(['backup#1/0']);
    expect(facts.filter((f) => f.jobId === 'backup').map((f) => [f.t, f.state])).toEqual([
      [0, 'started'],
      [1800, 'succeeded'],
    ]);
  });

  it('runs a late job when it can start within a longer epsilon', () => {
    // epsilon 30 min: report, due at 300 s, may start until 2100 s; backup frees the machine at
    // 1800 s: it starts then and succeeds 60 s later.
    const { facts } = runCron(busyMachine({ epsilon: '30m' }));
    expect(facts.filter((f) => f.jobId === 'report').map((f) => [f.t, f.state])).toEqual([
      [1800, 'started'],
      [1860, 'succeeded'],
    ]);
  });

  it('fails the run when a retry cannot start within epsilon of its retry time', () => {
    const { facts } = runCron(
      cronScenario(
        {
          jobs: [
            {
              name: 'flaky',
              schedule: 'R1/2026-01-01T00:00:00Z/PT1H',
              duration: '60s',
              failureProbability: 1,
              ...small,
            },
            // Takes the whole machine from 100 s to 1000 s.
            { name: 'hog', schedule: 'R1/2026-01-01T00:01:40Z/PT1H', duration: '900s', resources: { cpus: 4 } },
          ],
        },
        '1h',
      ),
    );
    // flaky fails at 60 s; its retry is due at 120 s, but hog holds every cpu: not launched by
    // 120 + 60 = 180 s, so the run fails then, with its second retry unused.
    expect(facts.filter((f) => f.jobId === 'flaky').map((f) => [f.t, f.state])).toEqual([
      [0, 'started'],
      [60, 'retrying'],
      [180, 'failed'],
    ]);
    expect(facts.filter((f) => f.jobId === 'hog').map((f) => [f.t, f.state])).toEqual([
      [100, 'started'],
      [1000, 'succeeded'],
    ]);
  });

  it('runs all tasks of a run and succeeds when the last one has', () => {
    const { facts, recorder } = runCron(
      cronScenario(
        { jobs: [{ name: 'wide', schedule: 'R1/2026-01-01T00:00:00Z/PT1H', tasks: 6, duration: '2m', ...small }] },
        '1h',
      ),
    );
    // 6 one-cpu tasks, 4 cpus: 4 launch at 0 s and 2 at 120 s (when the first wave ends); the run
    // succeeds at 240 s.
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)).toEqual([0, 0, 0, 0, 120, 120]);
    expect(facts.map((f) => [f.t, f.state])).toEqual([
      [0, 'started'],
      [240, 'succeeded'],
    ]);
  });
});
