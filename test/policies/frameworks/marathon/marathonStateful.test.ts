import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { recoverySeconds } from '../../../../src/policies/frameworks/marathon/statefulSpec.ts';
import { marathonOptions } from '../../../../src/policies/frameworks/marathon/appSpec.ts';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

const twoMachines = { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 8192 } }] };

/** Two instances, one per machine, of an app with these extra fields; `failures` as given. */
function scenario(app: Record<string, unknown>, failures: ScenarioInput['failures'], horizon = '2000s'): ScenarioInput {
  return {
    ...marathonScenario(
      {
        sampleSeconds: 60,
        apps: [
          {
            id: 'db',
            instances: 2,
            resources: { cpus: 1, mem: 1024 },
            constraints: [['hostname', 'UNIQUE']],
            ...app,
          },
        ],
      },
      twoMachines,
      horizon,
    ),
    failures,
  };
}

describe('recovery time', () => {
  it('is dataGb × 1024 ÷ recoveryMBps seconds: 100 GB at 100 MB/s is 1024 s', () => {
    expect(recoverySeconds({ dataGb: 100, recoveryMBps: 100 })).toBe(1024);
    // Elasticsearch's default indices.recovery.max_bytes_per_sec, 40 MB/s: 100 GB in 2560 s.
    const parsed = marathonOptions.parse({
      apps: [{ id: 'es', instances: 1, resources: { cpus: 1 }, state: { dataGb: 100 } }],
    });
    expect(parsed.apps[0]?.state).toEqual({ dataGb: 100, recoveryMBps: 40 });
  });
});

describe('a restarted Elasticsearch node (100 GB at 100 MB/s)', () => {
  // A machine crashes at 100 s and is back empty 10 s later: its node is lost, and Marathon
  // relaunches it there (UNIQUE hostnames: the other machine has the other node).
  const run = runMarathon(
    scenario({ state: { dataGb: 100, recoveryMBps: 100 }, load: { rps: 100, rpsPerInstance: 50 } }, [
      { kind: 'machine-crash', at: '100s', machine: 'm-0', recoverAfter: '10s' },
    ]),
  );
  const recovery = run.facts('instance-recovery');
  const upAt = (taskId: string) => run.facts('instance-health').find((f) => f.taskId === taskId && f.healthy)?.t;

  it('recovers only the replacement, for 1024 s from its healthy moment', () => {
    expect(recovery.map((f) => [f.taskId, f.phase])).toEqual([
      ['db.v1.2', 'started'],
      ['db.v1.2', 'finished'],
    ]);
    const healthyAt = upAt('db.v1.2') as number;
    expect(healthyAt).toBeGreaterThanOrEqual(110); // the machine is back (empty) at 110 s
    expect(recovery[0]?.t).toBe(healthyAt);
    expect(recovery[1]?.t).toBeCloseTo(healthyAt + 1024, 6);
  });

  it('keeps the recovering node out of the load balancer until it has its data', () => {
    const healthyAt = upAt('db.v1.2') as number;
    const traffic = run.facts('traffic');
    const during = traffic.filter((f) => f.t >= healthyAt && f.t < healthyAt + 1024);
    const after = traffic.filter((f) => f.t >= healthyAt + 1024);
    expect(during.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    // One node serving 50 of the 100 rps, the other 50 above its capacity: degraded.
    for (const f of during) expect([f.servedRps, f.degradedRps]).toEqual([50, 50]);
    for (const f of after) expect([f.servedRps, f.degradedRps]).toEqual([100, 0]);
  });

  it('reports restart (up) and recovery (serving) apart', () => {
    const db = run.report.services['db'];
    const stateful = db?.stateful;
    expect(stateful?.recoveries).toEqual({ started: 1, finished: 1, seconds: expect.closeTo(1024, 6) as number });
    // Up but not serving: one of the two desired instances for 1024 s of the 2000 s.
    expect((db?.availability ?? 0) - (stateful?.servingAvailability ?? 0)).toBeCloseTo((0.5 * 1024) / 2000, 6);
    expect(stateful?.writable).toBeNull();
  });
});

describe('a MySQL primary with a replica (promotion delay 30 s)', () => {
  const app = { replication: { promotionDelaySeconds: 30 } };
  // Which machine the primary lands on is the run's own business: find it from a run without
  // failures (the first 100 s of both runs are the same), then crash that machine at 100 s.
  const quiet = runMarathon(scenario(app, [], '100s'));
  const primary = quiet.facts('primary')[0]?.taskId as string;
  const primaryMachine = quiet.of('task-launched').find((r) => r.taskId === primary)?.agentId as string;
  const run = runMarathon(scenario(app, [{ kind: 'machine-crash', at: '100s', machine: primaryMachine }]));

  it('promotes the replica 30 s after the primary’s failure is noticed', () => {
    const facts = run.facts('primary');
    expect(facts[0]).toMatchObject({ taskId: primary });
    const lost = facts[1] as (typeof facts)[number];
    expect(lost.taskId).toBeNull();
    // Noticed when the master declares the task lost (ping timeouts after the crash).
    const detectedAt = (run.of('task-ended').find((r) => r.taskId === primary)?.t ?? NaN) / 1e6;
    expect(lost.t).toBe(detectedAt);
    expect(detectedAt).toBeGreaterThan(100);
    const promoted = facts[2] as (typeof facts)[number];
    expect(promoted.taskId).not.toBe(primary);
    expect(promoted.taskId).not.toBeNull();
    expect(promoted.t).toBeCloseTo(detectedAt + 30, 6);
  });

  it('counts not writable from the crash (clients lose the primary at once) to the promotion', () => {
    const detectedAt = (run.of('task-ended').find((r) => r.taskId === primary)?.t ?? NaN) / 1e6;
    const writable = run.report.services['db']?.stateful?.writable;
    expect(writable?.promotions).toBe(1);
    expect(writable?.secondsNotWritable).toBeCloseTo(detectedAt - 100 + 30, 6);
  });
});

describe('options', () => {
  it('refuse bad stateful settings with the field and what is accepted', () => {
    const bad = marathonOptions.safeParse({
      apps: [
        {
          id: 'es',
          instances: 1,
          resources: { cpus: 1 },
          state: { dataGb: 0, recoveryMBps: -1 },
          replication: { promotionDelaySeconds: 'soon' },
        },
      ],
    });
    expect(bad.success).toBe(false);
    const issues = bad.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['apps.0.state.dataGb', 'dataGb must be > 0'],
      ['apps.0.state.recoveryMBps', 'recoveryMBps must be > 0 (MB/s)'],
      ['apps.0.replication.promotionDelaySeconds', 'promotionDelaySeconds is a number of seconds ≥ 0'],
    ]);
  });
});
