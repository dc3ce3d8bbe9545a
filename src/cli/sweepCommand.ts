import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { checkOutputDir } from '../export/outputDir.ts';
import { SWEEP_STORE_ENTRIES, writeSweepOutputs } from '../export/sweepOutputs.ts';
import { FORCE_HELP } from './outputs.ts';
import { RUN_POOLS, type RunPool } from '../compare/runners/runPool.ts';
import { createDefaultRegistry } from '../registry.ts';
import { SweepInputError, SweepInterruptedError } from '../sweep/errors.ts';
import { loadSweepFile } from '../sweep/loadSweepFile.ts';
import { parseShard, type Shard } from '../sweep/shard.ts';
import { sweep, type SweepFailure, type SweepResult } from '../sweep/sweep.ts';
import { CommandFailed } from './commandFailed.ts';
import { createSweepProgress } from './sweepProgress.ts';

interface SweepFlags {
  readonly out: string;
  readonly workers?: number;
  readonly pool?: RunPool;
  readonly shard?: Shard;
  readonly skipBadRows?: boolean;
  readonly quiet?: boolean;
  readonly force?: boolean;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('the number of workers is a whole number ≥ 1, e.g. --workers 2');
  return n;
}

function parsePool(value: string): RunPool {
  const pool = RUN_POOLS.find((p) => p === value);
  if (pool === undefined)
    throw new InvalidArgumentError(
      `the pool is ${RUN_POOLS.join(' or ')}, e.g. --pool ${RUN_POOLS[0]}; got "${value}"`,
    );
  return pool;
}

function parseShardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    if (error instanceof SweepInputError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** Exit codes of a shell for a process ended by SIGINT and SIGTERM. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const registry = createDefaultRegistry();
  const spec = loadSweepFile(file, registry, { skipBadRows: flags.skipBadRows === true });
  // Refused before any run: a folder of the user's files is not a sweep folder (unless --force).
  checkOutputDir(flags.out, flags.force === true, SWEEP_STORE_ENTRIES);
  const progress = flags.quiet === true ? undefined : createSweepProgress();
  // Ctrl-C or a batch system's kill: start no run, end the ones in flight, keep every stored run whole.
  const controller = new AbortController();
  let signal: keyof typeof SIGNAL_EXIT | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((name) => {
    const handler = (): void => {
      signal ??= name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  let result: SweepResult;
  try {
    result = await sweep(spec, {
      workers: flags.workers ?? availableParallelism(),
      ...(flags.pool === undefined ? {} : { pool: flags.pool }),
      dir: flags.out,
      signal: controller.signal,
      ...(flags.shard === undefined ? {} : { shard: flags.shard }),
      ...(flags.skipBadRows === true ? { skipBadRows: true } : {}),
      ...(progress === undefined ? {} : { onProgress: progress.update }),
    });
  } catch (error) {
    if (error instanceof SweepInterruptedError) {
      progress?.stop();
      throw new CommandFailed(`${error.message} (results in ${flags.out})`, SIGNAL_EXIT[signal ?? 'SIGINT']);
    }
    throw error;
  } finally {
    progress?.stop();
    for (const [name, handler] of handlers) process.off(name, handler);
  }
  writeSweepOutputs(flags.out, result, result.failures, { force: flags.force === true });
  for (const failure of result.failures) process.stderr.write(`clustersim: ${describeFailure(failure)}\n`);
  if (flags.quiet !== true) {
    const shard = flags.shard === undefined ? '' : ` (shard ${flags.shard.index}/${flags.shard.count})`;
    const ran = result.runs - result.skipped - result.missing;
    process.stdout.write(
      `${result.name}: ${result.runs} runs${shard} — ${result.skipped} already done, ${ran} run now, ${result.failures.length} failed\n` +
        `results: ${join(flags.out, 'results.csv')} (and .jsonl), summary: ${join(flags.out, 'summary.csv')}, charts: ${join(flags.out, 'report.html')}\n`,
    );
  }
  if (result.failures.length > 0)
    throw new CommandFailed(
      `${result.failures.length} of ${result.runs} runs failed (listed above and in ${join(flags.out, 'failures.jsonl')}); the others are stored in ${flags.out}; run the same command again to retry the failed ones`,
      1,
    );
}

function describeFailure(f: SweepFailure): string {
  const point = Object.entries(f.values)
    .map(([path, value]) => `${path} = ${JSON.stringify(value)}`)
    .join(', ');
  return `run ${f.index} (${point}; variant ${f.variant}; replication ${JSON.stringify(f.replication)}; seed ${f.seed}) failed: ${f.error}`;
}

/**
 * Adds `clustersim sweep <sweep-file>` to the CLI: a parameter grid × variants × replications on
 * run processes or worker threads, resumable, optionally one shard of it.
 *
 * @example
 * ```ts
 * registerSweepCommand(program); // clustersim sweep examples/sweep-allocation-interval.json --out out/sweep --shard 0/4
 * ```
 */
export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description(
      'run a sweep file: every grid point × variant × replication, means with 95% intervals, charts; resumable, shardable',
    )
    .argument('<sweep-file>', 'sweep JSON file (names the base scenario, the grid, variants, seeds and metrics)')
    .requiredOption(
      '--out <dir>',
      'the sweep folder: finished runs (runs/), the manifest (sweep.json), the tables, charts and report.html; a rerun resumes',
    )
    .option(
      '--workers <n>',
      'runs at once (default: the number of cores; 1: one after another in this process)',
      parseWorkers,
    )
    .option(
      '--pool <kind>',
      `where the runs go with more than one worker: ${RUN_POOLS.join(' or ')} (default: threads)`,
      parsePool,
    )
    .option('--shard <i/N>', 'run only shard i of N (0 ≤ i < N), e.g. --shard $SLURM_ARRAY_TASK_ID/8', parseShardOption)
    .option('--skip-bad-rows', 'skip malformed trace rows instead of failing the run')
    .option('--force', FORCE_HELP)
    .option('-q, --quiet', 'print nothing on success (no progress bar)')
    .action((file: string, flags: SweepFlags) => sweepCommand(file, flags));
}
