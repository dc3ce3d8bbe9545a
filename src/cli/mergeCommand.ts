import type { Command } from 'commander';
import { join } from 'node:path';
import { checkOutputDir } from '../export/outputDir.ts';
import { SWEEP_STORE_ENTRIES, writeSweepOutputs } from '../export/sweepOutputs.ts';
import { FORCE_HELP } from './outputs.ts';
import { mergeSweeps } from '../sweep/merge.ts';

interface MergeFlags {
  readonly out: string;
  readonly partial?: boolean;
  readonly quiet?: boolean;
  readonly force?: boolean;
}

function mergeCommand(dirs: string[], flags: MergeFlags): void {
  checkOutputDir(flags.out, flags.force === true, SWEEP_STORE_ENTRIES);
  const table = mergeSweeps(dirs, { out: flags.out, partial: flags.partial === true });
  writeSweepOutputs(flags.out, table, undefined, { force: flags.force === true });
  if (flags.quiet === true) return;
  process.stdout.write(
    `${table.name}: merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'} into ${flags.out}: ${table.runs - table.missing} of ${table.runs} runs\n` +
      `results: ${join(flags.out, 'results.csv')} (and .jsonl), summary: ${join(flags.out, 'summary.csv')}, charts: ${join(flags.out, 'report.html')}\n`,
  );
}

/**
 * Adds `clustersim merge <dirs...> --out <dir>` to the CLI: the shards of one sweep into one
 * sweep folder and one set of tables.
 *
 * @example
 * ```ts
 * registerMergeCommand(program); // clustersim merge out/shard-* --out out/sweep
 * ```
 */
export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('combine the folders of the shards of one sweep (refusing folders of different sweeps)')
    .argument('<dirs...>', 'sweep folders (--out of clustersim sweep)')
    .requiredOption('--out <dir>', 'the merged sweep folder: its runs, tables, charts and report.html')
    .option('--partial', 'merge even when some runs of the sweep are in none of the folders')
    .option('--force', FORCE_HELP)
    .option('-q, --quiet', 'print nothing on success')
    .action((dirs: string[], flags: MergeFlags) => mergeCommand(dirs, flags));
}
