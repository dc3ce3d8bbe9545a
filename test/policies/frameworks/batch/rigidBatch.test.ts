import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { jobs, machines, run } from './scenarios.ts';

/** 2 machines × 4 cpus = 8 one-cpu slots, all for the rigid framework `mpi` (static partition). */
function eightSlots(workloads: ScenarioInput['workloads'], horizon: string): ScenarioInput {
  return {
    horizon,
    topology: machines(2, 4),
    allocator: { policy: 'static-partition', options: { partitions: { mpi: { count: 2 } } } },
    frameworks: [{ id: 'mpi', scheduler: 'rigid-batch' }],
    ...(workloads === undefined ? {} : { workloads }),
  };
}

describe('rigid-batch: a gang larger than the cluster starves', () => {
  it('never starts a job of 10 tasks on 8 slots, holding all 8 and releasing them at every hoarding timeout', () => {
    const { report, recorder } = run(eightSlots([jobs('mpi', ['0s'], 10, '60s')], '300s'));
    // Hoarding period k starts when both machines are offered, lasts the 60 s timeout, and ends
    // with both offers declined for refuseSeconds 5: the filters expire 5 s later, when the batch
    // run offers both machines again. Period = 60 + 5 = 65 s: offers at 0, 65, 130, 195, 260;
    // releases at 60, 125, 190, 255 (the next, 320 s, is past the 300 s horizon).
    expect(recorder.of('offer-made').map((r) => [r.t / 1e6, r.resources])).toEqual(
      [0, 0, 65, 65, 130, 130, 195, 195, 260, 260].map((t) => [t, { cpus: 4 }]),
    );
    expect(recorder.of('offer-declined').map((r) => [r.t / 1e6, r.refuseSeconds])).toEqual(
      [60, 60, 125, 125, 190, 190, 255, 255].map((t) => [t, 5]),
    );
    expect(recorder.of('offer-accepted')).toEqual([]);
    // No task of the job ever launched: it is starved, and reported as never started.
    expect(recorder.of('job-submitted').map((r) => r.jobId)).toEqual(['w0-0']);
    expect(recorder.of('task-launched')).toEqual([]);
    expect(report.frameworks['mpi']).toMatchObject({ jobsSubmitted: 1, jobsNeverStarted: 1, tasksLaunched: 0 });
    expect(report.frameworks['mpi']?.starvation.pendingAtEnd).toBe(10);
    // Between releases all 8 cpus sit in held offers while nothing runs — the waste of hoarding.
    // Held: 60 s in each of the first four periods + 40 s from 260 s to the horizon = 280 s of 300 s.
    expect(report.utilization.offered['cpus']).toBeCloseTo(280 / 300, 12);
    expect(report.utilization.allocated['cpus'] ?? 0).toBe(0);
  });
});

describe('rigid-batch: a gang that fits', () => {
  it('starts a job of 8 on 8 slots once it holds all 8: every task at the same instant', () => {
    // Job a-0 (4 tasks of 30 s) and then b-0 (8 tasks of 60 s) arrive at t=0.
    const { recorder } = run(
      eightSlots([jobs('mpi', ['0s'], 4, '30s', 'a'), jobs('mpi', ['0s'], 8, '60s', 'b')], '100s'),
    );
    const launches = recorder.of('task-launched');
    // t=0: both machines are offered; a-0 fits in the first and starts; b-0 hoards the other
    // (4 slots of 8). t=30 s: a-0 ends, its machine is offered again, b-0 now holds 8 slots and
    // launches all 8 at once — 4 on each machine.
    expect(launches.map((r) => `${r.t / 1e6}:${r.taskId}`)).toEqual([
      '0:a-0.0',
      '0:a-0.1',
      '0:a-0.2',
      '0:a-0.3',
      ...Array.from({ length: 8 }, (_, i) => `30:b-0.${i}`),
    ]);
    const aMachine = launches[0]?.agentId;
    const bMachines = launches.slice(4).map((r) => r.agentId);
    // The machine held since t=0 comes first, then a-0's machine.
    expect(bMachines.slice(0, 4).every((m) => m !== aMachine)).toBe(true);
    expect(bMachines.slice(4)).toEqual(Array(4).fill(aMachine));
    // It started before its 60 s hoarding timeout: nothing was ever released.
    expect(recorder.of('offer-declined')).toEqual([]);
    expect(recorder.of('offer-accepted').map((r) => [r.t / 1e6, r.tasks])).toEqual([
      [0, 4],
      [30, 4],
      [30, 4],
    ]);
  });
});

describe('rigid-batch: hoarding blocks other frameworks', () => {
  /** DRF over 2 × 4 cpus shared by mpi (rigid) and spark (elastic); spark's job: 4 tasks of 10 s at t=1. */
  function shared(withRigidJob: boolean): ScenarioInput {
    return {
      horizon: '100s',
      topology: machines(2, 4),
      allocator: { policy: 'drf' },
      frameworks: [
        { id: 'mpi', scheduler: 'rigid-batch' },
        { id: 'spark', scheduler: 'elastic-batch' },
      ],
      workloads: [
        ...(withRigidJob ? [jobs('mpi', ['0s'], 10, '60s', 'mpi')] : []),
        jobs('spark', ['1s'], 4, '10s', 'spark'),
      ],
    };
  }

  it('the elastic job waits from 1 s to 60 s while the rigid one hoards every machine', () => {
    const { recorder, report } = run(shared(true));
    // t=0: only mpi wants offers and gets both machines; it holds them (8 < 10 slots). spark's job
    // arrives at 1 s, but nothing is free until mpi's hoarding timeout releases both at 60 s with
    // a 5 s filter for mpi: the batch run at 60 s offers them to spark, which starts all 4 tasks.
    const spark = recorder.of('task-launched').filter((r) => r.frameworkId === 'spark');
    expect(spark.map((r) => r.t / 1e6)).toEqual([60, 60, 60, 60]);
    expect(report.frameworks['spark']?.taskWaitSeconds).toMatchObject({ count: 4, max: 59, p50: 59 });
    expect(
      recorder
        .of('offer-declined')
        .filter((r) => r.frameworkId === 'mpi')
        .map((r) => r.t / 1e6),
    ).toEqual([60, 60]);
    expect(recorder.of('task-launched').filter((r) => r.frameworkId === 'mpi')).toEqual([]);
  });

  it('without the rigid job the same elastic job starts at once, at 1 s', () => {
    const { recorder } = run(shared(false));
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)).toEqual([1, 1, 1, 1]);
  });
});
