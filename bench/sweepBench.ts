import { runInChild } from './child.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';
import type { SweepMeasurement } from './sweepWorker.ts';

/**
 * The sweep bench: the same sweep of 20 runs on 1 worker and on 2, each repetition in a fresh
 * process (bench/sweepWorker.ts), alternating the two so that a change in the machine's load hits
 * both; reports the median wall seconds and the speed-up.
 * @module
 */

/** How much work the sweep bench does. */
export interface SweepBenchConfig {
  readonly repetitions: number;
  /** Simulated time of each run. */
  readonly horizon: string;
}

/** The full configuration: 20 runs of one simulated day, 3 times per worker count. */
export const SWEEP_BENCH_FULL: SweepBenchConfig = { repetitions: 3, horizon: '1d' };

/** The smoke-test configuration behind `--quick`. */
export const SWEEP_BENCH_QUICK: SweepBenchConfig = { repetitions: 1, horizon: '2h' };

/** The measurements per worker count. */
export interface SweepBenchResult {
  readonly one: readonly SweepMeasurement[];
  readonly two: readonly SweepMeasurement[];
}

/**
 * Runs the sweep on 1 and on 2 workers, `repetitions` times each, alternating.
 *
 * @example
 * ```ts
 * console.log(formatSweepBench(await runSweepBench(SWEEP_BENCH_QUICK)));
 * ```
 */
export async function runSweepBench(config: SweepBenchConfig): Promise<SweepBenchResult> {
  const worker = new URL('./sweepWorker.ts', import.meta.url);
  const one: SweepMeasurement[] = [];
  const two: SweepMeasurement[] = [];
  for (let r = 0; r < config.repetitions; r++) {
    one.push(await runInChild<SweepMeasurement>(worker, ['1', config.horizon]));
    two.push(await runInChild<SweepMeasurement>(worker, ['2', config.horizon]));
  }
  return { one, two };
}

/**
 * Formats the sweep bench: a row per worker count and the speed-up of the medians.
 *
 * @example
 * ```ts
 * console.log(formatSweepBench(result));
 * ```
 */
export function formatSweepBench(result: SweepBenchResult): string {
  const row = (runs: readonly SweepMeasurement[]): string[] => [
    String(runs[0]?.workers ?? '-'),
    String(runs[0]?.runs ?? '-'),
    formatNumber(median(runs.map((r) => r.wallSeconds)), 2),
    runs.map((r) => r.wallSeconds.toFixed(2)).join(' / '),
    `${formatNumber(median(runs.map((r) => r.cpuShare)) * 100)}%`,
    `${(runs[0]?.resultsHash ?? '').slice(0, 16)}…`,
  ];
  const table = formatTable(
    ['workers', 'runs', 'wall s (median)', 'wall s (each)', 'CPU share', 'results SHA-256'],
    [row(result.one), row(result.two)],
  );
  const speedUp = median(result.one.map((r) => r.wallSeconds)) / median(result.two.map((r) => r.wallSeconds));
  const same = [...result.one, ...result.two].every((r) => r.resultsHash === result.one[0]?.resultsHash);
  return `${table}\n\nspeed-up with 2 workers: ${speedUp.toFixed(2)}× (target ≥ 1.7×)${same ? '; every repetition gave the same results table' : '; RESULTS DIFFER BETWEEN RUNS'}`;
}
