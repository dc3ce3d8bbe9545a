import type { ScenarioInput } from '../src/core/scenario/schema.ts';

/**
 * The scale bench's scenario: one shared cluster of `machines` machines (16 CPUs, 64 GiB each, 40
 * per rack) under DRF with a 1 s allocation interval, running services and batch side by side.
 *
 * - `marathon`: one app of 4 instances (2 CPUs, 4 GiB, UNIQUE hostname, a health check) per 8
 *   machines: services hold about 6% of the CPUs.
 * - `batch-0` … `batch-8`: `batch-first-fit` frameworks, each with a Poisson stream of jobs of
 *   10–60 tasks (4 CPUs, 16 GiB, log-normal durations with median 45 min). Together they submit
 *   `tasksPerMachineDay` tasks per machine per simulated day (default 16: about 17% of the CPUs, and
 *   1.1 million tasks for 10,000 machines over 7 days).
 *
 * Every size has the same load per machine, so the cost per machine and per task can be compared
 * across sizes.
 * @module
 */

/** One workload of a scenario. */
type WorkloadInput = NonNullable<ScenarioInput['workloads']>[number];

/** Size of the scale scenario. */
export interface ScaleScenarioOptions {
  readonly machines: number;
  /** Simulated time, e.g. '1d'. */
  readonly horizon: string;
  readonly seed: number;
  /** Batch tasks submitted per machine per simulated day (default 16). */
  readonly tasksPerMachineDay?: number;
}

/** Batch frameworks in the scenario. */
export const SCALE_BATCH_FRAMEWORKS = 9;

/** Mean tasks per job: uniform 10–60. */
const MEAN_TASKS_PER_JOB = 35;

/**
 * Builds the scale scenario as a plain scenario object (the same shape as a scenario file).
 *
 * @example
 * ```ts
 * runSimulation(scaleScenario({ machines: 1000, horizon: '1d', seed: 7 }));
 * ```
 */
export function scaleScenario(options: ScaleScenarioOptions): ScenarioInput {
  const { machines, horizon, seed } = options;
  const tasksPerMachineDay = options.tasksPerMachineDay ?? 16;
  const batchIds = Array.from({ length: SCALE_BATCH_FRAMEWORKS }, (_, i) => `batch-${i}`);
  // Jobs per second over the whole cluster, shared evenly by the batch frameworks.
  const jobsPerSecond = (machines * tasksPerMachineDay) / MEAN_TASKS_PER_JOB / 86_400;
  const meanIntervalSeconds = SCALE_BATCH_FRAMEWORKS / jobsPerSecond;
  const apps = Math.max(1, Math.floor(machines / 8));
  return {
    name: `scale-${machines}m`,
    description: `Services and batch on one ${machines}-machine cluster under DRF (bench/scaleScenario.ts).`,
    seed,
    horizon,
    topology: {
      racks: Math.max(1, Math.ceil(machines / 40)),
      machines: [{ class: 'std', count: machines, resources: { cpus: 16, mem: 65536 } }],
    },
    allocator: { policy: 'drf' },
    master: { allocationInterval: '1s' },
    frameworks: [
      {
        id: 'marathon',
        scheduler: 'marathon',
        thinkTime: { base: '50ms', perTask: '5ms' },
        options: {
          apps: Array.from({ length: apps }, (_, i) => ({
            id: `svc-${i}`,
            instances: 4,
            resources: { cpus: 2, mem: 4096 },
            constraints: [['hostname', 'UNIQUE']],
            healthCheck: { gracePeriodSeconds: 60, intervalSeconds: 30, timeoutSeconds: 10, maxConsecutiveFailures: 3 },
          })),
        },
      },
      ...batchIds.map((id) => ({ id, scheduler: 'batch-first-fit', thinkTime: { base: '10ms', perTask: '1ms' } })),
    ],
    workloads: batchIds.map((id): WorkloadInput => batchJobs(id, meanIntervalSeconds)),
  };
}

function batchJobs(framework: string, meanIntervalSeconds: number): WorkloadInput {
  return {
    name: `${framework}-jobs`,
    generator: 'batch-jobs',
    framework,
    options: {
      arrivals: { process: 'poisson', meanInterval: `${meanIntervalSeconds.toFixed(3)}s` },
      tasks: { dist: 'uniform', min: 10, max: 60 },
      resources: { cpus: 4, mem: 16384 },
      duration: { dist: 'lognormal', median: '45m', sigma: 0.8 },
    },
  };
}
