import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { FrameworkAction, FrameworkPlugin, OfferView, TaskLaunch } from '../../../src/core/plugins/framework.ts';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { runSimulation } from '../../../src/run.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * A framework that launches `launch` on the first offer it gets, declines every other offer for
 * 1 s (so freed resources are offered again at once), kills the task at `killAt` seconds when
 * asked to, and writes down every status it hears as "state@second".
 */
function oneTaskFramework(launch: TaskLaunch, heard: string[], killAt?: number): FrameworkPlugin<object> {
  return {
    name: 'one-task',
    description: 'launches one task, records its statuses',
    options: z.strictObject({}),
    create(_options, context) {
      let launched = false;
      return {
        registered: () => (killAt === undefined ? [] : [{ kind: 'timer', afterSeconds: killAt, tag: 'kill' }]),
        resourceOffers: (offers: readonly OfferView[]) =>
          offers.map((offer): FrameworkAction => {
            if (launched) return { kind: 'decline', offerId: offer.offerId, refuseSeconds: 1 };
            launched = true;
            return { kind: 'accept', offerId: offer.offerId, launches: [launch], refuseSeconds: 1 };
          }),
        statusUpdate: (status) => {
          heard.push(`${status.state}@${context.nowSeconds()}`);
          return [];
        },
        timer: () => [{ kind: 'kill', taskId: launch.taskId }],
        jobSubmitted: () => [],
        pendingTasks: () => 0,
      };
    },
  };
}

interface Setup {
  readonly launch: TaskLaunch;
  readonly killAt?: number;
  readonly aware?: boolean;
  readonly failures?: ScenarioInput['failures'];
  readonly horizon?: string;
}

/** One 4-cpu machine m-0 (registered at 0, so the master pings it at 0, 15, 30, … s). */
function run(setup: Setup) {
  const heard: string[] = [];
  const registry = createDefaultRegistry().registerFramework(oneTaskFramework(setup.launch, heard, setup.killAt));
  const recorder = createRecorder();
  runSimulation(
    {
      horizon: setup.horizon ?? '100s',
      master: { checkInvariants: true },
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 } }] },
      allocator: { policy: 'static-partition', options: { partitions: { fw: { count: 1 } } } },
      frameworks: [
        { id: 'fw', scheduler: 'one-task', ...(setup.aware === true ? { capabilities: ['PARTITION_AWARE'] } : {}) },
      ],
      ...(setup.failures === undefined ? {} : { failures: setup.failures }),
    },
    { registry, observers: [recorder], wallClock: false },
  );
  const launchedAt = (recorder.of('task-launched')[0]?.t ?? NaN) / 1e6;
  /** Seconds at which an offer of the machine's cpus was made. */
  const offersOfAllCpus = recorder
    .of('offer-made')
    .filter((o) => o.resources['cpus'] === 4)
    .map((o) => o.t / 1e6);
  const ends = recorder.of('task-ended').map((r) => `${r.state}@${r.t / 1e6}`);
  return { heard, recorder, launchedAt, offersOfAllCpus, ends };
}

const task = (extra: Partial<TaskLaunch> = {}): TaskLaunch => ({ taskId: 't', resources: { cpus: 4 }, ...extra });

describe('a start-up delay (STAGING → STARTING → RUNNING)', () => {
  it('makes a task launched at t run at t + 20 s: it holds its resources from t but works only from t + 20 s', () => {
    const { heard, recorder, launchedAt, offersOfAllCpus, ends } = run({
      launch: task({ startupSeconds: 20, durationSeconds: 30 }),
    });
    expect(launchedAt).toBe(0);
    expect(recorder.of('task-running').map((r) => [r.t / 1e6, r.startupSeconds])).toEqual([[20, 20]]);
    // Told nothing while staging; starting and running once the 20 s are over.
    expect(heard).toEqual(['starting@20', 'running@20', 'finished@50']);
    // 30 s of work from 20 s: done at 50 s, not at 30 s.
    expect(ends).toEqual(['finished@50']);
    // The machine's cpus are offered before the launch and after the end, never in between.
    expect(offersOfAllCpus.filter((t) => t > 0 && t < 50)).toEqual([]);
    expect(offersOfAllCpus.some((t) => t >= 50)).toBe(true);
  });

  it('is absent by default: the task runs from its launch and there is no task-running record', () => {
    const { heard, recorder, ends } = run({ launch: task({ durationSeconds: 30 }) });
    expect(heard).toEqual(['running@0', 'finished@30']);
    expect(ends).toEqual(['finished@30']);
    expect(recorder.of('task-running')).toEqual([]);
  });

  it('a task killed while staging ends at once, even with a kill grace period (no process to signal)', () => {
    const { heard, recorder } = run({ launch: task({ startupSeconds: 20, killGraceSeconds: 5 }), killAt: 10 });
    expect(heard).toEqual(['killed@10']);
    expect(recorder.of('task-killing')).toEqual([]);
    expect(recorder.of('task-running')).toEqual([]);
  });

  it('is rejected when not a finite number ≥ 0', () => {
    const { heard, recorder } = run({ launch: task({ startupSeconds: -1 }) });
    expect(heard).toEqual(['error@0']);
    expect(recorder.of('decision-rejected')[0]?.reason).toMatch(/startupSeconds must be a finite number ≥ 0/);
  });

  it('that ends while the machine is cut off is reported when the partition heals', () => {
    // Launched at 0, runs from 50 s in reality; the partition (40–70 s) heals before detection
    // (the first unanswered ping is at 45 s, detection would be at 120 s).
    const { heard, recorder } = run({
      launch: task({ startupSeconds: 50 }),
      failures: [{ kind: 'partition', at: '40s', machines: ['m-0'], duration: '30s' }],
    });
    expect(recorder.of('task-running').map((r) => r.t / 1e6)).toEqual([50]);
    expect(heard).toEqual(['starting@70', 'running@70']);
  });
});

describe('KILLING with a grace period', () => {
  it('holds the resources for the grace period, then the task ends KILLED and they are offered again', () => {
    const { heard, recorder, offersOfAllCpus, ends } = run({ launch: task({ killGraceSeconds: 5 }), killAt: 10 });
    expect(recorder.of('task-killing').map((r) => [r.t / 1e6, r.graceSeconds])).toEqual([[10, 5]]);
    expect(ends).toEqual(['killed@15']);
    expect(heard).toEqual(['running@0', 'killed@15']);
    // Offered at 0, then not until the task has ended at 15 s.
    expect(offersOfAllCpus.filter((t) => t > 0 && t < 15)).toEqual([]);
    expect(offersOfAllCpus.filter((t) => t >= 15)[0]).toBe(15);
  });
});

describe('partitions and partition-aware frameworks', () => {
  // Cut off from 100 s to 220 s. m-0's pings are at 0, 15, …: the one at 105 s is the first
  // unanswered, the 5th timeout after it (15 s × 5) comes at 180 s — inside the partition.
  const twoMinutes: ScenarioInput['failures'] = [{ kind: 'partition', at: '100s', machines: ['m-0'], duration: '2m' }];

  it('a partition-aware framework hears UNREACHABLE at detection, RUNNING again at the heal, never LOST', () => {
    const { heard, ends } = run({ launch: task(), aware: true, failures: twoMinutes, horizon: '300s' });
    expect(heard).toEqual(['running@0', 'unreachable@180', 'running@220']);
    expect(ends).toEqual([]);
  });

  it('a framework that is not partition-aware hears LOST at detection (and its task is killed at the heal)', () => {
    const { heard, ends } = run({ launch: task(), failures: twoMinutes, horizon: '300s' });
    expect(heard).toEqual(['running@0', 'lost@180', 'killed@220']);
    expect(ends).toEqual(['killed@220']);
  });

  it('a crashed machine: UNREACHABLE at detection, GONE when the machine comes back empty', () => {
    // Crash at 100 s, noticed at 180 s (as above); rebooted after 300 s, back at 400 s.
    const failures: ScenarioInput['failures'] = [
      { kind: 'machine-reboot', at: '100s', machine: 'm-0', duration: '300s' },
    ];
    const aware = run({ launch: task(), aware: true, failures, horizon: '500s' });
    expect(aware.heard.slice(0, 3)).toEqual(['running@0', 'unreachable@180', 'gone@400']);
    expect(aware.heard).not.toContain('lost@180');
    const plain = run({ launch: task(), failures, horizon: '500s' });
    expect(plain.heard.slice(0, 2)).toEqual(['running@0', 'lost@180']);
  });

  it('a machine rebooted faster than detection: GONE to a partition-aware framework, LOST to others', () => {
    const failures: ScenarioInput['failures'] = [
      { kind: 'machine-reboot', at: '100s', machine: 'm-0', duration: '30s' },
    ];
    expect(run({ launch: task(), aware: true, failures, horizon: '200s' }).heard.slice(0, 2)).toEqual([
      'running@0',
      'gone@130',
    ]);
    expect(run({ launch: task(), failures, horizon: '200s' }).heard.slice(0, 2)).toEqual(['running@0', 'lost@130']);
  });

  it('an agent marked gone by the operator: GONE_BY_OPERATOR to a partition-aware framework, LOST once to others', () => {
    // Cut off at 100 s, unreachable at 180 s, marked gone at 200 s; the heal at 220 s changes nothing.
    const failures: ScenarioInput['failures'] = [
      ...(twoMinutes ?? []),
      { kind: 'mark-agent-gone', at: '200s', machine: 'm-0' },
    ];
    const aware = run({ launch: task(), aware: true, failures, horizon: '300s' });
    expect(aware.heard).toEqual(['running@0', 'unreachable@180', 'gone-by-operator@200']);
    expect(aware.ends).toEqual(['gone-by-operator@200']);
    expect(aware.recorder.of('agent-marked-gone').map((r) => [r.t / 1e6, r.agentId, r.tasks])).toEqual([
      [200, 'm-0', 1],
    ]);
    // Offered until detection (180 s: the master does not know yet), never again, not even after the heal.
    expect(aware.recorder.of('offer-made').some((o) => o.t > 100e6 && o.t < 180e6)).toBe(true);
    expect(aware.recorder.of('offer-made').filter((o) => o.t >= 180e6)).toEqual([]);
    const plain = run({ launch: task(), failures, horizon: '300s' });
    expect(plain.heard).toEqual(['running@0', 'lost@180']);
    expect(plain.ends).toEqual(['lost@200']);
  });
});
