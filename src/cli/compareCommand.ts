import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { compare, DEFAULT_SEEDS, type CompareOptions } from '../compare/compare.ts';
import type { ComparisonReport } from '../compare/comparisonReport.ts';
import { CompareInputError } from '../compare/errors.ts';
import { formatMetricValue } from '../compare/findings.ts';
import { DEFAULT_METRICS } from '../compare/metrics.ts';
import { resolveScenarioPaths } from '../core/scenario/paths.ts';
import { withJsonLocations } from '../core/scenario/resolve.ts';
import { resolveVariants } from '../core/scenario/variants.ts';
import { checkOutputDir } from '../export/outputDir.ts';
import { writeComparisonOutputs } from '../export/writeOutputs.ts';
import { createDefaultRegistry } from '../registry.ts';
import { formatCompareSummary } from './compareSummary.ts';
import { FORCE_HELP } from './outputs.ts';
import { createProgress } from './progress.ts';
import { printWarnings, scenarioWarnings } from './warnings.ts';

interface CompareFlags {
  readonly seeds?: number | (number | string)[];
  readonly variants?: string[];
  readonly baseline?: string;
  readonly findCapacity?: string;
  readonly maxMachines?: number;
  readonly out?: string;
  readonly wallTime: boolean;
  readonly skipBadRows?: boolean;
  readonly quiet?: boolean;
  readonly workers?: number;
  readonly force?: boolean;
}

function parseSeeds(value: string): number | (number | string)[] {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n) && n >= 1) return n;
  }
  const list = value.split(',').map((s) => s.trim());
  if (list.length > 1 && list.every((s) => /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))))
    return list.map(Number);
  throw new InvalidArgumentError(
    'give a number of seeds ≥ 1 (e.g. --seeds 5) or a list of whole-number seeds (e.g. --seeds 1,2,3)',
  );
}

function parseNames(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === ''))
    throw new InvalidArgumentError('give variant names separated by commas, e.g. --variants static,shared');
  return names;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('the number of worker threads is a whole number ≥ 1, e.g. --workers 2');
  return n;
}

function parseMachines(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('the largest machine count is a whole number ≥ 1, e.g. --max-machines 200');
  return n;
}

async function compareCommand(file: string, flags: CompareFlags): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CompareInputError(
      `cannot read scenario ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`,
    );
  }
  if (flags.maxMachines !== undefined && flags.findCapacity === undefined)
    throw new CompareInputError('--max-machines bounds the capacity search; give --find-capacity "<objective>" too');
  // A folder that cannot be used is refused before the runs, not after them.
  if (flags.out !== undefined) checkOutputDir(flags.out, flags.force === true);
  const progress = createProgress();
  let progressOpen = true;
  const stopProgress = (): void => {
    if (progressOpen) progress.stop();
    progressOpen = false;
  };
  let runsDone = 0;
  let planned = 0;
  const registry = createDefaultRegistry();
  // Check the scenario here, where its problems can be given file, line and column; its paths are
  // relative to its own folder, and the runs (on worker threads too) get them resolved.
  const { value, warnings } = withJsonLocations(text, file, (parsed) => {
    const resolved = resolveScenarioPaths(parsed, dirname(file));
    return { value: resolved, warnings: scenarioWarnings(resolveVariants(resolved, registry), text, file) };
  });
  if (flags.quiet !== true) printWarnings(warnings);
  const workers = flags.workers ?? Math.min(availableParallelism(), Math.max(1, plannedRuns(value, flags)));
  planned = plannedRuns(value, flags);
  const options: CompareOptions = {
    workers,
    ...(workers === 1 ? { registry } : {}),
    wallClock: flags.wallTime,
    ...(flags.seeds === undefined ? {} : { seeds: flags.seeds }),
    ...(flags.variants === undefined ? {} : { variants: flags.variants }),
    ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
    ...(flags.skipBadRows === true ? { skipBadRows: true } : {}),
    ...(flags.findCapacity === undefined
      ? {}
      : {
          findCapacity: {
            objective: flags.findCapacity,
            ...(flags.maxMachines === undefined ? {} : { maxMachines: flags.maxMachines }),
          },
        }),
    onProgress: (now, horizon) => {
      // One bar over the comparison's runs; the capacity search reports its steps as lines.
      if (progressOpen && planned > 0 && horizon > 0)
        progress.update(Math.round(((runsDone + now / horizon) / planned) * 1e6), 1e6);
    },
    onRun: () => {
      runsDone++;
      if (progressOpen && planned > 0) progress.update(Math.round((runsDone / planned) * 1e6), 1e6);
      if (planned > 0 && runsDone >= planned) stopProgress();
    },
    onCapacityStep: (variant, step) => {
      stopProgress();
      if (flags.quiet === true) return;
      const values = Object.entries(step.metrics).map(
        ([id, e]) => `${id} ${e === null ? '-' : formatMetricValue(e.mean, unitOf(id))}`,
      );
      process.stderr.write(
        `clustersim: capacity ${variant} at ${step.machines} machines: ${step.problem !== null ? `cannot run (${step.problem})` : step.meets ? 'meets' : 'fails'}${values.length > 0 ? ` (${values.join(', ')})` : ''}\n`,
      );
    },
  };
  let report: ComparisonReport;
  try {
    report = await compare(value, options);
  } finally {
    stopProgress();
  }
  const written =
    flags.out === undefined ? [] : writeComparisonOutputs(flags.out, report, { force: flags.force === true });
  if (flags.quiet === true) return;
  for (const [variant, example] of Object.entries(report.examples)) {
    for (const [name, w] of Object.entries(example.workloads)) {
      if (w.skippedRows > 0)
        process.stderr.write(
          `clustersim: [${variant}] workload ${name}: skipped ${w.skippedRows} malformed rows (first seed)\n`,
        );
    }
  }
  process.stdout.write(`${formatCompareSummary(report)}\n`);
  if (flags.out !== undefined) {
    const csv = written.filter((f) => f.endsWith('.csv')).length;
    const png = written.filter((f) => f.endsWith('.png')).length;
    process.stdout.write(
      `\nHTML report: ${join(flags.out, 'report', 'index.html')}\nalso in ${flags.out}: report.json, ${csv} CSV files, ${png} PNG charts in charts/\n`,
    );
  }
}

/** The unit of a built-in metric id (per-framework ids share their family's unit). */
function unitOf(id: string): string {
  const base = id.split('.')[0];
  return DEFAULT_METRICS.metrics.find((m) => m.id === base)?.unit ?? '';
}

function plannedRuns(value: unknown, flags: CompareFlags): number {
  const variants = (value as { variants?: Record<string, unknown> } | null)?.variants;
  const count = flags.variants?.length ?? (variants === undefined ? 1 : Object.keys(variants).length);
  const seeds =
    flags.seeds === undefined ? DEFAULT_SEEDS : typeof flags.seeds === 'number' ? flags.seeds : flags.seeds.length;
  return count * seeds;
}

/**
 * Adds `clustersim compare <file>` to the CLI: every variant on the same seeds, means with 95%
 * intervals, paired differences with verdicts, and optionally a capacity search.
 *
 * @example
 * ```ts
 * registerCompareCommand(program); // clustersim compare examples/day-night.json --seeds 5 --find-capacity "p95Wait<60s"
 * ```
 */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description(
      'run every variant of a scenario on the same seeds and compare them with 95% confidence intervals; optionally find the machines each needs',
    )
    .argument('<file>', 'scenario JSON file (with variants)')
    .option(
      '--seeds <n>',
      'number of seeds (from the scenario seed up) or a list such as 1,2,3 (default 5)',
      parseSeeds,
    )
    .option('--variants <names>', 'compare only these variants, e.g. static,shared', parseNames)
    .option('--baseline <variant>', 'the variant the others are compared with (default: the first)')
    .option(
      '--find-capacity <objective>',
      'find per variant the smallest machine count meeting an objective, e.g. "p95Wait<60s,availability>=99.9%"',
    )
    .option(
      '--max-machines <n>',
      "the largest machine count the capacity search tries (default 16 × the scenario's)",
      parseMachines,
    )
    .option(
      '--out <dir>',
      'write the HTML report (report/index.html), report.json, CSV files and PNG charts to this folder',
    )
    .option('--force', FORCE_HELP)
    .option('--workers <n>', 'runs at once on worker threads (default: the number of cores)', parseWorkers)
    .option('--no-wall-time', 'leave wall-clock figures out (fully deterministic report.json)')
    .option('--skip-bad-rows', 'skip malformed trace rows instead of stopping')
    .option('-q, --quiet', 'print nothing on success')
    .action((file: string, flags: CompareFlags) => compareCommand(file, flags));
}
