import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/kernel/rng.ts';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { elasticBatchFramework } from '../../../../src/policies/frameworks/batch/elasticBatch.ts';
import { taskPreferences } from '../../../../src/policies/frameworks/batch/locality.ts';
import { jobs, machines, run } from './scenarios.ts';

/** One machine of 4 cpus, static partition, the elastic framework with the given options. */
function fourSlots(
  options: Record<string, unknown>,
  workloads: ScenarioInput['workloads'],
  horizon = '300s',
): ScenarioInput {
  return {
    horizon,
    topology: machines(1, 4),
    allocator: { policy: 'static-partition', options: { partitions: { spark: { count: 1 } } } },
    frameworks: [{ id: 'spark', scheduler: 'elastic-batch', options }],
    ...(workloads === undefined ? {} : { workloads }),
  };
}

describe('elastic-batch: waves', () => {
  it('runs a job of 10 one-cpu tasks of 60 s on 4 slots in 3 waves: 4 at 0 s, 4 at 60 s, 2 at 120 s', () => {
    const { report, recorder } = run(fourSlots({}, [jobs('spark', ['0s'], 10, '60s')]));
    // Wave 1 fills the 4 slots at t=0; its tasks end at 60 s, freeing the machine for the batch
    // run at 60 s (task ends come before allocation at the same instant): wave 2; the same at
    // 120 s for the last 2 tasks, which end at 180 s.
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)).toEqual([0, 0, 0, 0, 60, 60, 60, 60, 120, 120]);
    expect(recorder.of('task-launched').map((r) => r.taskId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `w0-0.${i}`),
    );
    expect(report.frameworks['spark']?.jobsCompleted).toBe(1);
    expect(report.frameworks['spark']?.jobCompletionSeconds.max).toBe(180);
    // Idle at 0 (suppress), the job revives it, and once the last wave is placed it suppresses again.
    const switches = recorder.records
      .filter((r) => r.kind === 'framework-suppressed' || r.kind === 'framework-revived')
      .map((r) => `${r.kind}@${r.t / 1e6}`);
    expect(switches).toEqual(['framework-suppressed@0', 'framework-revived@0', 'framework-suppressed@120']);
  });
});

describe('elastic-batch: job order', () => {
  // Job A = a-0 (8 tasks), then job B = b-0 (2 tasks), both submitted at t=0; tasks of 60 s; 4 slots.
  const twoJobs = (order: 'fifo' | 'fair') =>
    run(fourSlots({ order }, [jobs('spark', ['0s'], 8, '60s', 'a'), jobs('spark', ['0s'], 2, '60s', 'b')]));

  it('fifo gives every slot to the first job until it has no task left', () => {
    const { recorder, report } = twoJobs('fifo');
    const launches = recorder.of('task-launched').map((r) => `${r.t / 1e6}:${r.taskId}`);
    // A takes 4 slots at 0 s and 4 at 60 s; B runs only at 120 s.
    expect(launches).toEqual([
      '0:a-0.0',
      '0:a-0.1',
      '0:a-0.2',
      '0:a-0.3',
      '60:a-0.4',
      '60:a-0.5',
      '60:a-0.6',
      '60:a-0.7',
      '120:b-0.0',
      '120:b-0.1',
    ]);
    // A completes at 120 s, B at 180 s: mean 150.
    expect(report.frameworks['spark']?.jobCompletionSeconds).toMatchObject({ count: 2, mean: 150, max: 180 });
  });

  it('fair gives each slot to the job with the fewest running tasks, interleaving the two jobs', () => {
    const { recorder, report } = twoJobs('fair');
    const launches = recorder.of('task-launched').map((r) => `${r.t / 1e6}:${r.taskId}`);
    // t=0: running (A,B) = (0,0) → A; (1,0) → B; (1,1) → A; (2,1) → B. B has no task left, so
    // A alone gets 4 slots at 60 s and its last 2 at 120 s.
    expect(launches).toEqual([
      '0:a-0.0',
      '0:b-0.0',
      '0:a-0.1',
      '0:b-0.1',
      '60:a-0.2',
      '60:a-0.3',
      '60:a-0.4',
      '60:a-0.5',
      '120:a-0.6',
      '120:a-0.7',
    ]);
    // B completes at 60 s instead of 180 s under fifo; A still completes at 180 s: mean (60 + 180) / 2.
    expect(report.frameworks['spark']?.jobCompletionSeconds).toMatchObject({ count: 2, mean: 120, max: 180 });
  });
});

describe('elastic-batch: delay scheduling in a run', () => {
  // 4 machines of 1 cpu; one job of 4 tasks of 30 s; each task prefers ⌈0.25 × 4⌉ = 1 machine.
  const localityRun = (waitSeconds: number, seed: number) =>
    run({
      seed,
      horizon: '200s',
      topology: machines(4, 1),
      allocator: { policy: 'static-partition', options: { partitions: { spark: { count: 4 } } } },
      frameworks: [
        {
          id: 'spark',
          scheduler: 'elastic-batch',
          options: { locality: { preferredFraction: 0.25, waitSeconds }, refuseSeconds: 1 },
        },
      ],
      workloads: [jobs('spark', ['0s'], 4, '30s')],
    });

  it('with waitSeconds 0 takes the first offers: all 4 tasks start at t=0', () => {
    const { recorder } = localityRun(0, 3);
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)).toEqual([0, 0, 0, 0]);
  });

  it('with a long wait launches each task on its preferred machine, queueing behind tasks that share it', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { recorder } = localityRun(100, seed);
      const preferred = taskPreferences(
        createRng(seed).fork('framework/spark'),
        'w0-0',
        4,
        ['m-0', 'm-1', 'm-2', 'm-3'],
        0.25,
      ).map((set) => set[0]);
      // At t=0 each machine is offered: a task preferring it starts there (lowest index first);
      // machines nobody prefers are declined (waited 0 s < 100 s). A task whose machine is taken
      // starts when the earlier one ends, 30 s later — all well before the 100 s wait limit, and
      // each local launch restarts the wait. So task i starts at 30 s × (earlier tasks sharing its machine).
      const expected = preferred.map(
        (machine, i) => `${30 * preferred.slice(0, i).filter((m) => m === machine).length}:w0-0.${i}@${machine}`,
      );
      const launches = recorder.of('task-launched').map((r) => `${r.t / 1e6}:${r.taskId}@${r.agentId}`);
      expect(launches.sort(), `seed ${seed}`).toEqual(expected.sort());
    }
  });
});

describe('elastic-batch: determinism', () => {
  const scenario = (seed: number): ScenarioInput => ({
    seed,
    horizon: '600s',
    topology: machines(6, 2),
    allocator: { policy: 'drf' },
    frameworks: [
      {
        id: 'spark',
        scheduler: 'elastic-batch',
        options: { order: 'fair', locality: { preferredFraction: 0.3, waitSeconds: 3 }, refuseSeconds: 1 },
      },
    ],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'spark',
        options: {
          arrivals: { process: 'poisson', meanInterval: '20s' },
          tasks: { dist: 'uniform', min: 2, max: 12 },
          resources: { cpus: 1 },
          duration: { dist: 'exponential', mean: '40s' },
        },
      },
    ],
  });
  const launches = (seed: number) =>
    run(scenario(seed))
      .recorder.of('task-launched')
      .map((r) => `${r.t}:${r.taskId}@${r.agentId}`);

  it('the same seed gives the same launches, a different seed different ones', () => {
    const first = launches(11);
    expect(first.length).toBeGreaterThan(20);
    expect(launches(11)).toEqual(first);
    expect(launches(12)).not.toEqual(first);
  });

  it('rejects unknown and out-of-range options with the accepted fields', () => {
    expect(elasticBatchFramework.options.safeParse({ order: 'lifo' }).success).toBe(false);
    expect(
      elasticBatchFramework.options.safeParse({ locality: { preferredFraction: 0, waitSeconds: 5 } }).success,
    ).toBe(false);
    const unknown = elasticBatchFramework.options.safeParse({
      locality: { preferredFraction: 0.5, waitSeconds: 5, delay: 3 },
    });
    expect(unknown.error?.issues[0]?.message).toBe(
      'unknown field "delay"; accepted fields: preferredFraction, waitSeconds',
    );
  });
});
