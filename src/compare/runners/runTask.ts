import type { PluginRegistry } from '../../core/plugins/registry.ts';
import { resolveVariants } from '../../core/scenario/variants.ts';
import type { RunReport } from '../../metrics/runReport.ts';
import { runSimulation, type RunOptions } from '../../run.ts';

/**
 * One run of a comparison, as plain data so that it can cross to a worker thread: a scenario input
 * (as written, possibly scaled), which of its variants to run (null: its only setup) and the seed.
 *
 * @example
 * ```ts
 * const task: RunTask = { input: dayNight, variant: 'shared', seed: 43, skipBadRows: false };
 * ```
 */
export interface RunTask {
  readonly input: unknown;
  readonly variant: string | null;
  readonly seed: number | string;
  readonly skipBadRows: boolean;
}

/**
 * Resolves a task's scenario and runs it, with no wall time in the report (so the report depends
 * on the task alone, wherever it runs).
 *
 * @example
 * ```ts
 * runTask({ input: dayNight, variant: 'static', seed: 42, skipBadRows: false }, createDefaultRegistry()).eventLogHash;
 * ```
 */
export function runTask(task: RunTask, registry: PluginRegistry, onProgress?: RunOptions['onProgress']): RunReport {
  const setups = resolveVariants(task.input, registry);
  const setup = task.variant === null ? setups[0] : setups.find((s) => s.variant === task.variant);
  if (setup === undefined) throw new Error(`the scenario has no variant "${task.variant}"`);
  return runSimulation(setup.scenario, {
    registry,
    seed: task.seed,
    wallClock: false,
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(task.skipBadRows ? { skipBadRows: true } : {}),
  });
}
