import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UPGRADE_STRATEGY,
  deploymentFinished,
  maximumInstances,
  minimumHealthyInstances,
  nextDeploymentStep,
  upgradeStrategySchema,
  type DeploymentState,
  type DeploymentStep,
  type UpgradeStrategy,
} from '../../../../src/policies/frameworks/marathon/deploymentPlan.ts';

interface Counts {
  target: number;
  oldRunning: number;
  oldHealthy: number;
  oldKilling: number;
  newRunning: number;
  newHealthy: number;
}

/** Applies a step: kills the unhealthy old first (they go to oldKilling), starts new (unhealthy). */
function apply(s: Counts, step: DeploymentStep): void {
  const unhealthyKilled = Math.min(step.killOld, s.oldRunning - s.oldHealthy);
  s.oldHealthy -= step.killOld - unhealthyKilled;
  s.oldRunning -= step.killOld;
  s.oldKilling += step.killOld;
  s.newRunning += step.startNew;
}

/** Compact state for step tables: old running/healthy (+killing), new running/healthy. */
const show = (s: Counts): string =>
  `old ${s.oldRunning}/${s.oldHealthy}${s.oldKilling > 0 ? `+${s.oldKilling}k` : ''} new ${s.newRunning}/${s.newHealthy}`;

/**
 * Runs a deployment where kills end at once and, between events, the plan is applied until it asks
 * for nothing; each event makes one more new instance healthy. Returns one line per step.
 */
function rollInstantly(
  strategy: UpgradeStrategy,
  start: Omit<Counts, 'oldKilling' | 'newRunning' | 'newHealthy'>,
): { lines: string[]; minHealthy: number; maxTotal: number } {
  const s: Counts = { ...start, oldKilling: 0, newRunning: 0, newHealthy: 0 };
  const lines: string[] = [];
  let minHealthy = Infinity;
  let maxTotal = 0;
  const settle = (event: string): void => {
    for (;;) {
      const step = nextDeploymentStep(strategy, s);
      if (step.startNew === 0 && step.killOld === 0) return;
      apply(s, step);
      maxTotal = Math.max(maxTotal, s.oldRunning + s.oldKilling + s.newRunning);
      s.oldKilling = 0; // the kills end
      minHealthy = Math.min(minHealthy, s.oldHealthy + s.newHealthy);
      lines.push(`${event}: start ${step.startNew} kill ${step.killOld} → ${show(s)}`);
    }
  };
  settle('begin');
  while (!deploymentFinished(s)) {
    expect(s.newHealthy).toBeLessThan(s.newRunning); // otherwise the deployment would be stuck
    s.newHealthy++;
    minHealthy = Math.min(minHealthy, s.oldHealthy + s.newHealthy);
    lines.push(`new #${s.newHealthy} healthy → ${show(s)}`);
    settle(`after #${s.newHealthy}`);
  }
  return { lines, minHealthy, maxTotal };
}

describe('nextDeploymentStep', () => {
  it('acceptance: a rolling deploy of 4 with minimumHealthCapacity 0.5 never has fewer than 2 healthy', () => {
    // Floor ceil(4 × 0.5) = 2 healthy; cap floor(4 × (1 + 1)) = 8 instances. Step table:
    //   begin: 4 old healthy, nothing new: kill 4 − 2 = 2 old, start min(4, 8 − 4) = 4 new
    //          → old 2/2 new 4/0, healthy 2
    //   new #1 healthy → healthy 2 + 1 = 3 > 2: kill 1 old → old 1/1 new 4/1, healthy 2
    //   new #2 healthy → healthy 1 + 2 = 3: kill 1 old     → old 0/0 new 4/2, healthy 2
    //   new #3 healthy → nothing to kill                   → healthy 3
    //   new #4 healthy → 4 new healthy, no old: done
    const { lines, minHealthy, maxTotal } = rollInstantly(
      { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 },
      { target: 4, oldRunning: 4, oldHealthy: 4 },
    );
    expect(lines).toEqual([
      'begin: start 4 kill 2 → old 2/2 new 4/0',
      'new #1 healthy → old 2/2 new 4/1',
      'after #1: start 0 kill 1 → old 1/1 new 4/1',
      'new #2 healthy → old 1/1 new 4/2',
      'after #2: start 0 kill 1 → old 0/0 new 4/2',
      'new #3 healthy → old 0/0 new 4/3',
      'new #4 healthy → old 0/0 new 4/4',
    ]);
    expect(minHealthy).toBe(2);
    // At the first step 2 old are being killed (they hold their places until they end) beside 2
    // old and 4 new: 8, exactly the cap.
    expect(maxTotal).toBe(8);
  });

  it("with Marathon's default (1, 1) starts all new beside the old, then retires one old per healthy new", () => {
    // Floor 3, cap 6: start 3 new at once; each new healthy → 4 healthy → kill 1 old.
    const { lines, minHealthy, maxTotal } = rollInstantly(DEFAULT_UPGRADE_STRATEGY, {
      target: 3,
      oldRunning: 3,
      oldHealthy: 3,
    });
    expect(lines).toEqual([
      'begin: start 3 kill 0 → old 3/3 new 3/0',
      'new #1 healthy → old 3/3 new 3/1',
      'after #1: start 0 kill 1 → old 2/2 new 3/1',
      'new #2 healthy → old 2/2 new 3/2',
      'after #2: start 0 kill 1 → old 1/1 new 3/2',
      'new #3 healthy → old 1/1 new 3/3',
      'after #3: start 0 kill 1 → old 0/0 new 3/3',
    ]);
    expect(minHealthy).toBe(3);
    expect(maxTotal).toBe(6);
  });

  it('edge case minimumHealthCapacity 1 with maximumOverCapacity 0: goes over by one instance, one at a time', () => {
    // Floor ceil(4 × 1) = 4 = cap floor(4 × 1) = 4: nothing could move, so the cap is 5.
    const strategy = { minimumHealthCapacity: 1, maximumOverCapacity: 0 };
    expect(maximumInstances(strategy, 4)).toBe(5);
    const { lines, minHealthy, maxTotal } = rollInstantly(strategy, { target: 4, oldRunning: 4, oldHealthy: 4 });
    // begin: start 1 (4 + 1 = 5). Each new healthy → 5 healthy → kill 1 old; the kill holds its
    // place until it ends (room 5 − (3 + 1 killing + 1) = 0), then the next new one starts.
    expect(lines.slice(0, 5)).toEqual([
      'begin: start 1 kill 0 → old 4/4 new 1/0',
      'new #1 healthy → old 4/4 new 1/1',
      'after #1: start 0 kill 1 → old 3/3 new 1/1',
      'after #1: start 1 kill 0 → old 3/3 new 2/1',
      'new #2 healthy → old 3/3 new 2/2',
    ]);
    expect(minHealthy).toBe(4);
    expect(maxTotal).toBe(5);
  });

  it('with minimumHealthCapacity 0 kills every old instance at once; their places free up when the kills end', () => {
    // Floor 0, cap floor(3 × 1) = 3: kill 3; room 3 − (0 + 3 killing + 0) = 0.
    const strategy = { minimumHealthCapacity: 0, maximumOverCapacity: 0 };
    expect(
      nextDeploymentStep(strategy, { target: 3, oldRunning: 3, oldHealthy: 3, newRunning: 0, newHealthy: 0 }),
    ).toEqual({ startNew: 0, killOld: 3 });
    expect(
      nextDeploymentStep(strategy, {
        target: 3,
        oldRunning: 0,
        oldHealthy: 0,
        oldKilling: 3,
        newRunning: 0,
        newHealthy: 0,
      }),
    ).toEqual({ startNew: 0, killOld: 0 });
    expect(
      nextDeploymentStep(strategy, {
        target: 3,
        oldRunning: 0,
        oldHealthy: 0,
        oldKilling: 1,
        newRunning: 0,
        newHealthy: 0,
      }),
    ).toEqual({ startNew: 2, killOld: 0 });
  });

  it('kills the unhealthy old instances right away (they do not count toward the floor)', () => {
    // Floor 4 with 2 healthy old: kill the 2 unhealthy ones, no healthy one; cap 8 − 4 = 4 to start.
    expect(
      nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, {
        target: 4,
        oldRunning: 4,
        oldHealthy: 2,
        newRunning: 0,
        newHealthy: 0,
      }),
    ).toEqual({ startNew: 4, killOld: 2 });
  });

  it('never starts more new instances than the target', () => {
    expect(
      nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, {
        target: 2,
        oldRunning: 0,
        oldHealthy: 0,
        newRunning: 2,
        newHealthy: 0,
      }),
    ).toEqual({ startNew: 0, killOld: 0 });
  });

  it('rejects impossible states', () => {
    const ok: DeploymentState = { target: 2, oldRunning: 1, oldHealthy: 1, newRunning: 1, newHealthy: 1 };
    expect(() => nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, { ...ok, oldHealthy: 2 })).toThrow(
      /oldHealthy \(2\) cannot exceed oldRunning \(1\)/,
    );
    expect(() => nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, { ...ok, newHealthy: 2 })).toThrow(/newHealthy/);
    expect(() => nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, { ...ok, target: 1.5 })).toThrow(
      /target must be a whole number/,
    );
    expect(() => nextDeploymentStep(DEFAULT_UPGRADE_STRATEGY, { ...ok, oldKilling: -1 })).toThrow(/oldKilling/);
  });
});

describe('floor and cap', () => {
  it('ignore floating-point noise in the fractions', () => {
    // 10 × 0.7 = 7.000000000000001 in floating point; on paper 7.
    expect(minimumHealthyInstances({ minimumHealthCapacity: 0.7, maximumOverCapacity: 0 }, 10)).toBe(7);
    // 10 × (1 + 0.1) = 11.000000000000002; 3 × 1.15 = 3.4499999999999997 → 3.
    expect(maximumInstances({ minimumHealthCapacity: 0, maximumOverCapacity: 0.1 }, 10)).toBe(11);
    expect(maximumInstances({ minimumHealthCapacity: 0, maximumOverCapacity: 0.15 }, 3)).toBe(3);
  });

  it('go over by one for a single instance whenever both fractions are below 1 but the floor is 1', () => {
    // ceil(1 × 0.5) = 1 = floor(1 × 1.5): the cap becomes 2.
    expect(maximumInstances({ minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 }, 1)).toBe(2);
    expect(maximumInstances({ minimumHealthCapacity: 0, maximumOverCapacity: 0.5 }, 1)).toBe(1);
  });
});

describe('rolling deployments over random strategies and event orders (property)', () => {
  const arb = fc.record({
    minPct: fc.integer({ min: 0, max: 100 }),
    overPct: fc.integer({ min: 0, max: 100 }),
    target: fc.integer({ min: 1, max: 50 }),
    oldShare: fc.double({ min: 0, max: 1, noNaN: true }),
    healthyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    newFailures: fc.integer({ min: 0, max: 3 }),
    choices: fc.array(fc.nat({ max: 1000 }), { maxLength: 400 }),
  });

  it('stays within the cap, keeps the healthy floor it started with, and ends with only new healthy instances', () => {
    fc.assert(
      fc.property(arb, ({ minPct, overPct, target, oldShare, healthyShare, newFailures, choices }) => {
        const strategy: UpgradeStrategy = { minimumHealthCapacity: minPct / 100, maximumOverCapacity: overPct / 100 };
        // The model's floor and cap in exact integer arithmetic (a division that comes out whole is exact).
        const floor = Math.ceil((target * minPct) / 100);
        const plainCap = Math.floor((target * (100 + overPct)) / 100);
        const cap = plainCap <= floor ? plainCap + 1 : plainCap;
        const oldRunning = Math.round(oldShare * target);
        const s: Counts = {
          target,
          oldRunning,
          oldHealthy: Math.round(healthyShare * oldRunning),
          oldKilling: 0,
          newRunning: 0,
          newHealthy: 0,
        };
        const floorHeldAtStart = s.oldHealthy >= floor;
        let failuresLeft = newFailures;

        const step = (): void => {
          const next = nextDeploymentStep(strategy, s);
          expect(next.killOld).toBeLessThanOrEqual(s.oldRunning);
          apply(s, next);
          expect(s.oldRunning + s.oldKilling + s.newRunning).toBeLessThanOrEqual(cap);
          expect(s.newRunning).toBeLessThanOrEqual(target);
          if (floorHeldAtStart) expect(s.oldHealthy + s.newHealthy).toBeGreaterThanOrEqual(floor);
          // Asked again at once, the plan wants nothing more: no double kills, no double starts.
          expect(nextDeploymentStep(strategy, s)).toEqual({ startNew: 0, killOld: 0 });
        };

        step();
        for (let i = 0; !deploymentFinished(s); i++) {
          const events: (() => void)[] = [];
          if (s.newRunning > s.newHealthy) events.push(() => void s.newHealthy++);
          if (s.oldKilling > 0) events.push(() => void s.oldKilling--);
          if (s.newRunning > s.newHealthy && failuresLeft > 0) {
            events.push(() => {
              failuresLeft--;
              s.newRunning--; // a new instance that never became healthy fails
            });
          }
          expect(events.length, `stuck at ${show(s)} (floor ${floor}, cap ${cap})`).toBeGreaterThan(0);
          (events[(choices[i] ?? 0) % events.length] as () => void)();
          step();
          expect(i).toBeLessThan(10 * target + 100);
        }
        expect(s).toMatchObject({ oldRunning: 0, oldKilling: 0, newHealthy: target, newRunning: target });
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});

describe('upgradeStrategySchema', () => {
  it('defaults both fractions to 1 and keeps them in [0, 1]', () => {
    expect(upgradeStrategySchema.parse({})).toEqual({ minimumHealthCapacity: 1, maximumOverCapacity: 1 });
    expect(upgradeStrategySchema.parse({ minimumHealthCapacity: 0.5 })).toEqual({
      minimumHealthCapacity: 0.5,
      maximumOverCapacity: 1,
    });
    expect(upgradeStrategySchema.safeParse({ maximumOverCapacity: 1.2 }).error?.issues[0]?.message).toBe(
      'maximumOverCapacity must be in [0, 1]',
    );
    expect(upgradeStrategySchema.safeParse({ minimumHealthCapacity: -0.1 }).error?.issues[0]?.message).toBe(
      'minimumHealthCapacity must be in [0, 1]',
    );
  });
});
