import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeSweepCommand, writeSweepBenchFiles, type SweepMeasurement, type SweepSetup } from './sweepCli.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';

/**
 * The sweep bench: the same sweep of 20 runs as `clustersim sweep` commands, each in a fresh
 * process, on 1 worker, on 2 run processes and on 2 worker threads, from the built package and
 * from the sources; every repetition runs each setup once, in turn, so that a change in the
 * machine's load hits them all. Then the machine's ceiling: two independent 1-worker commands at
 * once. Reports the median wall seconds and the speed-ups.
 * @module
 */

/** How much work the sweep bench does. */
export interface SweepBenchConfig {
  readonly repetitions: number;
  /** Simulated time of each run. */
  readonly horizon: string;
}

/** The full configuration: 20 runs of one simulated day, 3 times per setup. */
export const SWEEP_BENCH_FULL: SweepBenchConfig = { repetitions: 3, horizon: '1d' };

/** The smoke-test configuration behind `--quick`. */
export const SWEEP_BENCH_QUICK: SweepBenchConfig = { repetitions: 1, horizon: '2h' };

/** The setups measured, in the order of each repetition. */
const SETUPS: readonly SweepSetup[] = (['built', 'sources'] as const).flatMap((code) => [
  { code, workers: 1, pool: undefined },
  { code, workers: 2, pool: 'processes' as const },
  { code, workers: 2, pool: 'threads' as const },
]);

/** The measurements: per setup (in {@link SETUPS}' order), and the independent pairs. */
export interface SweepBenchResult {
  readonly setups: readonly (readonly SweepMeasurement[])[];
  /** Two 1-worker commands on the built package started together: both measurements of each pair. */
  readonly pairs: readonly (readonly [SweepMeasurement, SweepMeasurement])[];
}

/**
 * Builds dist/ (`tsconfig.build.json`), then runs every setup `repetitions` times, in turn, and a
 * pair of independent 1-worker commands per repetition.
 *
 * @example
 * ```ts
 * console.log(formatSweepBench(await runSweepBench(SWEEP_BENCH_QUICK)));
 * ```
 */
export async function runSweepBench(config: SweepBenchConfig): Promise<SweepBenchResult> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  execFileSync(process.execPath, [join(root, 'node_modules/tsgo/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const dir = mkdtempSync(join(tmpdir(), 'clustersim-sweep-bench-'));
  try {
    const file = writeSweepBenchFiles(dir, config.horizon);
    const setups = SETUPS.map((): SweepMeasurement[] => []);
    const pairs: [SweepMeasurement, SweepMeasurement][] = [];
    const alone: SweepSetup = { code: 'built', workers: 1, pool: undefined };
    for (let r = 0; r < config.repetitions; r++) {
      for (const [i, setup] of SETUPS.entries()) setups[i]?.push(await timeSweepCommand(file, setup, join(dir, 'out')));
      pairs.push(
        await Promise.all([
          timeSweepCommand(file, alone, join(dir, 'out-a')),
          timeSweepCommand(file, alone, join(dir, 'out-b')),
        ]),
      );
    }
    return { setups, pairs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CODE_NAMES = { built: 'built JS (dist/)', sources: 'sources (tsx)' } as const;

/**
 * Formats the sweep bench: a row per setup, the speed-ups of 2 workers over 1 (medians) and the
 * machine's ceiling from the independent pairs.
 *
 * @example
 * ```ts
 * console.log(formatSweepBench(result));
 * ```
 */
export function formatSweepBench(result: SweepBenchResult): string {
  const wall = (runs: readonly SweepMeasurement[]): number => median(runs.map((r) => r.wallSeconds));
  const row = (runs: readonly SweepMeasurement[]): string[] => {
    const first = runs[0];
    const shares = runs.flatMap((r) => (r.cpuSeconds === undefined ? [] : [r.cpuSeconds / r.wallSeconds]));
    return [
      first === undefined ? '-' : CODE_NAMES[first.setup.code],
      String(first?.setup.workers ?? '-'),
      first?.setup.pool ?? 'this thread',
      String(first?.runs ?? '-'),
      formatNumber(wall(runs), 2),
      runs.map((r) => r.wallSeconds.toFixed(2)).join(' / '),
      shares.length === 0 ? '–' : `${formatNumber(median(shares) * 100)}%`,
      `${(first?.resultsHash ?? '').slice(0, 16)}…`,
    ];
  };
  const table = formatTable(
    ['code', 'workers', 'pool', 'runs', 'wall s (median)', 'wall s (each)', 'CPU share', 'results SHA-256'],
    result.setups.map(row),
  );
  const lines = (['built', 'sources'] as const).map((code) => {
    const of = (workers: number, pool: SweepSetup['pool']): readonly SweepMeasurement[] =>
      result.setups.find(
        (runs) => runs[0]?.setup.code === code && runs[0].setup.workers === workers && runs[0].setup.pool === pool,
      ) ?? [];
    const one = wall(of(1, undefined));
    return `${CODE_NAMES[code]}: speed-up with 2 workers: ${(one / wall(of(2, 'processes'))).toFixed(2)}× on processes, ${(one / wall(of(2, 'threads'))).toFixed(2)}× on threads (target ≥ 1.7×)`;
  });
  const alone = wall(result.setups[0] ?? []);
  const pairWalls = result.pairs.map(([a, b]) => Math.max(a.wallSeconds, b.wallSeconds));
  const ceiling = `machine's ceiling: two independent 1-worker commands (built JS) at once took ${pairWalls.map((w) => w.toFixed(2)).join(' / ')} s (the slower of each pair): ${((2 * alone) / median(pairWalls)).toFixed(2)}× the throughput of one alone`;
  const all = [...result.setups.flat(), ...result.pairs.flat()];
  const same = all.every((r) => r.resultsHash === all[0]?.resultsHash);
  return `${table}\n\n${lines.join('\n')}\n${ceiling}\n${same ? 'every command gave the same results.csv' : 'RESULTS DIFFER BETWEEN COMMANDS'}`;
}
