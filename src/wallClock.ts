import { performance } from 'node:perf_hooks';

/**
 * The one place in the library that reads the wall clock. Wall time is *reported* (how long a run
 * took); it never decides anything in a simulation.
 *
 * @example
 * ```ts
 * const stop = startWallTimer();
 * // … run …
 * stop(); // seconds elapsed
 * ```
 */
export function startWallTimer(): () => number {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
}
