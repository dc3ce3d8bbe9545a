import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { probeFramework, type ProbeCall } from '../../fixtures/probeFramework.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * Two 4-cpu machines; the probe launches p0…p3 (1 cpu each) on its first offers and reconciles
 * at the times given; the Mesos master fails over at 100 s and is back at 110 s (agents
 * re-register within the default 30 s spread).
 */
function reconcileAround(reconcile: { at: number; taskIds?: string[] }[], capabilities: 'PARTITION_AWARE'[] = []) {
  const calls: ProbeCall[] = [];
  const recorder = createRecorder();
  runSimulation(
    {
      horizon: '300s',
      seed: 7,
      master: { checkInvariants: true },
      topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4 } }] },
      allocator: { policy: 'drf' },
      frameworks: [{ id: 'p', scheduler: 'probe', capabilities, options: { tasks: 4, reconcile } }],
      failures: [{ kind: 'master-failover', at: '100s', duration: '10s' }],
    },
    {
      registry: createDefaultRegistry().registerFramework(probeFramework(calls)),
      observers: [recorder],
      wallClock: false,
    },
  );
  const answersAt = (t: number): string[] =>
    calls
      .filter((c) => c.t === t && c.status?.reason?.startsWith('reconciliation') === true)
      .map((c) => `${c.status?.taskId}:${c.status?.state}`);
  return { recorder, answersAt };
}

describe('task reconciliation with the master', () => {
  it('implicit: the master reports every task it knows; explicit: each task named, and lost for one it has no record of', () => {
    const { answersAt, recorder } = reconcileAround([{ at: 50 }, { at: 60, taskIds: ['p2', 'ghost'] }]);
    expect(recorder.of('task-launched')).toHaveLength(4);
    expect(answersAt(50).sort()).toEqual(['p0:running', 'p1:running', 'p2:running', 'p3:running']);
    expect(answersAt(60)).toEqual(['p2:running', 'ghost:lost']);
    expect(recorder.of('reconciliation').map((r) => [r.t / 1e6, r.explicit, r.answered])).toEqual([
      [50, null, 4],
      [60, 2, 2],
    ]);
  });

  it('answers unknown (TASK_UNKNOWN), not lost, to a partition-aware framework for a task it has no record of', () => {
    const { answersAt } = reconcileAround([{ at: 60, taskIds: ['p2', 'ghost'] }], ['PARTITION_AWARE']);
    expect(answersAt(60)).toEqual(['p2:running', 'ghost:unknown']);
  });

  it('after a master failover, knows only the tasks of agents that have re-registered, and answers nothing for the rest', () => {
    const { answersAt, recorder } = reconcileAround([
      { at: 110 },
      { at: 110, taskIds: ['p0', 'ghost'] },
      { at: 200 },
      { at: 200, taskIds: ['p0', 'ghost'] },
    ]);
    // At 110 s the new master has just been elected; each agent re-registers a random moment
    // within the 30 s spread after it, so none is back yet: the master knows no task, answers
    // neither the implicit request nor p0, and says nothing of the unknown task either (it may be
    // on an agent still to come back).
    expect(recorder.of('agent-registered').filter((r) => r.t > 100e6 && r.t <= 110e6)).toEqual([]);
    expect(answersAt(110)).toEqual([]);
    expect(
      recorder
        .of('reconciliation')
        .filter((r) => r.t === 110e6)
        .map((r) => [r.explicit, r.answered]),
    ).toEqual([
      [null, 0],
      [2, 0],
    ]);
    // Both agents re-registered within the 30 s spread, so by 200 s all is known again; the
    // unknown task is now reported lost (no agent is still expected back).
    expect(recorder.of('agent-registered').filter((r) => r.t > 100e6 && r.t <= 140e6)).toHaveLength(2);
    expect(answersAt(200).sort()).toEqual(
      ['p0:running', 'p0:running', 'p1:running', 'p2:running', 'p3:running', 'ghost:lost'].sort(),
    );
  });
});
