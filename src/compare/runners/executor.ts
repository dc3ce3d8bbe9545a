import { Piscina } from 'piscina';
import type { PluginRegistry } from '../../core/plugins/registry.ts';
import type { RunReport } from '../../metrics/runReport.ts';
import type { RunOptions } from '../../run.ts';
import { runTask, type RunTask } from './runTask.ts';

/**
 * Runs the tasks of a comparison: in this thread, one after another, or on a pool of worker
 * threads. Results depend only on the task, never on which executor ran it or in what order.
 *
 * @example
 * ```ts
 * const executor = createPoolExecutor(2);
 * const [a, b] = await Promise.all([executor.run(taskA), executor.run(taskB)]);
 * await executor.close();
 * ```
 */
export interface RunExecutor {
  /** How many tasks run at once. */
  readonly parallelism: number;
  run(task: RunTask): Promise<RunReport>;
  close(): Promise<void>;
}

/**
 * An executor that runs each task in this thread (any plugin registry; per-run progress).
 *
 * @example
 * ```ts
 * const executor = createInlineExecutor(createDefaultRegistry());
 * const report = await executor.run({ input, variant: null, seed: 1, skipBadRows: false });
 * ```
 */
export function createInlineExecutor(registry: PluginRegistry, onProgress?: RunOptions['onProgress']): RunExecutor {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    parallelism: 1,
    run(task: RunTask): Promise<RunReport> {
      // One run at a time, in the order asked: a run holds the thread until it ends anyway.
      const next = chain.then(() => runTask(task, registry, onProgress));
      chain = next.catch(() => undefined);
      return next;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * An executor on `threads` worker threads (piscina), with the built-in plugins. Under tsx the
 * workers load the TypeScript sources through tsx as well.
 *
 * @example
 * ```ts
 * const executor = createPoolExecutor(availableParallelism());
 * ```
 */
export function createPoolExecutor(threads: number): RunExecutor {
  const source = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(source ? './runWorker.ts' : './runWorker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Workers inherit this process's flags; add tsx only when the sources are not already run by it.
    ...(source && !process.execArgv.some((a) => a.includes('tsx'))
      ? { execArgv: [...process.execArgv, '--import', 'tsx'] }
      : {}),
  });
  return {
    parallelism: threads,
    run: (task: RunTask): Promise<RunReport> => pool.run(task) as Promise<RunReport>,
    close: () => pool.destroy(),
  };
}
