import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveVariants } from '../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';

/** Availability of an app at a time, from its step timeline. */
function availableAt(timeline: { atSeconds: number[]; available: number[] }, t: number): number {
  let value = Number.NaN;
  timeline.atSeconds.forEach((at, i) => {
    if (at <= t) value = timeline.available[i] ?? Number.NaN;
  });
  return value;
}

describe('the seed story’s blackout (examples/rack-failure.json): r3’s switch down from 2h to 2h10m', () => {
  const registry = createDefaultRegistry();
  const text = readFileSync(new URL('../examples/rack-failure.json', import.meta.url), 'utf8');
  const reports = Object.fromEntries(
    resolveVariants(JSON.parse(text), registry).map(({ variant, scenario }) => [
      variant,
      runSimulation(scenario, { registry, wallClock: false }),
    ]),
  );

  it('blacks Cassandra out for the whole 10 minutes when all its instances share the rack (static partitions)', () => {
    const cassandra = reports['static']?.services['cassandra'];
    if (cassandra === undefined) throw new Error('no cassandra service in the static setup');
    expect(availableAt(cassandra.timeline, 7199)).toBe(1);
    for (let t = 7200; t <= 7800; t += 10) expect(availableAt(cassandra.timeline, t)).toBe(0);
    expect(cassandra.secondsWithoutHealthyInstance).toBeGreaterThanOrEqual(600);
  });

  it('keeps at least 2 of 3 Cassandra instances reachable throughout on a shared cluster with GROUP_BY rack', () => {
    const cassandra = reports['shared']?.services['cassandra'];
    if (cassandra === undefined) throw new Error('no cassandra service in the shared setup');
    const ready = cassandra.sinceReady.atSeconds;
    expect(ready).not.toBeNull();
    cassandra.timeline.atSeconds.forEach((at, i) => {
      if (at >= (ready ?? 0)) expect(cassandra.timeline.available[i]).toBeGreaterThanOrEqual(2 / 3);
    });
    expect(availableAt(cassandra.timeline, 7500)).toBeCloseTo(2 / 3, 12); // during the outage
    expect(cassandra.sinceReady.minAvailability).toBeCloseTo(2 / 3, 12);
  });
});
