import { describe, expect, it } from 'vitest';
import { healthyOverTime, marathonScenario, runMarathon } from './marathonHarness.ts';

describe('marathon scaling, autoscaling, kill grace and usage', () => {
  it('scales 3 → 3000 on a cluster big enough: launches 3000 and reports desired 3000', () => {
    // 30 machines × 32 cpus = 960 cpus; 3000 × 0.25 = 750 cpus.
    const run = runMarathon(
      marathonScenario(
        {
          apps: [{ id: 'web', instances: 3, resources: { cpus: 0.25, mem: 128 }, events: [{ at: '1m', scale: 3000 }] }],
        },
        { racks: 3, machines: [{ class: 'm', count: 30, resources: { cpus: 32, mem: 131072 } }] },
        '2m',
      ),
    );
    expect(run.facts('app').map((f) => [f.t, f.desired, f.version])).toEqual([
      [0, 3, 'v1'],
      [60, 3000, 'v1'],
    ]);
    const launched = run.of('task-launched');
    expect(launched).toHaveLength(3000);
    expect(launched.filter((l) => l.t === 60e6)).toHaveLength(2997);
    expect(new Set(launched.map((l) => l.taskId)).size).toBe(3000);
    // Without health checks an instance is healthy once it runs.
    expect(healthyOverTime(run, 'web').at(-1)).toEqual([60, 3000]);
    expect(run.of('framework-pending').at(-1)?.tasks).toBe(0);
  });

  it('scales down: kills the surplus, newest first, after the kill grace period', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            { id: 'db', instances: 3, resources: { cpus: 1 }, killGraceSeconds: 30, events: [{ at: '1m', scale: 1 }] },
          ],
        },
        { machines: [{ class: 'm', count: 1, resources: { cpus: 8 } }] },
        '5m',
      ),
    );
    // The two newest (db.v1.2, db.v1.1) leave the load balancer at 60 s and end 30 s later.
    expect(
      run
        .facts('instance-health')
        .filter((f) => !f.healthy)
        .map((f) => [f.t, f.taskId]),
    ).toEqual([
      [60, 'db.v1.2'],
      [60, 'db.v1.1'],
    ]);
    expect(run.of('task-killing').map((r) => [r.t, r.taskId, r.graceSeconds])).toEqual([
      [60e6, 'db.v1.2', 30],
      [60e6, 'db.v1.1', 30],
    ]);
    expect(run.of('task-ended').map((r) => [r.t, r.taskId, r.state])).toEqual([
      [90e6, 'db.v1.2', 'killed'],
      [90e6, 'db.v1.1', 'killed'],
    ]);
    // No replacement: killed by the framework's choice.
    expect(run.of('task-launched')).toHaveLength(3);
  });

  it('autoscales from the sampled load, respecting the cooldown', () => {
    // Hourly profile: hour 0 at 0.5, hour 1 at 1 → 500 then 1000 rps (peak 1000).
    const values = [0.5, ...Array(23).fill(1)];
    const scenario = (cooldownSeconds: number) =>
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 2,
              resources: { cpus: 0.1, mem: 64 },
              load: { rps: { profile: { shape: 'hourly', values }, peakRps: 1000 }, rpsPerInstance: 100 },
              autoscale: { targetUtilization: 0.5, minInstances: 2, maxInstances: 40, cooldownSeconds },
            },
          ],
        },
        { machines: [{ class: 'm', count: 2, resources: { cpus: 16, mem: 65536 } }] },
        '65m',
      );
    // t=0: ceil(500 / (100 × 0.5)) = 10; t=3600 s: ceil(1000 / 50) = 20.
    expect(
      runMarathon(scenario(300))
        .facts('app')
        .map((f) => [f.t, f.desired]),
    ).toEqual([
      [0, 2],
      [0, 10],
      [3600, 20],
    ]);
    // With a 2 h cooldown the second change waits (past the horizon).
    expect(
      runMarathon(scenario(7200))
        .facts('app')
        .map((f) => [f.t, f.desired]),
    ).toEqual([
      [0, 2],
      [0, 10],
    ]);
  });

  it('reports traffic at each sample and when the healthy count changes; usage follows the load', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 3,
              resources: { cpus: 1, mem: 512 },
              healthCheck: { gracePeriodSeconds: 10, intervalSeconds: 30, timeoutSeconds: 5 },
              load: { rps: 300, rpsPerInstance: 200, cpusPerRps: 0.002, baseUsage: { cpus: 0.1 } },
            },
          ],
        },
        { machines: [{ class: 'm', count: 3, resources: { cpus: 4, mem: 4096 } }] },
        '2m',
      ),
    );
    const traffic = run.facts('traffic').map((f) => [f.t, f.servedRps, f.degradedRps, f.failedRps]);
    // t=0: nobody healthy yet, all 300 fail. Still at t=0 the 3 instances start and pass their
    // first check (checks run from the start, no warm-up) one after another: 1 healthy → 200
    // served + 100 degraded; 2 → 300 served; 3 → unchanged (not repeated).
    // Samples at 60 and 120 s repeat the state.
    expect(traffic).toEqual([
      [0, 0, 0, 300],
      [0, 200, 100, 0],
      [0, 300, 0, 0],
      [60, 300, 0, 0],
      [120, 300, 0, 0],
    ]);
    // From the sample at 60 s: 100 rps each → 0.1 + 100 × 0.002 = 0.3 cpus; mem from the allocation.
    expect(run.of('task-usage').map((u) => [u.t, u.taskId, u.usage])).toEqual([
      [60e6, 'web.v1.0', { cpus: 0.3, mem: 512 }],
      [60e6, 'web.v1.1', { cpus: 0.3, mem: 512 }],
      [60e6, 'web.v1.2', { cpus: 0.3, mem: 512 }],
    ]);
  });
});
