import { createDefaultRegistry } from '../../registry.ts';
import type { RunReport } from '../../metrics/runReport.ts';
import { runTask, type RunTask } from './runTask.ts';

const registry = createDefaultRegistry();

/**
 * The worker-thread entry of the run pool: runs one task with the built-in plugins.
 *
 * @example
 * ```ts
 * // loaded by piscina from createPoolExecutor(); not called directly
 * const report = runInWorker({ input, variant: 'shared', seed: 1, skipBadRows: false });
 * ```
 */
export default function runInWorker(task: RunTask): RunReport {
  return runTask(task, registry);
}
