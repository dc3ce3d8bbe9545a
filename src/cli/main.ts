import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { resolveScenarioPaths } from '../core/scenario/paths.ts';
import { withJsonLocations } from '../core/scenario/resolve.ts';
import { resolveVariants, type ResolvedVariant } from '../core/scenario/variants.ts';
import { ScenarioError } from '../core/scenario/issues.ts';
import { InvariantViolation } from '../core/simulation/invariants/violation.ts';
import { createDefaultRegistry } from '../registry.ts';
import { runSimulation } from '../run.ts';
import { VERSION } from '../version.ts';
import { TraceError } from '../workloads/loadTrace.ts';
import type { RunReport } from '../metrics/runReport.ts';
import { CompareInputError } from '../compare/errors.ts';
import { resolveSeriesStep } from '../metrics/seriesStep.ts';
import { formatComparison } from './comparison.ts';
import { registerCompareCommand } from './compareCommand.ts';
import { CommandFailed } from './commandFailed.ts';
import { registerMergeCommand } from './mergeCommand.ts';
import { registerSweepCommand } from './sweepCommand.ts';
import { OutputDirError, openOutputDir } from '../export/outputDir.ts';
import { FORCE_HELP } from './outputs.ts';
import { createProgress } from './progress.ts';
import { formatRunSummary } from './summary.ts';
import { printWarnings, scenarioWarnings } from './warnings.ts';

/** A mistake in how the CLI was called or what it was given (exit code 2). */
class UsageError extends Error {}

/** A scenario file's setups, resolved, and its warnings (as lines to print). */
function readScenario(file: string, registry: PluginRegistry): { variants: ResolvedVariant[]; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`cannot read scenario ${file}: ${why}`);
  }
  // Paths in the scenario are relative to its own folder.
  const variants = withJsonLocations(text, file, (value) =>
    resolveVariants(resolveScenarioPaths(value, dirname(file)), registry),
  );
  return { variants, warnings: scenarioWarnings(variants, text, file) };
}

/** The series step as the run will take it, or a usage error naming what is wrong with it. */
function seriesStepOf(value: string, horizon: number): string | number {
  const step = /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  try {
    resolveSeriesStep(horizon, step);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--series-step: ${error.message}`);
    throw error;
  }
  return step;
}

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('the seed must be a whole number, e.g. --seed 7');
  }
  return Number(value);
}

interface RunFlags {
  readonly seed?: number;
  readonly out?: string;
  readonly eventLog?: boolean;
  readonly wallTime: boolean;
  readonly quiet?: boolean;
  readonly skipBadRows?: boolean;
  readonly seriesStep?: string;
  readonly force?: boolean;
  readonly checkInvariants?: boolean;
}

function runCommand(file: string, flags: RunFlags): void {
  const registry = createDefaultRegistry();
  const { variants, warnings } = readScenario(file, registry);
  if (flags.quiet !== true) printWarnings(warnings);
  const several =
    variants.length > 1 || (variants[0] !== undefined && variants[0].variant !== variants[0].scenario.name);
  const prefix = (variant: string): string => (several ? `${variant}/` : '');
  // Claimed before any run, so that a folder that cannot be used is refused at once.
  const out = flags.out === undefined ? undefined : openOutputDir(flags.out, { force: flags.force === true });
  let logged = false;
  const results: { variant: string; report: RunReport }[] = [];
  const progress = createProgress();
  try {
    for (const { variant, scenario } of variants) {
      const log =
        out !== undefined && (flags.eventLog === true || scenario.outputs.eventLog)
          ? out.file(`${prefix(variant)}events.jsonl`)
          : undefined;
      logged ||= log !== undefined;
      const report = runSimulation(scenario, {
        registry,
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(log === undefined ? {} : { eventLogSink: log.write }),
        onProgress: progress.update,
        wallClock: flags.wallTime,
        ...(flags.skipBadRows === true ? { skipBadRows: true } : {}),
        ...(flags.checkInvariants === true ? { checkInvariants: true } : {}),
        ...(flags.seriesStep === undefined ? {} : { seriesStep: seriesStepOf(flags.seriesStep, scenario.horizon) }),
      });
      results.push({ variant, report });
    }
    progress.stop();
  } catch (error) {
    progress.stop();
    out?.discard();
    throw error;
  }
  // Every run succeeded: only now does anything appear in --out, and what an earlier run wrote
  // there and this one does not (another setup's report, an event log) goes.
  if (out !== undefined) {
    for (const { variant, report } of results)
      out.file(`${prefix(variant)}report.json`).write(`${JSON.stringify(report, null, 2)}\n`);
    out.commit();
  }
  if (flags.quiet === true) return;
  for (const { variant, report } of results) {
    for (const [name, w] of Object.entries(report.workloads)) {
      if (w.skippedRows > 0)
        process.stderr.write(
          `clustersim: ${several ? `[${variant}] ` : ''}workload ${name}: skipped ${w.skippedRows} malformed rows\n`,
        );
    }
  }
  const only = results[0];
  process.stdout.write(
    `${several || only === undefined ? formatComparison(results) : formatRunSummary(only.report)}\n`,
  );
  if (flags.out !== undefined)
    process.stdout.write(
      `report${several ? 's' : ''} written to ${flags.out}${several ? '/<setup>/report.json' : '/report.json'}${logged ? ' (with events.jsonl)' : ''}\n`,
    );
}

function validateCommand(file: string): void {
  const registry = createDefaultRegistry();
  const { variants, warnings } = readScenario(file, registry);
  printWarnings(warnings);
  for (const { variant, scenario } of variants) {
    process.stdout.write(
      `${file}${variant === scenario.name ? '' : ` [${variant}]`}: valid — ${scenario.topology.machines.length} machines, ${scenario.frameworks.length} frameworks, ${scenario.workloads.length} workloads, allocator ${scenario.allocator.plugin.name}\n`,
    );
  }
}

function pluginsCommand(): void {
  const registry = createDefaultRegistry();
  for (const kind of ['allocator', 'framework', 'workload'] as const) {
    process.stdout.write(`${kind}s:\n`);
    for (const name of registry.names(kind))
      process.stdout.write(`  ${name.padEnd(22)} ${registry[kind](name)?.description ?? ''}\n`);
  }
}

function buildProgram(): Command {
  const program = new Command('clustersim')
    .description('Deterministic discrete-event simulator of shared clusters (Mesos offers, DRF, static partitions).')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('run')
    .description('run a scenario file (every setup, when it has variants) and print a summary')
    .argument('<file>', 'scenario JSON file')
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option(
      '--out <dir>',
      'write report.json (and events.jsonl with --event-log) to this folder; one subfolder per setup for a scenario with variants',
    )
    .option('--event-log', 'also write the JSONL event log to --out')
    .option('--force', FORCE_HELP)
    .option('--no-wall-time', 'leave wall-clock figures out of the report (fully deterministic report.json)')
    .option('--skip-bad-rows', 'skip malformed trace rows (they are counted in the report) instead of stopping')
    .option(
      '--series-step <duration>',
      "width of the report's time-series bins, e.g. 60s or 5m (default: the horizon ÷ 288)",
    )
    .option(
      '--check-invariants',
      'verify the books, offers, tasks, reservations and quota after every event; stop at the first broken invariant (slow)',
    )
    .option('-q, --quiet', 'print nothing on success')
    .action((file: string, flags: RunFlags) => runCommand(file, flags));
  program
    .command('validate')
    .description('check a scenario file without running it')
    .argument('<file>', 'scenario JSON file')
    .action((file: string) => validateCommand(file));
  registerCompareCommand(program);
  registerSweepCommand(program);
  registerMergeCommand(program);
  program.command('plugins').description('list the registered plugins').action(pluginsCommand);
  return program;
}

/**
 * Runs the CLI with the given arguments and returns its exit code: 0 ok, 2 bad input (one clear
 * message per problem, no stack trace), 1 internal error.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['run', 'examples/day-night.json', '--out', 'out/demo']);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2;
    }
    if (
      error instanceof ScenarioError ||
      error instanceof UsageError ||
      error instanceof CompareInputError ||
      error instanceof OutputDirError ||
      error instanceof TraceError
    ) {
      process.stderr.write(`clustersim: ${error.message.split('\n').join('\nclustersim: ')}\n`);
      return 2;
    }
    if (error instanceof CommandFailed) {
      process.stderr.write(`clustersim: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof InvariantViolation) {
      process.stderr.write(`clustersim: ${error.message.split('\n').join('\nclustersim: ')}\n`);
      return 1;
    }
    const detail = process.env['CLUSTERSIM_DEBUG']
      ? String((error as Error).stack)
      : String((error as Error).message ?? error);
    process.stderr.write(`clustersim: internal error: ${detail}\n(set CLUSTERSIM_DEBUG=1 for a stack trace)\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
