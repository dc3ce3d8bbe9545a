import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sweepResultsCsv } from '../src/export/sweepOutputs.ts';
import { sweep } from '../src/sweep/sweep.ts';
import type { SweepSpec } from '../src/sweep/spec.ts';
import { reportToParent } from './child.ts';

/**
 * Child process of the sweep bench: runs the bench's sweep of 20 runs on `workers` worker threads
 * (1: in the process's own thread, as `clustersim sweep --workers 1` does) and reports its wall
 * and CPU seconds. Usage: `sweepWorker.ts <workers> <horizon>`.
 * @module
 */

/** What one timed sweep reports. */
export interface SweepMeasurement {
  readonly workers: number;
  readonly runs: number;
  readonly wallSeconds: number;
  /** CPU seconds of the whole process (all threads) / wall seconds: up to `workers` on idle cores. */
  readonly cpuShare: number;
  /** SHA-256 of the results table: the same for every number of workers. */
  readonly resultsHash: string;
}

/**
 * The bench's sweep: `examples/static-partitions.json` (30 machines, 2 batch frameworks), its
 * allocation interval at 1 s and 5 s × 10 replications = 20 runs.
 *
 * @example
 * ```ts
 * (await sweep(sweepBenchSpec('1d'))).runs; // 20
 * ```
 */
export function sweepBenchSpec(horizon: string): SweepSpec {
  const scenario = JSON.parse(
    readFileSync(new URL('../examples/static-partitions.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return {
    scenario: { ...scenario, horizon },
    grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
    seeds: 10,
    metrics: ['cpuAllocated', 'p95Wait'],
  };
}

async function main(argv: readonly string[]): Promise<SweepMeasurement> {
  const [workersText, horizon] = argv;
  const workers = Number(workersText);
  if (!Number.isSafeInteger(workers) || workers < 1 || horizon === undefined)
    throw new Error(`usage: sweepWorker.ts <workers> <horizon>; got ${argv.join(' ')}`);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  // Pool start-up (worker threads loading the sources) is part of what a user waits for: timed.
  const result = await sweep(sweepBenchSpec(horizon), { workers });
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    workers,
    runs: result.runs,
    wallSeconds,
    cpuShare: (cpu.user + cpu.system) / 1e6 / wallSeconds,
    resultsHash: createHash('sha256').update(sweepResultsCsv(result)).digest('hex'),
  };
}

reportToParent(await main(process.argv.slice(2)));
