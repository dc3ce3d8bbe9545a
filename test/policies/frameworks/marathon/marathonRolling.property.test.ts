import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

/**
 * The bounds of a rolling upgrade, derived from Marathon's documentation and TaskReplaceActor in
 * whole quarters (no floating point, and none of the code under test): at least
 * ceil(instances × minimumHealthCapacity) healthy, at most floor(instances × (1 +
 * maximumOverCapacity)) running — one more when that cap is not above the healthy floor, Marathon's
 * "temporary over-capacity of one instance to allow restarting".
 */
function bounds(instances: number, healthQuarters: number, overQuarters: number): { floor: number; cap: number } {
  const floor = Math.ceil((instances * healthQuarters) / 4); // exact: both sides are integers
  const cap = Math.floor((instances * (4 + overQuarters)) / 4);
  return { floor, cap: cap <= floor ? cap + 1 : cap };
}

/** A small cluster that can hold the deployment's cap, one app, one rolling deploy. */
const deployCase = fc.record({
  instances: fc.integer({ min: 1, max: 5 }),
  /** In quarters: minimumHealthCapacity 0, 0.25, …, 1 and maximumOverCapacity 0, 0.25, 0.5, 1. */
  healthQuarters: fc.integer({ min: 0, max: 4 }),
  overQuarters: fc.constantFrom(0, 1, 2, 4),
  gracePeriodSeconds: fc.integer({ min: 1, max: 20 }),
  intervalSeconds: fc.integer({ min: 5, max: 20 }),
  killGraceSeconds: fc.constantFrom(0, 5),
  thinkMs: fc.constantFrom(0, 100),
  deployAt: fc.integer({ min: 60, max: 120 }),
  spareMachines: fc.integer({ min: 0, max: 1 }),
});

describe('marathon rolling deployments (property)', () => {
  it('bounds by hand: the oracle agrees with worked examples', () => {
    expect(bounds(4, 2, 2)).toEqual({ floor: 2, cap: 6 }); // 50 % healthy, 50 % over
    expect(bounds(4, 4, 0)).toEqual({ floor: 4, cap: 5 }); // 100 % healthy, no over: over by one
    expect(bounds(1, 1, 1)).toEqual({ floor: 1, cap: 2 }); // one instance: ceil(0.25) = 1 = floor(1.25)
    expect(bounds(3, 3, 4)).toEqual({ floor: 3, cap: 6 }); // ceil(2.25) = 3
  });

  it('stay within the capacity cap and above the health floor; every task ends at most once', () => {
    fc.assert(
      fc.property(deployCase, (c) => {
        const strategy = { minimumHealthCapacity: c.healthQuarters / 4, maximumOverCapacity: c.overQuarters / 4 };
        const { floor, cap } = bounds(c.instances, c.healthQuarters, c.overQuarters);
        const machines = Math.ceil(cap / 4) + c.spareMachines; // 4 one-cpu instances per machine
        const run = runMarathon(
          marathonScenario(
            {
              apps: [
                {
                  id: 'app',
                  instances: c.instances,
                  resources: { cpus: 1, mem: 256 },
                  killGraceSeconds: c.killGraceSeconds,
                  healthCheck: {
                    gracePeriodSeconds: c.gracePeriodSeconds,
                    intervalSeconds: c.intervalSeconds,
                    timeoutSeconds: 1,
                  },
                  upgradeStrategy: strategy,
                  events: [{ at: c.deployAt, deploy: { version: 'v2' } }],
                },
              ],
            },
            { machines: [{ class: 'm', count: machines, resources: { cpus: 4, mem: 4096 } }] },
            `${c.deployAt + 300}s`,
            { base: `${c.thinkMs}ms` },
          ),
        );
        return checkRun(run, c.deployAt * 1e6, cap, floor, c.instances);
      }),
      { seed: 20_260_101, numRuns: 60 },
    );
  });
});

function checkRun(
  run: ReturnType<typeof runMarathon>,
  deployAt: number,
  cap: number,
  floor: number,
  instances: number,
): boolean {
  const running = new Set<string>();
  const ended = new Set<string>();
  const healthy = new Set<string>();
  for (const r of run.records) {
    if (r.kind === 'task-launched') {
      expect(ended.has(r.taskId) || running.has(r.taskId), `${r.taskId} launched twice`).toBe(false);
      running.add(r.taskId);
    } else if (r.kind === 'task-ended') {
      expect(ended.has(r.taskId), `${r.taskId} ended twice`).toBe(false);
      expect(running.delete(r.taskId), `${r.taskId} ended without running`).toBe(true);
      ended.add(r.taskId);
      healthy.delete(r.taskId);
    } else if ((r.kind === 'task-usage' || r.kind === 'task-killing') && ended.has(r.taskId)) {
      throw new Error(`${r.kind} for ${r.taskId} after it ended`);
    } else if (r.kind === 'framework-fact' && r.fact === 'instance-health') {
      expect(ended.has(r.taskId), `health of ${r.taskId} after it ended`).toBe(false);
      if (r.healthy) healthy.add(r.taskId);
      else healthy.delete(r.taskId);
    } else continue;
    if (r.t < deployAt) continue;
    expect(running.size, `running tasks at ${r.t / 1e6} s`).toBeLessThanOrEqual(cap);
    expect(healthy.size, `healthy instances at ${r.t / 1e6} s`).toBeGreaterThanOrEqual(floor);
  }
  expect(run.of('decision-rejected')).toEqual([]);
  // The deployment completes: every instance healthy on v2.
  expect(run.facts('deployment').map((f) => f.phase)).toEqual(['started', 'rolling', 'finished']);
  expect([...healthy].filter((id) => id.startsWith('app.v2.'))).toHaveLength(instances);
  return true;
}
