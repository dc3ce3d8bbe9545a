import { z } from 'zod';
import { missingFileIssues } from '../traceFiles.ts';
import type { WorkloadContext, WorkloadPlugin } from '../../core/plugins/workload.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import { alibabaTaskArrival, traceArrivals, type ParsedRow, type TraceWorkloadSource } from './alibabaArrivals.ts';
import { RowFields, type RowSource, type TraceRow } from './alibabaFields.ts';
import { openAlibabaRows } from './alibabaFiles.ts';
import { replayFields } from './alibabaReplay.ts';
import { keyedSampler } from './alibabaSampling.ts';
import { MAX_TASKS_PER_JOB } from '../distributions.ts';

/**
 * Alibaba cluster-trace-v2018 `batch_task.csv` as a workload: one simulated job per Alibaba task.
 * @module
 */

const COLUMNS = ['task_name', 'instance_num', 'job_name', 'task_type', 'status', 'start_time', 'end_time', 'plan_cpu', 'plan_mem'] as const;

const options = strictObject({
  ...replayFields,
  /**
   * Task statuses replayed (the schema does not enumerate them; rows of other statuses — Waiting,
   * Cancelled, … — are left out): `Terminated` (default; duration = end − start), `Failed` (the same),
   * `Running` (no duration: runs until killed).
   */
  statuses: z.array(z.enum(['Terminated', 'Failed', 'Running'])).min(1).default(['Terminated']),
  /** Cores per unit of `plan_cpu` (100 = 1 core). */
  cpuUnit: z.number().positive().finite().default(0.01),
  /**
   * MB per unit of `plan_mem` (normalized to [0, 100], 100 = the largest machine). Use the same
   * value for the machines (alibaba2018Machines) so that only ratios matter.
   */
  memUnit: z.number().positive().finite().default(1_000),
});

/**
 * Options of the `alibaba-2018-batch` workload (after parsing).
 *
 * @example
 * ```ts
 * const options: Alibaba2018BatchOptions = alibaba2018BatchWorkload.options.parse({ file: 'batch_task.csv' });
 * options.memUnit; // 1000
 * ```
 */
export type Alibaba2018BatchOptions = z.output<typeof options>;

/**
 * Parses one 2018 `batch_task.csv` row into a job (or undefined for a status not replayed). Throws
 * a TraceError at `file:line` for a wrong column count, a missing or non-numeric field,
 * instance_num < 1, or end_time before start_time (including end_time 0, "outside the trace").
 *
 * @example
 * ```ts
 * const parse = alibaba2018TaskParser('batch_task.csv', options, 'w0');
 * parse({ line: 1, fields: ['M2_1', '3', 'j_7', '1', 'Terminated', '100', '160', '50', '0.59'] })?.job();
 * // { jobId: 'w0-j_7.M2_1', tasks: [3 × { resources: { cpus: 0.5, mem: 590 }, durationSeconds: 60 }] }
 * ```
 */
export function alibaba2018TaskParser(file: string, opts: Alibaba2018BatchOptions, jobIdPrefix: string): (row: TraceRow) => ParsedRow {
  const fields = new RowFields(file, COLUMNS);
  const replayed = new Set<string>(opts.statuses);
  return (row) => {
    fields.expectColumns(row);
    const status = fields.text(row, 4);
    if (!replayed.has(status)) return undefined;
    const taskName = fields.text(row, 0);
    const instances = fields.integer(row, 1, 1, MAX_TASKS_PER_JOB);
    const jobName = fields.text(row, 2);
    const start = fields.integer(row, 5);
    const end = fields.integer(row, 6);
    const cpu = fields.number(row, 7, 0);
    const mem = fields.number(row, 8, 0);
    if (status !== 'Running' && end < start) {
      throw fields.error(row, `negative duration: end_time ${end}${end === 0 ? ' (0: outside the trace)' : ''} is before start_time ${start}`);
    }
    return alibabaTaskArrival({ start: start, end: end, running: status === 'Running', instances, cpu, mem, job: jobName, task: taskName }, opts, jobIdPrefix);
  };
}

/**
 * The arrivals of a 2018 `batch_task.csv` read from `rows` (the plugin opens the file).
 *
 * @example
 * ```ts
 * const source = alibaba2018BatchArrivals(openAlibabaRows(options.file), options, context);
 * source.next(); // { time, frameworkId, job: { jobId: 'w0-j_1.M1', tasks: [...] } }
 * ```
 */
export function alibaba2018BatchArrivals(rows: RowSource, opts: Alibaba2018BatchOptions, context: WorkloadContext): TraceWorkloadSource {
  return traceArrivals(rows, alibaba2018TaskParser(opts.file, opts, context.jobIdPrefix), {
    fields: new RowFields(opts.file, COLUMNS),
    timeColumn: { name: 'start_time', position: 6 },
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
 * Replays the Alibaba 2018 batch trace (`batch_task.csv`, no header). Each Alibaba task becomes one
 * job of `instance_num` identical tasks arriving at its `start_time` (the trace has no submit time,
 * so Alibaba's own queueing is not in it); duration = end_time − start_time; resources per instance
 * `plan_cpu × cpuUnit` cores (100 = 1 core) and `plan_mem × memUnit` MB, times `resourceScale`. The
 * DAG in task names (see parseAlibaba2018TaskName) is not enforced: start times already follow it.
 * Tasks of one job are sampled together. Rows must be sorted by start_time (the published file is
 * not: `sort -t, -k6,6n -s batch_task.csv`), or disordered by at most `reorderWindow` s.
 *
 * @example
 * ```json
 * { "generator": "alibaba-2018-batch", "framework": "batch", "options": {
 *     "file": "data/batch_task.sorted.csv", "timeWindow": { "from": "1d", "to": "2d" }, "sampleFraction": 0.01 } }
 * ```
 */
export const alibaba2018BatchWorkload: WorkloadPlugin<Alibaba2018BatchOptions> = {
  name: 'alibaba-2018-batch',
  description: 'Alibaba cluster-trace-v2018 batch_task.csv: one job per Alibaba task, instances as tasks',
  options,
  check(opts) {
    return missingFileIssues(opts.file);
  },
  create(opts, context) {
    return alibaba2018BatchArrivals(openAlibabaRows(opts.file), opts, context);
  },
};
