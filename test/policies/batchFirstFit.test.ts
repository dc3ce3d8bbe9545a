import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/run.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { createRecorder } from '../fixtures/recorder.ts';

/** 2 machines × 4 cpus; one job of 10 one-cpu tasks of 60 s at t = 0. */
function tenTasksOnEightSlots(thinkTime?: { base?: string; perTask?: string }): ScenarioInput {
  return {
    horizon: '240s',
    topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 8192 } }] },
    allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 2 } } } },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', ...(thinkTime ? { thinkTime } : {}) }],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'batch',
        options: {
          arrivals: { process: 'once' },
          jobs: 1,
          tasks: 10,
          resources: { cpus: 1, mem: 1024 },
          duration: '60s',
        },
      },
    ],
  };
}

describe('batch-first-fit on a static partition', () => {
  it('runs 10 tasks on 8 slots in two waves: 8 at t=0, 2 at t=60 s, done at t=120 s', () => {
    const recorder = createRecorder();
    const report = runSimulation(tenTasksOnEightSlots(), { observers: [recorder], wallClock: false });
    const launches = recorder.of('task-launched').map((r) => [r.t / 1e6, r.agentId]);
    // First wave fills both machines (first-fit: 4 on m-0, then 4 on m-1); the second wave's two
    // tasks both go to the first offer of the t=60 s batch run, m-0.
    expect(launches).toEqual([
      [0, 'm-0'],
      [0, 'm-0'],
      [0, 'm-0'],
      [0, 'm-0'],
      [0, 'm-1'],
      [0, 'm-1'],
      [0, 'm-1'],
      [0, 'm-1'],
      [60, 'm-0'],
      [60, 'm-0'],
    ]);
    const f = report.frameworks['batch'];
    expect(f?.jobsCompleted).toBe(1);
    expect(f?.jobCompletionSeconds.max).toBe(120);
    expect(f?.taskWaitSeconds).toMatchObject({ count: 10, max: 60, p50: 0 });
    // CPU-seconds: 8 × 60 + 2 × 60 = 600 of 8 cpus × 240 s = 1920.
    expect(report.utilization.allocated['cpus']).toBeCloseTo(600 / 1920, 12);
    expect(report.utilization.byFramework['batch']?.['cpus']).toBeCloseTo(600 / 1920, 12);
    expect(report.utilization.series.allocated['cpus']?.[0]).toBe(1);
  });

  it('applies replies after the think time (1 s + 0.1 s per launched task), one reply after another', () => {
    const recorder = createRecorder();
    runSimulation(tenTasksOnEightSlots({ base: '1s', perTask: '100ms' }), { observers: [recorder], wallClock: false });
    const times = recorder.of('task-launched').map((r) => r.t / 1e6);
    // t=0: registering, the idle framework replies "suppress" (ready at 1 s); the job arrives and it
    // replies "revive" after that (2 s); the t=0 allocation's two offers come in one callback, whose
    // reply launches 8 tasks and is ready at 2 + 1 + 0.8 = 3.8 s.
    expect(times.slice(0, 8)).toEqual(Array(8).fill(3.8));
    // The first wave ends at 63.8 s; the batch run at 64 s offers it; the reply takes 1.2 s.
    expect(times.slice(8)).toEqual([65.2, 65.2]);
  });

  it('suppresses while idle and revives when a job arrives', () => {
    const recorder = createRecorder();
    runSimulation(tenTasksOnEightSlots(), { observers: [recorder], wallClock: false });
    const switches = recorder.records
      .filter((r) => r.kind === 'framework-suppressed' || r.kind === 'framework-revived')
      .map((r) => `${r.kind}@${r.t / 1e6}`);
    expect(switches).toEqual(['framework-suppressed@0', 'framework-revived@0', 'framework-suppressed@60']);
    // After the second wave is placed, no offer is made until the horizon: suppressed.
    expect(recorder.of('offer-made').filter((r) => r.t > 60e6)).toEqual([]);
  });
});
