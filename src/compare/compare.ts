import type { Micros } from '../core/kernel/time.ts';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { ScenarioError, formatIssue, type LocatedIssue } from '../core/scenario/issues.ts';
import { resolveScenarioPaths } from '../core/scenario/paths.ts';
import { resolveVariants, type ResolvedVariant } from '../core/scenario/variants.ts';
import type { RunReport } from '../metrics/runReport.ts';
import { createDefaultRegistry } from '../registry.ts';
import { VERSION } from '../version.ts';
import { startWallTimer } from '../wallClock.ts';
import { findCapacity, capacitySentence, type SizeMeasurement } from './capacity/findCapacity.ts';
import { parseObjective } from './capacity/objective.ts';
import { scaleScenarioInput } from './capacity/scaleTopology.ts';
import type {
  CapacityReport,
  CapacityStep,
  ComparisonReport,
  ComparisonRun,
  IntervalEstimate,
  PairedDifference,
} from './comparisonReport.ts';
import { CompareInputError } from './errors.ts';
import { findingSentence } from './findings.ts';
import {
  DEFAULT_METRICS,
  extractMetrics,
  metricInfo,
  metricsFor,
  type MetricDefinition,
  type MetricRegistry,
} from './metrics.ts';
import { comparisonSeeds } from './seeds.ts';
import { createInlineExecutor, createPoolExecutor, type RunExecutor } from './runners/executor.ts';
import type { RunTask } from './runners/runTask.ts';
import { intervalEstimate, pairedDifferences, verdict } from './statistics.ts';

/**
 * Options of {@link compare}.
 *
 * @example
 * ```ts
 * const options: CompareOptions = { seeds: 10, variants: ['static', 'shared'], baseline: 'static', wallClock: false,
 *   findCapacity: { objective: 'p95Wait<60s', maxMachines: 200 } };
 * ```
 */
export interface CompareOptions {
  /** A count N (the scenario's seed s, s+1, …, s+N−1) or an explicit list of seeds (default 5). */
  readonly seeds?: number | readonly (number | string)[];
  /** The variants to run, by name (default: all), reported in scenario order. */
  readonly variants?: readonly string[];
  /** The variant the others are compared with (default: the first). */
  readonly baseline?: string;
  /** Plugins to resolve names with (default: the built-ins). */
  readonly registry?: PluginRegistry;
  /** The metrics to compute (default {@link DEFAULT_METRICS}). */
  readonly metrics?: MetricRegistry;
  /** Also search, per variant, the smallest machine count that meets an objective. */
  readonly findCapacity?: { readonly objective: string; readonly maxMachines?: number };
  /** Called after every run (of the comparison or of the capacity search). */
  readonly onRun?: (run: ComparisonRun) => void;
  /** Called after every size the capacity search tries. */
  readonly onCapacityStep?: (variant: string, step: CapacityStep) => void;
  /** Simulated time reached in the current run, as in `runSimulation`. */
  readonly onProgress?: (now: Micros, horizon: Micros) => void;
  /** Measure the comparison's wall time into `report.wall` (default true; false: fully deterministic). */
  readonly wallClock?: boolean;
  /** Trace readers skip malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
  /**
   * Runs at once on worker threads (default 1: every run in this thread, one after another).
   * Results are the same for any number; worker threads use the built-in plugins only.
   */
  readonly workers?: number;
  /**
   * The folder that relative paths in the scenario's file fields (`file`, `…File`) are resolved
   * against, e.g. `dirname(scenarioFile)` (default: the working directory).
   */
  readonly baseDir?: string;
  /** Receives each warning about the scenario once (see `RunOptions.onWarning`), before any run. */
  readonly onWarning?: (warning: LocatedIssue) => void;
}

/**
 * The number of seeds a comparison runs when none is given.
 *
 * @example
 * ```ts
 * (await compare(scenario)).seeds.length === DEFAULT_SEEDS; // true
 * ```
 */
export const DEFAULT_SEEDS = 5;

/**
 * Runs every variant of a scenario on the same seeds (common random numbers: a seed gives every
 * variant the same arrivals, because workload streams are forked from the run seed by workload
 * name), and reports each metric's mean and 95% interval per variant, the paired differences
 * against the baseline with verdicts, plain findings and, when asked, a capacity search.
 * Rejects with `ScenarioError` for a scenario that cannot run and {@link CompareInputError} for bad options.
 *
 * @example
 * ```ts
 * const report = await compare(JSON.parse(readFileSync('examples/day-night.json', 'utf8')), { seeds: 5, workers: 2, wallClock: false });
 * report.summary['shared']?.['cpuAllocated']?.mean;
 * report.findings[0]; // 'CPU allocated: shared is 18.2 percentage points higher than static (…) — better'
 * ```
 */
export async function compare(input: unknown, options: CompareOptions = {}): Promise<ComparisonReport> {
  // Paths are resolved once, here: every run (on any worker thread) gets them resolved.
  const scenario = options.baseDir === undefined ? input : resolveScenarioPaths(input, options.baseDir);
  const stopTimer = options.wallClock === false ? undefined : startWallTimer();
  const registry = options.registry ?? createDefaultRegistry();
  const all = resolveVariants(scenario, registry);
  const warned = new Set<string>();
  for (const warning of all.flatMap((v) => v.scenario.warnings)) {
    const line = formatIssue(warning);
    if (!warned.has(line)) options.onWarning?.(warning);
    warned.add(line);
  }
  const hasVariants = (scenario as { variants?: unknown }).variants !== undefined;
  const chosen = chooseVariants(all, options.variants);
  const variants = chosen.map((v) => v.variant);
  const baseline = options.baseline ?? (variants[0] as string);
  if (!variants.includes(baseline))
    throw new CompareInputError(`unknown baseline "${baseline}"; variants compared: ${variants.join(', ')}`);
  const first = chosen[0] as ResolvedVariant;
  const seeds = comparisonSeeds(first.scenario.seed, options.seeds ?? DEFAULT_SEEDS);
  const frameworkIds = [...new Set(chosen.flatMap((v) => v.scenario.frameworks.map((f) => f.id)))];
  const metrics = metricsFor(options.metrics ?? DEFAULT_METRICS, frameworkIds);
  const clauses =
    options.findCapacity === undefined
      ? undefined
      : parseObjective(options.findCapacity.objective, metrics.map(metricInfo));
  const maxMachines = options.findCapacity?.maxMachines;
  if (maxMachines !== undefined && (!Number.isSafeInteger(maxMachines) || maxMachines < 1)) {
    throw new CompareInputError(`the largest machine count to try must be a whole number ≥ 1, got ${maxMachines}`);
  }
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 1)
    throw new CompareInputError(`workers must be a whole number ≥ 1, got ${workers}`);
  if (workers > 1 && options.registry !== undefined) {
    throw new CompareInputError(
      'worker threads run the built-in plugins only; with your own registry, compare with workers: 1',
    );
  }

  if (clauses !== undefined) {
    // Refuse a scenario the search cannot scale before any run, not minutes into the search.
    for (const v of chosen)
      scaleScenarioInput(
        scenario as Record<string, unknown>,
        hasVariants ? v.variant : undefined,
        v.scenario.topology.machines.length,
      );
  }

  const executor: RunExecutor =
    workers > 1 ? createPoolExecutor(workers) : createInlineExecutor(registry, options.onProgress);
  try {
    const cache = new Map<string, Promise<ComparisonRun>>();
    const reports = new Map<string, RunReport>();
    let runCount = 0;
    /** Runs a task once: a second request for the same (variant, size, seed) gets the first one's result. */
    const runOne = (variant: string, machines: number, task: RunTask): Promise<ComparisonRun> => {
      const key = runKey(variant, machines, task.seed);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const pending = executor.run(task).then((report) => {
        runCount++;
        if (machines === scenarioMachinesOf(chosen, variant) && task.seed === seeds[0]) reports.set(variant, report);
        const run: ComparisonRun = {
          variant,
          seed: task.seed,
          machines: report.cluster.machines,
          eventLogHash: report.eventLogHash,
          metrics: extractMetrics(metrics, report),
        };
        options.onRun?.(run);
        return run;
      });
      cache.set(key, pending);
      return pending;
    };
    const skipBadRows = options.skipBadRows === true;

    const runs = await Promise.all(
      chosen.flatMap(({ variant, scenario: resolved }) =>
        seeds.map((seed) =>
          runOne(variant, resolved.topology.machines.length, {
            input: scenario,
            variant: hasVariants ? variant : null,
            seed,
            skipBadRows,
          }),
        ),
      ),
    );
    const valuesOf = (variant: string, metric: string): (readonly [number | string, number | null])[] =>
      seeds.map(
        (seed) => [seed, runs.find((r) => r.variant === variant && r.seed === seed)?.metrics[metric] ?? null] as const,
      );

    const summary: Record<string, Record<string, IntervalEstimate | null>> = {};
    for (const variant of variants) {
      summary[variant] = Object.fromEntries(metrics.map((m) => [m.id, estimateOf(valuesOf(variant, m.id))]));
    }
    const differences = variants
      .filter((v) => v !== baseline)
      .flatMap((variant) =>
        metrics.map((m) =>
          pairedDifference(
            m,
            variant,
            baseline,
            valuesOf(baseline, m.id),
            valuesOf(variant, m.id),
            summary[baseline]?.[m.id] ?? null,
          ),
        ),
      );
    const byId = new Map(metrics.map((m) => [m.id, m]));
    const findings = differences
      .filter((d) => byId.get(d.metric)?.headline === true && d.difference !== null)
      .map((d) => findingSentence(byId.get(d.metric) as MetricDefinition, d));

    let capacity: CapacityReport | null = null;
    if (clauses !== undefined && options.findCapacity !== undefined) {
      for (const clause of clauses) {
        if (runs.every((r) => r.metrics[clause.metric] === null)) {
          throw new CompareInputError(
            `in "${clause.text}": ${clause.metric} has no value in any run of this scenario (${byId.get(clause.metric)?.label}), so no size can meet it`,
          );
        }
      }
      const measure = async (variant: string, machines: number): Promise<SizeMeasurement> => {
        const scaled = scaleScenarioInput(
          scenario as Record<string, unknown>,
          hasVariants ? variant : undefined,
          machines,
        );
        try {
          resolveVariants(scaled, registry);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          return { metrics: {}, problem: error.issues.map((i) => formatIssue(i)).join('; ') };
        }
        const sized = await Promise.all(
          seeds.map((seed) => runOne(variant, machines, { input: scaled, variant: null, seed, skipBadRows })),
        );
        const estimates = Object.fromEntries(
          clauses.map((c) => [c.metric, estimateOf(sized.map((r) => [r.seed, r.metrics[c.metric] ?? null] as const))]),
        );
        return { metrics: estimates, problem: null };
      };
      capacity = await findCapacity({
        objective: options.findCapacity.objective,
        clauses,
        variants,
        scenarioMachines: Object.fromEntries(chosen.map((v) => [v.variant, v.scenario.topology.machines.length])),
        maxMachines,
        measure,
        onStep: options.onCapacityStep,
      });
      for (const variant of variants)
        if (variant !== baseline) findings.push(capacitySentence(baseline, variant, capacity));
    }

    const examples: Record<string, RunReport> = {};
    for (const variant of variants) {
      const report = reports.get(variant);
      if (report !== undefined) examples[variant] = report;
    }
    const wallSeconds = stopTimer?.();
    return {
      clustersim: VERSION,
      scenario: first.scenario.name.split('/')[0] ?? first.scenario.name,
      seeds,
      variants,
      baseline,
      metrics: metrics.map(metricInfo),
      runs,
      summary,
      differences,
      findings,
      capacity,
      examples,
      wall: wallSeconds === undefined ? null : { seconds: wallSeconds, runs: runCount },
    };
  } finally {
    await executor.close();
  }
}

function scenarioMachinesOf(chosen: readonly ResolvedVariant[], variant: string): number {
  return chosen.find((v) => v.variant === variant)?.scenario.topology.machines.length ?? -1;
}

function chooseVariants(all: readonly ResolvedVariant[], names: readonly string[] | undefined): ResolvedVariant[] {
  if (names === undefined) return [...all];
  if (names.length === 0) throw new CompareInputError('the variant list is empty; name at least one variant');
  const known = all.map((v) => v.variant);
  for (const name of names) {
    if (!known.includes(name)) throw new CompareInputError(`unknown variant "${name}"; variants: ${known.join(', ')}`);
  }
  return all.filter((v) => names.includes(v.variant));
}

function runKey(variant: string, machines: number, seed: number | string): string {
  return JSON.stringify([variant, machines, typeof seed, seed]);
}

function estimateOf(values: readonly (readonly [number | string, number | null])[]): IntervalEstimate | null {
  return intervalEstimate(values.map(([, v]) => v).filter((v): v is number => v !== null));
}

function pairedDifference(
  metric: MetricDefinition,
  variant: string,
  baseline: string,
  base: readonly (readonly [number | string, number | null])[],
  other: readonly (readonly [number | string, number | null])[],
  baseSummary: IntervalEstimate | null,
): PairedDifference {
  const difference = intervalEstimate(pairedDifferences(base, other));
  const relative =
    difference === null || baseSummary === null || baseSummary.mean === 0
      ? null
      : difference.mean / Math.abs(baseSummary.mean);
  return { variant, baseline, metric: metric.id, difference, relative, verdict: verdict(difference, metric.better) };
}
