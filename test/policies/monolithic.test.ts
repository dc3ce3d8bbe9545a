import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { runSimulation } from '../../src/run.ts';
import { createRecorder } from '../fixtures/recorder.ts';

const job = (framework: string, at: string[], tasks = 1) => ({
  name: `${framework}-jobs`,
  generator: 'batch-jobs',
  framework,
  options: { arrivals: { process: 'list', at }, tasks, resources: { cpus: 1 }, duration: '3s' },
});

function launches(scenario: ScenarioInput): string[] {
  const recorder = createRecorder();
  runSimulation(scenario, { observers: [recorder], wallClock: false });
  return recorder.of('task-launched').map((r) => `${r.frameworkId}@${r.t / 1e6}`);
}

describe('the monolithic scheduler', () => {
  it('places tasks the moment resources free up, where Mesos waits for the next batch run', () => {
    // One 1-cpu machine, a job of two 3 s tasks at t=0, allocation interval 10 s, no think time.
    const scenario = (policy: string): ScenarioInput => ({
      horizon: '30s',
      master: { allocationInterval: '10s' },
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 1 } }] },
      allocator: { policy },
      frameworks: [{ id: 'a', scheduler: 'batch-first-fit' }],
      workloads: [job('a', ['0s'], 2)],
    });
    expect(launches(scenario('monolithic'))).toEqual(['a@0', 'a@3']);
    // Under Mesos a task ending does not trigger a run: the second task waits for t=10.
    expect(launches(scenario('drf'))).toEqual(['a@0', 'a@10']);
  });

  it('serves the framework whose work has waited longest first', () => {
    // a's first task holds the only cpu until t=10; b waits from t=1, a's second job from t=2.
    const order = launches({
      horizon: '30s',
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 1 } }] },
      allocator: { policy: 'monolithic' },
      frameworks: [
        { id: 'a', scheduler: 'batch-first-fit' },
        { id: 'b', scheduler: 'batch-first-fit' },
      ],
      workloads: [
        {
          ...job('a', ['0s', '2s']),
          options: { ...job('a', []).options, arrivals: { process: 'list', at: ['0s', '2s'] }, duration: '10s' },
        },
        job('b', ['1s']),
      ],
    });
    expect(order).toEqual(['a@0', 'b@10', 'a@13']);
  });

  it('makes each decision wait for the one before when frameworks think', () => {
    // Two frameworks, two 1-cpu machines, both jobs at t=0, each reply takes 1 s (they never
    // suppress, so offers are their only replies). The first framework (by id, same wait) is
    // offered both machines, uses one and returns the other at t=1; only then can the second
    // framework decide, at t=2.
    const order = launches({
      horizon: '30s',
      topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 1 } }] },
      allocator: { policy: 'monolithic' },
      frameworks: [
        { id: 'a', scheduler: 'batch-first-fit', thinkTime: { base: '1s' }, options: { suppressWhenIdle: false } },
        { id: 'b', scheduler: 'batch-first-fit', thinkTime: { base: '1s' }, options: { suppressWhenIdle: false } },
      ],
      workloads: [job('a', ['0s']), job('b', ['0s'])],
    });
    expect(order).toEqual(['a@1', 'b@2']);
  });
});
