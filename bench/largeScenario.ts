import type { ScenarioInput } from '../src/core/scenario/schema.ts';

/**
 * The large whole-run scenario: examples/static-partitions.json scaled up. The cluster has `machines` machines
 * (40 per rack) split evenly into static partitions, one per batch framework. Frameworks alternate
 * between static-partitions.json's two job shapes: "analytics" (Poisson arrivals, 10–60 one-CPU tasks,
 * log-normal durations) and "etl" (periodic, 100 two-CPU tasks, exponential durations). Arrival
 * rates grow with partition size so each machine sees the same load as in the demo.
 * @module
 */

/** One workload of a scenario. */
type WorkloadInput = NonNullable<ScenarioInput['workloads']>[number];

/** Size of the large scenario. */
export interface LargeScenarioOptions {
  readonly machines: number;
  readonly frameworks: number;
  /** Simulated time, e.g. '1d'. */
  readonly horizon: string;
  readonly seed: number;
}

/** The demo's partition sizes: the rates below are per this many machines. */
const DEMO_ANALYTICS_MACHINES = 20;
const DEMO_ETL_MACHINES = 10;

/**
 * Builds the large scenario as a plain scenario object (the same shape as a scenario file).
 *
 * @example
 * ```ts
 * runSimulation(largeScenario({ machines: 1000, frameworks: 10, horizon: '1d', seed: 7 }));
 * ```
 */
export function largeScenario(options: LargeScenarioOptions): ScenarioInput {
  const { machines, frameworks, horizon, seed } = options;
  const perPartition = Math.floor(machines / frameworks);
  const ids = Array.from({ length: frameworks }, (_, i) => `${i % 2 === 0 ? 'analytics' : 'etl'}-${i}`);
  return {
    name: `large-${machines}m-${frameworks}fw`,
    description: `${frameworks} batch frameworks on static partitions of a ${machines}-machine cluster (bench/largeScenario.ts).`,
    seed,
    horizon,
    topology: {
      racks: Math.max(1, Math.ceil(machines / 40)),
      machines: [{ class: 'std', count: machines, resources: { cpus: 16, mem: 65536, disk: 500000 } }],
    },
    allocator: {
      policy: 'static-partition',
      options: { partitions: Object.fromEntries(ids.map((id) => [id, { count: perPartition }])) },
    },
    frameworks: ids.map((id) => ({ id, scheduler: 'batch-first-fit', thinkTime: { base: '10ms', perTask: '1ms' } })),
    workloads: ids.map((id, i) => (i % 2 === 0 ? analyticsJobs(id, perPartition) : etlJobs(id, perPartition))),
  };
}

function analyticsJobs(framework: string, partition: number): WorkloadInput {
  return {
    name: `${framework}-jobs`,
    generator: 'batch-jobs',
    framework,
    options: {
      arrivals: { process: 'poisson', meanInterval: `${(240 * DEMO_ANALYTICS_MACHINES) / partition}s` },
      tasks: { dist: 'uniform', min: 10, max: 60 },
      resources: { cpus: 1, mem: 4096 },
      duration: { dist: 'lognormal', median: '5m', sigma: 0.8 },
    },
  };
}

function etlJobs(framework: string, partition: number): WorkloadInput {
  return {
    name: `${framework}-jobs`,
    generator: 'batch-jobs',
    framework,
    options: {
      arrivals: { process: 'periodic', every: `${(1800 * DEMO_ETL_MACHINES) / partition}s` },
      tasks: 100,
      resources: { cpus: 2, mem: 8192 },
      duration: { dist: 'exponential', mean: '10m' },
    },
  };
}
