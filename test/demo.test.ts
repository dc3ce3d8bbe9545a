import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveVariants } from '../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';

describe('the demo (examples/day-night.json)', () => {
  it('shows the shared DRF cluster with higher utilization and less abandoned work than static partitions', () => {
    const registry = createDefaultRegistry();
    const text = readFileSync(new URL('../examples/day-night.json', import.meta.url), 'utf8');
    const runs = Object.fromEntries(
      resolveVariants(JSON.parse(text), registry).map(({ variant, scenario }) => [
        variant,
        runSimulation(scenario, { registry, wallClock: false }),
      ]),
    );
    const staticRun = runs['static'];
    const shared = runs['shared'];
    if (staticRun === undefined || shared === undefined)
      throw new Error('the demo must have "static" and "shared" setups');
    // The day team's peak overflows its half of the cluster while the night team's half idles.
    expect(shared.utilization.allocated['cpus']).toBeGreaterThan(staticRun.utilization.allocated['cpus'] ?? 1);
    const abandoned = (r: typeof shared): number =>
      Object.values(r.frameworks).reduce((n, f) => n + f.tasksAbandoned, 0);
    expect(abandoned(shared)).toBeLessThan(abandoned(staticRun));
    // Every framework reports a starvation figure in both setups.
    for (const r of [staticRun, shared])
      for (const f of Object.values(r.frameworks))
        expect(f.starvation.longestWithoutOfferSeconds).toBeGreaterThanOrEqual(0);
    // Each team is a role of its own, so fairness is reported per team; each static partition has its own utilization.
    expect(Object.keys(shared.fairness.roles).sort()).toEqual(['logs', 'reports']);
    expect(Object.keys(staticRun.utilization.byPartition).sort()).toEqual(['logs', 'reports']);
    // A partition keeps a team from the idle half it would get in the shared cluster: far more time below its DRF fair share.
    const below = (r: typeof shared): number =>
      Object.values(r.fairness.roles).reduce((n, role) => n + role.belowFairShareSeconds, 0);
    expect(below(staticRun)).toBeGreaterThan(2 * below(shared));
  });
});
