import { BadRowGuard, RowFields, type RowSource, type TraceRow } from './alibabaFields.ts';
import { openAlibabaRows } from './alibabaFiles.ts';

const COLUMNS = [
  'instance_name', 'task_name', 'job_name', 'task_type', 'status', 'start_time', 'end_time',
  'machine_id', 'seq_no', 'total_seq_no', 'cpu_avg', 'cpu_max', 'mem_avg', 'mem_max',
] as const;

/**
 * One row of Alibaba 2018 `batch_instance.csv`: one run (try) of one instance of a task.
 *
 * @example
 * ```ts
 * const run: Alibaba2018InstanceRun = { instanceName: 'ins_1', taskName: 'M1', jobName: 'j_1', taskType: '1', status: 'Terminated',
 *   startTime: 100, endTime: 160, machineId: 'm_7', seqNo: 1, totalSeqNo: 1, cpuAvg: 80, cpuMax: 95, memAvg: 0.4, memMax: 0.5 };
 * ```
 */
export interface Alibaba2018InstanceRun {
  readonly instanceName: string;
  readonly taskName: string;
  readonly jobName: string;
  readonly taskType: string;
  readonly status: string;
  /** Trace seconds; 0 = outside the 8 days (e.g. not started). */
  readonly startTime: number;
  readonly endTime: number;
  /** Empty when the instance never ran on a machine. */
  readonly machineId: string;
  readonly seqNo: number;
  readonly totalSeqNo: number;
  /** Usage (cpu: 100 = 1 core; mem: normalized [0, 100]); undefined when the trace has none. */
  readonly cpuAvg: number | undefined;
  readonly cpuMax: number | undefined;
  readonly memAvg: number | undefined;
  readonly memMax: number | undefined;
}

/**
 * A pull reader of instance runs.
 *
 * @example
 * ```ts
 * const runs: Alibaba2018InstanceReader = readAlibaba2018BatchInstances('data/batch_instance.csv');
 * for (let run = runs.next(); run !== undefined; run = runs.next()) total += run.endTime - run.startTime;
 * ```
 */
export interface Alibaba2018InstanceReader {
  /** The next valid run, or undefined at the end of the file (which is then closed). */
  next(): Alibaba2018InstanceRun | undefined;
  /** Malformed rows skipped so far (with skipBadRows). */
  skippedRows(): number;
  close(): void;
}

/**
 * Parses one `batch_instance.csv` row. Columns follow `cluster-trace-v2018/schema.txt` (which is
 * aligned with the data; trace_2018.md lists task_type before job_name). Throws a TraceError at
 * `file:line` for a wrong column count, an empty name, or a non-numeric time or sequence number;
 * usage columns may be empty.
 *
 * @example
 * ```ts
 * const parse = alibaba2018InstanceParser('batch_instance.csv');
 * parse({ line: 1, fields: ['ins_1', 'M1', 'j_1', '1', 'Terminated', '100', '160', 'm_7', '1', '1', '', '', '', ''] }).cpuAvg; // undefined
 * ```
 */
export function alibaba2018InstanceParser(file: string): (row: TraceRow) => Alibaba2018InstanceRun {
  const fields = new RowFields(file, COLUMNS);
  const usage = (row: TraceRow, index: number): number | undefined => (fields.raw(row, index) === '' ? undefined : fields.number(row, index));
  return (row) => {
    fields.expectColumns(row);
    return {
      instanceName: fields.text(row, 0),
      taskName: fields.text(row, 1),
      jobName: fields.text(row, 2),
      taskType: fields.raw(row, 3),
      status: fields.text(row, 4),
      startTime: fields.integer(row, 5),
      endTime: fields.integer(row, 6),
      machineId: fields.raw(row, 7),
      seqNo: fields.integer(row, 8),
      totalSeqNo: fields.integer(row, 9),
      cpuAvg: usage(row, 10),
      cpuMax: usage(row, 11),
      memAvg: usage(row, 12),
      memMax: usage(row, 13),
    };
  };
}

/**
 * Reads Alibaba 2018 `batch_instance.csv` (no header) one row at a time: a typed reader for
 * analyses (e.g. measured run times or usage per task); no workload is built from it, because the
 * file is 20 GB and batch_task.csv already gives each task's span and instance count.
 *
 * @example
 * ```ts
 * const runs = readAlibaba2018BatchInstances('data/batch_instance.csv', { skipBadRows: true });
 * runs.next()?.machineId; // 'm_2637'
 * runs.close();
 * ```
 */
export function readAlibaba2018BatchInstances(file: string, options: { readonly skipBadRows?: boolean } = {}, rows: RowSource = openAlibabaRows(file)): Alibaba2018InstanceReader {
  const parse = alibaba2018InstanceParser(file);
  const guard = new BadRowGuard(options.skipBadRows ?? false);
  return {
    next() {
      for (let row = rows.next(); row !== undefined; row = rows.next()) {
        const current = row;
        const run = guard.attempt(() => {
          try {
            return parse(current);
          } catch (error) {
            if (!(options.skipBadRows ?? false)) rows.close();
            throw error;
          }
        });
        if (run !== undefined) return run;
      }
      rows.close();
      return undefined;
    },
    skippedRows: () => guard.skipped(),
    close: () => rows.close(),
  };
}
