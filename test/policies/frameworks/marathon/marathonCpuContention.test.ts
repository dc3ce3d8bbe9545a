import { describe, expect, it } from 'vitest';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

/**
 * On one 3-cpu machine: a web instance (1 cpu allocated, 100 rps at 0.02 cpu each: from the first
 * sample at 30 s it wants 2 cpus) beside a neighbour (1 cpu allocated, using `neighbourCpus`
 * from its launch on, through its base usage).
 */
function run(neighbourCpus: number, cfsQuota: boolean) {
  const scenario = marathonScenario(
    {
      sampleSeconds: 30,
      apps: [
        {
          id: 'web',
          instances: 1,
          resources: { cpus: 1, mem: 128 },
          load: { rps: 100, rpsPerInstance: 100, cpusPerRps: 0.02 },
        },
        {
          id: 'neighbour',
          instances: 1,
          resources: { cpus: 1, mem: 128 },
          load: { rps: 0, rpsPerInstance: 1, baseUsage: { cpus: neighbourCpus } },
        },
      ],
    },
    { machines: [{ class: 'm', count: 1, resources: { cpus: 3, mem: 1024 } }] },
    '120s',
  );
  const result = runMarathon({ ...scenario, master: { cfsQuota } });
  const web = result.facts('traffic').filter((f) => f.appId === 'web');
  expect(web.length).toBeGreaterThan(0);
  const webRates = result.of('task-rate').filter((r) => r.taskId.startsWith('web.'));
  return { last: web[web.length - 1], webRates: webRates.map((r) => [r.t / 1e6, r.rate]) };
}

describe('a service instance using more CPU than it was allocated', () => {
  it('with shares, runs at full speed on idle CPU beside a quiet neighbour', () => {
    // 2 + 1 = 3 cpus wanted on 3: the machine is not oversubscribed, nobody is cut back.
    const { last, webRates } = run(1, false);
    expect(last).toMatchObject({ demandRps: 100, servedRps: 100, degradedRps: 0, failedRps: 0 });
    expect(webRates).toEqual([]);
  });

  it('with shares, is slowed by a hog that fills the machine, and answers fewer requests in time', () => {
    // 2 + 3 = 5 cpus wanted on 3: shared 1 : 1 by cpu.shares, 1.5 each; web gets 1.5 of its 2 —
    // speed 0.75 — so 75 of its 100 rps are answered in time and 25 degraded.
    const { last, webRates } = run(3, false);
    expect(webRates).toEqual([[30, 0.75]]);
    expect(last).toMatchObject({ demandRps: 100, servedRps: 75, degradedRps: 25, failedRps: 0 });
  });

  it('with a CFS quota, is held at its allocation even beside a quiet neighbour', () => {
    // 1 of the 2 cpus it wants, whatever the neighbour does: speed 1/2, 50 rps in time.
    const { last, webRates } = run(1, true);
    expect(webRates).toEqual([[30, 0.5]]);
    expect(last).toMatchObject({ demandRps: 100, servedRps: 50, degradedRps: 50, failedRps: 0 });
  });
});
