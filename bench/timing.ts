import { performance } from 'node:perf_hooks';

/**
 * Timing helpers shared by the benches: the median of repeated measurements, and the wall time
 * of one call.
 * @module
 */

/**
 * Median of a non-empty list (mean of the two middle values for an even count).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** A result with the wall and CPU seconds it took. */
export interface Timed<R> {
  readonly result: R;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/**
 * Runs `fn` once and returns its result with the wall seconds it took and the CPU seconds this
 * process used meanwhile (user + system, all threads). `cpuSeconds / seconds` well below 1 means
 * the process was waiting for a core: another job was competing and the figure is noisy.
 *
 * @example
 * ```ts
 * const { result, seconds, cpuSeconds } = timed(() => work());
 * ```
 */
export function timed<R>(fn: () => R): Timed<R> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Awaits `fn()` and returns its result with the wall seconds it took.
 *
 * @example
 * ```ts
 * const { result, seconds } = await timedAsync(() => runKernelBench(config));
 * ```
 */
export async function timedAsync<R>(fn: () => Promise<R>): Promise<{ result: R; seconds: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}
