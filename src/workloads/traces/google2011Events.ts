import { traceErrorAt, type Row } from './csvStream.ts';

/**
 * One row of the Google cluster-data 2011 (v2.1) `task_events` table, parsed and checked:
 * 13 comma-separated columns, no header, empty = missing.
 * @module
 */

/**
 * The 2011 task event codes (they differ from the 2019 trace's).
 *
 * @example
 * ```ts
 * GOOGLE_2011_EVENT.SCHEDULE; // 1
 * ```
 */
export const GOOGLE_2011_EVENT = {
  SUBMIT: 0,
  SCHEDULE: 1,
  EVICT: 2,
  FAIL: 3,
  FINISH: 4,
  KILL: 5,
  LOST: 6,
  UPDATE_PENDING: 7,
  UPDATE_RUNNING: 8,
} as const;

/**
 * Trace time of the start of the 2011 trace window (600 s, in µs): rows at time 0 happened before
 * the trace started.
 *
 * @example
 * ```ts
 * GOOGLE_2011_WINDOW_START; // 600_000_000
 * ```
 */
export const GOOGLE_2011_WINDOW_START = 600_000_000;

/**
 * A parsed `task_events` row. Requests are normalized (1.0 = the largest machine), undefined when
 * the field is empty; `time` is Infinity for the trace's "after the end" marker 2^63 − 1.
 *
 * @example
 * ```ts
 * const event: TaskEvent = parseTaskEvent({ line: 3, fields: '0,,3418314,0,3938719206,0,70s3v5q=,3,9,0.125,0.07446,0.0004244,0'.split(',') }, 'part-0.csv');
 * event.cpu; // 0.125
 * ```
 */
export interface TaskEvent {
  readonly line: number;
  /** Trace time in µs (Infinity = after the end of the trace). */
  readonly time: number;
  readonly jobId: string;
  readonly taskIndex: string;
  /** One of {@link GOOGLE_2011_EVENT}. */
  readonly type: number;
  readonly priority: number;
  readonly cpu: number | undefined;
  readonly mem: number | undefined;
  readonly disk: number | undefined;
}

const COLUMNS = 13;
const AFTER_THE_END = '9223372036854775807';
const INTEGER = /^\d+$/;
const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses and checks one `task_events` row; throws a TraceError naming `file:line` and the column
 * for a missing column, a missing mandatory field (time, job ID, task index, event type,
 * priority), a non-numeric or negative value, or an unknown event type.
 *
 * @example
 * ```ts
 * const row = { line: 1, fields: '0,2,3418309,0,4155527081,0,70s3v5q=,3,9,,,,'.split(',') };
 * parseTaskEvent(row, 'part-0.csv'); // { line: 1, time: 0, jobId: '3418309', taskIndex: '0', type: 0, priority: 9, cpu: undefined, … }
 * parseTaskEvent({ line: 2, fields: ['0', '', 'x'] }, 'part-0.csv'); // throws "part-0.csv:2: expected 13 columns …"
 * ```
 */
export function parseTaskEvent(row: Row, file: string): TaskEvent {
  const { fields, line } = row;
  const fail = (message: string): never => {
    throw traceErrorAt(file, line, message);
  };
  if (fields.length !== COLUMNS) fail(`expected 13 columns (Google 2011 task_events), got ${fields.length}`);
  const field = (index: number): string => (fields[index] as string).trim();
  const integer = (index: number, name: string): string => {
    const text = field(index);
    if (text === '') fail(`${name} (column ${index + 1}) is missing`);
    if (!INTEGER.test(text)) fail(`${name} (column ${index + 1}) "${text}" is not an integer ≥ 0`);
    return text;
  };
  const request = (index: number, name: string): number | undefined => {
    const text = field(index);
    if (text === '') return undefined;
    if (!DECIMAL.test(text)) fail(`${name} (column ${index + 1}) "${text}" is not a number ≥ 0`);
    return Number(text);
  };
  const timeText = integer(0, 'time');
  const time = timeText === AFTER_THE_END ? Infinity : Number(timeText);
  if (!Number.isSafeInteger(time) && time !== Infinity) fail(`time "${timeText}" is too large (only 2^63 − 1, "after the end", may exceed 2^53)`);
  const jobId = integer(2, 'job ID');
  const taskIndex = integer(3, 'task index');
  const type = Number(integer(5, 'event type'));
  if (type > GOOGLE_2011_EVENT.UPDATE_RUNNING) fail(`event type ${type} is unknown; 2011 codes are 0 SUBMIT … 8 UPDATE_RUNNING`);
  const priority = Number(integer(8, 'priority'));
  return {
    line,
    time,
    jobId,
    taskIndex,
    type,
    priority,
    cpu: request(9, 'CPU request'),
    mem: request(10, 'memory request'),
    disk: request(11, 'disk request'),
  };
}
