import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * The analytic model of the Mesos paper (Hindman et al., NSDI 2011, §4.2 and Table 2), replayed
 * through the whole simulation. A framework f entitled to k slots arrives at t0 on a cluster of k
 * one-slot machines that another framework fills with tasks of mean duration T; every slot that
 * frees goes to f (DRF: f is the furthest below its share). The paper's values are the k → ∞ limits;
 * the exact finite-k ones, used here:
 * - ramp-up (until f holds all k slots): the last of k slots to free. Constant durations, staggered:
 *   each slot frees at a uniform time in [0, T], so E = T·k/(k+1); exponential: each residual is
 *   Exp(T) (memoryless), so E = T·H_k (H_k = 1 + 1/2 + … + 1/k; the paper's T ln k).
 * - a rigid framework's utilization (work ÷ slot-time held, slots held idle until all k are in):
 *   its job runs βT on k slots from the last acquisition, so held time is Σ (max aᵢ − aᵢ) + kβT and
 *   utilization (over many runs) β / (E[max] − E[mean] + β) in units of T: constant
 *   β / (k/(k+1) − 1/2 + β) (paper: β/(1/2 + β)); exponential β / (H_k − 1 + β) (paper:
 *   β/(ln k − 1 + β)).
 * The simulation adds one delay the model does not have: resources freed by a finished task are
 * offered at the next batch allocation (Mesos's --allocation_interval, 1 s by default), so each
 * slot reaches f up to one interval after it frees — the last one U(0, interval] later, half an
 * interval on average.
 */

const K = 10;
const T = 100;
const T0 = 0.001; // f arrives just after the other framework's tasks launched (at 0)
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

type Durations = 'constant' | 'exponential';

function scenario(seed: number, durations: Durations, framework: 'elastic-batch' | 'rigid-batch', interval = 1) {
  const input: ScenarioInput = {
    seed,
    horizon: `${30 * T}s`,
    master: { allocationInterval: `${interval}s` },
    topology: { machines: [{ class: 'slot', count: K, resources: { cpus: 1, mem: 1024 } }] },
    allocator: { policy: 'drf' },
    frameworks: [
      { id: 'background', scheduler: 'batch-first-fit' },
      {
        id: 'f',
        scheduler: framework, // A gang that never gives back what it hoards (the model's rigid framework waits).
        ...(framework === 'rigid-batch' ? { options: { hoardingTimeoutSeconds: 1e6 } } : {}),
      },
    ],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'background',
        options: {
          arrivals: { process: 'once' },
          jobs: 1,
          tasks: K,
          resources: { cpus: 1, mem: 1024 },
          // Staggered constant tasks: at t0 each has a uniform residual in [0, T].
          duration:
            durations === 'constant'
              ? { dist: 'uniform', min: `${T0}s`, max: `${T0 + T}s` }
              : { dist: 'exponential', mean: `${T}s` },
        },
      },
      {
        generator: 'batch-jobs',
        framework: 'f',
        // One task per slot, long enough that none ends before f holds all k (β = 10).
        options: {
          arrivals: { process: 'once', at: `${T0}s` },
          jobs: 1,
          tasks: K,
          resources: { cpus: 1, mem: 1024 },
          duration: `${10 * T}s`,
        },
      },
    ],
  };
  return input;
}

interface Measured {
  /** f holds all k slots (its k-th launch, or for a rigid gang its k-th offer), from t0. */
  readonly rampUp: number;
  /** When the last background task ended, from t0 (the model's ramp-up for this draw). */
  readonly lastFreed: number;
  /** f's work ÷ the slot-time it held (from each slot's offer to f to its task's end). */
  readonly work: number;
  readonly held: number;
  /** f's last task end, from t0. */
  readonly completion: number;
}

function measure(input: ScenarioInput): Measured {
  const recorder = createRecorder();
  runSimulation(input, { observers: [recorder], wallClock: false });
  const s = (t: number) => t / 1e6;
  const freed = recorder
    .of('task-ended')
    .filter((r) => r.frameworkId === 'background')
    .map((r) => s(r.t));
  const launches = recorder.of('task-launched').filter((r) => r.frameworkId === 'f');
  const ends = recorder.of('task-ended').filter((r) => r.frameworkId === 'f');
  // Each slot's first offer to f (a rigid gang holds it from then on).
  const offeredAt = new Map<string, number>();
  for (const o of recorder.of('offer-made'))
    if (o.frameworkId === 'f' && !offeredAt.has(o.agentId)) offeredAt.set(o.agentId, s(o.t));
  expect(launches).toHaveLength(K);
  const acquired = launches.map((l) => Math.min(offeredAt.get(l.agentId) ?? s(l.t), s(l.t)));
  const endOf = new Map(ends.map((e) => [e.taskId, s(e.t)]));
  return {
    rampUp: Math.max(...acquired) - T0,
    lastFreed: Math.max(...freed) - T0,
    work: launches.reduce((sum, l) => sum + ((endOf.get(l.taskId) ?? NaN) - s(l.t)), 0),
    held: launches.reduce((sum, l, i) => sum + ((endOf.get(l.taskId) ?? NaN) - (acquired[i] ?? NaN)), 0),
    completion: Math.max(...ends.map((e) => s(e.t))) - T0,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const standardError = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};
const harmonic = (k: number) => Array.from({ length: k }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);

const EXACT_RAMP_UP: Record<Durations, number> = { constant: (T * K) / (K + 1), exponential: T * harmonic(K) };

describe('the Mesos paper’s analytic model (NSDI 2011, Table 2), through the full simulation', () => {
  for (const durations of ['constant', 'exponential'] as const) {
    it(`ramp-up with ${durations} durations: the exact finite-k value, plus half an allocation interval`, () => {
      const runs = SEEDS.map((seed) => measure(scenario(seed, durations, 'elastic-batch')));
      expect(runs).toHaveLength(SEEDS.length);
      // Each run: f holds its last slot after the last background task frees it, at the next
      // allocation (within one 1 s interval), never before.
      for (const r of runs) {
        expect(r.rampUp - r.lastFreed).toBeGreaterThan(0);
        expect(r.rampUp - r.lastFreed).toBeLessThanOrEqual(1);
      }
      const rampUps = runs.map((r) => r.rampUp);
      const bound = 3 * standardError(rampUps);
      // Within the 3-standard-error interval of the exact value plus the mean extra delay (0.5 s).
      expect(Math.abs(mean(rampUps) - (EXACT_RAMP_UP[durations] + 0.5))).toBeLessThan(bound);
      // The model's own ramp-up for these draws (the last slot's freeing) matches the exact value.
      expect(Math.abs(mean(runs.map((r) => r.lastFreed)) - EXACT_RAMP_UP[durations])).toBeLessThan(bound);
    });
  }

  it('the extra delay is the allocation interval: with a 10 s interval f’s ramp-up is 5 s longer on average', () => {
    const runs = SEEDS.map((seed) => measure(scenario(seed, 'constant', 'elastic-batch', 10)));
    const gaps = runs.map((r) => r.rampUp - r.lastFreed);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(10);
    }
    // The last slot frees at a uniform point of an interval: the wait until the next allocation
    // is U(0, 10 s], mean 5 s, standard deviation 10/√12 ≈ 2.9 s.
    expect(Math.abs(mean(gaps) - 5)).toBeLessThan((3 * 10) / Math.sqrt(12) / Math.sqrt(gaps.length));
  });

  for (const durations of ['constant', 'exponential'] as const) {
    it(`a rigid framework’s utilization with ${durations} durations: β / (E[max] − E[mean] + β)`, () => {
      const runs = SEEDS.map((seed) => measure(scenario(seed, durations, 'rigid-batch')));
      const beta = 10;
      const eMax = EXACT_RAMP_UP[durations] / T;
      const eMean = durations === 'constant' ? 0.5 : 1;
      const exact = beta / (eMax - eMean + beta);
      // Completion time (1 + β)T in the limit: the gang starts at its last slot and runs βT.
      for (const r of runs) expect(r.completion).toBeCloseTo(r.rampUp + beta * T, 6);
      // Utilization over all runs (a ratio estimator) and its standard error.
      const utilization = runs.reduce((a, r) => a + r.work, 0) / runs.reduce((a, r) => a + r.held, 0);
      const residuals = runs.map((r) => r.work - utilization * r.held);
      const se =
        Math.sqrt(residuals.reduce((a, x) => a + x * x, 0) / (runs.length * (runs.length - 1))) /
        mean(runs.map((r) => r.held));
      expect(Math.abs(utilization - exact)).toBeLessThan(3 * se);
      // The delay does not lower it on average: every slot, the last included, reaches the gang
      // up to one interval after it frees, so the idle time held (max − each) keeps its mean.
      expect(utilization).toBeLessThan(1);
    });
  }
});
