import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/kernel/rng.ts';
import {
  canaryVerdict,
  countCanaryRequests,
  newCanaryTally,
} from '../../../../src/policies/frameworks/marathon/canaryObservation.ts';
import { marathonScenario, runMarathon, type MarathonRun } from './marathonHarness.ts';

const canary = {
  instances: 1,
  isolatedSeconds: 60,
  trafficFraction: 0.1,
  partialSeconds: 300,
  errorThreshold: 0.05,
  minRequests: 100,
};

describe('a canary is judged on the requests it served, counted in the run', () => {
  it('counts rate × time requests (fractions carried over) and draws each failure', () => {
    const tally = newCanaryTally(100);
    countCanaryRequests(tally, 100, 0.5, 2.5, createRng(1)); // from now on 2.5 rps
    expect(tally).toMatchObject({ requests: 0, failed: 0 });
    countCanaryRequests(tally, 101, 0.5, 2.5, createRng(1));
    expect(tally.requests).toBe(2); // 2.5 requests offered: 2 arrived, half of one carried
    countCanaryRequests(tally, 102, 0.5, 0, createRng(1));
    expect(tally.requests).toBe(5);
    countCanaryRequests(tally, 200, 0.5, 0, createRng(1)); // no traffic since: nothing more
    expect(tally.requests).toBe(5);
    // Probability 0 never fails, 1 always does.
    const none = newCanaryTally(0);
    none.rps = 10;
    countCanaryRequests(none, 60, 0, 0, createRng(2));
    const all = newCanaryTally(0);
    all.rps = 10;
    countCanaryRequests(all, 60, 1, 0, createRng(2));
    expect([none.requests, none.failed, all.requests, all.failed]).toEqual([600, 0, 600, 600]);
  });

  it('draws failures at the version’s probability: 10,000 requests at 0.2 give 2000 ± 4σ (σ = 40)', () => {
    const tally = newCanaryTally(0);
    tally.rps = 100;
    countCanaryRequests(tally, 100, 0.2, 0, createRng(3));
    expect(tally.requests).toBe(10_000);
    expect(Math.abs(tally.failed - 2000)).toBeLessThan(160);
  });

  it('the rule: wait below minRequests; above it, roll back over the threshold; at the end, too few is not a pass', () => {
    const at = (requests: number, failed: number) => ({ requests, failed, offered: requests, rps: 0, until: 0 });
    expect(canaryVerdict(at(99, 99), canary, false)).toBe('wait');
    expect(canaryVerdict(at(100, 6), canary, false)).toBe('roll-back'); // 6 % > 5 %
    expect(canaryVerdict(at(100, 5), canary, false)).toBe('wait'); // 5 % is not above 5 %
    expect(canaryVerdict(at(100, 5), canary, true)).toBe('promote');
    expect(canaryVerdict(at(99, 0), canary, true)).toBe('roll-back');
  });
});

describe('canary deployments driven by the counted requests', () => {
  const healthCheck = { gracePeriodSeconds: 10, intervalSeconds: 10, timeoutSeconds: 2 };
  const app = (errorRate: number, overrides: Partial<typeof canary>) => ({
    apps: [
      {
        id: 'web',
        instances: 3,
        resources: { cpus: 1, mem: 512 },
        healthCheck,
        warmupSeconds: 10,
        load: { rps: 300, rpsPerInstance: 200 },
        events: [
          { at: '120s', deploy: { version: 'v2', strategy: 'canary', errorRate, canary: { ...canary, ...overrides } } },
        ],
      },
    ],
  });
  const machines = { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 4096 } }] };
  const phases = (run: MarathonRun) => run.facts('deployment').map((f) => [f.t, f.phase, f.detail]);
  const counts = (detail: string): [number, number] => {
    const m = /canary failed (\d+) of (\d+) requests/.exec(detail);
    if (m === null) throw new Error(`no counts in "${detail}"`);
    return [Number(m[1]), Number(m[2])];
  };

  it('waits for minRequests: 30 rps to the canary reach 2000 requests only at the second sample after the start', () => {
    // Partial from 180 s (canary healthy at 130 s, isolated 60 s); 10 % of 300 rps = 30 rps; samples
    // every 60 s: 1800 requests at 240 s (< 2000, wait), 3600 at 300 s: judged, 20 % > 5 %.
    const run = runMarathon(marathonScenario(app(0.2, { minRequests: 2000 }), machines, '10m'));
    const rows = phases(run);
    expect(rows.map(([t, p]) => [t, p])).toEqual([
      [120, 'started'],
      [120, 'canary-isolated'],
      [180, 'canary-partial'],
      [300, 'rolled-back'],
    ]);
    const [failed, served] = counts(String(rows[3]?.[2]));
    expect(served).toBe(3600);
    // Binomial(3600, 0.2): mean 720, σ = 24.
    expect(Math.abs(failed - 720)).toBeLessThan(4 * 24);
  });

  it('promotes a canary whose observed rate stays under the threshold (1 % drawn against 5 %)', () => {
    const run = runMarathon(marathonScenario(app(0.01, {}), machines, '10m'));
    const rows = phases(run);
    expect(rows.map(([t, p]) => [t, p])).toEqual([
      [120, 'started'],
      [120, 'canary-isolated'],
      [180, 'canary-partial'],
      [480, 'rolling'],
      [490, 'finished'],
    ]);
    // 30 rps for the 300 s of the partial stage: 9000 requests, about 90 failed (σ ≈ 9.4).
    const [failed, served] = counts(String(rows[3]?.[2]));
    expect(served).toBe(9000);
    expect(Math.abs(failed - 90)).toBeLessThan(4 * 9.4);
  });

  it('rolls back a canary that served too few requests to judge, even one that never fails', () => {
    // 0.1 % of 300 rps = 0.3 rps × 300 s = 90 requests < minRequests 100.
    const run = runMarathon(marathonScenario(app(0, { trafficFraction: 0.001 }), machines, '10m'));
    const rows = phases(run);
    expect(rows.map(([t, p]) => [t, p])).toEqual([
      [120, 'started'],
      [120, 'canary-isolated'],
      [180, 'canary-partial'],
      [480, 'rolled-back'],
    ]);
    expect(counts(String(rows[3]?.[2]))).toEqual([0, 90]);
  });

  it('the same failing version may pass or fail near the threshold: the verdict depends on the draws, per seed', () => {
    // Probability 0.05 against threshold 0.05 with minRequests 100: the observed rate after the
    // first 1800 requests is above 5 % in about half the seeds (the binomial's median is its mean).
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const verdicts = seeds.map(
      (seed) =>
        runMarathon(marathonScenario(app(0.05, {}), machines, '10m'), seed)
          .facts('deployment')
          .at(-1)?.phase,
    );
    expect(verdicts).toHaveLength(12);
    expect(verdicts.filter((v) => v === 'rolled-back').length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => v === 'finished').length).toBeGreaterThan(0);
  });
});
