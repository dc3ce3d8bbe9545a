import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { FrameworkAction, FrameworkPlugin } from '../../../src/core/plugins/framework.ts';
import type { Resources } from '../../../src/core/cluster/resources.ts';
import { runSimulation } from '../../../src/run.ts';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/** A service: one task allocated 6 cpus, using 2; its use changes at the given times. */
const service: FrameworkPlugin<object> = {
  name: 'test-service',
  description: 'one long-running task whose cpu use follows a script',
  options: z.strictObject({}),
  create() {
    const script: { at: number; cpus: number }[] = [
      { at: 100, cpus: 5 },
      { at: 200, cpus: 2 },
    ];
    let launched = false;
    return {
      registered: () => script.map((s, i) => ({ kind: 'timer', afterSeconds: s.at, tag: String(i) }) as const),
      resourceOffers: (offers) =>
        offers.map((o): FrameworkAction => {
          if (launched) return { kind: 'decline', offerId: o.offerId, refuseSeconds: 1e6 };
          launched = true;
          const launch = { taskId: 'svc', resources: { cpus: 6, mem: 4096 }, usage: { cpus: 2, mem: 4096 } };
          return { kind: 'accept', offerId: o.offerId, launches: [launch], refuseSeconds: 1e6 };
        }),
      timer: (tag) => [{ kind: 'usage', taskId: 'svc', usage: { cpus: script[Number(tag)]?.cpus ?? 0, mem: 4096 } }],
      statusUpdate: () => [],
      jobSubmitted: () => [],
      pendingTasks: () => 0,
    };
  },
};

/** A best-effort framework: fills every revocable offer with 1-cpu tasks; declines regular offers. */
const bestEffort: FrameworkPlugin<object> = {
  name: 'test-best-effort',
  description: 'runs 1-cpu tasks on revocable resources only',
  options: z.strictObject({}),
  create() {
    let next = 0;
    return {
      resourceOffers: (offers) =>
        offers.map((o): FrameworkAction => {
          if (o.revocable !== true) return { kind: 'decline', offerId: o.offerId, refuseSeconds: 1e6 };
          const count = Math.floor(o.resources['cpus'] ?? 0);
          const launches = Array.from({ length: count }, () => ({ taskId: `be${++next}`, resources: { cpus: 1 } }));
          return { kind: 'accept', offerId: o.offerId, launches };
        }),
      statusUpdate: () => [],
      jobSubmitted: () => [],
      pendingTasks: () => 0,
    };
  },
};

function run(options: { capable?: boolean; safetyMargin?: Resources; failures?: ScenarioInput['failures'] } = {}) {
  const recorder = createRecorder();
  runSimulation(
    {
      horizon: '300s',
      master: {
        checkInvariants: true,
        oversubscription: { estimatorInterval: '15s', safetyMargin: options.safetyMargin ?? {} },
      },
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 8, mem: 16384 } }] },
      allocator: { policy: 'drf' },
      ...(options.failures === undefined ? {} : { failures: options.failures }),
      frameworks: [
        { id: 'svc', scheduler: 'test-service' },
        {
          id: 'be',
          scheduler: 'test-best-effort',
          capabilities: options.capable === false ? [] : ['REVOCABLE_RESOURCES'],
        },
      ],
    },
    {
      registry: createDefaultRegistry().registerFramework(service).registerFramework(bestEffort),
      observers: [recorder],
      wallClock: false,
    },
  );
  const revocableOffers = recorder
    .of('offer-made')
    .filter((o) => o.revocable === true)
    .map((o) => ({ t: o.t / 1e6, frameworkId: o.frameworkId, cpus: o.resources['cpus'] }));
  const revoked = recorder
    .of('task-ended')
    .filter((r) => r.reason === 'REASON_CONTAINER_PREEMPTED')
    .map((r) => `${r.taskId}:${r.state}@${r.t / 1e6}`);
  return { recorder, revocableOffers, revoked };
}

describe('revocable resources on a machine of 8 cpus whose service is allocated 6 and uses 2', () => {
  it('offers the 4 unused cpus, marked revocable, at the first estimate (15 s), to the capable framework only', () => {
    const { revocableOffers, recorder } = run();
    expect(revocableOffers[0]).toEqual({ t: 15, frameworkId: 'be', cpus: 4 });
    const launched = recorder.of('task-launched').filter((r) => r.frameworkId === 'be');
    expect(launched.map((r) => r.revocable)).toEqual([true, true, true, true, true, true, true]);
    expect(launched.slice(0, 4).every((r) => r.t === 15e6)).toBe(true);
  });

  it('never offers revocable resources to a framework without REVOCABLE_RESOURCES', () => {
    const { revocableOffers, recorder } = run({ capable: false });
    expect(revocableOffers).toEqual([]);
    expect(recorder.of('task-launched').filter((r) => r.frameworkId === 'be')).toEqual([]);
  });

  it('kills, when the service’s use rises to 5 at 100 s, the newest revocable tasks beyond the 1 cpu still unused', () => {
    // Unused: 6 − 5 = 1 cpu, so 3 of the 4 one-cpu revocable tasks go, newest first.
    const { revoked } = run();
    expect(revoked).toEqual(['be4:lost@100', 'be3:lost@100', 'be2:lost@100']);
  });

  it('offers the room again only at the next estimate after the use falls back (200 s → 210 s)', () => {
    // Back to 2 cpus used at 200 s: 4 unused, 1 held by be1 ⇒ 3 offered at the estimator run at 210 s.
    const { revocableOffers } = run();
    expect(revocableOffers).toEqual([
      { t: 15, frameworkId: 'be', cpus: 4 },
      { t: 210, frameworkId: 'be', cpus: 3 },
    ]);
  });

  it('holds the safety margin back from the estimate', () => {
    // 4 unused − 1 margin = 3 offered; at 100 s, 1 unused − 1 margin = 0: every revocable task goes.
    const { revocableOffers, revoked } = run({ safetyMargin: { cpus: 1 } });
    expect(revocableOffers[0]).toEqual({ t: 15, frameworkId: 'be', cpus: 3 });
    expect(revoked).toEqual(['be3:lost@100', 'be2:lost@100', 'be1:lost@100']);
  });

  it('never uses more of the machine than it has: service use plus revocable allocations stay within 8 cpus', () => {
    const { recorder } = run();
    const ends = recorder.of('task-ended').filter((r) => r.frameworkId === 'be');
    expect(ends.length).toBeGreaterThan(0);
    // At 100 s: 5 used by the service + 1 revocable = 6 ≤ 8 − 2 unallocated.
    const liveAt = (t: number) =>
      recorder
        .of('task-launched')
        .filter((l) => l.frameworkId === 'be' && l.t <= t && !ends.some((e) => e.taskId === l.taskId && e.t <= t))
        .length;
    expect(liveAt(150e6)).toBe(1);
    expect(liveAt(250e6)).toBe(4);
  });
});

describe('revocable tasks and failures (every run checks the invariants after each event)', () => {
  it('survive a master failover: the new master is told only of the regular task, and the rise at 100 s still revokes', () => {
    // Down 50–60 s; the agent re-registers within the 30 s spread, before the service's rise at 100 s.
    const { revoked, recorder } = run({ failures: [{ kind: 'master-failover', at: '50s', duration: '10s' }] });
    const registered = recorder.of('agent-registered').filter((r) => r.t > 50e6);
    expect(registered.map((r) => r.tasks)).toEqual([5]); // svc and the 4 revocable tasks are on it
    expect(revoked).toEqual(['be4:lost@100', 'be3:lost@100', 'be2:lost@100']);
  });

  it('on a crashed machine are lost with the machine, not revoked', () => {
    const { revoked, recorder } = run({ failures: [{ kind: 'machine-crash', at: '50s', machine: 'm-0' }] });
    expect(revoked).toEqual([]);
    const lost = recorder.of('task-ended').filter((r) => r.frameworkId === 'be');
    expect(lost.map((r) => `${r.state}:${r.reason}`)).toEqual(Array(4).fill('lost:agent lost'));
  });
});
