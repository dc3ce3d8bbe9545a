import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { chronosRegistry } from '../../policies/frameworks/chronos/cronScenario.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * Three idle frameworks that suppress offers (elastic-batch, rigid-batch and chronos): each has one
 * job of one 1-cpu task of 5 minutes at the start, then nothing to do. The master fails over at 1 h
 * (new leader after 10 s). A framework that suppressed before the failover re-subscribes
 * suppressed (Mesos's `suppressed_roles` in SUBSCRIBE), so an idle framework gets no offer either
 * side of it.
 */
const scenario: ScenarioInput = {
  horizon: '2h',
  topology: { machines: [{ class: 'm', count: 4, resources: { cpus: 4 } }] },
  allocator: { policy: 'drf' },
  frameworks: [
    { id: 'elastic', scheduler: 'elastic-batch' },
    { id: 'rigid', scheduler: 'rigid-batch' },
    {
      id: 'cron',
      scheduler: 'chronos',
      options: {
        jobs: [{ name: 'once', schedule: 'R1/2026-01-01T00:00:00Z/PT1H', resources: { cpus: 1 }, duration: '5m' }],
      },
    },
  ],
  workloads: ['elastic', 'rigid'].map((framework) => ({
    generator: 'batch-jobs',
    framework,
    options: { arrivals: { process: 'list', at: ['0s'] }, tasks: 1, resources: { cpus: 1 }, duration: '5m' },
  })),
  failures: [{ kind: 'master-failover', at: '1h', duration: '10s' }],
};

describe('suppressed offers across a master failover', () => {
  it('an idle framework that suppressed gets no offers before or after the failover', () => {
    const recorder = createRecorder();
    runSimulation(scenario, { registry: chronosRegistry(), observers: [recorder], wallClock: false });
    const offers = recorder.of('offer-made');
    const ids = ['elastic', 'rigid', 'cron'];
    // Each launched its one task at 0 s and ended it at 300 s.
    expect(
      recorder
        .of('task-ended')
        .map((r) => [r.frameworkId, r.t / 1e6])
        .sort(),
    ).toEqual(ids.map((id) => [id, 300]).sort());
    const between = (id: string, from: number, to: number) =>
      offers.filter((o) => o.frameworkId === id && o.t >= from * 1e6 && o.t < to * 1e6).length;
    for (const id of ids) {
      // Suppressed since its task launched at 0 s: none in the hour before the failover …
      expect(between(id, 1, 3600)).toBe(0);
      // … and none in the hour after it (before the fix: one every allocation of every machine).
      expect(between(id, 3600, 7200)).toBe(0);
    }
    // Offers did flow at the start (the tasks were launched from them).
    expect(ids.every((id) => between(id, 0, 1) > 0)).toBe(true);
  });
});
