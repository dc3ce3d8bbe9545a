import { traceErrorAt, type Row } from './csvStream.ts';

/**
 * One job line of a Standard Workload Format log (SWF v2.2, Parallel Workloads Archive): 18
 * whitespace-separated numbers, −1 for unknown; lines starting with `;` are header comments.
 * @module
 */

/**
 * The fields of an SWF job that a replay uses; −1 ("unknown") becomes undefined. Times are seconds.
 *
 * @example
 * ```ts
 * const job: SwfJob = parseSwfJob({ line: 20, fields: '1 0 964980 97225 56 -1 -1 56 210000 -1 1 1 1 -1 -1 -1 -1 -1'.split(' ') }, 'kth.swf');
 * job.processors; // 56
 * ```
 */
export interface SwfJob {
  readonly line: number;
  /** Field 1, as written. */
  readonly jobNumber: string;
  /** Field 2: seconds since the log's start. */
  readonly submit: number | undefined;
  /** Field 4: wall-clock seconds. */
  readonly runTime: number | undefined;
  /** Field 5 (allocated processors), or field 8 (requested) when field 5 is unknown or 0. */
  readonly processors: number | undefined;
  /** Field 9: the user's runtime estimate / wall-clock limit. */
  readonly requestedTime: number | undefined;
  /** Field 10: KB per processor. */
  readonly requestedMemoryKB: number | undefined;
  /** Field 11: 1 completed, 0 failed, 5 cancelled, 2–4 partial executions. */
  readonly status: number | undefined;
}

/** Column names by 0-based index, for error messages. */
const NAMES = [
  'job number', 'submit time', 'wait time', 'run time', 'allocated processors', 'average CPU time', 'used memory',
  'requested processors', 'requested time', 'requested memory', 'status', 'user ID', 'group ID', 'executable number',
  'queue number', 'partition number', 'preceding job number', 'think time',
] as const;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses and checks one SWF job line: 18 fields, each a number (floats allowed), and any negative
 * value exactly −1 (unknown). Throws a TraceError naming `file:line` and the field otherwise.
 *
 * @example
 * ```ts
 * parseSwfJob({ line: 33, fields: '1435 3273240 -1 0 -1 -1 -1 -1 -1 -1 5 14 -1 184 -1 1 -1 -1'.split(' ') }, 'llnl.swf').processors; // undefined
 * parseSwfJob({ line: 34, fields: ['1', '0', 'x'] }, 'llnl.swf'); // throws "llnl.swf:34: expected 18 fields …"
 * ```
 */
export function parseSwfJob(row: Row, file: string): SwfJob {
  const { fields, line } = row;
  if (fields.length !== NAMES.length) {
    throw traceErrorAt(file, line, `expected 18 fields (SWF: job number, submit time, wait time, run time, …), got ${fields.length}`);
  }
  const values = fields.map((text, i) => {
    const value = Number(text);
    if (!NUMBER.test(text)) throw traceErrorAt(file, line, `${NAMES[i]} (field ${i + 1}) "${text}" is not a number`);
    if (value < 0 && value !== -1) throw traceErrorAt(file, line, `${NAMES[i]} (field ${i + 1}) is ${text}: negative values other than -1 (unknown) are not allowed`);
    return value === -1 ? undefined : value;
  });
  const processorCount = (index: number): number | undefined => {
    const value = values[index];
    if (value !== undefined && !Number.isInteger(value)) throw traceErrorAt(file, line, `${NAMES[index]} (field ${index + 1}) "${fields[index]}" is not a whole number`);
    return value === 0 ? undefined : value;
  };
  const allocated = processorCount(4);
  const requested = processorCount(7);
  return {
    line,
    jobNumber: fields[0] as string,
    submit: values[1],
    runTime: values[3],
    processors: allocated ?? requested,
    requestedTime: values[8],
    requestedMemoryKB: values[9],
    status: values[10],
  };
}
