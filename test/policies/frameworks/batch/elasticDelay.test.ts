import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../../src/core/cluster/topology.ts';
import { createRng } from '../../../../src/core/kernel/rng.ts';
import type { FrameworkAction, FrameworkScheduler, OfferView } from '../../../../src/core/plugins/framework.ts';
import { elasticBatchFramework } from '../../../../src/policies/frameworks/batch/elasticBatch.ts';
import { taskPreferences } from '../../../../src/policies/frameworks/batch/locality.ts';

const MACHINES = ['m-0', 'm-1', 'm-2', 'm-3'];

/** The scheduler alone, driven by hand: the test sets the clock and makes the offers. */
function scheduler(options: Record<string, unknown>, machines = 4) {
  let now = 0;
  const rng = createRng(1).fork('framework/spark');
  const topology = buildTopology(['r1'], [{ class: 'm', count: machines, resources: { cpus: 1 } }]);
  const ids = topology.machines.map((m) => m.id);
  const s: FrameworkScheduler = elasticBatchFramework.create(elasticBatchFramework.options.parse(options), {
    frameworkId: 'spark',
    roles: ['*'],
    nowSeconds: () => now,
    rng,
    topology,
  });
  let offers = 0;
  return {
    s,
    at(seconds: number) {
      now = seconds;
    },
    /** Offers one whole 1-cpu machine; returns the launched task ids, or 'declined'. */
    offer(agentId: string): string[] | 'declined' {
      const view: OfferView = {
        offerId: `o${++offers}`,
        agentId,
        role: '*',
        resources: { cpus: 1 },
        attributes: { hostname: agentId, rack: 'r1' },
      };
      const reply = s.resourceOffers([view]).filter((a) => a.kind === 'accept' || a.kind === 'decline');
      const only = reply[0] as FrameworkAction;
      return only.kind === 'accept' ? only.launches.map((l) => l.taskId) : 'declined';
    },
    /** The preferred machines of each task of a job, recomputed from the same stream. */
    preferred: (jobId: string, tasks: number, fraction: number) => taskPreferences(rng, jobId, tasks, ids, fraction),
  };
}

const oneCpuJob = (jobId: string, tasks: number) => ({
  jobId,
  tasks: Array.from({ length: tasks }, () => ({ resources: { cpus: 1 }, durationSeconds: 60 })),
});

describe('elastic-batch: delay scheduling (Zaharia et al. 2010)', () => {
  const locality = { preferredFraction: 0.25, waitSeconds: 5 };

  it('skips offers on other machines until it has waited waitSeconds, then launches anywhere', () => {
    const f = scheduler({ locality });
    f.s.jobSubmitted(oneCpuJob('j', 1));
    const [home] = f.preferred('j', 1, 0.25)[0] as string[];
    const elsewhere = MACHINES.find((m) => m !== home) as string;
    f.at(0);
    expect(f.offer(elsewhere)).toBe('declined');
    f.at(4.999);
    expect(f.offer(elsewhere)).toBe('declined'); // waited 4.999 s < 5 s
    expect(f.s.pendingTasks()).toBe(1);
    f.at(5);
    expect(f.offer(elsewhere)).toEqual(['j.0']); // waited 5 s: non-local
    expect(f.s.pendingTasks()).toBe(0);
  });

  it('takes its preferred machine at once', () => {
    const f = scheduler({ locality });
    f.s.jobSubmitted(oneCpuJob('j', 1));
    const [home] = f.preferred('j', 1, 0.25)[0] as string[];
    f.at(2);
    expect(f.offer(home as string)).toEqual(['j.0']);
  });

  it('with waitSeconds 0 takes the first offer, wherever it is', () => {
    const f = scheduler({ locality: { preferredFraction: 0.25, waitSeconds: 0 } });
    f.s.jobSubmitted(oneCpuJob('j', 1));
    const [home] = f.preferred('j', 1, 0.25)[0] as string[];
    expect(f.offer(MACHINES.find((m) => m !== home) as string)).toEqual(['j.0']);
  });

  it('measures the wait from the last launch, not from submission', () => {
    const f = scheduler({ locality });
    f.s.jobSubmitted(oneCpuJob('j', 2));
    const [first, second] = f.preferred('j', 2, 0.25).map((set) => set[0] as string);
    // Task 0 starts locally at 3 s (if task 1 prefers the same machine, task 0 still goes first:
    // it is older).
    f.at(3);
    expect(f.offer(first as string)).toEqual(['j.0']);
    const elsewhere = MACHINES.find((m) => m !== second && m !== first) as string;
    f.at(7);
    expect(f.offer(elsewhere)).toBe('declined'); // 7 − 3 = 4 s < 5 s (10 s since submission)
    f.at(8);
    expect(f.offer(elsewhere)).toEqual(['j.1']); // 8 − 3 = 5 s
  });

  it('once it has waited, launches anywhere until it next launches locally; then the wait starts over', () => {
    // 8 machines, each task prefers ⌈0.125 × 8⌉ = 1; 4 tasks leave at least 4 machines nobody prefers.
    const f = scheduler({ locality: { preferredFraction: 0.125, waitSeconds: 5 } }, 8);
    f.s.jobSubmitted(oneCpuJob('j', 4));
    const homes = f.preferred('j', 4, 0.125).map((set) => set[0] as string);
    const nobodys = Array.from({ length: 8 }, (_, i) => `m-${i}`).find((m) => !homes.includes(m)) as string;
    f.at(5);
    expect(f.offer(nobodys)).toEqual(['j.0']); // waited 5 s: non-local
    f.at(6);
    expect(f.offer(nobodys)).toEqual(['j.1']); // still allowed anywhere, 1 s after the last launch
    f.at(7);
    expect(f.offer(homes[2] as string)).toEqual(['j.2']); // local (j.2 is the oldest task preferring it)
    f.at(8);
    expect(f.offer(nobodys)).toBe('declined'); // local only again: 8 − 7 = 1 s < 5 s
    f.at(12);
    expect(f.offer(nobodys)).toEqual(['j.3']); // 12 − 7 = 5 s
  });

  it('lets the next job take a slot the first job skips', () => {
    const f = scheduler({ locality });
    f.s.jobSubmitted(oneCpuJob('a', 2)); // first in fifo order, submitted at 0
    f.at(1);
    f.s.jobSubmitted(oneCpuJob('b', 1)); // submitted at 1
    const [aFirst, aSecond] = f.preferred('a', 2, 0.25).map((set) => set[0] as string);
    const [bHome] = f.preferred('b', 1, 0.25)[0] as string[];
    f.at(10);
    expect(f.offer(aFirst as string)).toEqual(['a.0']); // a's last launch: 10 s
    const neither = MACHINES.find((m) => m !== aSecond && m !== bHome) as string;
    f.at(12);
    // a skips (12 − 10 = 2 s < 5 s); b has waited 12 − 1 = 11 s ≥ 5 s and takes the slot.
    expect(f.offer(neither)).toEqual(['b.0']);
  });
});

describe('elastic-batch: failures', () => {
  it('relaunches failed and lost tasks as new attempts, up to maxAttempts; dropped launches as the same attempt', () => {
    const f = scheduler({ maxAttempts: 2 });
    f.s.jobSubmitted(oneCpuJob('j', 1));
    expect(f.offer('m-0')).toEqual(['j.0']);
    // The accept left nothing pending, so the scheduler suppressed; the dropped task revives it.
    expect(f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'dropped' })).toEqual([{ kind: 'revive' }]);
    expect(f.offer('m-0')).toEqual(['j.0']); // never ran: same attempt, same id
    f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'running' });
    f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'lost' });
    expect(f.s.pendingTasks()).toBe(1);
    expect(f.offer('m-1')).toEqual(['j.0.r1']); // attempt 2 of 2
    f.s.statusUpdate({ taskId: 'j.0.r1', agentId: 'm-1', state: 'failed' });
    expect(f.s.pendingTasks()).toBe(0); // no attempts left
    expect(f.offer('m-1')).toBe('declined');
  });

  it('suppresses when idle and revives when a failed task comes back', () => {
    const f = scheduler({});
    expect(f.s.registered?.()).toEqual([{ kind: 'suppress' }]);
    expect(f.s.jobSubmitted(oneCpuJob('j', 1))).toEqual([{ kind: 'revive' }]);
    const reply = f.s.resourceOffers([
      { offerId: 'x', agentId: 'm-0', role: '*', resources: { cpus: 1 }, attributes: {} },
    ]);
    expect(reply.map((a) => a.kind)).toEqual(['accept', 'suppress']);
    expect(f.s.statusUpdate({ taskId: 'j.0', agentId: 'm-0', state: 'failed' })).toEqual([{ kind: 'revive' }]);
  });
});
