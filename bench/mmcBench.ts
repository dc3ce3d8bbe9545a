import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runInChild } from './child.ts';
import { batchMeansInterval, erlangCWait } from './erlangC.ts';
import type { MmcRun } from './mmcWorker.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';

/**
 * The M/M/c bench: the same queue (c servers, utilisation ρ, FIFO, exponential interarrival and
 * service times) on clustersim's public kernel API (bench/mmcModel.ts, in a fresh node process)
 * and in SimPy 3 (bench/mmc_simpy.py under /usr/bin/python3). The two alternate, one run each per
 * pair, so both see the same machine load; the jobs-per-second ratio of each pair is reported with
 * both mean waits against the Erlang C formula.
 * @module
 */

/** How much work the M/M/c bench does. */
export interface MmcBenchConfig {
  readonly jobs: number;
  readonly servers: number;
  readonly load: number;
  readonly seed: number;
  /** Pairs of runs (one clustersim, one SimPy). */
  readonly pairs: number;
  /** Batches for the batch-means confidence interval. */
  readonly batches: number;
}

/** The full configuration (about a minute on the 2-core bench machine). */
export const MMC_BENCH_FULL: MmcBenchConfig = {
  jobs: 1_000_000,
  servers: 10,
  load: 0.9,
  seed: 42,
  pairs: 3,
  batches: 20,
};

/** The smoke-test configuration behind `--quick`. */
export const MMC_BENCH_QUICK: MmcBenchConfig = { ...MMC_BENCH_FULL, jobs: 100_000, pairs: 1 };

/** Target: clustersim's jobs per second over SimPy 3's, in the same bench run. */
export const MMC_TARGET_RATIO = 30;

/** The interpreter with Debian's python3-simpy3 (the pyenv `python3` lacks it). */
const PYTHON = '/usr/bin/python3';

/** The runs of both implementations, in pair order. */
export interface MmcBenchResult {
  readonly config: MmcBenchConfig;
  readonly clustersim: readonly MmcRun[];
  readonly simpy: readonly (MmcRun & { readonly simpy: string })[];
}

async function runSimPy(config: MmcBenchConfig): Promise<MmcRun & { simpy: string }> {
  const script = new URL('./mmc_simpy.py', import.meta.url).pathname;
  const args = [config.jobs, config.servers, config.load, config.seed, config.batches].map(String);
  const { stdout } = await promisify(execFile)(PYTHON, [script, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as MmcRun & { simpy: string };
}

/**
 * Runs the pairs, clustersim first in each.
 *
 * @example
 * ```ts
 * console.log(formatMmcBench(await runMmcBench(MMC_BENCH_QUICK)));
 * ```
 */
export async function runMmcBench(config: MmcBenchConfig): Promise<MmcBenchResult> {
  const worker = new URL('./mmcWorker.ts', import.meta.url);
  const args = [config.jobs, config.servers, config.load, config.seed, config.batches].map(String);
  const clustersim: MmcRun[] = [];
  const simpy: (MmcRun & { simpy: string })[] = [];
  for (let pair = 0; pair < config.pairs; pair++) {
    clustersim.push(await runInChild<MmcRun>(worker, args));
    simpy.push(await runSimPy(config));
  }
  return { config, clustersim, simpy };
}

function row(label: string, runs: readonly MmcRun[], expected: number): string[] {
  const seconds = runs.map((r) => r.seconds);
  const wall = median(seconds);
  const first = runs[0];
  if (first === undefined) throw new Error(`no ${label} runs`);
  const { mean, halfWidth } = batchMeansInterval(first.batchMeans);
  const same = runs.every((r) => r.meanWait === first.meanWait);
  return [
    label,
    formatNumber(wall, 3),
    `${formatNumber(Math.min(...seconds), 3)}–${formatNumber(Math.max(...seconds), 3)}`,
    formatNumber(first.jobs / wall),
    `${formatNumber(median(runs.map((r) => r.cpuSeconds / r.seconds)) * 100)}%`,
    `${first.meanWait.toFixed(4)}${same ? '' : ' (RUNS DIFFER)'}`,
    `${mean.toFixed(4)} ± ${halfWidth.toFixed(4)}`,
    Math.abs(expected - mean) <= halfWidth ? 'yes' : 'NO',
  ];
}

/**
 * Formats the bench: one row per implementation (median wall time, jobs/s, CPU share, mean wait
 * and its batch-means interval against Erlang C), then the ratio of every pair beside the target.
 *
 * @example
 * ```ts
 * console.log(formatMmcBench(await runMmcBench(MMC_BENCH_FULL)));
 * ```
 */
export function formatMmcBench(result: MmcBenchResult): string {
  const { config } = result;
  const expected = erlangCWait(config.servers, config.load);
  const table = formatTable(
    [
      'implementation',
      'wall s (median)',
      'wall s min–max',
      'jobs/s',
      'CPU share',
      'mean Wq (s)',
      `Wq 95% CI (${config.batches} batch means)`,
      'Erlang C in CI',
    ],
    [
      row('clustersim kernel (bench/mmcModel.ts)', result.clustersim, expected),
      row(`SimPy ${result.simpy[0]?.simpy ?? '?'} (bench/mmc_simpy.py)`, result.simpy, expected),
    ],
  );
  const ratios = result.clustersim.map((c, i) => (result.simpy[i]?.seconds ?? NaN) / c.seconds);
  const ratio = median(ratios);
  const cpuRatios = result.clustersim.map((c, i) => (result.simpy[i]?.cpuSeconds ?? NaN) / c.cpuSeconds);
  return [
    table,
    '',
    `Erlang C expected Wq: ${expected.toFixed(4)} s (c = ${config.servers}, ρ = ${config.load}, mean service 1 s)`,
    `jobs/s ratio clustersim ÷ SimPy, per pair: ${ratios.map((r) => `${r.toFixed(1)}×`).join(', ')}`,
    `jobs/s ratio (median of pairs): ${ratio.toFixed(1)}× (target ≥ ${MMC_TARGET_RATIO}×)${ratio >= MMC_TARGET_RATIO ? '' : ' — BELOW TARGET'}`,
    `jobs per CPU second, ratio per pair (less sensitive to other jobs on the machine): ${cpuRatios.map((r) => `${r.toFixed(1)}×`).join(', ')}; median ${median(cpuRatios).toFixed(1)}×`,
  ].join('\n');
}
