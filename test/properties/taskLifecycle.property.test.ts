import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import { runSimulation } from '../../src/run.ts';
import { createRecorder } from '../fixtures/recorder.ts';

/** A small random cluster with one framework of each batch kind and a cron framework on it. */
const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    machines: fc.integer({ min: 1, max: 4 }),
    cpus: fc.constantFrom(2, 4, 8),
    isolation: fc.boolean(),
    policy: fc.constantFrom('drf', 'random', 'fifo', 'monolithic'),
    offerTimeout: fc.option(fc.constantFrom('2s', '30s'), { nil: undefined }),
    meanInterval: fc.constantFrom('30s', '2m', '10m'),
    gang: fc.integer({ min: 1, max: 6 }),
    failureProbability: fc.constantFrom(0, 0.3),
  })
  .map((p): ScenarioInput => ({
    seed: p.seed,
    horizon: '1h',
    master: {
      isolation: p.isolation,
      checkInvariants: true,
      ...(p.offerTimeout === undefined ? {} : { offerTimeout: p.offerTimeout }),
    },
    topology: { racks: 2, machines: [{ class: 'm', count: p.machines, resources: { cpus: p.cpus, mem: 8192 } }] },
    allocator: { policy: p.policy },
    frameworks: [
      {
        id: 'simple',
        scheduler: 'batch-first-fit',
        thinkTime: { base: '50ms', perTask: '5ms' },
        options: { patienceSeconds: 600 },
      },
      {
        id: 'elastic',
        scheduler: 'elastic-batch',
        options: { order: 'fair', locality: { preferredFraction: 0.5, waitSeconds: 3 } },
      },
      { id: 'gang', scheduler: 'rigid-batch', options: { hoardingTimeoutSeconds: 20 } },
      {
        id: 'cron',
        scheduler: 'chronos',
        options: {
          jobs: [
            {
              name: 'tick',
              schedule: 'R/2026-01-01T00:05:00Z/PT10M',
              resources: { cpus: 1, mem: 512 },
              duration: '3m',
              failureProbability: p.failureProbability,
            },
          ],
        },
      },
    ],
    workloads: ['simple', 'elastic', 'gang'].map((framework) => ({
      name: framework,
      generator: 'batch-jobs',
      framework,
      options: {
        arrivals: { process: 'poisson', meanInterval: p.meanInterval },
        tasks: framework === 'gang' ? p.gang : { dist: 'uniform', min: 1, max: 6 },
        resources: { cpus: 1, mem: 1024 },
        duration: { dist: 'exponential', mean: '2m' },
      },
    })),
  }));

/** The first broken lifecycle rule in a run's records, or undefined. */
function lifecycleViolation(records: readonly SimRecord[]): string | undefined {
  const state = new Map<string, 'running' | 'ended'>();
  for (const r of records) {
    if (r.kind === 'task-launched') {
      const key = `${r.frameworkId}/${r.taskId}`;
      if (state.get(key) === 'running') return `${key} launched twice without ending`;
      state.set(key, 'running');
    } else if (r.kind === 'task-ended') {
      const key = `${r.frameworkId}/${r.taskId}`;
      if (state.get(key) !== 'running') return `${key} ended (${r.state}) while not running`;
      state.set(key, 'ended');
    } else if (
      (r.kind === 'task-rate' || r.kind === 'task-usage' || r.kind === 'task-killing') &&
      state.get(`${r.frameworkId}/${r.taskId}`) !== 'running'
    ) {
      return `${r.kind} for ${r.frameworkId}/${r.taskId}, which is not running`;
    }
  }
  return undefined;
}

describe('task lifecycle across frameworks, allocators and isolation settings', () => {
  it('every task ends in exactly one terminal state and nothing happens to it afterwards; the books always balance', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const recorder = createRecorder();
        const report = runSimulation(scenario, { observers: [recorder], wallClock: false });
        expect(lifecycleViolation(recorder.records)).toBeUndefined();
        // The rules are only tested if tasks ran: the cron job alone launches one by 00:05.
        expect(recorder.of('task-launched').length).toBeGreaterThan(0);
        expect(Object.keys(report.frameworks).sort()).toEqual(['cron', 'elastic', 'gang', 'simple']);
        // Launched = ended + still running at the horizon, for every framework.
        for (const f of Object.values(report.frameworks)) {
          const ended = Object.values(f.tasksEnded).reduce((a, b) => a + b, 0);
          expect(ended + f.tasksRunningAtEnd).toBe(f.tasksLaunched);
        }
      }),
      { numRuns: 25, seed: 4242 },
    );
  }, 120_000);

  it('the checker catches a task ended twice', () => {
    const launched = {
      t: 0,
      kind: 'task-launched',
      frameworkId: 'f',
      taskId: 't',
      jobId: null,
      agentId: 'm',
      resources: {},
      usage: {},
      waitSeconds: null,
    } as const;
    const ended = {
      t: 1,
      kind: 'task-ended',
      frameworkId: 'f',
      taskId: 't',
      jobId: null,
      agentId: 'm',
      state: 'finished',
      resources: {},
      reason: null,
    } as const;
    expect(lifecycleViolation([launched, ended, ended])).toBe('f/t ended (finished) while not running');
  });
});
