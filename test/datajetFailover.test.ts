import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveVariants } from '../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';
import { createRecorder } from './fixtures/recorder.ts';

describe('the seed story’s failover outage (examples/datajet-failover.json): master failover at 1h', () => {
  const registry = createDefaultRegistry();
  const text = readFileSync(new URL('../examples/datajet-failover.json', import.meta.url), 'utf8');
  const runs = Object.fromEntries(
    resolveVariants(JSON.parse(text), registry).map(({ variant, scenario }) => {
      const recorder = createRecorder();
      return [
        variant,
        { report: runSimulation(scenario, { registry, observers: [recorder], wallClock: false }), recorder },
      ];
    }),
  );

  it('with correct reconciliation, the service does not notice', () => {
    const run = runs['correct'];
    expect(run?.recorder.of('task-ended').filter((r) => r.t >= 3600e6)).toEqual([]);
    expect(run?.report.services['elasticsearch']?.sinceReady.minAvailability).toBe(1);
  });

  it('with faulty reconciliation, every healthy node is restarted and search goes down until they pass their checks', () => {
    const run = runs['faulty'];
    // Re-registered with the new master at 3615 s, Marathon kills all three nodes (20 s grace).
    const killed = run?.recorder.of('task-killing').filter((r) => r.t >= 3600e6) ?? [];
    expect(killed.map((r) => r.t / 1e6)).toEqual([3615, 3615, 3615]);
    const es = run?.report.services['elasticsearch'];
    expect(es?.sinceReady.minAvailability).toBe(0);
    // Down at the start until the first nodes answer (their 120 s warm-up), and again from the kill
    // until the new nodes have warmed up for 120 s and pass a check.
    expect((es?.secondsWithoutHealthyInstance ?? 0) - 120).toBeGreaterThanOrEqual(120);
  });
});
