import { readFileSync } from 'node:fs';
import type { ComparisonReport, IntervalEstimate } from '../../src/compare/comparisonReport.ts';
import { resolveVariants } from '../../src/core/scenario/variants.ts';
import type { RunReport } from '../../src/metrics/runReport.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';

/** A framework name no scenario would accept: the report must show it as text. */
export const HOSTILE = '<script>alert(1)</script>';

/** Renames every object key and string value equal to `from` (a framework id all over a report). */
export function renameDeep<T>(value: T, from: string, to: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v === from ? to : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === from ? to : k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Real run reports of the rack-failure example (a service, a batch framework, a switch failure,
 * static vs shared), shortened to 3 h; the batch framework renamed to {@link HOSTILE}.
 */
export function exampleRuns(): { variant: string; report: RunReport }[] {
  const input = JSON.parse(
    readFileSync(new URL('../../examples/rack-failure.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  input['horizon'] = '3h';
  return resolveVariants(input, createDefaultRegistry()).map(({ variant, scenario }) => ({
    variant,
    report: renameDeep(runSimulation(scenario, { wallClock: false }), 'analytics', HOSTILE),
  }));
}

const estimate = (mean: number, halfWidth: number, n = 5): IntervalEstimate => ({
  n,
  mean,
  sd: halfWidth / 1.24,
  halfWidth,
  low: mean - halfWidth,
  high: mean + halfWidth,
});

/**
 * A comparison report around real example runs, with hand-made summary, differences, runs and
 * capacity search (so it does not depend on compare()).
 */
export function exampleComparison(runs = exampleRuns()): ComparisonReport {
  const variants = runs.map((r) => r.variant);
  const examples: Record<string, RunReport> = {};
  for (const r of runs) examples[r.variant] = r.report;
  const [baseline, other] = variants as [string, string];
  return {
    clustersim: '0.1.0',
    scenario: 'rack-failure & <i>friends</i>',
    seeds: [1, 2, 3, 4, 5],
    variants,
    baseline,
    metrics: [
      { id: 'cpuAllocated', label: 'CPU allocated', unit: 'fraction', better: 'higher', headline: true },
      { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower', headline: true },
      { id: 'availability', label: 'availability', unit: 'fraction', better: 'higher', headline: true },
      { id: 'tasksLost', label: 'tasks lost', unit: 'tasks', better: 'lower', headline: false },
    ],
    runs: variants.flatMap((variant, v) =>
      [1, 2, 3, 4, 5].map((seed) => ({
        variant,
        seed,
        machines: 9,
        eventLogHash: `h${v}${seed}`,
        metrics: {
          cpuAllocated: 0.4 + 0.1 * v + seed / 1000,
          p95Wait: 120 - 40 * v + seed,
          availability: v === 0 ? 0.95 : 0.999,
          tasksLost: v === 0 ? null : seed,
        },
      })),
    ),
    summary: {
      [baseline]: {
        cpuAllocated: estimate(0.403, 0.002),
        p95Wait: estimate(123, 2),
        availability: estimate(0.95, 0.01),
        tasksLost: null,
      },
      [other]: {
        cpuAllocated: estimate(0.503, 0.002),
        p95Wait: estimate(83, 2),
        availability: estimate(0.999, 0.0005),
        tasksLost: estimate(3, 1.96),
      },
    },
    differences: [
      {
        variant: other,
        baseline,
        metric: 'cpuAllocated',
        difference: estimate(0.1, 0.001),
        relative: 0.248,
        verdict: 'better',
      },
      {
        variant: other,
        baseline,
        metric: 'p95Wait',
        difference: estimate(-40, 3),
        relative: -0.325,
        verdict: 'better',
      },
      {
        variant: other,
        baseline,
        metric: 'availability',
        difference: estimate(0.049, 0.06),
        relative: 0.0516,
        verdict: 'within-noise',
      },
      { variant: other, baseline, metric: 'tasksLost', difference: null, relative: null, verdict: 'within-noise' },
    ],
    findings: [
      `${other} allocates 10.0 percentage points more CPU than ${baseline} (95% CI 9.9 … 10.1)`,
      `${HOSTILE} waits less under ${other}`,
    ],
    capacity: {
      objective: 'p95Wait<60s,availability>=99.9%',
      clauses: [
        { metric: 'p95Wait', op: '<', value: 60, text: 'p95Wait<60s' },
        { metric: 'availability', op: '>=', value: 0.999, text: 'availability>=99.9%' },
      ],
      rule: 'mean',
      variants: {
        [baseline]: {
          machines: 12,
          scenarioMachines: 9,
          searchedUpTo: 36,
          steps: [9, 12, 18].map((m) => ({
            machines: m,
            meets: m >= 12,
            metrics: {
              p95Wait: estimate(600 / m + (m < 12 ? 40 : 0), 4),
              availability: estimate(m >= 12 ? 0.9995 : 0.95, 0.0004),
            },
            problem: null,
          })),
        },
        [other]: {
          machines: 7,
          scenarioMachines: 9,
          searchedUpTo: 36,
          steps: [5, 7, 9].map((m) => ({
            machines: m,
            meets: m >= 7,
            metrics: {
              p95Wait: estimate(400 / m + (m < 7 ? 30 : 0), 3),
              availability: estimate(m >= 7 ? 0.9992 : 0.99, 0.0003),
            },
            problem: null,
          })),
        },
      },
    },
    examples,
    wall: null,
  };
}
