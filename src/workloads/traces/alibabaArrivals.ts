import { normalizeResources } from '../../core/cluster/resources.ts';
import type { Micros } from '../../core/kernel/time.ts';
import type { Arrival, Job, TaskTemplate, WorkloadSource } from '../../core/plugins/workload.ts';
import { BadRowGuard, type RowFields, type RowSource, type TraceRow } from './alibabaFields.ts';
import { inWindow, simulationTime, type TimeWindow } from './alibabaReplay.ts';
import { ReorderBuffer } from './alibabaReorder.ts';

/**
 * The streaming core shared by the Alibaba batch readers: rows in, arrivals out, in time order,
 * one row at a time (memory: the rows inside the reorder window, and the jobs not yet due).
 * @module
 */

/**
 * What a reader makes of one row: nothing (a row it leaves out, e.g. a status not replayed), or a
 * job arriving at a trace time, with the key it is sampled by (the Alibaba job). The job is built
 * only for rows that are replayed (a task of 60,000 instances left out by sampling costs nothing).
 *
 * @example
 * ```ts
 * const parsed: ParsedRow = { time: 6459, sampleKey: '3', job: () => ({ jobId: 'w0-3.4', tasks: [{ resources: { cpus: 0.5 }, durationSeconds: 65 }] }) };
 * ```
 */
export type ParsedRow = { readonly time: number; readonly sampleKey: string; readonly job: () => Job } | undefined;

/**
 * How the rows are replayed.
 *
 * @example
 * ```ts
 * const replay: ArrivalReplay = { fields, timeColumn: { name: 'create time', position: 1 }, window: { from: 0, to: Infinity }, timeScale: 1,
 *   reorderWindow: 0, horizon: 86_400e6, frameworkId: 'batch', keep: () => true, skipBadRows: false };
 * ```
 */
export interface ArrivalReplay {
  /** The file's field reader (for errors at `file:line`). */
  readonly fields: RowFields;
  /** The arrival time column: its name and 1-based position (for messages). */
  readonly timeColumn: { readonly name: string; readonly position: number };
  readonly window: TimeWindow;
  readonly timeScale: number;
  readonly reorderWindow: number;
  readonly horizon: Micros;
  readonly frameworkId: string;
  /** Sampling by key (see keyedSampler). */
  readonly keep: (key: string) => boolean;
  readonly skipBadRows: boolean;
}

/**
 * A workload source over a trace: arrivals in time order, plus what it left out.
 *
 * @example
 * ```ts
 * const source: TraceWorkloadSource = alibaba2017BatchWorkload.create(options, context);
 * source.next();        // the first arrival
 * source.skippedRows(); // malformed rows skipped so far (with skipBadRows)
 * ```
 */
export interface TraceWorkloadSource extends WorkloadSource {
  /** Malformed rows skipped so far (0 unless bad rows are skipped). */
  skippedRows(): number;
}

/**
 * Replays parsed rows as arrivals: checks time order (rows may be at most `reorderWindow` trace
 * seconds earlier than an earlier row; more is a bad row "time goes back"), keeps rows inside the
 * window and the sample, and maps trace times to simulation times. Reading stops (and the file is
 * closed) at the end of the file, once rows are past the window's end, or once arrivals pass the
 * horizon.
 *
 * @example
 * ```ts
 * const source = traceArrivals(rows, (row) => parseMyRow(row), replay);
 * source.next(); // { time, frameworkId, job } or undefined
 * ```
 */
export function traceArrivals(rows: RowSource, parse: (row: TraceRow) => ParsedRow, replay: ArrivalReplay): TraceWorkloadSource {
  const guard = new BadRowGuard(replay.skipBadRows);
  const buffer = new ReorderBuffer<Job>(replay.reorderWindow);
  let open = true;
  const close = (): void => {
    if (open) rows.close();
    open = false;
  };
  const orderMessage = (time: number): string =>
    `${replay.timeColumn.name} ${time} goes back (an earlier row has ${buffer.latest()}); rows must be sorted by ${replay.timeColumn.name}` +
    (replay.reorderWindow > 0 ? ` to within reorderWindow = ${replay.reorderWindow} s` : '') +
    ` — sort the file (sort -t, -k${replay.timeColumn.position},${replay.timeColumn.position}n -s) or set reorderWindow`;

  /** Reads one row into the buffer; false at the end of the input. */
  const readOne = (): boolean => {
    const row = rows.next();
    if (row === undefined) {
      close();
      return false;
    }
    let parsed: ParsedRow;
    try {
      parsed = guard.attempt(() => {
        const result = parse(row);
        if (result !== undefined && !buffer.accepts(result.time)) throw replay.fields.error(row, orderMessage(result.time));
        return result;
      });
    } catch (error) {
      close(); // the run stops here: release the file
      throw error;
    }
    if (parsed === undefined) return true;
    if (parsed.time >= replay.window.to + replay.reorderWindow) {
      // Every later acceptable row is at or after the window's end: nothing more to replay.
      close();
      return false;
    }
    if (inWindow(parsed.time, replay.window) && replay.keep(parsed.sampleKey)) buffer.offer(parsed.time, row.line, parsed.job());
    else buffer.note(parsed.time);
    return true;
  };

  return {
    next(): Arrival | undefined {
      while (open && !buffer.ready()) if (!readOne()) break;
      const traceTime = buffer.peekTime();
      const job = buffer.take();
      if (traceTime === undefined || job === undefined) return undefined;
      const time = simulationTime(traceTime, replay.window, replay.timeScale);
      if (time > replay.horizon) {
        close();
        return undefined;
      }
      return { time, frameworkId: replay.frameworkId, job };
    },
    skippedRows: () => guard.skipped(),
  };
}

/**
 * What both Alibaba batch formats say about one task, once its columns are read.
 *
 * @example
 * ```ts
 * const task: AlibabaTask = { start: 10, end: 70, running: false, instances: 2, cpu: 50, mem: 0.01, job: '3', task: '4' };
 * ```
 */
export interface AlibabaTask {
  /** Arrival (create or start time), seconds. */
  readonly start: number;
  /** Modify or end time, seconds; ignored for a Running task (no duration: it runs until the end). */
  readonly end: number;
  readonly running: boolean;
  readonly instances: number;
  /** Plan cpu and plan mem in the trace's own units. */
  readonly cpu: number;
  readonly mem: number;
  /** The Alibaba job (tasks of one job are sampled together) and the task's name in it. */
  readonly job: string;
  readonly task: string;
}

/**
 * The arrival of one Alibaba task: a job of `instances` identical tasks whose resources are the
 * plan cpu and mem × the units × `resourceScale`, lasting end − start × `durationScale`.
 *
 * @example
 * ```ts
 * alibabaTaskArrival({ start: 10, end: 70, running: false, instances: 2, cpu: 50, mem: 0.01, job: '3', task: '4' },
 *   { cpuUnit: 0.01, memUnit: 100_000, resourceScale: 1, durationScale: 1 }, 'w0')?.job();
 * // { jobId: 'w0-3.4', tasks: [2 × { resources: { cpus: 0.5, mem: 1000 }, durationSeconds: 60 }] }
 * ```
 */
export function alibabaTaskArrival(
  t: AlibabaTask,
  units: { readonly cpuUnit: number; readonly memUnit: number; readonly resourceScale: number; readonly durationScale: number },
  jobIdPrefix: string,
): ParsedRow {
  const resources = normalizeResources({ cpus: t.cpu * units.cpuUnit * units.resourceScale, mem: t.mem * units.memUnit * units.resourceScale });
  const template: TaskTemplate = t.running ? { resources } : { resources, durationSeconds: (t.end - t.start) * units.durationScale };
  return {
    time: t.start,
    sampleKey: t.job,
    job: (): Job => ({ jobId: `${jobIdPrefix}-${t.job}.${t.task}`, tasks: new Array<TaskTemplate>(t.instances).fill(template) }),
  };
}

