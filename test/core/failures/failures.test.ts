import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/** Two 4-cpu machines; one job of one 4-cpu task of `seconds` at t=0, which lands on m-0. */
function oneLongTask(seconds: number, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    horizon: '2000s',
    master: { checkInvariants: true },
    topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4 } }] },
    allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 2 } } } },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', options: { maxAttempts: 5 } }],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'batch',
        options: { arrivals: { process: 'once' }, jobs: 1, tasks: 1, resources: { cpus: 4 }, duration: `${seconds}s` },
      },
    ],
    ...extra,
  };
}

function run(scenario: ScenarioInput) {
  const recorder = createRecorder();
  const report = runSimulation(scenario, { observers: [recorder], wallClock: false });
  const launches = recorder.of('task-launched').map((r) => `${r.taskId}@${r.agentId}@${r.t / 1e6}`);
  const ends = recorder
    .of('task-ended')
    .map((r) => `${r.taskId}:${r.state}@${r.t / 1e6}${r.reason ? `(${r.reason})` : ''}`);
  return { recorder, report, launches, ends };
}

describe('a machine crash', () => {
  it('is seen by frameworks 5 ping timeouts after the first unanswered ping, and the relaunch starts only then', () => {
    const { launches, ends, recorder } = run(
      oneLongTask(1000, { failures: [{ kind: 'machine-crash', at: '100s', machine: 'm-0' }] }),
    );
    expect(launches[0]).toBe('w0-0.0@m-0@0');
    // m-0 registered at 0: the master pings it at 0, 15, …, 90, 105 s. The ping at 90 s was
    // answered; the one at 105 s, after the crash at 100 s, is the first unanswered one, and the
    // 5th timeout after it (15 s × 5) comes at 180 s: lost then, relaunched on m-1 at once.
    expect(ends).toContain('w0-0.0:lost@180(agent lost)');
    expect(launches[1]).toBe('w0-0.0.r1@m-1@180');
    expect(recorder.of('agent-unreachable').map((r) => [r.agentId, r.t / 1e6, r.cause])).toEqual([
      ['m-0', 180, 'crashed'],
    ]);
    // The dead machine is never offered again.
    expect(recorder.of('offer-made').filter((o) => o.agentId === 'm-0' && o.t > 180e6)).toEqual([]);
  });

  it('is seen after agentPingTimeout × maxAgentPingTimeouts', () => {
    const { ends } = run(
      oneLongTask(1000, {
        master: { agentPingTimeout: '10s', maxAgentPingTimeouts: 3 },
        failures: [{ kind: 'machine-crash', at: '100s', machine: 'm-0' }],
      }),
    );
    expect(ends).toContain('w0-0.0:lost@130(agent lost)');
  });

  it('followed by a reboot faster than detection: the tasks are found lost when the agent comes back empty', () => {
    const { ends, launches } = run(
      oneLongTask(1000, { failures: [{ kind: 'machine-reboot', at: '100s', machine: 'm-0', duration: '30s' }] }),
    );
    expect(ends).toContain('w0-0.0:lost@130(agent restarted)');
    expect(launches[1]).toMatch(/^w0-0\.0\.r1@m-\d@130$/);
  });
});

describe('the ping phase', () => {
  it('decides the detection delay: 75 s for a failure at a ping, up to almost 90 s just after one', () => {
    const noticedAt = (crashAt: string) =>
      run(oneLongTask(1000, { failures: [{ kind: 'machine-crash', at: crashAt, machine: 'm-0' }] }))
        .recorder.of('agent-unreachable')
        .map((r) => r.t / 1e6);
    // Pings every 15 s from m-0's registration at 0: a crash at a ping (105 s) leaves that ping
    // unanswered (105 + 75 = 180 s); one a second later waits for the ping at 120 s (195 s).
    expect(noticedAt('105s')).toEqual([180]);
    expect(noticedAt('106s')).toEqual([195]);
    expect(noticedAt('119s')).toEqual([195]);
  });

  it('restarts with the agent: after it re-registers at 700 s its pings are at 700 + 15k s', () => {
    const { recorder } = run(
      oneLongTask(1000, {
        failures: [
          { kind: 'partition', at: '600s', machines: ['m-0'], duration: '100s' },
          { kind: 'machine-crash', at: '1001s', machine: 'm-0' },
        ],
      }),
    );
    // Cut off at 600 s (a ping): noticed at 675 s; healed at 700 s, it re-registers and the master
    // pings it at 700, 715, …, 1000, 1015 s: the crash at 1001 s is noticed at 1015 + 75 = 1090 s
    // (with the phase of time 0 it would be 1005 + 75 = 1080 s).
    expect(recorder.of('agent-registered').map((r) => [r.agentId, r.t / 1e6])).toEqual([['m-0', 700]]);
    expect(recorder.of('agent-unreachable').map((r) => r.t / 1e6)).toEqual([675, 1090]);
  });
});

describe('a network partition', () => {
  it('keeps tasks running; after detection they are given up (lost) and replaced, and killed when it heals', () => {
    const { launches, ends, recorder } = run(
      oneLongTask(1000, { failures: [{ kind: 'partition', at: '100s', machines: ['m-0'], duration: '600s' }] }),
    );
    // Cut off at 100 s: noticed at 105 + 75 = 180 s (the first unanswered ping is at 105 s).
    expect(recorder.of('task-unreachable').map((r) => [r.taskId, r.t / 1e6])).toEqual([['w0-0.0', 180]]);
    expect(launches[1]).toBe('w0-0.0.r1@m-1@180');
    // Healed at 700 s: the old task, already replaced, is killed; m-0 re-registers.
    expect(ends).toContain('w0-0.0:killed@700(given up during the partition)');
    expect(recorder.of('agent-registered').map((r) => [r.agentId, r.t / 1e6])).toEqual([['m-0', 700]]);
    // The replacement runs its full 1000 s.
    expect(ends).toContain('w0-0.0.r1:finished@1180');
  });

  it('does not cost a partition-aware framework its task: it hears "unreachable", and the task is back when the partition heals', () => {
    const scenario = oneLongTask(1000, {
      failures: [{ kind: 'partition', at: '100s', machines: ['m-0'], duration: '600s' }],
    });
    const { launches, ends, recorder } = run({
      ...scenario,
      frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', capabilities: ['PARTITION_AWARE'] }],
    });
    expect(recorder.of('task-unreachable').map((r) => r.t / 1e6)).toEqual([180]);
    expect(recorder.of('task-reachable').map((r) => r.t / 1e6)).toEqual([700]);
    expect(launches).toEqual(['w0-0.0@m-0@0']); // never replaced
    expect(ends).toEqual(['w0-0.0:finished@1000']);
  });

  it('that heals before detection goes unnoticed; a task that finished meanwhile is reported when it heals', () => {
    const { ends, recorder } = run(
      oneLongTask(150, { failures: [{ kind: 'partition', at: '100s', machines: ['m-0'], duration: '60s' }] }),
    );
    // Done at 150 s in reality, while cut off; the master hears of it at 160 s.
    expect(ends).toEqual(['w0-0.0:finished@160(reported after the partition healed)']);
    expect(recorder.of('agent-unreachable')).toEqual([]);
  });

  it('of a whole rack when its top-of-rack switch fails', () => {
    const { recorder } = run({
      ...oneLongTask(1000),
      topology: { racks: ['r1', 'r2'], machines: [{ class: 'm', count: 4, resources: { cpus: 4 } }] },
      allocator: { policy: 'drf' },
      failures: [{ kind: 'switch-failure', at: '100s', rack: 'r2', duration: '10m' }],
    });
    expect(recorder.of('machines-down')).toEqual([
      { t: 100e6, kind: 'machines-down', machines: ['m-1', 'm-3'], cause: 'switch r2/tor', mode: 'partition' },
    ]);
    expect(recorder.of('agent-unreachable').map((r) => r.agentId)).toEqual(['m-1', 'm-3']);
  });
});

describe('maintenance', () => {
  it('drains a machine: no more offers there, its tasks killed; it comes back after the maintenance', () => {
    const { ends, launches, recorder } = run(
      oneLongTask(1000, { failures: [{ kind: 'drain', at: '100s', machine: 'm-0', duration: '300s' }] }),
    );
    expect(ends[0]).toBe('w0-0.0:killed@100(maintenance)');
    // batch-first-fit never kills its own tasks, so it relaunches this one elsewhere at once.
    expect(launches[1]).toBe('w0-0.0.r1@m-1@100');
    expect(recorder.of('offer-made').some((o) => o.agentId === 'm-0' && o.t > 100e6 && o.t < 400e6)).toBe(false);
    expect(recorder.of('agent-registered').map((r) => [r.agentId, r.t / 1e6])).toEqual([['m-0', 400]]);
  });
});

describe('a master failover', () => {
  it('stops allocation while no master leads, then agents re-register within the spread and tasks keep running', () => {
    const { ends, recorder } = run(
      oneLongTask(1000, { failures: [{ kind: 'master-failover', at: '50s', duration: '10s' }] }),
    );
    expect(recorder.of('master-down').map((r) => r.t / 1e6)).toEqual([50]);
    expect(recorder.of('master-elected').map((r) => r.t / 1e6)).toEqual([60]);
    expect(recorder.of('offer-made').filter((o) => o.t >= 50e6 && o.t < 60e6)).toEqual([]);
    const back = recorder.of('agent-registered').map((r) => r.t / 1e6);
    expect(back).toHaveLength(2);
    for (const t of back) expect(t >= 60 && t <= 90).toBe(true);
    expect(ends).toEqual(['w0-0.0:finished@1000']);
  });
});

describe('while no master leads', () => {
  it('no allocation runs, even one an allocator asks for (a task ending during the failover)', () => {
    // Monolithic: a job of two 4-cpu tasks on one 4-cpu machine; the first (55 s) ends during the
    // failover from 50 to 60 s, and the monolithic allocator asks for a run at once. No offer may
    // be made before the new master leads.
    const { recorder } = run({
      ...oneLongTask(55),
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4 } }] },
      allocator: { policy: 'monolithic' },
      workloads: [
        {
          generator: 'batch-jobs',
          framework: 'batch',
          options: { arrivals: { process: 'once' }, jobs: 1, tasks: 2, resources: { cpus: 4 }, duration: '55s' },
        },
      ],
      failures: [{ kind: 'master-failover', at: '50s', duration: '10s' }],
    });
    expect(recorder.of('task-ended').map((r) => r.t / 1e6)[0]).toBe(55);
    expect(recorder.of('offer-made').filter((o) => o.t >= 50e6 && o.t < 60e6)).toEqual([]);
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)[1]).toBeGreaterThanOrEqual(60);
  });
});

describe('failure metrics', () => {
  it('report detection, lost tasks and lost work per incident, and when the machines were back', () => {
    // The task ran 100 s on m-0 before the crash: 100 task-seconds of work lost. The machine
    // reboots after 300 s (rebooting long after detection at 180 s: 105 + 75).
    const { report } = run(
      oneLongTask(1000, { failures: [{ kind: 'machine-crash', at: '100s', machine: 'm-0', recoverAfter: '300s' }] }),
    );
    expect(report.failures.incidents).toEqual([
      {
        atSeconds: 100,
        cause: 'crash',
        mode: 'crash',
        machines: 1,
        detectedAfterSeconds: 80,
        tasksLost: 1,
        lostTaskSeconds: 100,
        recoveredAfterSeconds: 300,
      },
    ]);
    expect(report.failures.tasksLost).toBe(1);
  });

  it('count master failovers and the time without a master', () => {
    const { report } = run(
      oneLongTask(100, {
        failures: [
          { kind: 'master-failover', at: '50s', duration: '12s' },
          { kind: 'master-failover', at: '500s', duration: '3s' },
        ],
      }),
    );
    expect([report.failures.masterFailovers, report.failures.masterDownSeconds]).toEqual([2, 15]);
  });
});
