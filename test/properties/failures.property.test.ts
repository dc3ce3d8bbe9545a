import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import { runSimulation } from '../../src/run.ts';
import { createRecorder } from '../fixtures/recorder.ts';

const MACHINES = ['m-0', 'm-1', 'm-2', 'm-3'];
const at = fc.integer({ min: 1, max: 1800 }).map((s) => `${s}s`);
const lasting = fc.integer({ min: 1, max: 900 }).map((s) => `${s}s`);

/** Random failures, every one of which has ended by 1800 + 900 s; work arrives before 1800 s. */
const failureArb = fc.oneof(
  fc.record({
    kind: fc.constant('machine-reboot' as const),
    at,
    machine: fc.constantFrom(...MACHINES),
    duration: lasting,
  }),
  fc.record({
    kind: fc.constant('partition' as const),
    at,
    machines: fc.subarray(MACHINES, { minLength: 1 }),
    duration: lasting,
  }),
  fc.record({ kind: fc.constant('switch-failure' as const), at, rack: fc.constantFrom('r1', 'r2'), duration: lasting }),
  fc.record({ kind: fc.constant('drain' as const), at, machine: fc.constantFrom(...MACHINES), duration: lasting }),
  fc.record({
    kind: fc.constant('master-failover' as const),
    at,
    duration: fc.integer({ min: 0, max: 60 }).map((s) => `${s}s`),
  }),
);

const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    policy: fc.constantFrom('drf', 'static-partition'),
    failures: fc.array(failureArb, { maxLength: 6 }),
  })
  .map(({ seed, policy, failures }): ScenarioInput => ({
    seed,
    horizon: '3h',
    master: { checkInvariants: true },
    topology: { racks: 2, machines: [{ class: 'm', count: 4, resources: { cpus: 4, mem: 4096 } }] },
    allocator:
      policy === 'drf' ? { policy } : { policy, options: { partitions: { a: { count: 2 }, b: { count: 2 } } } },
    frameworks: [
      { id: 'a', scheduler: 'batch-first-fit', options: { maxAttempts: 50 } },
      { id: 'b', scheduler: 'batch-first-fit', capabilities: ['PARTITION_AWARE'], options: { maxAttempts: 50 } },
    ],
    workloads: ['a', 'b'].map((framework) => ({
      name: framework,
      generator: 'batch-jobs',
      framework,
      options: {
        arrivals: { process: 'poisson', meanInterval: '2m' },
        jobs: 12,
        tasks: { dist: 'uniform', min: 1, max: 4 },
        resources: { cpus: 1, mem: 512 },
        duration: { dist: 'exponential', mean: '3m' },
      },
    })),
    failures,
  }));

function lifecycleViolation(records: readonly SimRecord[]): string | undefined {
  const state = new Map<string, string>();
  for (const r of records) {
    if (r.kind !== 'task-launched' && r.kind !== 'task-ended') continue;
    const key = `${r.frameworkId}/${r.taskId}`;
    if (r.kind === 'task-launched') {
      if (state.get(key) === 'running') return `${key} launched twice`;
      state.set(key, 'running');
    } else {
      if (state.get(key) !== 'running') return `${key} ended while not running`;
      state.set(key, 'ended');
    }
  }
  return undefined;
}

describe('under random failure schedules', () => {
  it('no task is in two states, nothing leaks once everything has recovered, and runs repeat exactly', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const recorder = createRecorder();
        const report = runSimulation(scenario, { observers: [recorder], wallClock: false });
        expect(lifecycleViolation(recorder.records)).toBeUndefined();
        // By the horizon every failure is over and all work has run (or ran out of attempts):
        // no task holds anything, no offer is outstanding, every machine is free.
        for (const f of Object.values(report.frameworks)) expect(f.tasksRunningAtEnd).toBe(0);
        const allocated = report.utilization.series.allocated['cpus'] ?? [];
        expect(allocated.at(-1)).toBe(0);
        const open = new Set<string>();
        for (const r of recorder.records) {
          if (r.kind === 'offer-made') open.add(r.offerId);
          if (r.kind === 'offer-accepted' || r.kind === 'offer-declined' || r.kind === 'offer-rescinded')
            open.delete(r.offerId);
        }
        expect(open.size).toBe(0);
        expect(runSimulation(scenario, { wallClock: false }).eventLogHash).toBe(report.eventLogHash);
      }),
      { numRuns: 30, seed: 5151 },
    );
  }, 120_000);
});
