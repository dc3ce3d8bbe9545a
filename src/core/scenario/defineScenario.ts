import type { ScenarioInput } from './schema.ts';

/**
 * Types a scenario written in TypeScript (editor completion and checks), returning it unchanged.
 * Validation against plugins and topology happens when it is run.
 *
 * @example
 * ```ts
 * import { defineScenario, runSimulation } from 'clustersim';
 * const scenario = defineScenario({
 *   horizon: '1h',
 *   topology: { machines: [{ class: 'std', count: 2, resources: { cpus: 4 } }] },
 *   allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 2 } } } },
 *   frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
 * });
 * runSimulation(scenario);
 * ```
 */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
