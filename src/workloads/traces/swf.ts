import { z } from 'zod';
import { missingFileIssues } from '../traceFiles.ts';
import { normalizeResources } from '../../core/cluster/resources.ts';
import type { Arrival, TaskTemplate, WorkloadContext, WorkloadPlugin, WorkloadSource } from '../../core/plugins/workload.ts';
import { secondsToMicros } from '../../core/kernel/time.ts';
import { durationField, strictObject } from '../../core/scenario/fields.ts';
import { TraceError } from '../loadTrace.ts';
import { openRowStream, traceErrorAt, type Row } from './csvStream.ts';
import { parseSwfJob, type SwfJob } from './swfJobs.ts';

const options = strictObject({
  /** An SWF log (uncompressed), relative to the scenario file's folder. */
  file: z.string().min(1),
  /** Cores per SWF processor. */
  cpusPerProcessor: z.number().positive().default(1),
  /** MB per processor for jobs whose log gives no requested memory (field 10 = -1); 0 = no memory request. */
  memPerProcessor: z.number().nonnegative().default(0),
  /** Jobs submitted in [from, to), as durations since the log's start (its UnixStartTime). */
  timeWindow: strictObject({ from: durationField.default(0), to: durationField.optional() })
    .refine((w) => w.to === undefined || w.to > w.from, { message: 'to must be after from', path: ['to'] })
    .optional(),
  /** Divides times and durations: 24 replays a day of log in an hour. */
  timeScale: z.number().positive().default(1),
  /** Keep each job with this probability, drawn from the workload's random stream. */
  sampleFraction: z.number().gt(0).max(1).default(1),
  /** Tasks last the user's requested time (field 9) instead of the run time (field 4). */
  useRequestedTime: z.boolean().default(false),
  /** Skip malformed rows (counted) instead of failing; default: the run's setting. */
  skipBadRows: z.boolean().optional(),
});

/**
 * Options of the `swf` trace reader (parsed: durations in µs).
 *
 * @example
 * ```ts
 * const options: SwfOptions = swfWorkload.options.parse({ file: 'traces/swf-excerpt/KTH-SP2-1996-2.1-cln.first14days.swf' });
 * options.cpusPerProcessor; // 1
 * ```
 */
export type SwfOptions = z.output<typeof options>;

/**
 * What an SWF replay counted.
 *
 * @example
 * ```ts
 * const stats: SwfStats = source.stats();
 * stats.notRun; // jobs cancelled before they ran (no processors, run time 0)
 * ```
 */
export interface SwfStats {
  /** Job lines read and accepted. */
  readonly rows: number;
  readonly skippedRows: number;
  /** Jobs emitted (each one arrival). */
  readonly arrivals: number;
  readonly tasks: number;
  /** Jobs with no processor count and a run time of 0 (cancelled before starting): not replayed. */
  readonly notRun: number;
}

/**
 * An SWF replay: a workload source that also reports what it counted.
 *
 * @example
 * ```ts
 * const source: SwfSource = swfWorkload.create(options, context);
 * source.next()?.job.tasks.length; // 56: the first KTH job's processors
 * ```
 */
export interface SwfSource extends WorkloadSource {
  skippedRows(): number;
  stats(): SwfStats;
}

/**
 * Replays a Standard Workload Format log (Parallel Workloads Archive) as rigid batch jobs,
 * streaming it.
 *
 * Mapping: each job line is one job (id `<prefix>-<job number>`) arriving at its submit time
 * (field 2, seconds since the log's start, minus `timeWindow.from`, divided by `timeScale`) with
 * N identical one-processor tasks, N = allocated processors (field 5), or requested (field 8)
 * when unknown. The job is not a single gang task: a gang framework (`rigid-batch`) starts all N
 * together, as the machine did; `batch-first-fit` runs them independently. Each task has
 * `cpusPerProcessor` cpus, memory from field 10 (KB per processor → MB) or `memPerProcessor`,
 * and lasts the run time (field 4), or the requested time (field 9) with `useRequestedTime`.
 * The log's wait time is not used: waiting is what the simulation decides.
 *
 * Rows: `;` lines are comments. A job with no processor count and a run time of 0 was cancelled
 * before it ran and is left out (counted in `stats().notRun`). A TraceError (`file:line`) — or,
 * with `skipBadRows`, a skipped and counted row — for: not 18 numeric fields, negative values
 * other than −1, unknown submit or run time (or requested time with `useRequestedTime`),
 * processors unknown for a job that ran, fractional processors, or a submit time earlier than
 * the previous row's (logs are sorted by submit time).
 *
 * @example
 * ```json
 * { "generator": "swf", "framework": "mpi", "options": {
 *     "file": "traces/swf-excerpt/KTH-SP2-1996-2.1-cln.first14days.swf", "memPerProcessor": 128, "timeScale": 24 } }
 * ```
 */
export const swfWorkload: Omit<WorkloadPlugin<SwfOptions>, 'create'> & { create(options: SwfOptions, context: WorkloadContext): SwfSource } = {
  name: 'swf',
  description: 'replays a Standard Workload Format (Parallel Workloads Archive) log as rigid batch jobs (streamed)',
  options,
  check(opts) {
    const missing = missingFileIssues(opts.file);
    if (missing.length > 0) return missing;
    return [];
  },
  create(opts, context) {
    const skipBadRows = opts.skipBadRows ?? context.skipBadRows;
    const from = opts.timeWindow?.from ?? 0;
    const to = opts.timeWindow?.to ?? Infinity;
    const sample = context.rng.fork('sample');
    const rows = openRowStream(opts.file, { delimiter: 'whitespace', skipComments: (line) => line.trimStart().startsWith(';') });
    const stats = { rows: 0, skippedRows: 0, arrivals: 0, tasks: 0, notRun: 0 };
    let lastSubmit = 0;
    let done = false;
    let failure: Error | undefined = undefined; // a bad row that stopped the replay, thrown again by later calls

    /** The job on a line, or 'not-run'; a bad line throws TraceError. */
    const accept = (row: Row): (SwfJob & { submit: number; processors: number; seconds: number }) | 'not-run' => {
      const job = parseSwfJob(row, rows.file);
      const fail = (message: string): never => {
        throw traceErrorAt(rows.file, row.line, message);
      };
      const { submit, runTime, processors } = job;
      if (submit === undefined) return fail('submit time (field 2) is unknown (-1)');
      if (submit < lastSubmit) fail(`submit time ${submit} goes back (the previous job was submitted at ${lastSubmit}); SWF logs are sorted by submit time`);
      lastSubmit = submit;
      if (processors === undefined && runTime === 0) return 'not-run';
      if (processors === undefined) return fail('the number of processors is unknown (fields 5 and 8 are -1)');
      if (runTime === undefined) return fail('run time (field 4) is unknown (-1)');
      const seconds = opts.useRequestedTime ? job.requestedTime : runTime;
      if (seconds === undefined) return fail('requested time (field 9) is unknown (-1); it is needed with useRequestedTime');
      return { ...job, submit, processors, seconds };
    };

    return {
      next(): Arrival | undefined {
        if (failure !== undefined) throw failure;
        while (!done) {
          const row = rows.next(); // unreadable text throws here: never skippable
          if (row === undefined) break;
          let job;
          try {
            job = accept(row);
          } catch (error) {
            if (!(error instanceof TraceError) || !skipBadRows) {
              rows.close();
              failure = error instanceof Error ? error : new Error(String(error));
              throw error;
            }
            stats.skippedRows++;
            continue;
          }
          stats.rows++;
          if (job === 'not-run') {
            stats.notRun++;
            continue;
          }
          const submit = secondsToMicros(job.submit);
          if (submit < from) continue;
          if (submit >= to) break;
          if (opts.sampleFraction < 1 && sample.fork(job.jobNumber).next() >= opts.sampleFraction) continue;
          const memKB = job.requestedMemoryKB;
          const mem = memKB === undefined ? opts.memPerProcessor : memKB / 1024;
          const task: TaskTemplate = { resources: normalizeResources({ cpus: opts.cpusPerProcessor, mem }), durationSeconds: job.seconds / opts.timeScale };
          stats.arrivals++;
          stats.tasks += job.processors;
          const time = Math.round((submit - from) / opts.timeScale);
          return { time, frameworkId: context.frameworkId, job: { jobId: `${context.jobIdPrefix}-${job.jobNumber}`, tasks: new Array<TaskTemplate>(job.processors).fill(task) } };
        }
        done = true;
        rows.close();
        return undefined;
      },
      skippedRows: () => stats.skippedRows,
      stats: () => ({ ...stats }),
    };
  },
};
