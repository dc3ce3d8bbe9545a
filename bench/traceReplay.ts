import { existsSync, statSync } from 'node:fs';
import { runInChild } from './child.ts';
import { writeGoogleTrace } from './googleTraceGenerator.ts';
import { formatNumber, formatTable } from './table.ts';
import type { TraceReplayMeasurement } from './traceReplayWorker.ts';

/**
 * Replays a generated trace in the Google 2011 `task_events` format through the `google-2011`
 * workload source, in a fresh process, and reports rows/s and peak memory: streaming readers must
 * keep memory independent of the file's length.
 * @module
 */

/** Sizes of the trace-replay bench. */
export const TRACE_REPLAY_FULL = { bytes: 1e9, file: '/tmp/clustersim-bench-google-1GB.csv' } as const;
/** A smoke run. */
export const TRACE_REPLAY_QUICK = { bytes: 20e6, file: '/tmp/clustersim-bench-google-20MB.csv' } as const;

/**
 * Generates the trace when missing (seed 1), replays it and returns the table.
 *
 * @example
 * ```ts
 * console.log(await runTraceReplayBench(TRACE_REPLAY_QUICK));
 * ```
 */
export async function runTraceReplayBench(config: { readonly bytes: number; readonly file: string }): Promise<string> {
  if (!existsSync(config.file) || statSync(config.file).size < config.bytes)
    writeGoogleTrace(config.file, config.bytes, 1);
  const size = statSync(config.file).size;
  const m = await runInChild<TraceReplayMeasurement>(new URL('./traceReplayWorker.ts', import.meta.url), [config.file]);
  return formatTable(
    ['file', 'MB', 'rows', 'arrivals', 'tasks', 'wall s', 'rows/s', 'peak RSS MiB'],
    [
      [
        config.file,
        formatNumber(size / 1e6, 0),
        formatNumber(m.rows),
        formatNumber(m.arrivals),
        formatNumber(m.tasks),
        formatNumber(m.seconds, 1),
        formatNumber(m.rows / m.seconds),
        formatNumber(m.peakRssMiB, 0),
      ],
    ],
  );
}
