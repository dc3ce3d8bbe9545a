import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { FrameworkAction, FrameworkPlugin, OfferView, TaskStatus } from '../../../src/core/plugins/framework.ts';
import { runSimulation } from '../../../src/run.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/** A framework whose replies to offers are scripted by the test; it records what it is told. */
function scriptedFramework(
  reply: (offer: OfferView, n: number) => FrameworkAction[],
  statuses: TaskStatus[],
): FrameworkPlugin<object> {
  return {
    name: 'scripted',
    description: 'replies as the test says',
    options: z.strictObject({}),
    create() {
      let n = 0;
      return {
        resourceOffers: (offers) => offers.flatMap((offer) => reply(offer, n++)),
        statusUpdate: (status) => {
          statuses.push(status);
          return [];
        },
        jobSubmitted: () => [],
        pendingTasks: () => 0,
      };
    },
  };
}

function run(reply: (offer: OfferView, n: number) => FrameworkAction[], extra: Record<string, unknown> = {}) {
  const statuses: TaskStatus[] = [];
  const registry = createDefaultRegistry().registerFramework(scriptedFramework(reply, statuses));
  const recorder = createRecorder();
  runSimulation(
    {
      horizon: '20s',
      master: { checkInvariants: true, ...(extra['master'] as object) },
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 } }] },
      allocator: { policy: 'static-partition', options: { partitions: { fw: { count: 1 } } } },
      frameworks: [{ id: 'fw', scheduler: 'scripted', ...(extra['framework'] as object) }],
    },
    { registry, observers: [recorder], wallClock: false },
  );
  return { statuses, recorder };
}

describe('the master validates framework decisions', () => {
  it('rejects an accept whose tasks do not fit, reports TASK_ERROR and returns the offer', () => {
    const { statuses, recorder } = run((offer, n) =>
      n === 0
        ? [{ kind: 'accept', offerId: offer.offerId, launches: [{ taskId: 't1', resources: { cpus: 8 } }] }]
        : [{ kind: 'decline', offerId: offer.offerId, refuseSeconds: 1000 }],
    );
    expect(recorder.of('decision-rejected')).toEqual([
      {
        t: 0,
        kind: 'decision-rejected',
        frameworkId: 'fw',
        action: 'accept',
        reason: 'offer o1: tasks need cpus:8 but the offer holds cpus:4; mem:4096',
      },
    ]);
    expect(statuses).toEqual([
      {
        taskId: 't1',
        agentId: 'm-0',
        state: 'error',
        reason: 'tasks need cpus:8 but the offer holds cpus:4; mem:4096',
      },
    ]);
    expect(recorder.of('task-launched')).toEqual([]);
    // The rejected accept installed the default 5 s filter, so the next offer comes at the first
    // batch run at or after t = 5 s.
    expect(recorder.of('offer-made').map((o) => o.t / 1e6)).toEqual([0, 5]);
  });

  it('rejects reused task ids and unknown actions, and kills on request', () => {
    const { recorder, statuses } = run((offer, n) => {
      if (n === 0) {
        return [
          {
            kind: 'accept',
            offerId: offer.offerId,
            launches: [{ taskId: 'a', resources: { cpus: 1 }, durationSeconds: 100 }],
          },
          { kind: 'dance' } as unknown as FrameworkAction,
          { kind: 'kill', taskId: 'zzz' },
        ];
      }
      if (n === 1)
        return [
          { kind: 'accept', offerId: offer.offerId, launches: [{ taskId: 'a', resources: { cpus: 1 } }] },
          { kind: 'kill', taskId: 'a' },
        ];
      return [{ kind: 'decline', offerId: offer.offerId, refuseSeconds: 1000 }];
    });
    expect(recorder.of('decision-rejected').map((r) => `${r.action}: ${r.reason}`)).toEqual([
      'dance: unknown action kind; expected accept, decline, suppress, revive, kill, timer, abandon, usage, report or reconcile',
      'kill: no running task "zzz"',
      'accept: offer o2: task 0: task id "a" is already in use',
    ]);
    expect(statuses.map((s) => `${s.taskId}:${s.state}`)).toEqual(['a:running', 'a:error', 'a:killed']);
    // The first accept declined its unused part with the default 5 s filter, so the second offer
    // (and the kill that comes with it) is at t = 5 s.
    expect(recorder.of('task-ended').map((r) => [r.taskId, r.state, r.t / 1e6])).toEqual([['a', 'killed', 5]]);
  });

  it('rescinds offers held past the offer timeout; a late accept drops its tasks', () => {
    const { recorder, statuses } = run(
      (offer, n) =>
        n === 0
          ? [{ kind: 'accept', offerId: offer.offerId, launches: [{ taskId: 'late', resources: { cpus: 1 } }] }]
          : [{ kind: 'decline', offerId: offer.offerId, refuseSeconds: 1000 }],
      { master: { offerTimeout: '2s' }, framework: { thinkTime: { base: '3s' } } },
    );
    expect(recorder.of('offer-rescinded')[0]).toEqual({
      t: 2e6,
      kind: 'offer-rescinded',
      offerId: 'o1',
      frameworkId: 'fw',
      reason: 'offer timeout',
    });
    expect(statuses).toEqual([{ taskId: 'late', agentId: '', state: 'dropped', reason: 'offer no longer valid' }]);
    expect(recorder.of('task-launched')).toEqual([]);
    // Every reply takes 3 s, longer than the 2 s timeout: each offer is rescinded (no filter) at
    // t + 2 s, and the batch run at that same instant (it runs after the expiry) offers it again.
    expect(recorder.of('offer-made').map((o) => o.t / 1e6)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(recorder.of('offer-rescinded').map((o) => o.t / 1e6)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(recorder.of('decision-rejected')).toEqual([]);
  });
});

describe('framework replies', () => {
  it('arrive in the order the scheduler sent them, even when a later one needs less thinking', () => {
    // At t=0 the framework accepts its offer with 10 launches and suppresses (10 × 1 s of thinking);
    // a job arriving at t=1 makes it revive (no launches, no thinking). The revive must not
    // overtake the suppress, or the framework would end up suppressed for good.
    const plugin: FrameworkPlugin<object> = {
      name: 'sequential',
      description: 'suppresses with a big reply, then revives',
      options: z.strictObject({}),
      create() {
        let first = true;
        return {
          resourceOffers: (offers) =>
            offers.flatMap((offer): FrameworkAction[] => {
              if (!first) return [{ kind: 'decline', offerId: offer.offerId, refuseSeconds: 1000 }];
              first = false;
              const launches = Array.from({ length: 10 }, (_, i) => ({
                taskId: `t${i}`,
                resources: { cpus: 0.1 },
                durationSeconds: 1,
              }));
              return [{ kind: 'accept', offerId: offer.offerId, launches }, { kind: 'suppress' }];
            }),
          statusUpdate: () => [],
          jobSubmitted: () => [{ kind: 'revive' }],
          pendingTasks: () => 0,
        };
      },
    };
    const registry = createDefaultRegistry().registerFramework(plugin);
    const recorder = createRecorder();
    runSimulation(
      {
        horizon: '30s',
        topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4 } }] },
        allocator: { policy: 'static-partition', options: { partitions: { fw: { count: 1 } } } },
        frameworks: [{ id: 'fw', scheduler: 'sequential', thinkTime: { perTask: '1s' } }],
        workloads: [
          {
            generator: 'batch-jobs',
            framework: 'fw',
            options: { arrivals: { process: 'list', at: ['1s'] }, tasks: 1, resources: { cpus: 1 }, duration: '1s' },
          },
        ],
      },
      { registry, observers: [recorder], wallClock: false },
    );
    const switches = recorder.records.filter(
      (r) => r.kind === 'framework-suppressed' || r.kind === 'framework-revived',
    );
    expect(switches.map((r) => `${r.kind}@${r.t / 1e6}`)).toEqual(['framework-suppressed@10', 'framework-revived@10']);
    // Revived last: the remaining 3 cpus are offered again at once (and declined for 1000 s); at
    // 11 s the tasks end and all 4 cpus, not contained in that filter, are offered again.
    expect(recorder.of('offer-made').map((o) => o.t / 1e6)).toEqual([0, 10, 11]);
  });
});
