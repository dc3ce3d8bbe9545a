import { describe, expect, it } from 'vitest';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

const oneMachine = { machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 } }] };
const healthCheck = { gracePeriodSeconds: 300, intervalSeconds: 10, timeoutSeconds: 2, maxConsecutiveFailures: 3 };

describe('marathon start-up delay', () => {
  it('an instance launched at 0 with a 20 s start-up delay runs at 20 s, and its first health check runs then', () => {
    const run = runMarathon(
      marathonScenario(
        { apps: [{ id: 'web', instances: 1, resources: { cpus: 1, mem: 512 }, healthCheck, startupDelay: '20s' }] },
        oneMachine,
        '60s',
      ),
    );
    expect(run.of('task-launched').map((r) => r.t / 1e6)).toEqual([0]);
    expect(run.of('task-running').map((r) => [r.t / 1e6, r.startupSeconds])).toEqual([[20, 20]]);
    // The first check passes at once: healthy at 20 s (not at 0 s as without the delay).
    expect(run.facts('instance-health').map((f) => [f.t, f.healthy])).toEqual([[20, true]]);
  });

  it('without a health check an instance counts as healthy only once it runs', () => {
    const run = runMarathon(
      marathonScenario(
        { startupDelay: '45s', apps: [{ id: 'web', instances: 2, resources: { cpus: 1, mem: 512 } }] },
        oneMachine,
        '60s',
      ),
    );
    // The framework-wide delay applies to an app that sets none.
    expect(run.facts('instance-health').map((f) => [f.t, f.healthy])).toEqual([
      [45, true],
      [45, true],
    ]);
  });

  it('a distribution is drawn per instance; each is healthy exactly its own delay after its launch', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 3,
              resources: { cpus: 1, mem: 512 },
              healthCheck,
              startupDelay: { dist: 'uniform', min: '10s', max: '30s' },
            },
          ],
        },
        oneMachine,
        '60s',
      ),
    );
    const running = run.of('task-running');
    expect(running).toHaveLength(3);
    for (const r of running) {
      expect(r.startupSeconds).toBeGreaterThanOrEqual(10);
      expect(r.startupSeconds).toBeLessThanOrEqual(30);
      const health = run.facts('instance-health').find((f) => f.taskId === r.taskId);
      expect(health?.t).toBe(r.t / 1e6);
    }
    expect(new Set(running.map((r) => r.startupSeconds)).size).toBe(3);
  });

  it('a scale-down kills with the kill grace period: KILLING at the event, KILLED 3 s later', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 2,
              resources: { cpus: 1, mem: 512 },
              killGraceSeconds: 3,
              events: [{ at: '30s', scale: 1 }],
            },
          ],
        },
        oneMachine,
        '60s',
      ),
    );
    expect(run.of('task-killing').map((r) => [r.t / 1e6, r.graceSeconds])).toEqual([[30, 3]]);
    expect(run.of('task-ended').map((r) => [r.t / 1e6, r.state])).toEqual([[33, 'killed']]);
  });
});
