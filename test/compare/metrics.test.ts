import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS, extractMetrics, metricsFor } from '../../src/compare/metrics.ts';
import { resolveVariants } from '../../src/core/scenario/variants.ts';
import type { RunReport } from '../../src/metrics/runReport.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';
import { twoTeams } from './fixtures.ts';

function run(variant: string): RunReport {
  const registry = createDefaultRegistry();
  const setup = resolveVariants(twoTeams(), registry).find((v) => v.variant === variant);
  return runSimulation(setup!.scenario, { registry, wallClock: false });
}

describe('the built-in metrics', () => {
  const report = run('static');
  const values = extractMetrics(metricsFor(DEFAULT_METRICS, ['a', 'b']), report);
  const a = report.frameworks['a']!;
  const b = report.frameworks['b']!;

  it('pools per-framework means by their counts, and takes the worst framework for tail figures', () => {
    expect(a.jobSlowdown.count + b.jobSlowdown.count).toBeGreaterThan(10);
    const pooled =
      (a.jobSlowdown.count * a.jobSlowdown.mean! + b.jobSlowdown.count * b.jobSlowdown.mean!) /
      (a.jobSlowdown.count + b.jobSlowdown.count);
    expect(values['meanSlowdown']).toBeCloseTo(pooled, 12);
    expect(values['p99Wait']).toBe(Math.max(a.taskWaitSeconds.p99!, b.taskWaitSeconds.p99!));
    expect(values['makespan']).toBe(Math.max(a.makespanSeconds!, b.makespanSeconds!));
    expect(values['noOfferSeconds.b']).toBe(b.starvation.withoutOfferSeconds);
  });

  it("reads fairness per role: the worst role below its fair share, and Jain's index", () => {
    const roles = Object.values(report.fairness.roles);
    expect(values['belowFairShare']).toBe(Math.max(...roles.map((r) => r.belowFairShareSeconds)));
    expect(values['jainIndex']).toBe(report.fairness.jainIndex.mean);
  });

  it('gives the share of tasks abandoned over every framework, and null where a run has nothing to measure', () => {
    const abandoned = a.tasksAbandoned + b.tasksAbandoned;
    expect(values['abandonedShare']).toBe(abandoned / (abandoned + a.tasksLaunched + b.tasksLaunched));
    expect(values['availability']).toBeNull(); // no services in this scenario
    expect(values['startup']).toBeNull();
  });
});
