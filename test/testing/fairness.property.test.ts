import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  envyViolation,
  fillingProblemArb,
  paretoViolation,
  progressiveFilling,
  sharingIncentiveViolation,
  strategyProofnessViolation,
  weightedFillingProblemArb,
  type FillingProblem,
  type TaskAllocator,
  type TaskDemand,
} from '../../src/testing/index.ts';

// Through the public entry point (clustersim/testing), as a user testing an allocator would.
const SEED = 20261121;
const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');

describe('clustersim/testing fairness checks on progressiveFilling("drf")', () => {
  it('Pareto efficiency, any weights', () => {
    fc.assert(
      fc.property(weightedFillingProblemArb, (p) => paretoViolation(drf, p) === undefined),
      { numRuns: 200, seed: SEED },
    );
  });

  it('envy-freeness up to one task, equal weights', () => {
    fc.assert(
      fc.property(fillingProblemArb, (p) => envyViolation(drf, p) === undefined),
      { numRuns: 200, seed: SEED },
    );
  });

  it('sharing incentive up to one task of every other user, equal weights', () => {
    fc.assert(
      fc.property(fillingProblemArb, (p) => sharingIncentiveViolation(drf, p) === undefined),
      { numRuns: 200, seed: SEED },
    );
  });

  it('strategy-proofness against claiming a little of a resource nobody else uses', () => {
    // The lie adds e of "spare" with e/C[spare] ≤ 0.9·(liar's dominant share per task): shares and fit
    // tests are unchanged (see test/policies/sorters/progressiveFilling.test.ts for the argument).
    const lie = fc.tuple(fillingProblemArb, fc.nat(), fc.integer({ min: 1, max: 900 })).map(([p, who, permille]) => {
      const capacity: Record<string, number> = { ...p.capacity, spare: 1000 };
      const liar = p.demands[who % p.demands.length] as TaskDemand;
      const dominant = Math.max(...Object.entries(liar.perTask).map(([r, v]) => v / (capacity[r] ?? Infinity)));
      const extra = Math.floor(permille * dominant * 1000) / 1000;
      return {
        problem: { ...p, capacity },
        liar: liar.id,
        declared: extra > 0 ? { ...liar.perTask, spare: extra } : liar.perTask,
      };
    });
    fc.assert(
      fc.property(
        lie,
        ({ problem, liar, declared }) => strategyProofnessViolation(drf, problem, liar, declared) === undefined,
      ),
      { numRuns: 200, seed: SEED },
    );
  });
});

describe('the fairness checks can fail', () => {
  it('catch an allocator that gives everything to the first user', () => {
    const greedy: TaskAllocator = (p: FillingProblem) => {
      const [first, ...rest] = p.demands;
      const alone = first === undefined ? {} : progressiveFilling(p.capacity, [first], 'drf').tasks;
      return { tasks: { ...alone, ...Object.fromEntries(rest.map((d) => [d.id, 0])) } };
    };
    const envy = fc.check(
      fc.property(fillingProblemArb, (p) => envyViolation(greedy, p) === undefined),
      { numRuns: 200, seed: SEED },
    );
    expect(envy.failed).toBe(true);
    const share = fc.check(
      fc.property(fillingProblemArb, (p) => sharingIncentiveViolation(greedy, p) === undefined),
      { numRuns: 200, seed: SEED },
    );
    expect(share.failed).toBe(true);
  });

  it('catch DRF itself being gamed by bundling tasks (indivisible tasks are not strategy-proof)', () => {
    const bundling = fc.tuple(fillingProblemArb, fc.nat(), fc.integer({ min: 2, max: 6 })).map(([p, who, k]) => {
      const liar = p.demands[who % p.demands.length] as TaskDemand;
      return {
        p,
        liar: liar.id,
        declared: Object.fromEntries(Object.entries(liar.perTask).map(([r, v]) => [r, v * k])),
      };
    });
    const result = fc.check(
      fc.property(
        bundling,
        ({ p, liar, declared }) => strategyProofnessViolation(drf, p, liar, declared) === undefined,
      ),
      { numRuns: 500, seed: SEED },
    );
    expect(result.failed).toBe(true);
  });
});
