import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { parseScenarioText, type ResolvedScenario } from '../core/scenario/resolve.ts';
import { ScenarioError } from '../core/scenario/issues.ts';
import { createDefaultRegistry } from '../registry.ts';
import { runSimulation } from '../run.ts';
import { VERSION } from '../version.ts';
import { openAtomic } from './outputs.ts';
import { createProgress } from './progress.ts';
import { formatRunSummary } from './summary.ts';

/** A mistake in how the CLI was called or what it was given (exit code 2). */
class UsageError extends Error {}

function readScenario(file: string, registry: PluginRegistry): ResolvedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`cannot read scenario ${file}: ${why}`);
  }
  return parseScenarioText(text, registry, file);
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
}

function runCommand(file: string, flags: RunFlags): void {
  const registry = createDefaultRegistry();
  const scenario = readScenario(file, registry);
  const writeLog = flags.out !== undefined && (flags.eventLog === true || scenario.outputs.eventLog);
  const log = writeLog ? openAtomic(flags.out as string, 'events.jsonl') : undefined;
  const progress = createProgress();
  try {
    const report = runSimulation(scenario, {
      registry,
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(log === undefined ? {} : { eventLogSink: log.write }),
      onProgress: progress.update,
      wallClock: flags.wallTime,
    });
    progress.stop();
    if (flags.out !== undefined) {
      const file = openAtomic(flags.out, 'report.json');
      file.write(`${JSON.stringify(report, null, 2)}\n`);
      file.commit();
      log?.commit();
    }
    if (flags.quiet !== true) {
      process.stdout.write(`${formatRunSummary(report)}\n`);
      if (flags.out !== undefined) process.stdout.write(`report written to ${join(flags.out, 'report.json')}${log ? ' (event log: events.jsonl)' : ''}\n`);
    }
  } catch (error) {
    progress.stop();
    log?.discard();
    throw error;
  }
}

function validateCommand(file: string): void {
  const registry = createDefaultRegistry();
  const scenario = readScenario(file, registry);
  process.stdout.write(
    `${file}: valid — ${scenario.topology.machines.length} machines, ${scenario.frameworks.length} frameworks, ${scenario.workloads.length} workloads, allocator ${scenario.allocator.plugin.name}\n`,
  );
}

function pluginsCommand(): void {
  const registry = createDefaultRegistry();
  for (const kind of ['allocator', 'framework', 'workload'] as const) {
    process.stdout.write(`${kind}s:\n`);
    for (const name of registry.names(kind)) process.stdout.write(`  ${name.padEnd(22)} ${registry[kind](name)?.description ?? ''}\n`);
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
    .description('run a scenario file and print a summary')
    .argument('<file>', 'scenario JSON file')
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--out <dir>', 'write report.json (and events.jsonl with --event-log) to this folder')
    .option('--event-log', 'also write the JSONL event log to --out')
    .option('--no-wall-time', 'leave wall-clock figures out of the report (fully deterministic report.json)')
    .option('-q, --quiet', 'print nothing on success')
    .action((file: string, flags: RunFlags) => runCommand(file, flags));
  program
    .command('validate')
    .description('check a scenario file without running it')
    .argument('<file>', 'scenario JSON file')
    .action((file: string) => validateCommand(file));
  program.command('plugins').description('list the registered plugins').action(pluginsCommand);
  return program;
}

/**
 * Runs the CLI with the given arguments and returns its exit code: 0 ok, 2 bad input (one clear
 * message per problem, no stack trace), 1 internal error.
 *
 * @example
 * ```ts
 * process.exitCode = main(['run', 'examples/demo.json', '--out', 'out/demo']);
 * ```
 */
export function main(argv: readonly string[]): number {
  try {
    buildProgram().parse([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof ScenarioError || error instanceof UsageError) {
      process.stderr.write(`clustersim: ${error.message.split('\n').join('\nclustersim: ')}\n`);
      return 2;
    }
    const detail = process.env['CLUSTERSIM_DEBUG'] ? String((error as Error).stack) : String((error as Error).message ?? error);
    process.stderr.write(`clustersim: internal error: ${detail}\n(set CLUSTERSIM_DEBUG=1 for a stack trace)\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
