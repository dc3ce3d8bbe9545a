import { extractMetrics } from '../compare/metrics.ts';
import { createInlineExecutor } from '../compare/runners/executor.ts';
import { createRunPool, RUN_POOLS, type RunPool } from '../compare/runners/runPool.ts';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { createDefaultRegistry } from '../registry.ts';
import { VERSION } from '../version.ts';
import { SweepInputError, SweepInterruptedError } from './errors.ts';
import { planSweep, type PlannedRun } from './plan.ts';
import { checkShard, inShard, type Shard } from './shard.ts';
import type { SweepSpec } from './spec.ts';
import { prepareSweepFolder, readRunRecord, writeRunRecord, type RunRecord } from './store.ts';
import { sweepTable, type SweepTable } from './table.ts';

/**
 * Where a sweep is: runs of this sweep (or shard), how many were already stored, finished now,
 * failed, and running.
 *
 * @example
 * ```ts
 * const progress: SweepProgress = { total: 40, skipped: 10, done: 12, failed: 1, running: 2 };
 * ```
 */
export interface SweepProgress {
  readonly total: number;
  /** Runs found finished in the folder and not run again. */
  readonly skipped: number;
  /** Runs finished by this call. */
  readonly done: number;
  readonly failed: number;
  readonly running: number;
}

/**
 * A run that threw: where it is in the sweep and the error's message.
 *
 * @example
 * ```ts
 * const failure: SweepFailure = { index: 7, values: { 'master.allocationInterval': '5s' }, variant: 'shared', replication: 3, seed: 99, error: 'out of memory' };
 * ```
 */
export interface SweepFailure {
  readonly index: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly variant: string;
  readonly replication: number | string;
  readonly seed: number;
  readonly error: string;
}

/**
 * What {@link sweep} returns: the table of the sweep's (or shard's) finished runs, and the runs
 * that failed in this call.
 *
 * @example
 * ```ts
 * const result: SweepResult = await sweep(spec);
 * result.failures.length; // 0 when every run worked
 * ```
 */
export interface SweepResult extends SweepTable {
  readonly failures: readonly SweepFailure[];
  /** Runs found stored in `dir` and not run again. */
  readonly skipped: number;
}

/**
 * Options of {@link sweep}.
 *
 * @example
 * ```ts
 * const options: SweepOptions = { workers: 2, dir: 'out/sweep', shard: { index: 0, count: 4 }, onProgress: (p) => console.log(p.done) };
 * ```
 */
export interface SweepOptions {
  /** Runs at once (default 1: in this thread, one after another); results do not depend on it. */
  readonly workers?: number;
  /**
   * With more than one worker, where the runs go: `'threads'` (the default: worker threads of this
   * process) or `'processes'` (child processes, one run at a time each, each with its own heap, so
   * that a run that crashes or runs out of memory takes only its own process); results do not
   * depend on it.
   */
  readonly pool?: RunPool;
  /** Called when the sweep starts and after every run. */
  readonly onProgress?: (progress: SweepProgress) => void;
  /** Run only this part of the sweep. */
  readonly shard?: Shard;
  /**
   * A folder to keep finished runs in (`runs/<key>.json`, each written atomically, with the
   * manifest `sweep.json`): runs already there are not run again.
   */
  readonly dir?: string;
  /** Stops starting runs; the call then rejects with {@link SweepInterruptedError}. */
  readonly signal?: AbortSignal;
  /** Plugins (default: the built-ins); a custom registry needs `workers: 1`. */
  readonly registry?: PluginRegistry;
  /** Trace readers skip malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
}

/**
 * Runs a sweep: every grid point × variant × replication (or a shard's share of them), each on a
 * seed derived from the sweep seed, its grid point and its replication, and returns the tidy
 * table and the summary (mean and 95% interval per grid point × variant × metric). A run that
 * fails is reported in `failures` and does not stop the others. With `dir`, finished runs are
 * stored as they come and a second call skips them.
 * Rejects with `ScenarioError` for a sweep that cannot run (each problem with its JSON path).
 *
 * @example
 * ```ts
 * const result = await sweep(spec, { workers: 2, dir: 'out/sweep' });
 * result.summary.find((s) => s.variant === 'shared' && s.metric === 'p95Wait')?.estimate?.mean;
 * ```
 */
export async function sweep(spec: SweepSpec, options: SweepOptions = {}): Promise<SweepResult> {
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 1)
    throw new SweepInputError(`workers must be a whole number ≥ 1, got ${workers}`);
  const pool = options.pool ?? 'threads';
  if (!RUN_POOLS.includes(pool))
    throw new SweepInputError(
      `pool must be ${RUN_POOLS.map((p) => `"${p}"`).join(' or ')}, got ${JSON.stringify(pool)}`,
    );
  if (workers > 1 && options.registry !== undefined)
    throw new SweepInputError(
      'worker processes and threads run the built-in plugins only; with your own registry, sweep with workers: 1',
    );
  if (options.shard !== undefined) checkShard(options.shard);
  const registry = options.registry ?? createDefaultRegistry();
  const plan = planSweep(spec, registry, { skipBadRows: options.skipBadRows === true });
  const runs = plan.runs.filter((run) => inShard(run.index, options.shard));
  const dir = options.dir;
  if (dir !== undefined) prepareSweepFolder(dir, plan);

  const records = new Map<string, RunRecord>();
  const todo: PlannedRun[] = [];
  const queued = new Set<string>();
  for (const run of runs) {
    const stored = records.get(run.key) ?? (dir === undefined ? undefined : readRunRecord(dir, run.key));
    if (stored !== undefined) records.set(run.key, stored);
    // Two runs with the same scenario and seed (possible with common seeds) run once.
    else if (!queued.has(run.key)) todo.push(run);
    queued.add(run.key);
  }
  const skipped = runs.filter((run) => records.has(run.key)).length;
  const failures: SweepFailure[] = [];
  let done = 0;
  let running = 0;
  const report = (): void =>
    options.onProgress?.({ total: runs.length, skipped, done, failed: failures.length, running });
  report();

  const valuesOf = (run: PlannedRun): Record<string, unknown> =>
    Object.fromEntries(plan.parameters.map((path, i) => [path, plan.points[run.point]?.[i]]));
  const executor =
    workers > 1 && todo.length > 1
      ? createRunPool(pool, Math.min(workers, todo.length))
      : createInlineExecutor(registry);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= executor.close());
  let aborted = options.signal?.aborted === true;
  const onAbort = (): void => {
    aborted = true;
    // In-flight runs in run processes or worker threads end now; their results are lost, nothing half-written.
    void close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < todo.length) {
        // Let signals, timers and I/O in between runs: an in-thread run holds the thread until it ends.
        await new Promise((resolve) => setImmediate(resolve));
        // Another lane may have taken the last run meanwhile.
        if (aborted || next >= todo.length) return;
        const run = todo[next++] as PlannedRun;
        running++;
        report();
        try {
          const result = await executor.run(run.task);
          if (aborted) return;
          const record: RunRecord = {
            clustersim: VERSION,
            key: run.key,
            seed: run.seed,
            eventLogHash: result.eventLogHash,
            metrics: extractMetrics(plan.recorded, result),
          };
          if (dir !== undefined) writeRunRecord(dir, record);
          records.set(run.key, record);
          done++;
        } catch (error) {
          if (aborted) return;
          const { index, variant, replication, seed } = run;
          failures.push({ index, values: valuesOf(run), variant, replication, seed, error: messageOf(error) });
        } finally {
          running--;
        }
        report();
      }
    };
    await Promise.all(Array.from({ length: executor.parallelism }, lane));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await close();
  }
  if (aborted) throw new SweepInterruptedError(skipped + done, todo.length - done - failures.length);
  failures.sort((a, b) => a.index - b.index);
  return { ...sweepTable(plan, runs, (key) => records.get(key)), failures, skipped };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
