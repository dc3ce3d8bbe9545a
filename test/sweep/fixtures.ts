import { twoTeams } from '../compare/fixtures.ts';
import type { SweepSpec } from '../../src/sweep/spec.ts';

/** The two-team scenario cut to 10 simulated minutes: a run takes a fraction of a second. */
export function tinyScenario(): Record<string, unknown> {
  return { ...twoTeams(), horizon: '10m' };
}

/** 2 allocation intervals × 2 variants × `seeds` replications on {@link tinyScenario}. */
export function tinySweep(seeds = 2, extra: Partial<SweepSpec> = {}): SweepSpec {
  return {
    scenario: tinyScenario(),
    grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
    seeds,
    metrics: ['cpuAllocated', 'p95Wait'],
    ...extra,
  };
}
