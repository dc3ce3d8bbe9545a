import type { ScenarioInput } from '../src/core/scenario/schema.ts';
import { GOOGLE_2011_LARGEST_MACHINE } from '../src/workloads/traces/google2011Machines.ts';

/**
 * The Google-scale bench's scenario: a generated Google 2011 `task_events` trace replayed by one
 * `batch-first-fit` framework through the streaming `google-2011` workload source, on a cluster of
 * `machines` machines the size of the trace's normalized 1.0 machine (32 CPUs, 64 GiB; 40 per
 * rack), under DRF with a 1 s allocation interval. The horizon is the part of the trace replayed.
 * @module
 */

/** Size of the Google-scale scenario. */
export interface GoogleScaleScenarioOptions {
  readonly file: string;
  readonly machines: number;
  /** Simulated (and trace) time replayed, from the trace window's start, e.g. '6h'. */
  readonly horizon: string;
  /** Replay this share of the trace's jobs (default 1: all), for a smaller cluster at the same load per machine. */
  readonly sampleFraction?: number;
}

/**
 * Builds the scenario as a plain scenario object.
 *
 * @example
 * ```ts
 * runSimulation(googleScaleScenario({ file: '/tmp/g.csv', machines: 12_500, horizon: '1h' }));
 * ```
 */
export function googleScaleScenario(options: GoogleScaleScenarioOptions): ScenarioInput {
  const { file, machines, horizon, sampleFraction = 1 } = options;
  return {
    name: `google-scale-${machines}m`,
    description: `A generated Google 2011 trace replayed on ${machines} machines (bench/googleScaleScenario.ts).`,
    seed: 1,
    horizon,
    topology: {
      racks: Math.max(1, Math.ceil(machines / 40)),
      machines: [{ class: 'google-1.0', count: machines, resources: { ...GOOGLE_2011_LARGEST_MACHINE } }],
    },
    allocator: { policy: 'drf' },
    master: { allocationInterval: '1s' },
    frameworks: [{ id: 'google', scheduler: 'batch-first-fit', thinkTime: { base: '10ms', perTask: '1ms' } }],
    workloads: [{ name: 'trace', generator: 'google-2011', framework: 'google', options: { file, sampleFraction } }],
  };
}
