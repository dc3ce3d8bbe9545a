import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import type { SimObserver, SimRecord } from '../../src/core/simulation/records.ts';
import { runSimulation } from '../../src/run.ts';

/** Small random clusters under a shared or a partitioned allocator, with two frameworks in two roles. */
const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    machines: fc.integer({ min: 2, max: 5 }),
    racks: fc.integer({ min: 1, max: 3 }),
    cpus: fc.constantFrom(2, 4, 6),
    taskCpus: fc.constantFrom(0.5, 1, 1.5),
    policy: fc.constantFrom('drf', 'static-partition', 'fifo'),
    meanInterval: fc.constantFrom('20s', '1m', '5m'),
    step: fc.constantFrom(undefined, '7s', '1m', '13m'),
  })
  .map((p): ScenarioInput => ({
    seed: p.seed,
    horizon: '30m',
    topology: { racks: p.racks, machines: [{ class: 'm', count: p.machines, resources: { cpus: p.cpus, mem: 8192 } }] },
    allocator:
      p.policy === 'static-partition'
        ? { policy: 'static-partition', options: { partitions: { a: { count: 1 }, b: { count: p.machines - 1 } } } }
        : { policy: p.policy },
    frameworks: [
      { id: 'a', scheduler: 'batch-first-fit', roles: ['ra'], options: { patienceSeconds: 300 } },
      { id: 'b', scheduler: 'elastic-batch', roles: ['rb'] },
    ],
    workloads: ['a', 'b'].map((framework) => ({
      generator: 'batch-jobs',
      framework,
      options: {
        arrivals: { process: 'poisson', meanInterval: p.meanInterval },
        tasks: { dist: 'uniform', min: 1, max: 6 },
        resources: { cpus: p.taskCpus, mem: 700 },
        duration: { dist: 'exponential', mean: '3m' },
      },
    })),
    ...(p.step === undefined ? {} : { outputs: { seriesStep: p.step } }),
  }));

/** Resource-µs of every task, from its launch to its end (or the end of the run), from the records alone. */
function taskResourceMicros(): SimObserver & { total(): Record<string, number> } {
  const launched = new Map<string, { t: number; resources: Record<string, number> }>();
  const area: Record<string, number> = {};
  let end = 0;
  const add = (resources: Record<string, number>, micros: number): void => {
    for (const [name, amount] of Object.entries(resources)) area[name] = (area[name] ?? 0) + amount * micros;
  };
  return {
    observe(r: SimRecord): void {
      if (r.kind === 'task-launched')
        launched.set(`${r.frameworkId}/${r.taskId}`, { t: r.t, resources: { ...r.resources } });
      else if (r.kind === 'task-ended') {
        const start = launched.get(`${r.frameworkId}/${r.taskId}`);
        launched.delete(`${r.frameworkId}/${r.taskId}`);
        if (start !== undefined) add(start.resources, r.t - start.t);
      } else if (r.kind === 'run-ended') end = r.t;
    },
    total(): Record<string, number> {
      const out = { ...area };
      for (const start of launched.values()) {
        for (const [name, amount] of Object.entries(start.resources))
          out[name] = (out[name] ?? 0) + amount * (end - start.t);
      }
      return out;
    },
  };
}

const close = (actual: number, expected: number): boolean =>
  Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

describe('utilization (property)', () => {
  it('never exceeds 1 in any bin, and integrates exactly to the tasks’ resource-seconds', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const tasks = taskResourceMicros();
        const report = runSimulation(scenario, { wallClock: false, observers: [tasks] });
        const u = report.utilization;
        const end = report.simulatedSeconds;
        const step = u.series.stepSeconds;
        const expected = tasks.total();
        expect(expected['cpus'] ?? 0).toBeGreaterThan(0);
        const width = (i: number): number => Math.min(step, end - i * step);
        const binned: Record<string, number[]>[] = [
          u.series.allocated,
          u.series.offered,
          ...Object.values(u.series.byFramework).map((s) => s.allocated),
          ...Object.values(u.series.byPartition).map((s) => s.allocated),
        ];
        for (const series of binned) {
          for (const values of Object.values(series)) {
            expect(values).toHaveLength(Math.ceil(end / step));
            for (const v of values) expect(v >= 0 && v <= 1, `bin value ${v}`).toBe(true);
          }
        }
        for (const name of Object.keys(u.capacity)) {
          const cap = u.capacity[name] as number;
          const want = (expected[name] ?? 0) / 1e6; // resource-seconds
          // Totals: fraction × capacity × time.
          expect(
            close((u.allocated[name] ?? 0) * cap * end, want),
            `${name}: ${(u.allocated[name] ?? 0) * cap * end} vs ${want}`,
          ).toBe(true);
          // The series integrates to the same.
          const fromSeries = (u.series.allocated[name] ?? []).reduce((sum, v, i) => sum + v * cap * width(i), 0);
          expect(close(fromSeries, want), `${name} series: ${fromSeries} vs ${want}`).toBe(true);
          // Frameworks, roles, racks and partitions partition the same area.
          const sumOf = (parts: Record<string, Record<string, number>>): number =>
            Object.values(parts).reduce((s, f) => s + (f[name] ?? 0) * cap * end, 0);
          expect(close(sumOf(u.byFramework), want)).toBe(true);
          expect(close(sumOf(u.byRole), want)).toBe(true);
          const pools = (p: typeof u.byRack): number =>
            Object.values(p).reduce((s, pool) => s + (pool.allocated[name] ?? 0) * (pool.capacity[name] ?? 0) * end, 0);
          expect(close(pools(u.byRack), want)).toBe(true);
          if (report.allocator === 'static-partition') expect(close(pools(u.byPartition), want)).toBe(true);
          else expect(u.byPartition).toEqual({});
        }
        // Fairness sees the same role allocations: the time-average of a role's dominant share lies
        // between its largest and the sum of its per-resource averages (all weights are 1).
        for (const [role, fractions] of Object.entries(u.byRole)) {
          const share = report.fairness.roles[role]?.meanDominantShare ?? Number.NaN;
          const values = Object.values(fractions);
          expect(share).toBeGreaterThanOrEqual(Math.max(...values) - 1e-9);
          expect(share).toBeLessThanOrEqual(values.reduce((x, y) => x + y, 0) + 1e-9);
        }
        const { mean, min } = report.fairness.jainIndex;
        if (mean !== null && min !== null)
          expect(min >= 0.5 - 1e-12 && min <= mean + 1e-12 && mean <= 1 + 1e-12).toBe(true);
      }),
      { seed: 20261203, numRuns: 30 },
    );
  }, 60_000);
});
