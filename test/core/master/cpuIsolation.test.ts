import { describe, expect, it } from 'vitest';
import type { TaskLaunch } from '../../../src/core/plugins/framework.ts';
import { runScripted } from '../../fixtures/scripted.ts';

/** A 1-cpu task doing `work` seconds of work at full speed, using `cpus` if given. */
const task = (taskId: string, work: number, cpus?: number): TaskLaunch => ({
  taskId,
  resources: { cpus: 1, mem: 1024 },
  durationSeconds: work,
  ...(cpus === undefined ? {} : { usage: { cpus, mem: 1024 } }),
});

describe('a CPU hog beside a neighbour (two 1-cpu tasks on a 4-cpu machine)', () => {
  it('with shares, runs on idle CPU at full speed and leaves the neighbour its full demand', () => {
    // Hog wants 3, neighbour 1: 4 of 4 cpus, nobody cut back; 100 s of work end at 100 s.
    const { ends, recorder } = runScripted([task('hog', 100, 3), task('n', 100)], true);
    expect(ends).toEqual({ hog: 'finished@100', n: 'finished@100' });
    expect(recorder.of('task-rate')).toEqual([]);
  });

  it('with shares, on a full machine, splits it 1 : 1 by allocation', () => {
    // Both want 3 cpus (6 > 4): 2 each, speed 2/3; 100 s of work take 150 s.
    const { ends, recorder } = runScripted([task('hog', 100, 3), task('n', 100, 3)], true);
    expect(ends).toEqual({ hog: 'finished@150', n: 'finished@150' });
    const atStart = recorder.of('task-rate').filter((r) => r.t === 0);
    expect(atStart.map((r) => [r.taskId, Math.round(r.rate * 1e9) / 1e9])).toEqual([
      ['hog', 0.666666667],
      ['n', 0.666666667],
    ]);
  });

  it('with shares, cuts the hog back on a full machine and gives it the idle CPU once alone', () => {
    // Hog wants 3, a neighbour wanting 2: 5 > 4, full. Shares 1 : 1 give 2 each: the neighbour
    // gets all it wants (ends at 100), the hog 2 of 3 (speed 2/3), so by 100 s it has done 200/3 s
    // of its 300 s of work; alone, it gets its 3 cpus: 300 − 200/3 s more, ending at 333.33 s.
    const { ends } = runScripted([task('hog', 300, 3), task('n', 100, 2)], true);
    expect(ends['n']).toBe('finished@100');
    expect(Number(ends['hog']?.split('@')[1])).toBeCloseTo(100 + 300 - 200 / 3, 5);
  });

  it('with a CFS quota (master.cfsQuota), holds the hog at its allocation', () => {
    // 1 of the 3 cpus it wants: speed 1/3, 100 s of work take 300 s; the neighbour is unaffected.
    const { ends, report } = runScripted([task('hog', 100, 3), task('n', 100)], true, [], {
      cfsQuota: true,
      horizon: '400s',
    });
    expect(ends).toEqual({ hog: 'finished@300', n: 'finished@100' });
    // Used cpus: 2 for 100 s, then 1 until 300 s, of 4 × 400: 400 / 1600.
    expect(report.utilization.used['cpus']).toBeCloseTo(400 / 1600, 9);
  });

  it('with a CFS quota on the machine class, overriding the scenario', () => {
    const capped = runScripted([task('hog', 100, 3), task('n', 100)], true, [], { machineCfsQuota: true });
    expect(capped.ends['hog']).toBe('finished@300');
    const shared = runScripted([task('hog', 100, 3), task('n', 100)], true, [], {
      cfsQuota: true,
      machineCfsQuota: false,
    });
    expect(shared.ends['hog']).toBe('finished@100');
  });

  it('reports used CPU as what tasks got: the hog on idle CPU counts 3 cpus', () => {
    // Shares: 3 + 1 cpus used for 100 s of a 4-cpu machine over 200 s: 400 / 800.
    const { report } = runScripted([task('hog', 100, 3), task('n', 100)], true, [], { horizon: '200s' });
    expect(report.utilization.used['cpus']).toBeCloseTo(0.5, 9);
    expect(report.utilization.allocated['cpus']).toBeCloseTo(0.25, 9);
  });
});

describe('memory is a hard limit', () => {
  it('OOM-kills a task at the moment its use crosses its allocation, whatever the CPU sharing', () => {
    for (const cfsQuota of [false, true]) {
      const { ends } = runScripted(
        [task('a', 100), task('b', 100)],
        true,
        [
          { at: 20, action: { kind: 'usage', taskId: 'a', usage: { cpus: 1, mem: 1024 } } },
          { at: 37, action: { kind: 'usage', taskId: 'a', usage: { cpus: 1, mem: 1025 } } },
        ],
        { cfsQuota },
      );
      expect(ends).toEqual({ a: 'failed@37:OOM', b: 'finished@100' });
    }
  });
});
