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
      resolveVariants(JSON.parse(text), registry).map(({ variant, scenario }) => [variant, runSimulation(scenario, { registry, wallClock: false })]),
    );
    const staticRun = runs['static'];
    const shared = runs['shared'];
    if (staticRun === undefined || shared === undefined) throw new Error('the demo must have "static" and "shared" setups');
    // The day team's peak overflows its half of the cluster while the night team's half idles.
    expect(shared.utilization.allocated['cpus']).toBeGreaterThan(staticRun.utilization.allocated['cpus'] ?? 1);
    const abandoned = (r: typeof shared): number => Object.values(r.frameworks).reduce((n, f) => n + f.tasksAbandoned, 0);
    expect(abandoned(shared)).toBeLessThan(abandoned(staticRun));
    // Every framework reports a starvation figure in both setups.
    for (const r of [staticRun, shared]) for (const f of Object.values(r.frameworks)) expect(f.starvation.longestWithoutOfferSeconds).toBeGreaterThanOrEqual(0);
  });
});
