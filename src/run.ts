import type { PluginRegistry } from './core/plugins/registry.ts';
import { resolveScenario, type ResolvedScenario } from './core/scenario/resolve.ts';
import { ScenarioError, type LocatedIssue } from './core/scenario/issues.ts';
import { resolveScenarioPaths } from './core/scenario/paths.ts';
import { resolveVariants } from './core/scenario/variants.ts';
import type { ScenarioInput } from './core/scenario/schema.ts';
import { simulate } from './core/simulation/simulate.ts';
import type { SimObserver } from './core/simulation/records.ts';
import { microsToSeconds, type Micros } from './core/kernel/time.ts';
import { createFairnessObserver } from './metrics/fairness.ts';
import { createFrameworkStatsObserver } from './metrics/frameworkStats.ts';
import { createFailuresObserver } from './metrics/failures.ts';
import { createJobRunObserver } from './metrics/jobRuns.ts';
import { createServiceObserver } from './metrics/services.ts';
import { createStatefulServiceObserver, withStateful } from './metrics/statefulServices.ts';
import type { RunReport } from './metrics/runReport.ts';
import { RoleAttribution } from './metrics/roleAttribution.ts';
import { resolveSeriesStep } from './metrics/seriesStep.ts';
import { createUtilizationObserver } from './metrics/utilization.ts';
import { initialRoleWeights, weightChangesOf } from './metrics/weights.ts';
import { resolvePartitions, type StaticPartitionOptions } from './policies/allocators/staticPartition.ts';
import { createDefaultRegistry } from './registry.ts';
import { VERSION } from './version.ts';
import { startWallTimer } from './wallClock.ts';

/**
 * Options of {@link runSimulation}.
 *
 * @example
 * ```ts
 * const options: RunOptions = { seed: 7, wallClock: false, registry: createDefaultRegistry().registerFramework(myFramework) };
 * const report = runSimulation(scenario, options); // fully deterministic report
 * ```
 */
export interface RunOptions {
  /** Plugins to resolve names with (default: the built-ins). */
  readonly registry?: PluginRegistry;
  /** Overrides the scenario's seed. */
  readonly seed?: number | string;
  /** Receives the JSONL event log in chunks, in order. */
  readonly eventLogSink?: (chunk: string) => void;
  /** More observers of the run's records. */
  readonly observers?: readonly SimObserver[];
  /** Called now and then with simulated time reached and horizon (µs). */
  readonly onProgress?: (now: Micros, horizon: Micros) => void;
  /** Measure wall time into `report.wall` (default true; false gives a fully deterministic report). */
  readonly wallClock?: boolean;
  /** Trace readers skip malformed rows (counted in `report.workloads`) instead of failing. */
  readonly skipBadRows?: boolean;
  /**
   * Width of the report's series bins: seconds or a duration string such as `"5m"` (overrides
   * the scenario's `outputs.seriesStep`; default the horizon ÷ 288 in whole seconds, ≥ 1 s).
   */
  readonly seriesStep?: number | string;
  /**
   * The setup to run, for a scenario with `variants` (required there: running the base scenario
   * instead would silently ignore them; `compare()` runs them all).
   */
  readonly variant?: string;
  /**
   * The folder that relative paths in the scenario's file fields (`file`, `…File`) are resolved
   * against, e.g. `dirname(scenarioFile)` (default: the working directory). Ignored for a scenario
   * already resolved.
   */
  readonly baseDir?: string;
  /**
   * Receives each warning about the scenario: what is valid but looks like a mistake, such as a
   * resource named `cpu` (a custom resource, not `cpus`). Also in `ResolvedScenario.warnings`.
   */
  readonly onWarning?: (warning: LocatedIssue) => void;
  /**
   * Verify after every event that no machine is over-allocated, every task ends once, offers never
   * overlap, reservations and quota limits hold and the books balance; throws an
   * `InvariantViolation` naming the invariant, the event and the seed (slow; default false).
   */
  readonly checkInvariants?: boolean;
}

/**
 * Validates and runs a scenario (a plain object as in a scenario file, or one already resolved)
 * and returns its report. Throws `ScenarioError` for a scenario that cannot run.
 *
 * @example
 * ```ts
 * import { runSimulation } from 'clustersim';
 * const report = runSimulation({
 *   horizon: '1h',
 *   topology: { machines: [{ class: 'std', count: 4, resources: { cpus: 8, mem: 32768 } }] },
 *   allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 4 } } } },
 *   frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
 *   workloads: [{ generator: 'batch-jobs', framework: 'batch', options: {
 *     arrivals: { process: 'periodic', every: '5m' }, tasks: 8, resources: { cpus: 1, mem: 1024 }, duration: '10m' } }],
 * });
 * console.log(report.utilization.allocated.cpus);
 * ```
 */
export function runSimulation(scenario: ScenarioInput | ResolvedScenario, options: RunOptions = {}): RunReport {
  const resolved = isResolved(scenario)
    ? scenario
    : resolveInput(
        options.baseDir === undefined ? scenario : (resolveScenarioPaths(scenario, options.baseDir) as ScenarioInput),
        options.registry ?? createDefaultRegistry(),
        options.variant,
      );
  for (const warning of resolved.warnings) options.onWarning?.(warning);
  const run: ResolvedScenario = options.seed === undefined ? resolved : { ...resolved, seed: options.seed };
  const step =
    options.seriesStep !== undefined
      ? resolveSeriesStep(run.horizon, options.seriesStep)
      : resolveSeriesStep(run.horizon, run.outputs.seriesStep, true);
  const partitionOf = partitionsOf(run);
  const roles = new RoleAttribution();
  const utilization = createUtilizationObserver(run.horizon, {
    step,
    roles,
    ...(partitionOf === undefined ? {} : { partitionOf }),
  });
  const fairness = createFairnessObserver(run.horizon, {
    step,
    roles,
    weights: initialRoleWeights(run.allocator.options),
    weightChanges: weightChangesOf(run.operations),
  });
  const frameworkStats = createFrameworkStatsObserver({ offerGrace: run.master.allocationInterval });
  const services = createServiceObserver();
  const statefulServices = createStatefulServiceObserver();
  const jobRuns = createJobRunObserver();
  const failures = createFailuresObserver();
  const stopTimer = options.wallClock === false ? undefined : startWallTimer();
  const result = simulate(run, {
    observers: [
      roles,
      utilization,
      fairness,
      frameworkStats,
      services,
      statefulServices,
      jobRuns,
      failures,
      ...(options.observers ?? []),
    ],
    ...(options.eventLogSink === undefined ? {} : { eventLogSink: options.eventLogSink }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.skipBadRows === undefined ? {} : { skipBadRows: options.skipBadRows }),
    ...(options.checkInvariants === true ? { checkInvariants: true } : {}),
  });
  const wallSeconds = stopTimer?.();
  const utilizationReport = utilization.report();
  const stats = frameworkStats.report(fairness);
  const frameworks: RunReport['frameworks'] = {};
  for (const f of run.frameworks) {
    const s = stats[f.id];
    if (s !== undefined) frameworks[f.id] = { scheduler: f.plugin.name, ...s };
  }
  return {
    clustersim: VERSION,
    scenario: run.name,
    seed: run.seed,
    simulatedSeconds: microsToSeconds(result.simulatedMicros),
    eventsProcessed: result.eventsProcessed,
    records: result.records,
    eventLogHash: result.eventLogHash,
    cluster: {
      machines: run.topology.machines.length,
      racks: run.topology.racks.length,
      capacity: utilizationReport.capacity,
    },
    allocator: run.allocator.plugin.name,
    utilization: utilizationReport,
    fairness: fairness.report(),
    frameworks,
    services: withStateful(services.report(), statefulServices.report()),
    jobRuns: jobRuns.report(),
    failures: failures.report(),
    workloads: Object.fromEntries(
      Object.entries(result.skippedRows).map(([name, skippedRows]) => [name, { skippedRows }]),
    ),
    wall:
      wallSeconds === undefined
        ? null
        : { seconds: wallSeconds, eventsPerSecond: wallSeconds > 0 ? result.eventsProcessed / wallSeconds : 0 },
  };
}

/** Machine → partition owner under the static-partition allocator (for per-partition utilization). */
function partitionsOf(run: ResolvedScenario): ReadonlyMap<string, string> | undefined {
  if (run.allocator.plugin.name !== 'static-partition') return undefined;
  const options = run.allocator.options as StaticPartitionOptions | undefined;
  return options === undefined ? undefined : resolvePartitions(options.partitions, run.topology).owners;
}

/** Resolves a scenario as written, or the named setup of one with variants. */
function resolveInput(input: ScenarioInput, registry: PluginRegistry, variant: string | undefined): ResolvedScenario {
  const variants = (input as { variants?: Record<string, unknown> }).variants;
  if (variants === undefined) {
    if (variant !== undefined)
      throw new ScenarioError([
        {
          path: [],
          message: `the scenario has no variants, so it has no setup "${variant}"; leave out the variant option`,
        },
      ]);
    return resolveScenario(input, registry);
  }
  const names = Object.keys(variants);
  if (variant === undefined) {
    throw new ScenarioError([
      {
        path: ['variants'],
        message: `the scenario has variants (${names.join(', ')}): name the one to run with the variant option, or run them all with compare()`,
      },
    ]);
  }
  const setup = resolveVariants(input, registry).find((v) => v.variant === variant);
  if (setup === undefined)
    throw new ScenarioError([
      { path: ['variants'], message: `unknown variant "${variant}"; variants: ${names.join(', ')}` },
    ]);
  return setup.scenario;
}

function isResolved(value: unknown): value is ResolvedScenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    'topology' in value &&
    typeof (value as { topology: { machine?: unknown } }).topology.machine === 'function'
  );
}
