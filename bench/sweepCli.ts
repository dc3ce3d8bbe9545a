import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One timed `clustersim sweep` of the sweep bench, as a user runs it: a fresh `node` process on
 * the built package (`bin/clustersim.js`, the JavaScript in dist/) or on the TypeScript sources
 * through tsx (`src/cli/main.ts`), timed from the process's start to its end with `/usr/bin/time`,
 * which also gives the CPU seconds of the process and of every run process it waited for.
 * @module
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TIME = '/usr/bin/time';

/** What the command runs: the built JavaScript of dist/, or the TypeScript sources through tsx. */
export type SweepCode = 'built' | 'sources';

/** How the sweep runs: its workers and, with more than one, its pool. */
export interface SweepSetup {
  readonly code: SweepCode;
  readonly workers: number;
  readonly pool: 'processes' | 'threads' | undefined;
}

/** What one timed sweep command reports. */
export interface SweepMeasurement {
  readonly setup: SweepSetup;
  readonly runs: number;
  /** From the command's start to its end: node's start-up and module loading included. */
  readonly wallSeconds: number;
  /** User + system CPU seconds of the command and its run processes (undefined without /usr/bin/time). */
  readonly cpuSeconds: number | undefined;
  /** SHA-256 of results.csv: the same for every setup. */
  readonly resultsHash: string;
}

/**
 * Writes the bench's sweep into `dir`: `examples/static-partitions.json` (30 machines, 2 batch
 * frameworks) cut to `horizon`, its allocation interval at 1 s and 5 s × 10 replications = 20
 * runs; returns the sweep file's path.
 *
 * @example
 * ```ts
 * const file = writeSweepBenchFiles(mkdtempSync(join(tmpdir(), 'sweep-')), '1d');
 * ```
 */
export function writeSweepBenchFiles(dir: string, horizon: string): string {
  const scenario = JSON.parse(readFileSync(join(ROOT, 'examples/static-partitions.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(join(dir, 'base.json'), JSON.stringify({ ...scenario, horizon }, null, 2));
  const file = join(dir, 'sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'sweep-bench',
      scenario: 'base.json',
      grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
      seeds: 10,
      metrics: ['cpuAllocated', 'p95Wait'],
    }),
  );
  return file;
}

/** The node arguments that run the CLI from the built package or from the sources. */
function cliArguments(code: SweepCode): string[] {
  return code === 'built'
    ? [join(ROOT, 'bin/clustersim.js')]
    : ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts')];
}

/**
 * Runs `clustersim sweep <file> --out <out>` with the setup's workers and pool in a fresh process
 * (after emptying `out`) and resolves with its times and results; rejects if the command fails.
 *
 * @example
 * ```ts
 * const m = await timeSweepCommand(file, { code: 'built', workers: 2, pool: 'processes' }, '/tmp/out');
 * ```
 */
export function timeSweepCommand(file: string, setup: SweepSetup, out: string): Promise<SweepMeasurement> {
  rmSync(out, { recursive: true, force: true });
  const sweepArgs = [
    ...cliArguments(setup.code),
    'sweep',
    file,
    '--out',
    out,
    '--workers',
    String(setup.workers),
    ...(setup.pool === undefined ? [] : ['--pool', setup.pool]),
    '-q',
  ];
  const withTime = existsSync(TIME);
  const [command, args] = withTime
    ? [TIME, ['-f', 'clustersim-bench-time %e %U %S', process.execPath, ...sweepArgs]]
    : [process.execPath, sweepArgs];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wall = (performance.now() - start) / 1000;
      if (code !== 0) {
        reject(new Error(`clustersim sweep (${JSON.stringify(setup)}) failed with exit code ${code}:\n${stderr}`));
        return;
      }
      const times = /clustersim-bench-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        setup,
        runs: readdirSync(join(out, 'runs')).filter((f) => f.endsWith('.json')).length,
        wallSeconds: times === null ? wall : Number(times[1]),
        cpuSeconds: times === null ? undefined : Number(times[2]) + Number(times[3]),
        resultsHash: createHash('sha256')
          .update(readFileSync(join(out, 'results.csv')))
          .digest('hex'),
      });
    });
  });
}
