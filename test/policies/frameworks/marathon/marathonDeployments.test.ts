import { describe, expect, it } from 'vitest';
import { healthyOverTime, marathonScenario, runMarathon, type MarathonRun } from './marathonHarness.ts';

const healthCheck = { gracePeriodSeconds: 10, intervalSeconds: 10, timeoutSeconds: 2 };
/**
 * Each instance answers 10 s after it runs: its check at start is refused (ignored, within the
 * grace period), the one 10 s later passes — every instance is healthy 10 s after its start.
 */
const warmupSeconds = 10;
const phases = (run: MarathonRun) => run.facts('deployment').map((f) => [f.t, f.phase]);
/** Tasks running at each task record (launch or end), counted over the run: [t, running][]. */
const runningOverTime = (run: MarathonRun): [number, number][] => {
  let running = 0;
  const out: [number, number][] = [];
  for (const r of run.records) {
    if (r.kind === 'task-launched') running++;
    else if (r.kind === 'task-ended') running--;
    else continue;
    out.push([r.t / 1e6, running]);
  }
  return out;
};

describe('marathon deployments', () => {
  it('rolling 4 instances with minimumHealthCapacity 0.5: never fewer than 2 healthy, never more than 6 running', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 4,
              resources: { cpus: 1, mem: 512 },
              healthCheck,
              warmupSeconds,
              upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 },
              events: [{ at: '60s', deploy: { version: 'v2' } }],
            },
          ],
        },
        { machines: [{ class: 'm', count: 3, resources: { cpus: 4, mem: 4096 } }] },
        '3m',
      ),
    );
    const healthy = healthyOverTime(run, 'web');
    const during = healthy.filter(([t]) => t >= 60);
    // Floor ceil(4 × 0.5) = 2: at 60 s two old instances go at once (4 healthy − 2 spare).
    expect(Math.min(...during.map(([, n]) => n))).toBe(2);
    expect(during[0]).toEqual([60, 3]);
    // Cap floor(4 × 1.5) = 6 tasks.
    expect(Math.max(...runningOverTime(run).map(([, n]) => n))).toBe(6);
    expect(phases(run)).toEqual([
      [60, 'started'],
      [60, 'rolling'],
      // 2 new start at 60 (4 old + 2 new = 6), 2 more when the 2 old end; all 4 healthy at 70 s.
      [70, 'finished'],
    ]);
    expect(run.facts('app').map((f) => [f.t, f.desired, f.version])).toEqual([
      [0, 4, 'v1'],
      [70, 4, 'v2'],
    ]);
    expect(healthy.at(-1)).toEqual([70, 4]);
    // Every v1 task was killed; the 4 v2 tasks run to the end.
    const ended = run.of('task-ended');
    expect(ended.map((r) => r.taskId).sort()).toEqual(['web.v1.0', 'web.v1.1', 'web.v1.2', 'web.v1.3']);
    expect(run.of('task-launched').filter((r) => r.taskId.startsWith('web.v2.'))).toHaveLength(4);
  });

  it('minimumHealthCapacity 1: old instances go only as new ones become healthy', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 3,
              resources: { cpus: 1 },
              healthCheck,
              warmupSeconds,
              upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
              events: [{ at: '60s', deploy: { version: 'v2' } }],
            },
          ],
        },
        { machines: [{ class: 'm', count: 2, resources: { cpus: 4 } }] },
        '3m',
      ),
    );
    // Cap 3 × 1 = 3 = floor 3: Marathon's over-by-one lets one new start (4 running); each new one
    // healthy 10 s after its start lets one old go and the next new start: finished at 90 s.
    expect(
      Math.min(
        ...healthyOverTime(run, 'web')
          .filter(([t]) => t >= 60)
          .map(([, n]) => n),
      ),
    ).toBe(3);
    expect(Math.max(...runningOverTime(run).map(([, n]) => n))).toBe(4);
    expect(phases(run).at(-1)).toEqual([90, 'finished']);
  });

  it('blue/green: a full new set beside the old, then the switch kills the old set', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 3,
              resources: { cpus: 1 },
              healthCheck,
              warmupSeconds,
              load: { rps: 300, rpsPerInstance: 100 },
              events: [{ at: '60s', deploy: { version: 'v2', strategy: 'blue-green', errorRate: 0.1 } }],
            },
          ],
        },
        { machines: [{ class: 'm', count: 2, resources: { cpus: 4 } }] },
        '2m',
      ),
    );
    expect(phases(run)).toEqual([
      [60, 'started'],
      [70, 'finished'],
    ]);
    expect(Math.max(...runningOverTime(run).map(([, n]) => n))).toBe(6);
    expect(
      Math.min(
        ...healthyOverTime(run, 'web')
          .filter(([t]) => t >= 60)
          .map(([, n]) => n),
      ),
    ).toBe(3);
    // Green takes no traffic before the switch: v2's 10 % errors appear only from 70 s (30 of 300 rps).
    const failed = run
      .facts('traffic')
      .filter((f) => f.t >= 10)
      .map((f) => [f.t, f.failedRps]);
    expect(failed.filter(([t]) => (t as number) < 70).every(([, rps]) => rps === 0)).toBe(true);
    expect(failed.filter(([t]) => (t as number) >= 70).map(([, rps]) => rps)).toEqual([30, 30]);
  });

  const canaryApp = (errorRate: number) => ({
    apps: [
      {
        id: 'web',
        instances: 3,
        resources: { cpus: 1, mem: 512 },
        healthCheck,
        warmupSeconds,
        load: { rps: 300, rpsPerInstance: 200 },
        events: [
          {
            at: '120s',
            deploy: {
              version: 'v2',
              strategy: 'canary',
              errorRate,
              canary: {
                instances: 1,
                isolatedSeconds: 60,
                trafficFraction: 0.1,
                partialSeconds: 300,
                errorThreshold: 0.05,
              },
            },
          },
        ],
      },
    ],
  });
  const twoMachines = { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 4096 } }] };

  it('canary: rolled back when its error rate exceeds the threshold; the old version keeps serving', () => {
    const run = runMarathon(marathonScenario(canaryApp(0.2), twoMachines, '10m'));
    // Canary launched at 120 s, healthy at 130 s; isolated until 180 s; partial from 180 s; the
    // first sample a full interval later (240 s) sees 20 % > 5 %: rolled back.
    expect(phases(run)).toEqual([
      [120, 'started'],
      [120, 'canary-isolated'],
      [180, 'canary-partial'],
      [240, 'rolled-back'],
    ]);
    // Partial: 10 % of 300 = 30 rps to the canary, 20 % of them fail = 6 rps; the old 3 serve 270.
    const partial = run.facts('traffic').filter((f) => f.t >= 180 && f.t < 240);
    expect(partial.map((f) => [f.t, f.servedRps, f.failedRps])).toEqual([
      [180, 294, 6],
      [180, 294, 6],
    ]);
    // At 240 s the sample still sees the canary's errors, then the rollback routes everything to v1.
    const after = run
      .facts('traffic')
      .filter((f) => f.t >= 240)
      .map((f) => [f.t, f.servedRps, f.failedRps]);
    expect(after.slice(0, 3)).toEqual([
      [240, 294, 6],
      [240, 300, 0],
      [300, 300, 0],
    ]);
    expect(after.slice(2).every(([, served, failed]) => served === 300 && failed === 0)).toBe(true);
    // The canary was killed; no v1 task ever ended; the version stayed v1.
    expect(run.of('task-ended').map((r) => [r.t, r.taskId, r.state])).toEqual([[240e6, 'web.v2.3', 'killed']]);
    expect(run.facts('app').map((f) => f.version)).toEqual(['v1']);
  });

  it('canary: proceeds to a full rolling rollout when its error rate is below the threshold', () => {
    const run = runMarathon(marathonScenario(canaryApp(0.01), twoMachines, '10m'));
    // Partial until 180 + 300 = 480 s, then rolling (default strategy 1/1): 2 more new instances
    // start at 480 and one old goes (4 healthy, floor 3); both new are healthy at 490 s.
    expect(phases(run)).toEqual([
      [120, 'started'],
      [120, 'canary-isolated'],
      [180, 'canary-partial'],
      [480, 'rolling'],
      [490, 'finished'],
    ]);
    expect(run.facts('app').map((f) => [f.t, f.version])).toEqual([
      [0, 'v1'],
      [490, 'v2'],
    ]);
    expect(
      run
        .of('task-ended')
        .map((r) => r.taskId)
        .sort(),
    ).toEqual(['web.v1.0', 'web.v1.1', 'web.v1.2']);
    // Finally all traffic goes to v2 and 1 % of it fails: 3 rps.
    expect(run.facts('traffic').at(-1)).toMatchObject({ servedRps: 297, failedRps: 3 });
  });

  it('a canary whose instances never pass their checks stays isolated; the old version keeps all traffic', () => {
    const app = canaryApp(0);
    const events = [{ at: '120s', deploy: { version: 'v2', strategy: 'canary', failures: { probability: 1 } } }];
    const run = runMarathon(marathonScenario({ apps: [{ ...app.apps[0], events }] }, twoMachines, '10m'));
    expect(phases(run).map(([, p]) => p)).toEqual(['started', 'canary-isolated']);
    expect(
      run
        .facts('traffic')
        .filter((f) => f.t >= 120)
        .every((f) => f.servedRps === 300),
    ).toBe(true);
  });
});
