import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../../src/core/cluster/topology.ts';
import { createRng } from '../../../../src/core/kernel/rng.ts';
import type { FrameworkScheduler, OfferView } from '../../../../src/core/plugins/framework.ts';
import { rigidBatchFramework } from '../../../../src/policies/frameworks/batch/rigidBatch.ts';

/** The rigid scheduler alone, driven by hand. */
function scheduler(options: Record<string, unknown> = {}) {
  let now = 0;
  const topology = buildTopology(['r1'], [{ class: 'm', count: 4, resources: { cpus: 4 } }]);
  const s: FrameworkScheduler = rigidBatchFramework.create(rigidBatchFramework.options.parse(options), {
    frameworkId: 'mpi',
    roles: ['*'],
    nowSeconds: () => now,
    rng: createRng(1).fork('framework/mpi'),
    topology,
  });
  return {
    s,
    at(seconds: number) {
      now = seconds;
    },
    /** The scheduler's reply to one offer, summarised: `accept o1: j.0 j.1`, `decline o2 (5)`, `timer hoard/0 @60`, … */
    offer(offerId: string, cpus: number, agentId = 'm-0'): string[] {
      const view: OfferView = { offerId, agentId, role: '*', resources: { cpus }, attributes: {} };
      return summary(s.resourceOffers([view]));
    },
  };
}

function summary(actions: ReturnType<FrameworkScheduler['resourceOffers']>): string[] {
  return actions.map((a) => {
    switch (a.kind) {
      case 'accept':
        return `accept ${a.offerId}: ${a.launches.map((l) => l.taskId).join(' ')}`;
      case 'decline':
        return `decline ${a.offerId} (${a.refuseSeconds})`;
      case 'timer':
        return `timer ${a.tag} @${a.afterSeconds}`;
      case 'kill':
        return `kill ${a.taskId}`;
      default:
        return a.kind;
    }
  });
}

const job = (jobId: string, tasks: number, cpus = 1) => ({
  jobId,
  tasks: Array.from({ length: tasks }, () => ({ resources: { cpus }, durationSeconds: 60 })),
});

describe('rigid-batch: hoarding', () => {
  it('holds offers (no reply) until the gang fits, then accepts them all at once', () => {
    const f = scheduler();
    f.s.jobSubmitted(job('j', 6));
    expect(f.offer('o1', 4)).toEqual(['timer hoard/0 @60']); // held: 4 of 6 slots
    expect(f.s.pendingTasks()).toBe(6);
    f.at(10);
    // o1 takes tasks 0–3 (first fit), o2 tasks 4–5; nothing left: suppress.
    expect(f.offer('o2', 4, 'm-1')).toEqual(['accept o1: j.0 j.1 j.2 j.3', 'accept o2: j.4 j.5', 'suppress']);
    expect(f.s.pendingTasks()).toBe(0);
    // The hoarding timer of that period is void.
    expect(f.s.timer?.('hoard/0')).toEqual([]);
  });

  it('releases everything it holds at the timeout and hoards again with the next offers', () => {
    const f = scheduler({ hoardingTimeoutSeconds: 30, refuseSeconds: 7 });
    f.s.jobSubmitted(job('j', 10));
    expect(f.offer('o1', 4)).toEqual(['timer hoard/0 @30']);
    expect(f.offer('o2', 4, 'm-1')).toEqual([]); // still 8 < 10; the timer is already set
    f.at(30);
    expect(summary(f.s.timer?.('hoard/0') ?? [])).toEqual(['decline o1 (7)', 'decline o2 (7)']);
    expect(summary(f.s.timer?.('hoard/0') ?? [])).toEqual([]); // fired once
    f.at(37);
    expect(f.offer('o3', 4)).toEqual(['timer hoard/1 @30']); // a new hoarding period
  });

  it('forgets a rescinded offer', () => {
    const f = scheduler();
    f.s.jobSubmitted(job('j', 8));
    expect(f.offer('o1', 4)).toEqual(['timer hoard/0 @60']);
    expect(f.s.offerRescinded?.('o1')).toEqual([]);
    // Nothing held any more: the next offer starts a fresh period (and the old timer is void).
    expect(f.offer('o2', 4, 'm-1')).toEqual(['timer hoard/1 @60']);
    expect(f.s.timer?.('hoard/0')).toEqual([]);
    expect(f.offer('o3', 4, 'm-2')).toEqual(['accept o2: j.0 j.1 j.2 j.3', 'accept o3: j.4 j.5 j.6 j.7', 'suppress']);
  });

  it('declines offers in which no task of the gang fits, instead of holding them', () => {
    const f = scheduler();
    f.s.jobSubmitted(job('j', 2, 2));
    expect(f.offer('o1', 1)).toEqual(['decline o1 (5)']);
  });

  it('only the head job hoards; what the head did not need passes to the next job', () => {
    const f = scheduler();
    f.s.jobSubmitted(job('a', 2));
    f.s.jobSubmitted(job('b', 3));
    expect(f.offer('o1', 2)).toEqual(['accept o1: a.0 a.1']);
    expect(f.offer('o2', 1, 'm-1')).toEqual(['timer hoard/0 @60']); // b holds 1 of 3
    expect(f.offer('o3', 2, 'm-2')).toEqual(['accept o2: b.0', 'accept o3: b.1 b.2', 'suppress']);
  });

  it('with no job waiting declines every offer', () => {
    const f = scheduler();
    expect(f.s.registered?.()).toEqual([{ kind: 'suppress' }]);
    expect(f.offer('o1', 4)).toEqual(['decline o1 (5)']);
  });
});

describe('rigid-batch: a broken gang', () => {
  it('kills the other members when one fails, and relaunches the whole gang', () => {
    const f = scheduler({ maxAttempts: 2 });
    f.s.jobSubmitted(job('j', 2));
    expect(f.offer('o1', 2)).toEqual(['accept o1: j.0 j.1', 'suppress']);
    f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'running' });
    f.s.statusUpdate({ taskId: 'j.1', agentId: 'm-0', state: 'running' });
    // j.1 fails: j.0 is killed, the job is queued again (attempt 2 of 2) and the framework revives.
    expect(summary(f.s.statusUpdate({ taskId: 'j.1', agentId: 'm-0', state: 'failed' }))).toEqual([
      'kill j.0',
      'revive',
    ]);
    expect(f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'killed' })).toEqual([]);
    expect(f.s.pendingTasks()).toBe(2);
    expect(f.offer('o2', 2)).toEqual(['accept o2: j.0.r1 j.1.r1', 'suppress']);
    // The second failure uses up the attempts: the survivor is killed, nothing is queued.
    f.s.statusUpdate({ taskId: 'j.0.r1', agentId: 'm-0', state: 'running' });
    expect(summary(f.s.statusUpdate({ taskId: 'j.1.r1', agentId: 'm-0', state: 'lost' }))).toEqual(['kill j.0.r1']);
    expect(f.s.pendingTasks()).toBe(0);
  });

  it('kills members whose running status comes after the gang broke; drops do not count as failures', () => {
    const f = scheduler({ maxAttempts: 1 });
    f.s.jobSubmitted(job('j', 2));
    f.offer('o1', 1);
    expect(f.offer('o2', 1, 'm-1')).toEqual(['accept o1: j.0', 'accept o2: j.1', 'suppress']);
    // o1's launch was dropped (its offer was rescinded meanwhile): no member runs yet, so no kill;
    // the job is queued again — a drop is not a failure, so maxAttempts 1 does not stop it.
    expect(summary(f.s.statusUpdate({ taskId: 'j.0', agentId: '', state: 'dropped' }))).toEqual(['revive']);
    expect(summary(f.s.statusUpdate({ taskId: 'j.1', agentId: 'm-1', state: 'running' }))).toEqual(['kill j.1']);
    expect(f.s.pendingTasks()).toBe(2);
  });
});
