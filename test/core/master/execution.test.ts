import { describe, expect, it } from 'vitest';
import type { TaskLaunch } from '../../../src/core/plugins/framework.ts';
import { ExecutionModel } from '../../../src/core/master/execution.ts';
import type { Resources } from '../../../src/core/cluster/resources.ts';
import { runSimulation } from '../../../src/run.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runScripted as run, scripted } from '../../fixtures/scripted.ts';

const task = (taskId: string, usage?: Resources): TaskLaunch => ({
  taskId,
  resources: { cpus: 1, mem: 1024 },
  durationSeconds: 100,
  ...(usage ? { usage } : {}),
});
const fourTasksOneBadActor = [task('bad', { cpus: 2, mem: 1024 }), task('n1'), task('n2'), task('n3')];

describe('a bad actor using twice its CPU on a shared machine', () => {
  it('with isolation, on a full machine, is cut back to its share and leaves its neighbours alone', () => {
    // Demand 5 cpus on 4: shared 1 : 1 : 1 : 1 by cpu.shares, each neighbour gets the 1 cpu it
    // wants and the bad actor 1 of the 2 it wants: half speed, 50 s of work done by 100 s. Then
    // the machine is idle and shares let it take both cpus it wants: the other 50 s end at 150.
    const { ends } = run(fourTasksOneBadActor, true);
    expect(ends).toEqual({ n1: 'finished@100', n2: 'finished@100', n3: 'finished@100', bad: 'finished@150' });
  });

  it('without isolation, stretches its neighbours’ tasks', () => {
    // Demand 2 + 1 + 1 + 1 = 5 cpus on 4: everyone runs at 4/5 speed, so 100 s of work take 125 s.
    const { ends, recorder } = run(fourTasksOneBadActor, false);
    expect(ends).toEqual({ bad: 'finished@125', n1: 'finished@125', n2: 'finished@125', n3: 'finished@125' });
    expect(
      recorder
        .of('task-rate')
        .filter((r) => r.t === 0)
        .map((r) => [r.taskId, r.rate]),
    ).toEqual([
      ['bad', 0.8],
      ['n1', 0.8],
      ['n2', 0.8],
      ['n3', 0.8],
    ]);
  });

  it('speeds the others up again when it leaves', () => {
    // Without isolation, the bad actor is killed at t=25: the neighbours did 25 × 0.8 = 20 s of
    // work, then run at full speed: 80 s more, ending at 105.
    const { ends } = run(fourTasksOneBadActor, false, [{ at: 25, action: { kind: 'kill', taskId: 'bad' } }]);
    expect(ends).toEqual({ bad: 'killed@25', n1: 'finished@105', n2: 'finished@105', n3: 'finished@105' });
  });
});

describe('memory beyond the allocation', () => {
  it('gets the task killed (OOM) with isolation, when its use grows past the allocation', () => {
    const { ends } = run([task('a'), task('b')], true, [
      { at: 10, action: { kind: 'usage', taskId: 'a', usage: { cpus: 1, mem: 2048 } } },
    ]);
    expect(ends).toEqual({ a: 'failed@10:OOM', b: 'finished@100' });
  });

  it('without isolation, is taken from the machine until it runs out, then the task most over its allocation is killed', () => {
    // 3 tasks of 1024 MB on a 4096 MB machine: a growing to 2048 fits (4096 in all); to 2049 it
    // does not, and a is the one most over its allocation.
    const fits = run([task('a'), task('b'), task('c')], false, [
      { at: 10, action: { kind: 'usage', taskId: 'a', usage: { cpus: 1, mem: 2048 } } },
    ]);
    expect(fits.ends['a']).toBe('finished@100');
    const over = run([task('a'), task('b'), task('c')], false, [
      { at: 10, action: { kind: 'usage', taskId: 'a', usage: { cpus: 1, mem: 2049 } } },
    ]);
    expect(over.ends).toEqual({ a: 'failed@10:OOM', b: 'finished@100', c: 'finished@100' });
  });
});

describe('kill grace period', () => {
  it('ends a killed task only after its grace period, and it keeps its resources meanwhile', () => {
    const stateful = { taskId: 's', resources: { cpus: 1, mem: 1024 }, killGraceSeconds: 30 };
    const { ends, recorder } = run([stateful], true, [
      { at: 5, action: { kind: 'kill', taskId: 's' } },
      { at: 6, action: { kind: 'kill', taskId: 's' } },
    ]);
    expect(recorder.of('task-killing').map((r) => [r.t / 1e6, r.graceSeconds])).toEqual([[5, 30]]);
    expect(ends).toEqual({ s: 'killed@35' });
  });
});

describe('ExecutionModel', () => {
  it('keeps work done across rate changes', () => {
    const model = new ExecutionModel(false, new Map([['m', { cpus: 2 }]]));
    const a = {
      key: 'a',
      agentId: 'm',
      allocation: { cpus: 1 },
      usage: { cpus: 1 },
      remaining: 100e6,
      rate: 1,
      progressAt: 0,
      version: 0,
    };
    model.add(a, 0);
    expect(model.finishTime(a, 0)).toBe(100e6);
    const b = {
      key: 'b',
      agentId: 'm',
      allocation: { cpus: 1 },
      usage: { cpus: 3 },
      remaining: undefined,
      rate: 1,
      progressAt: 0,
      version: 0,
    };
    // At t=40, demand 1 + 3 = 4 on 2 cpus: half speed; 60 s of work left take 120 s.
    const changes = model.add(b, 40e6);
    expect(changes.rescheduled.map((t) => t.key)).toEqual(['a', 'b']);
    expect(model.finishTime(a, 40e6)).toBe(160e6);
    expect(model.consumed(b)).toEqual({ cpus: 1.5 });
    model.remove('b', 100e6); // 30 s more done by then: 30 left at full speed
    expect(model.finishTime(a, 100e6)).toBe(130e6);
  });
});

describe('used utilization', () => {
  it('counts what tasks consume at the speed they run, beside what they were allocated', () => {
    const report = (isolation: boolean) => {
      const registry = createDefaultRegistry().registerFramework(scripted(fourTasksOneBadActor));
      return runSimulation(
        {
          horizon: '250s',
          master: { isolation },
          topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 } }] },
          allocator: { policy: 'drf' },
          frameworks: [{ id: 'fw', scheduler: 'scripted' }],
        },
        { registry, wallClock: false },
      ).utilization;
    };
    // Isolation (shares): 0–100 s the neighbours use 3 cpus and the bad actor gets the 4th (4 of
    // 4); 100–150 s only the bad actor, at the 2 cpus it wants; then nothing:
    // (4 × 100 + 2 × 50) / (4 × 250) = 0.5. Allocated: 4 cpus for 100 s, 1 cpu for 50 s: 0.45.
    const isolated = report(true);
    expect(isolated.used['cpus']).toBeCloseTo(0.5, 9);
    expect(isolated.allocated['cpus']).toBeCloseTo(0.45, 9);
    // Without isolation all four run at 0.8 speed using 5 × 0.8 = 4 cpus until 125 s: 500 / 1000.
    const shared = report(false);
    expect(shared.used['cpus']).toBeCloseTo(0.5, 9);
    expect(shared.allocated['cpus']).toBeCloseTo(0.5, 9);
    // Memory used (isolated): 4 × 1024 MB for 100 s, then 1024 MB for 50 s, of 4096 MB × 250 s.
    expect(isolated.used['mem']).toBeCloseTo((4 * 1024 * 100 + 1024 * 50) / (4096 * 250), 9);
  });
});

describe('task outcome', () => {
  it('ends a task launched with outcome "failed" as failed when its work is done', () => {
    const { ends } = run([{ ...task('crash'), outcome: 'failed' }, task('ok')], true);
    expect(ends).toEqual({ crash: 'failed@100:task failed', ok: 'finished@100' });
  });
});
