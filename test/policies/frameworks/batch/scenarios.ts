import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../../src/registry.ts';
import { runSimulation } from '../../../../src/run.ts';
import { createRecorder } from '../../../fixtures/recorder.ts';

/** A cpus-only machine class (no memory, so accepts leave no remainder to filter). */
export const machines = (count: number, cpus: number): ScenarioInput['topology'] => ({
  machines: [{ class: 'm', count, resources: { cpus } }],
});

/** A `batch-jobs` workload entry: jobs of `tasks` one-cpu tasks of `duration`, arriving at the listed times. */
export function jobs(
  framework: string,
  at: readonly string[],
  tasks: number,
  duration: string,
  name?: string,
): NonNullable<ScenarioInput['workloads']>[number] {
  return {
    ...(name === undefined ? {} : { name }),
    generator: 'batch-jobs',
    framework,
    options: { arrivals: { process: 'list', at: [...at] }, tasks, resources: { cpus: 1 }, duration },
  };
}

/** Runs a scenario with the built-in plugins (both batch frameworks among them); returns the report and every record. */
export function run(scenario: ScenarioInput) {
  const registry = createDefaultRegistry();
  const recorder = createRecorder();
  const report = runSimulation(
    { master: { checkInvariants: true }, ...scenario },
    { registry, observers: [recorder], wallClock: false },
  );
  return { report, recorder };
}
