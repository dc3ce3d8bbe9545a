import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveVariants } from '../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';
import { createRecorder } from './fixtures/recorder.ts';

describe('the seed story’s failover outage (examples/datajet-failover.json): Marathon leader failover at 1h', () => {
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
  /** The availability steps of Elasticsearch from `fromSeconds` on: [second, healthy ÷ desired]. */
  const stepsFrom = (variant: string, fromSeconds: number): [number, number][] => {
    const timeline = runs[variant]?.report.services['elasticsearch']?.timeline;
    return (timeline?.atSeconds ?? [])
      .map((t, i): [number, number] => [t, timeline?.available[i] ?? NaN])
      .filter(([t]) => t >= fromSeconds);
  };

  it('launches three nodes at the start and two more at the 50-minute scale-up, in both variants', () => {
    for (const variant of ['correct', 'faulty']) {
      const launched = runs[variant]?.recorder.of('task-launched').filter((r) => r.t < 3600e6) ?? [];
      expect(launched.map((r) => r.t / 1e6)).toEqual([0, 0, 0, 3000, 3000]);
    }
  });

  it('with an up-to-date state store, neither the Marathon leader failover nor the Mesos master failover touches a node', () => {
    const run = runs['correct'];
    expect(run?.recorder.of('framework-reregistered').map((r) => r.t / 1e6)).toEqual([3630]);
    expect(run?.recorder.of('master-elected').map((r) => r.t / 1e6)).toEqual([5415]);
    expect(run?.recorder.of('task-killing').filter((r) => r.t >= 3600e6)).toEqual([]);
    expect(run?.recorder.of('task-ended').filter((r) => r.t >= 3600e6)).toEqual([]);
    expect(stepsFrom('correct', 3600)).toEqual([]);
  });

  it('with a store 15 minutes behind, the new leader restarts the two nodes it does not know — healthy ones — and only those', () => {
    const run = runs['faulty'];
    const launchedAt = new Map(run?.recorder.of('task-launched').map((r) => [r.taskId, r.t / 1e6]));
    // The old leader went down at 3600 s; the store knows launches up to 3600 − 900 = 2700 s, so
    // the nodes launched at 3000 s are unknown to the new leader, back at 3630 s. Reconciliation
    // reports them running; Marathon kills them as unknown tasks (20 s grace).
    const killed = run?.recorder.of('task-killing').filter((r) => r.t >= 3600e6) ?? [];
    expect(killed.map((r) => [launchedAt.get(r.taskId), r.t / 1e6])).toEqual([
      [3000, 3630],
      [3000, 3630],
    ]);
    // They were healthy: each had passed a health check after its 120 s warm-up (by 3120 s).
    const healthy = new Set(
      run?.recorder
        .of('framework-fact')
        .filter((r) => r.fact === 'instance-health' && r.healthy && r.t < 3600e6)
        .map((r) => (r as { taskId: string }).taskId),
    );
    for (const k of killed) expect(healthy.has(k.taskId)).toBe(true);
    // Search runs on the 3 older nodes (3 of 5) until the replacements, launched at 3630 s, pass
    // their first check after the 120 s warm-up: back to 5 of 5 at 3750 s. Never below 3 of 5.
    expect(stepsFrom('faulty', 3600)).toEqual([
      [3630, 0.6],
      [3750, 1],
    ]);
    // The Mesos master failover at 1h30 restarts nothing: Marathon keeps its state then.
    expect(run?.recorder.of('task-killing').filter((r) => r.t >= 5400e6)).toEqual([]);
  });
});
