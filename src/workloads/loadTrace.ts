import { parse } from 'csv-parse/sync';
import { secondsToMicros } from '../core/kernel/time.ts';
import { RELATIVE_PATHS } from './traceFiles.ts';
import { openRowStream } from './traces/csvStream.ts';

/**
 * A load trace: times (µs since its start) and one or more series of values ≥ 0.
 *
 * @example
 * ```ts
 * const trace: LoadTrace = readLoadTrace('traces/nasa-http-1995/hourly-requests.csv');
 * trace.series.get('requests')?.[14]; // requests in the 15th hour
 * ```
 */
export interface LoadTrace {
  readonly file: string;
  /** Row times in µs, not decreasing. */
  readonly times: Float64Array;
  /** Series by column name, one value per row. */
  readonly series: ReadonlyMap<string, Float64Array>;
}

/**
 * A problem in a trace file, located by file and line.
 *
 * @example
 * ```ts
 * try { parseLoadTrace('time,rps\n5,1\n2,1\n', 'a.csv'); } catch (e) {
 *   if (e instanceof TraceError) console.error(e.message); // "a.csv:3: time 2 goes back …"
 * }
 * ```
 */
export class TraceError extends Error {
  override readonly name = 'TraceError';
}

/**
 * Parses the project's load-trace CSV: a header whose first column is `time` (seconds since the
 * trace's start, not decreasing) and whose other columns are series of numbers ≥ 0.
 *
 * @example
 * ```ts
 * const trace = parseLoadTrace('time,rps\n0,10\n3600,25\n', 'inline.csv');
 * trace.series.get('rps'); // Float64Array [10, 25]
 * ```
 */
export function parseLoadTrace(text: string, file: string): LoadTrace {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new TraceError(`${file}: not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (header === undefined || header[0] !== 'time' || header.length < 2) {
    throw new TraceError(
      `${file}:1: the header must be "time" followed by at least one series name, e.g. "time,requests"`,
    );
  }
  const names = header.slice(1);
  const times = new Float64Array(body.length);
  const values = names.map(() => new Float64Array(body.length));
  body.forEach((row, i) => {
    const line = i + 2;
    const time = Number(row[0]);
    if (row[0] === '' || !Number.isFinite(time) || time < 0)
      throw new TraceError(`${file}:${line}: time "${row[0]}" is not a number of seconds ≥ 0`);
    if (i > 0 && secondsToMicros(time) < (times[i - 1] as number))
      throw new TraceError(`${file}:${line}: time ${time} goes back (the previous row is later)`);
    times[i] = secondsToMicros(time);
    names.forEach((name, c) => {
      const cell = row[c + 1] ?? '';
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value) || value < 0)
        throw new TraceError(`${file}:${line}: ${name} "${cell}" is not a number ≥ 0`);
      (values[c] as Float64Array)[i] = value;
    });
  });
  if (body.length === 0) throw new TraceError(`${file}: no rows after the header`);
  return { file, times, series: new Map(names.map((name, c) => [name, values[c] as Float64Array])) };
}

/**
 * Reads a load-trace file (see {@link parseLoadTrace}); a relative path is relative to the working directory (a scenario's
 * paths are resolved against its file's folder first).
 *
 * @example
 * ```ts
 * readLoadTrace('traces/nasa-http-1995/hourly-requests.csv').times.length; // 648
 * ```
 */
export function readLoadTrace(file: string): LoadTrace {
  // Streamed row by row; what stays in memory is 8 bytes per row and series (profiles need
  // random access by time).
  let stream;
  try {
    stream = openRowStream(file, { delimiter: ',' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TraceError(
      `${file}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : (error as Error).message}); ${RELATIVE_PATHS}`,
    );
  }
  try {
    const header = stream.next();
    if (header === undefined || header.fields[0] !== 'time' || header.fields.length < 2) {
      throw new TraceError(
        `${file}:1: the header must be "time" followed by at least one series name, e.g. "time,requests"`,
      );
    }
    const names = header.fields.slice(1);
    const times: number[] = [];
    const values: number[][] = names.map(() => []);
    for (let row = stream.next(); row !== undefined; row = stream.next()) {
      const { line, fields } = row;
      const time = Number(fields[0]);
      if (fields[0] === '' || !Number.isFinite(time) || time < 0)
        throw new TraceError(`${file}:${line}: time "${fields[0] ?? ''}" is not a number of seconds ≥ 0`);
      const micros = secondsToMicros(time);
      if (times.length > 0 && micros < (times[times.length - 1] as number))
        throw new TraceError(`${file}:${line}: time ${time} goes back (the previous row is later)`);
      times.push(micros);
      names.forEach((name, c) => {
        const cell = fields[c + 1] ?? '';
        const value = Number(cell);
        if (cell === '' || !Number.isFinite(value) || value < 0)
          throw new TraceError(`${file}:${line}: ${name} "${cell}" is not a number ≥ 0`);
        (values[c] as number[]).push(value);
      });
    }
    if (times.length === 0) throw new TraceError(`${file}: no rows after the header`);
    return {
      file,
      times: Float64Array.from(times),
      series: new Map(names.map((name, c) => [name, Float64Array.from(values[c] as number[])])),
    };
  } finally {
    stream.close();
  }
}

/**
 * The value of a series at a time: the value of the last row at or before it (each row holds until
 * the next). Before the first row, the first value; after the last, the last value — or, with
 * `repeat`, the trace starts over (its span being the last time plus one step).
 *
 * @example
 * ```ts
 * const trace = parseLoadTrace('time,rps\n0,10\n3600,25\n', 'inline.csv');
 * valueAt(trace, 'rps', 4000e6, true); // 10: the 2-hour trace repeats
 * ```
 */
export function valueAt(trace: LoadTrace, series: string, time: number, repeat: boolean): number {
  const values = trace.series.get(series);
  if (values === undefined) throw new TraceError(`${trace.file}: no series "${series}"`);
  const { times } = trace;
  const last = times.length - 1;
  let t = time;
  if (repeat && last >= 0) {
    const step = last > 0 ? (times[last] as number) - (times[last - 1] as number) : 1;
    const span = (times[last] as number) - (times[0] as number) + step;
    if (span > 0) t = (times[0] as number) + ((((t - (times[0] as number)) % span) + span) % span);
  }
  let low = 0;
  let high = last;
  if (t < (times[0] as number)) return values[0] as number;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((times[mid] as number) <= t) low = mid;
    else high = mid - 1;
  }
  return values[low] as number;
}
