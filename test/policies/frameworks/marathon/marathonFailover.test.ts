import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { marathonOptions } from '../../../../src/policies/frameworks/marathon/appSpec.ts';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

/**
 * App `web` (1 cpu per instance, no health check, no kill grace) on four 4-cpu machines: 2
 * instances at 0 s, scaled to 3 at 100 s and to 4 at 175 s, so launches happen at 0, 0, 100 and
 * 175 s (the default think time is 0). Then the failures given.
 */
function scaledApp(stateStoreLagSeconds: number, failures: ScenarioInput['failures']): ScenarioInput {
  return {
    ...marathonScenario(
      {
        stateStoreLagSeconds,
        apps: [
          {
            id: 'web',
            instances: 2,
            resources: { cpus: 1, mem: 128 },
            events: [
              { at: '100s', scale: 3 },
              { at: '175s', scale: 4 },
            ],
          },
        ],
      },
      { machines: [{ class: 'm', count: 4, resources: { cpus: 4, mem: 4096 } }] },
      '400s',
    ),
    master: { checkInvariants: true },
    failures,
  };
}

const leaderFailover = [{ kind: 'framework-failover' as const, framework: 'marathon', at: '200s', duration: '10s' }];

describe('a Marathon leader failover', () => {
  it('with a state store 30 s behind: the new leader kills exactly the tasks launched in the 30 s before the failover', () => {
    const run = runMarathon(scaledApp(30, leaderFailover));
    const launched = run.of('task-launched').map((r) => [r.taskId, r.t / 1e6]);
    expect(launched.slice(0, 4)).toEqual([
      ['web.v1.0', 0],
      ['web.v1.1', 0],
      ['web.v1.2', 100],
      ['web.v1.3', 175],
    ]);
    // Down at 200 s: the store knows launches up to 170 s. web.v1.3 (175 s) is unknown to the
    // new leader, reported running by reconciliation at 210 s and killed then (no grace).
    const ended = run.of('task-ended').map((r) => [r.taskId, r.state, r.t / 1e6]);
    expect(ended).toEqual([['web.v1.3', 'killed', 210]]);
    // It wants 4 and knows 3: one replacement, launched when it is back.
    expect(launched.slice(4)).toEqual([['web.v1.4', 210]]);
  });

  it('with the boundary launch at exactly lag before the failover: that one is known and kept', () => {
    // Lag 100 s: known up to 100 s, so web.v1.2 (launched at 100 s) stays; web.v1.3 (175 s) goes.
    const run = runMarathon(scaledApp(100, leaderFailover));
    expect(run.of('task-ended').map((r) => r.taskId)).toEqual(['web.v1.3']);
  });

  it('with an up-to-date store (lag 0, the default): kills nothing', () => {
    const run = runMarathon(scaledApp(0, leaderFailover));
    expect(run.of('task-ended')).toEqual([]);
    expect(run.of('framework-reregistered').map((r) => r.t / 1e6)).toEqual([210]);
    // It reconciled as a new leader at 210 s: explicit for its 4 tasks, then implicit; all known.
    expect(
      run
        .of('reconciliation')
        .filter((r) => r.t === 210e6)
        .map((r) => [r.explicit, r.answered]),
    ).toEqual([
      [4, 4],
      [null, 4],
    ]);
  });

  it('differs from a Mesos master failover, after which the same lagging Marathon kills nothing', () => {
    const run = runMarathon(scaledApp(30, [{ kind: 'master-failover', at: '200s', duration: '10s' }]));
    expect(run.of('master-elected').map((r) => r.t / 1e6)).toEqual([210]);
    expect(run.of('task-ended')).toEqual([]);
  });
});

describe('Marathon’s periodic reconciliation', () => {
  it('runs first after reconciliation_initial_delay (15 s) and then every reconciliation_interval (600 s)', () => {
    const run = runMarathon({ ...scaledApp(0, []), horizon: '1300s' });
    // Each round: explicit for the instances it knows, then implicit.
    expect(run.of('reconciliation').map((r) => [r.t / 1e6, r.explicit, r.answered])).toEqual([
      [15, 2, 2],
      [15, null, 2],
      [615, 4, 4],
      [615, null, 4],
      [1215, 4, 4],
      [1215, null, 4],
    ]);
  });

  it('takes Marathon’s documented defaults, and other values from the options', () => {
    const defaults = marathonOptions.parse({ apps: [] });
    expect([defaults.reconciliationInitialDelaySeconds, defaults.reconciliationIntervalSeconds]).toEqual([15, 600]);
    expect(defaults.stateStoreLagSeconds).toBe(0);
    const run = runMarathon({
      ...marathonScenario(
        { reconciliationInitialDelaySeconds: 5, reconciliationIntervalSeconds: 50, apps: [] },
        { machines: [{ class: 'm', count: 1, resources: { cpus: 1 } }] },
        '110s',
      ),
    });
    expect(
      run
        .of('reconciliation')
        .filter((r) => r.explicit === null)
        .map((r) => r.t / 1e6),
    ).toEqual([5, 55, 105]);
  });

  it('refuses the old scenario-level reconciliation switch', () => {
    expect(marathonOptions.safeParse({ apps: [], reconciliation: 'faulty' }).success).toBe(false);
  });
});
