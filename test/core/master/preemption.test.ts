import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { FrameworkAction, FrameworkPlugin } from '../../../src/core/plugins/framework.ts';
import { runSimulation } from '../../../src/run.ts';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/** Non-production work: fills its offers with 1-cpu tasks, eight in all, and never relaunches. */
const filler: FrameworkPlugin<{ grace: number }> = {
  name: 'test-filler',
  description: 'eight long 1-cpu tasks',
  options: z.strictObject({ grace: z.number().default(0) }),
  create({ grace }) {
    let next = 0;
    return {
      resourceOffers: (offers) =>
        offers.map((o): FrameworkAction => {
          const count = Math.min(8 - next, Math.floor(o.resources['cpus'] ?? 0));
          if (count <= 0) return { kind: 'decline', offerId: o.offerId, refuseSeconds: 1e6 };
          const launches = Array.from({ length: count }, () => ({
            taskId: `f${++next}`,
            resources: { cpus: 1, mem: 1024 },
            ...(grace > 0 ? { killGraceSeconds: grace } : {}),
          }));
          return { kind: 'accept', offerId: o.offerId, launches, refuseSeconds: 1e6 };
        }),
      statusUpdate: () => [],
      jobSubmitted: () => [],
      pendingTasks: () => 0,
    };
  },
};

/**
 * Production work: from 20.5 s it wants one task of 2 cpus (it says so through
 * `pendingTaskShape`). It declines every offer it cannot use for a very long time and never
 * revives, so only a preemption claim (which ignores decline filters) can get it the machine.
 */
const production: FrameworkPlugin<object> = {
  name: 'test-production',
  description: 'one 2-cpu task wanted from 20.5 s',
  options: z.strictObject({}),
  create() {
    let wanting = false;
    const shape = { cpus: 2, mem: 1024 };
    return {
      registered: () => [{ kind: 'timer', afterSeconds: 20.5, tag: 'want' }],
      timer: () => {
        wanting = true;
        return [];
      },
      resourceOffers: (offers) =>
        offers.map((o): FrameworkAction => {
          if (!wanting || (o.resources['cpus'] ?? 0) < 2)
            return { kind: 'decline', offerId: o.offerId, refuseSeconds: 1e6 };
          wanting = false;
          return { kind: 'accept', offerId: o.offerId, launches: [{ taskId: 'p1', resources: shape }] };
        }),
      statusUpdate: () => [],
      jobSubmitted: () => [],
      pendingTasks: () => (wanting ? 1 : 0),
      pendingTaskShape: () => (wanting ? shape : undefined),
    };
  },
};

function run(
  options: { preemption?: boolean; productionPriority?: number; fillerPriority?: number; grace?: number } = {},
) {
  const recorder = createRecorder();
  const scenario: ScenarioInput = {
    horizon: '200s',
    master: {
      checkInvariants: true,
      allocationInterval: '1s',
      ...(options.preemption === false ? {} : { preemption: { enabled: true, afterSeconds: 30 } }),
    },
    topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 8, mem: 16384 } }] },
    allocator: { policy: 'drf' },
    frameworks: [
      {
        id: 'batch',
        scheduler: 'test-filler',
        priority: options.fillerPriority ?? 0,
        options: { grace: options.grace ?? 0 },
      },
      { id: 'web', scheduler: 'test-production', priority: options.productionPriority ?? 100 },
    ],
  };
  const report = runSimulation(scenario, {
    registry: createDefaultRegistry().registerFramework(filler).registerFramework(production),
    observers: [recorder],
    wallClock: false,
  });
  const killed = recorder
    .of('task-ended')
    .filter((r) => r.state === 'killed')
    .map((r) => `${r.taskId}:${String(r.reason)}@${r.t / 1e6}`);
  const webLaunches = recorder.of('task-launched').filter((r) => r.frameworkId === 'web');
  return { recorder, report, killed, webLaunches };
}

describe('preemption on a full 8-cpu machine running eight 1-cpu non-production tasks', () => {
  it('fills the machine with the eight batch tasks first (the premise)', () => {
    const { recorder } = run();
    const batch = recorder.of('task-launched').filter((r) => r.frameworkId === 'batch');
    expect(batch.map((r) => r.taskId)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
    expect(batch.every((r) => r.t < 20.5e6)).toBe(true);
  });

  it('kills the 2 newest batch tasks at the first batch run 30 s after the web task started waiting (20.5 s + 30 s → 51 s)', () => {
    // Waiting from 20.5 s; due at 50.5 s; batch runs are every whole second ⇒ the 51 s run.
    const { killed, recorder } = run();
    expect(killed).toEqual(['f8:REASON_TASK_PREEMPTED@51', 'f7:REASON_TASK_PREEMPTED@51']);
    const preemptions = recorder.of('tasks-preempted');
    expect(preemptions).toHaveLength(1);
    expect(preemptions[0]).toMatchObject({
      t: 51e6,
      frameworkId: 'web',
      agentId: 'm-0',
      need: { cpus: 2, mem: 1024 },
      victims: [
        { frameworkId: 'batch', taskId: 'f8' },
        { frameworkId: 'batch', taskId: 'f7' },
      ],
    });
  });

  it('offers the freed 2 cpus to the web framework in that run, despite its decline filter, and it launches there', () => {
    const { webLaunches, recorder } = run();
    expect(webLaunches.map((r) => `${r.taskId}@${r.t / 1e6}:${r.agentId}`)).toEqual(['p1@51:m-0']);
    const offerToWeb = recorder.of('offer-made').filter((o) => o.frameworkId === 'web' && o.t === 51e6);
    expect(offerToWeb.map((o) => o.resources['cpus'])).toEqual([2]);
  });

  it('counts the victims and the preemption in the report', () => {
    const { report } = run();
    expect(report.frameworks['batch']?.tasksPreempted).toBe(2);
    expect(report.frameworks['batch']?.tasksEnded['killed']).toBe(2);
    expect(report.frameworks['web']?.preemptions).toBe(1);
    expect(report.frameworks['web']?.tasksPreempted).toBe(0);
  });

  it('kills nothing with preemption off, and the web task never launches', () => {
    const { killed, webLaunches, report } = run({ preemption: false });
    expect(killed).toEqual([]);
    expect(webLaunches).toEqual([]);
    expect(report.frameworks['web']?.preemptions).toBe(0);
  });

  it('never preempts between equal priorities (0 and 0, 100 and 100)', () => {
    for (const priority of [0, 100]) {
      const { killed, webLaunches } = run({ productionPriority: priority, fillerPriority: priority });
      expect(killed).toEqual([]);
      expect(webLaunches).toEqual([]);
    }
  });

  it('never preempts a higher-priority framework for a lower one', () => {
    const { killed } = run({ productionPriority: 0, fillerPriority: 100 });
    expect(killed).toEqual([]);
  });

  it('with a 10 s kill grace, the victims end at 61 s and the claim holds the room for the web task until then', () => {
    const { killed, webLaunches, recorder } = run({ grace: 10 });
    expect(recorder.of('task-killing').map((r) => `${r.taskId}@${r.t / 1e6}`)).toEqual(['f8@51', 'f7@51']);
    expect(killed).toEqual(['f8:REASON_TASK_PREEMPTED@61', 'f7:REASON_TASK_PREEMPTED@61']);
    // Freed at 61 s: offered to the web framework at the 61 s run or, at the latest, the next one.
    expect(webLaunches).toHaveLength(1);
    expect(webLaunches[0]?.t).toBeGreaterThanOrEqual(61e6);
    expect(webLaunches[0]?.t).toBeLessThanOrEqual(62e6);
  });
});
