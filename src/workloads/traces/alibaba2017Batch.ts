import { z } from 'zod';
import { missingFileIssues } from '../traceFiles.ts';
import type { WorkloadContext, WorkloadPlugin } from '../../core/plugins/workload.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import { alibabaTaskArrival, traceArrivals, type ParsedRow, type TraceWorkloadSource } from './alibabaArrivals.ts';
import { RowFields, type RowSource, type TraceRow } from './alibabaFields.ts';
import { replayFields } from './alibabaReplay.ts';
import { keyedSampler } from './alibabaSampling.ts';
import { openAlibabaRows } from './alibabaFiles.ts';
import { MAX_TASKS_PER_JOB } from '../distributions.ts';

/**
 * Alibaba cluster-trace-v2017 `batch_task.csv` as a workload: one simulated job per Alibaba task.
 * @module
 */

const COLUMNS = ['create time', 'modify time', 'job id', 'task id', 'instance count', 'status', 'plan cpu', 'plan mem'] as const;
const STATUSES = ['Ready', 'Waiting', 'Running', 'Terminated', 'Failed', 'Cancelled'] as const;

const options = strictObject({
  ...replayFields,
  /**
   * Task statuses replayed: `Terminated` (default; duration = modify − create), `Failed` (the same:
   * work until it failed), `Running` (still running when the trace ended: no duration, runs until
   * killed). Ready, Waiting and Cancelled tasks never ran and are never replayed.
   */
  statuses: z.array(z.enum(['Terminated', 'Failed', 'Running'])).min(1).default(['Terminated']),
  /** Cores per unit of `plan cpu`; the values (50, 100) are hundredths of a core, as in the 2018 trace. */
  cpuUnit: z.number().positive().finite().default(0.01),
  /**
   * MB per 1.0 of normalized memory (1.0 = the largest machine's memory, which the trace does not
   * give). Use the same value for the machines (alibaba2017Machines) so that only ratios matter.
   */
  memUnit: z.number().positive().finite().default(100_000),
});

/**
 * Options of the `alibaba-2017-batch` workload (after parsing).
 *
 * @example
 * ```ts
 * const options: Alibaba2017BatchOptions = alibaba2017BatchWorkload.options.parse({ file: 'traces/alibaba-2017-excerpt/batch_task.csv' });
 * options.statuses; // ['Terminated']
 * ```
 */
export type Alibaba2017BatchOptions = z.output<typeof options>;

/**
 * Parses one `batch_task.csv` row into a job (or undefined for a status not replayed). Throws a
 * TraceError at `file:line` for a malformed row: wrong column count, unknown status, missing or
 * non-numeric field, instance count < 1, or modify time before create time.
 *
 * @example
 * ```ts
 * const parse = alibaba2017TaskParser('batch_task.csv', options, 'w0');
 * parse({ line: 1, fields: ['6459', '6524', '3', '4', '2', 'Terminated', '50', '0.008'] })?.job();
 * // { jobId: 'w0-3.4', tasks: [2 × { resources: { cpus: 0.5, mem: 800 }, durationSeconds: 65 }] }
 * ```
 */
export function alibaba2017TaskParser(file: string, opts: Alibaba2017BatchOptions, jobIdPrefix: string): (row: TraceRow) => ParsedRow {
  const fields = new RowFields(file, COLUMNS);
  const replayed = new Set<string>(opts.statuses);
  return (row) => {
    fields.expectColumns(row);
    const status = fields.text(row, 5);
    if (!(STATUSES as readonly string[]).includes(status)) throw fields.error(row, `status "${status}" is not one of ${STATUSES.join(', ')}`);
    if (!replayed.has(status)) return undefined;
    const create = fields.integer(row, 0);
    const modify = fields.integer(row, 1);
    const jobId = String(fields.integer(row, 2));
    const taskId = String(fields.integer(row, 3));
    const instances = fields.integer(row, 4, 1, MAX_TASKS_PER_JOB);
    const cpu = fields.number(row, 6, 0);
    const mem = fields.number(row, 7, 0);
    if (status !== 'Running' && modify < create) {
      throw fields.error(row, `negative duration: modify time ${modify} is before create time ${create}`);
    }
    return alibabaTaskArrival({ start: create, end: modify, running: status === 'Running', instances, cpu, mem, job: jobId, task: taskId }, opts, jobIdPrefix);
  };
}

/**
 * The arrivals of a `batch_task.csv` read from `rows` (the plugin opens the file; tests may pass
 * rows directly).
 *
 * @example
 * ```ts
 * const source = alibaba2017BatchArrivals(openAlibabaRows(options.file), options, context);
 * source.next(); // { time: 0, frameworkId: 'batch', job: { jobId: 'w0-1.1', tasks: [...] } }
 * ```
 */
export function alibaba2017BatchArrivals(rows: RowSource, opts: Alibaba2017BatchOptions, context: WorkloadContext): TraceWorkloadSource {
  return traceArrivals(rows, alibaba2017TaskParser(opts.file, opts, context.jobIdPrefix), {
    fields: new RowFields(opts.file, COLUMNS),
    timeColumn: { name: 'create time', position: 1 },
    window: opts.timeWindow,
    timeScale: opts.timeScale,
    reorderWindow: opts.reorderWindow,
    horizon: context.horizon,
    frameworkId: context.frameworkId,
    keep: keyedSampler(context.rng.fork('sample'), opts.sampleFraction),
    skipBadRows: opts.skipBadRows || context.skipBadRows,
  });
}

/**
 * Replays the Alibaba 2017 batch trace (`batch_task.csv`, no header). Each Alibaba task becomes one
 * job of `instance count` identical tasks arriving at the task's create time; a task's duration is
 * modify − create (for Terminated tasks: from creation to the end of its last instance, so it
 * includes the time its instances waited in Alibaba's own queue); resources per instance are
 * `plan cpu × cpuUnit` cores and `plan mem × memUnit` MB, times `resourceScale`. Tasks of one
 * Alibaba job arrive separately (each at its own create time, which already reflects the job's
 * DAG), but are sampled together. Rows must be sorted by create time (or disordered by at most
 * `reorderWindow` s). The source counts skipped rows (`skippedRows()`).
 *
 * @example
 * ```json
 * { "generator": "alibaba-2017-batch", "framework": "batch", "options": {
 *     "file": "traces/alibaba-2017-excerpt/batch_task.csv", "timeWindow": { "to": "6h" }, "sampleFraction": 0.5 } }
 * ```
 */
export const alibaba2017BatchWorkload: WorkloadPlugin<Alibaba2017BatchOptions> = {
  name: 'alibaba-2017-batch',
  description: 'Alibaba cluster-trace-v2017 batch_task.csv: one job per Alibaba task, instances as tasks',
  options,
  check(opts) {
    return missingFileIssues(opts.file);
  },
  create(opts, context) {
    return alibaba2017BatchArrivals(openAlibabaRows(opts.file), opts, context);
  },
};
