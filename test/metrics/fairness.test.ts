import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import { drfFairShares, jainIndex, weightedDominantShare } from '../../src/metrics/drfFairShare.ts';
import { createFairnessObserver, type FairnessOptions } from '../../src/metrics/fairness.ts';
import { runSimulation } from '../../src/run.ts';

const S = 1_000_000;
const rec = (r: object): SimRecord => r as SimRecord;

describe('DRF fair share and Jain index (formulas)', () => {
  it('weighted dominant share: the largest fraction of any resource, ÷ weight', () => {
    expect(weightedDominantShare({ cpus: 1, mem: 2048 }, { cpus: 8, mem: 8192 }, 1)).toBe(0.25);
    expect(weightedDominantShare({ cpus: 4 }, { cpus: 8, mem: 8192 }, 2)).toBe(0.25);
    expect(weightedDominantShare({}, { cpus: 8 }, 1)).toBe(0);
  });

  it("Jain's index: shares 0.5 and 0.25 ⇒ 0.75² / (2 × (0.25 + 0.0625)) = 0.9", () => {
    expect(jainIndex([0.5, 0.25])).toBeCloseTo(0.9, 12);
    expect(jainIndex([0.3, 0.3, 0.3])).toBeCloseTo(1, 12);
    expect(jainIndex([1, 0, 0, 0])).toBeCloseTo(0.25, 12);
    expect(jainIndex([0, 0])).toBe(1);
    expect(jainIndex([])).toBeNull();
  });

  it('fair share: idle roles keep what they hold, demanding roles split the rest by weight', () => {
    const d = (share: number, weight = 1) => ({ share, weight, demanding: true });
    const idle = (share: number, weight = 1) => ({ share, weight, demanding: false });
    expect(drfFairShares([d(0.5), d(0.25)])).toEqual([0.5, 0.5]);
    // Rest 1 − 0.4 = 0.6, weights 1 + 2 ⇒ level 0.2 per unit weight (dominant 0.2 and 0.4).
    expect(
      drfFairShares([idle(0.4), d(0.1), d(0.05, 2)]).map((x) => (x === null ? null : Number(x.toFixed(12)))),
    ).toEqual([null, 0.2, 0.2]);
    // A weighted idle role holds weight × share of the cluster: 2 × 0.3 = 0.6 ⇒ 0.4 left.
    expect(drfFairShares([idle(0.3, 2), d(0)])[1]).toBeCloseTo(0.4, 12);
    expect(drfFairShares([idle(0.3), idle(0)])).toEqual([null, null]);
    // Idle roles holding more than the cluster (different dominant resources): nothing left.
    expect(drfFairShares([idle(0.7), idle(0.6), d(0.2)])).toEqual([null, null, 0]);
  });
});

/**
 * Cluster: 2 agents of 4 cpus and 4096 MB (8 cpus, 8192 MB). From t = 0 role ra (framework fa)
 * holds 4 cpus + 1024 MB (dominant share 0.5) and rb (fb) 1 cpu + 2048 MB (dominant 0.25, mem);
 * both have pending tasks. Horizon 100 s.
 */
function twoRoles(extra: readonly SimRecord[]): SimRecord[] {
  const launch = (fw: string, taskId: string, resources: object) =>
    rec({
      t: 0,
      kind: 'task-launched',
      frameworkId: fw,
      taskId,
      jobId: null,
      agentId: 'a1',
      resources,
      usage: resources,
      waitSeconds: null,
    });
  return [
    rec({ t: 0, kind: 'agent-added', agentId: 'a1', rack: 'r1', resources: { cpus: 4, mem: 4096 } }),
    rec({ t: 0, kind: 'agent-added', agentId: 'a2', rack: 'r1', resources: { cpus: 4, mem: 4096 } }),
    rec({ t: 0, kind: 'framework-registered', frameworkId: 'fa', roles: ['ra'] }),
    rec({ t: 0, kind: 'framework-registered', frameworkId: 'fb', roles: ['rb'] }),
    rec({ t: 0, kind: 'framework-pending', frameworkId: 'fa', tasks: 3 }),
    rec({ t: 0, kind: 'framework-pending', frameworkId: 'fb', tasks: 1 }),
    rec({
      t: 0,
      kind: 'offer-made',
      offerId: 'o1',
      frameworkId: 'fa',
      role: 'ra',
      agentId: 'a1',
      resources: { cpus: 4, mem: 4096 },
    }),
    launch('fa', 'ta', { cpus: 4, mem: 1024 }),
    rec({ t: 0, kind: 'offer-accepted', offerId: 'o1', frameworkId: 'fa', tasks: 1, refuseSeconds: 5 }),
    rec({
      t: 0,
      kind: 'offer-made',
      offerId: 'o2',
      frameworkId: 'fb',
      role: 'rb',
      agentId: 'a2',
      resources: { cpus: 4, mem: 4096 },
    }),
    launch('fb', 'tb', { cpus: 1, mem: 2048 }),
    rec({ t: 0, kind: 'offer-accepted', offerId: 'o2', frameworkId: 'fb', tasks: 1, refuseSeconds: 5 }),
    ...extra,
    rec({ t: 100 * S, kind: 'run-ended' }),
  ];
}

function observe(records: readonly SimRecord[], options: FairnessOptions) {
  const o = createFairnessObserver(100 * S, options);
  for (const r of records) o.observe(r);
  return o;
}

describe('fairness observer (hand-computed)', () => {
  it('shares 0.5 and 0.25, then ra stops demanding: shares, Jain, fair share and shortfall', () => {
    // At 50 s ra's task ends and fa has nothing pending: rb demands alone, fair share the whole cluster.
    const o = observe(
      twoRoles([
        rec({
          t: 50 * S,
          kind: 'task-ended',
          frameworkId: 'fa',
          taskId: 'ta',
          jobId: null,
          agentId: 'a1',
          state: 'finished',
          resources: { cpus: 4, mem: 1024 },
          reason: null,
        }),
        rec({ t: 50 * S, kind: 'framework-pending', frameworkId: 'fa', tasks: 0 }),
      ]),
      { step: 50 * S },
    );
    const f = o.report();
    // ra: 0.5 for 50 s then 0 ⇒ mean 0.25; demanding 50 s at exactly its fair share 0.5.
    expect(f.roles['ra']).toEqual({
      weight: 1,
      meanDominantShare: 0.25,
      demandingSeconds: 50,
      belowFairShareSeconds: 0,
      meanShortfallWhileDemanding: 0,
    });
    // rb: 0.25 throughout; fair 0.5 then 1 ⇒ shortfall 0.25 and 0.75, mean 0.5; always below.
    expect(f.roles['rb']).toEqual({
      weight: 1,
      meanDominantShare: 0.25,
      demandingSeconds: 100,
      belowFairShareSeconds: 100,
      meanShortfallWhileDemanding: 0.5,
    });
    // Jain: 0.9 over [0.5, 0.25] for 50 s, 1 over rb alone for 50 s.
    expect(f.jainIndex.mean).toBeCloseTo(0.95, 12);
    expect(f.jainIndex.min).toBeCloseTo(0.9, 12);
    expect(f.series.stepSeconds).toBe(50);
    expect(f.series.dominantShare).toEqual({ ra: [0.5, 0], rb: [0.25, 0.25] });
    expect(f.series.fairShare).toEqual({ ra: [0.5, null], rb: [0.5, 1] });
    expect(f.series.jainIndex.map((x) => (x === null ? null : Number(x.toFixed(12))))).toEqual([0.9, 1]);
    expect(o.belowFairShareSeconds('fb')).toBe(100);
    expect(o.belowFairShareSeconds('fa')).toBe(0);
  });

  it('weights from the start and from update-weight operations when they applied', () => {
    // rb weighs 2 until an update-weight to 1 applies at 50 s; an operation that failed (ok false)
    // changes nothing.
    const o = observe(
      twoRoles([
        rec({ t: 25 * S, kind: 'operation', op: 'update-weight', role: 'ra', agentId: null, ok: false }),
        rec({ t: 50 * S, kind: 'operation', op: 'update-weight', role: 'rb', agentId: null, ok: true }),
      ]),
      {
        step: 50 * S,
        weights: { rb: 2 },
        weightChanges: [
          { at: 25 * S, role: 'ra', weight: 5 },
          { at: 50 * S, role: 'rb', weight: 1 },
        ],
      },
    );
    const f = o.report();
    // 0–50 s: ra 0.5, rb 0.25 ÷ 2 = 0.125; level 1 ÷ (1 + 2) = 1/3: ra above, rb 1/3 − 1/8 short.
    // 50–100 s: weights 1 and 1, shares 0.5 and 0.25, level 0.5: rb 0.25 short.
    expect(f.roles['ra']?.weight).toBe(1);
    expect(f.roles['rb']?.weight).toBe(1);
    expect(f.roles['ra']?.belowFairShareSeconds).toBe(0);
    expect(f.roles['rb']?.meanDominantShare).toBeCloseTo((0.125 + 0.25) / 2, 12);
    expect(f.roles['rb']?.meanShortfallWhileDemanding).toBeCloseTo((1 / 3 - 0.125 + 0.25) / 2, 12);
    const early = 0.625 ** 2 / (2 * (0.25 + 0.125 ** 2));
    expect(f.jainIndex.mean).toBeCloseTo((early + 0.9) / 2, 12);
    expect(f.jainIndex.min).toBeCloseTo(early, 12);
    expect(f.series.fairShare['rb']?.[0]).toBeCloseTo(1 / 3, 12);
    expect(f.series.fairShare['rb']?.[1]).toBeCloseTo(0.5, 12);
  });

  it('no demand: no fair share, no Jain index', () => {
    const f = observe(
      twoRoles([]).filter((r) => r.kind !== 'framework-pending'),
      {},
    ).report();
    expect(f.jainIndex).toEqual({ mean: null, min: null });
    expect(f.roles['ra']?.meanShortfallWhileDemanding).toBeNull();
    expect(f.roles['ra']?.demandingSeconds).toBe(0);
    expect(f.series.fairShare['ra']?.every((x) => x === null)).toBe(true);
  });
});

describe('fairness in a run', () => {
  it('reports roles of the frameworks and merges below-fair-share time into each framework', () => {
    const report = runSimulation(
      {
        horizon: '400s',
        topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 8192 } }] },
        allocator: { policy: 'drf', options: { roles: { ra: { weight: 3 } } } },
        frameworks: [
          { id: 'fa', scheduler: 'batch-first-fit', roles: ['ra'] },
          { id: 'fb', scheduler: 'batch-first-fit', roles: ['rb'] },
        ],
        workloads: [],
      },
      { wallClock: false },
    );
    expect(Object.keys(report.fairness.roles)).toEqual(['ra', 'rb']);
    // The allocator's own role weights are the starting weights.
    expect(report.fairness.roles['ra']?.weight).toBe(3);
    expect(report.fairness.roles['rb']?.weight).toBe(1);
    expect(report.fairness.jainIndex.mean).toBeNull();
    expect(report.frameworks['fa']?.starvation.belowFairShareSeconds).toBe(0);
  });
});
