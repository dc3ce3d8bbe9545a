import { createPoolExecutor, type RunExecutor } from './executor.ts';
import { createProcessExecutor } from './processExecutor.ts';

/**
 * Where parallel runs go: worker threads of this process (piscina) or child processes (each run in
 * its own process: no V8 heap or address space shared with the other runs).
 *
 * @example
 * ```ts
 * const pool: RunPool = 'threads';
 * ```
 */
export type RunPool = 'processes' | 'threads';

/**
 * The pool kinds, the default first.
 *
 * @example
 * ```ts
 * RUN_POOLS.includes('threads'); // true
 * ```
 */
export const RUN_POOLS: readonly RunPool[] = ['threads', 'processes'];

/**
 * An executor of `size` run processes or worker threads, with the built-in plugins.
 *
 * @example
 * ```ts
 * const executor = createRunPool('processes', 2);
 * ```
 */
export function createRunPool(pool: RunPool, size: number): RunExecutor {
  return pool === 'processes' ? createProcessExecutor(size) : createPoolExecutor(size);
}
