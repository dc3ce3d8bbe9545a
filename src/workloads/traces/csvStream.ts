import { closeSync, openSync, readSync } from 'node:fs';
import { Parser } from 'csv-parse';
import { TraceError } from '../loadTrace.ts';
import { RELATIVE_PATHS } from '../traceFiles.ts';

/**
 * A synchronous, chunked reader of delimited trace files (CSV, TSV, whitespace-separated such as
 * SWF), for trace readers behind the pull-based `WorkloadSource.next()`: the file is read in
 * chunks with `readSync` and fed to csv-parse's `Parser`, so memory holds one chunk's rows, not the
 * file. Line numbers are 1-based and count every line of the file (comments, headers, blank lines).
 * @module
 */

/**
 * One row of a trace file: its line number (1-based) and its fields as text.
 *
 * @example
 * ```ts
 * const row: Row = { line: 3, fields: ['0', '', '3418309', '0'] };
 * ```
 */
export interface Row {
  /** Line of the file the row ends on (1-based, counting comment and blank lines). */
  readonly line: number;
  /** The fields as written (empty strings for empty fields); a fresh array the caller may keep. */
  readonly fields: string[];
}

/**
 * How to split a trace file into rows and fields.
 *
 * @example
 * ```ts
 * const csv: RowStreamOptions = { delimiter: ',', quote: false };
 * const swf: RowStreamOptions = { delimiter: 'whitespace', skipComments: (line) => line.startsWith(';') };
 * ```
 */
export interface RowStreamOptions {
  /**
   * The field separator: one character (`,` by default, `\t`, `;`, …), or `'whitespace'` for runs
   * of spaces and tabs with leading and trailing ones ignored (SWF). Blank lines are skipped.
   */
  readonly delimiter?: string;
  /**
   * Lines for which this returns true are skipped (comments, header lines); it sees the line's
   * text without its line break. They still count in line numbers.
   */
  readonly skipComments?: (line: string) => boolean;
  /** Honour `"` quoting (default: true, except with `'whitespace'`). */
  readonly quote?: boolean;
  /** Bytes read per chunk (default 64 KiB). */
  readonly chunkBytes?: number;
}

/**
 * A pull-based stream of rows; the file is closed at its end, on an error, or by `close()`.
 *
 * @example
 * ```ts
 * const rows: RowStream = openRowStream('test/fixtures/traces/swf/KTH-SP2-1996-2.1-cln.head300.swf',
 *   { delimiter: 'whitespace', skipComments: (line) => line.startsWith(';') });
 * rows.next(); // { line: 20, fields: ['1', '0', '964980', '97225', '56', …] }
 * rows.close();
 * ```
 */
export interface RowStream {
  readonly file: string;
  /** The next row, or undefined at the end of the file. Throws TraceError for unreadable CSV (again on later calls). */
  next(): Row | undefined;
  /** Releases the file; further `next()` calls return undefined. Safe to call twice. */
  close(): void;
}

/**
 * A TraceError located at a line of a file: `file:line: message`.
 *
 * @example
 * ```ts
 * traceErrorAt('jobs.swf', 42, 'run time "-5" is negative').message; // "jobs.swf:42: run time \"-5\" is negative"
 * ```
 */
export function traceErrorAt(file: string, line: number, message: string): TraceError {
  return new TraceError(`${file}:${line}: ${message}`);
}

interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

/** The text of a line as csv-parse's `raw` gives it: drop line breaks around it. */
function lineText(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
}

function splitWhitespace(line: string): string[] {
  const text = line.trim();
  return text === '' ? [] : text.split(/[ \t]+/);
}

/**
 * Opens a delimited trace file for reading row by row (see {@link RowStreamOptions}). Rows come
 * with as many fields as the line has: checking counts and values is the trace reader's job (with
 * `traceErrorAt`), so that it can skip or report a bad row.
 *
 * @example
 * ```ts
 * const rows = openRowStream('test/fixtures/traces/google-2011/task_events_part-00000-of-00500.head2000.csv', { quote: false });
 * for (let row = rows.next(); row !== undefined; row = rows.next()) {
 *   if (row.fields.length !== 13) throw traceErrorAt(rows.file, row.line, `expected 13 fields, got ${row.fields.length}`);
 * }
 * ```
 */
export function openRowStream(file: string, options: RowStreamOptions = {}): RowStream {
  const whitespace = options.delimiter === 'whitespace';
  const delimiter = options.delimiter ?? ',';
  if (!whitespace && delimiter.length !== 1) throw new RangeError(`a delimiter is one character or 'whitespace', got ${JSON.stringify(delimiter)}`);
  const chunkBytes = options.chunkBytes ?? 65_536;
  const skipComments = options.skipComments;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TraceError(`${file}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : (error as Error).message}); ${RELATIVE_PATHS}`);
  }
  // Whitespace-separated lines are split here, not by csv-parse (which would make one empty field
  // per extra space): it gets a delimiter that never occurs and returns each line as one field.
  const parser = new Parser({
    delimiter: whitespace ? '\u0000' : delimiter,
    record_delimiter: ['\r\n', '\n'],
    quote: (options.quote ?? !whitespace) ? '"' : false,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    raw: skipComments !== undefined && !whitespace,
  });
  // Errors are read synchronously from `parser.errored`; the listener only keeps the stream's own
  // (asynchronous) 'error' event from becoming an uncaught exception.
  parser.on('error', () => undefined);
  let ended = false;

  const close = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const fail = (): never => {
    close();
    ended = true;
    const error = parser.errored as (Error & { lines?: number }) | null;
    const where = error?.lines === undefined ? file : `${file}:${error.lines}`;
    throw new TraceError(`${where}: not valid ${whitespace ? 'text' : 'CSV'}: ${error?.message ?? 'unknown error'}`);
  };
  /** Feeds the parser one more chunk (or the end of the file); false when nothing is left. */
  const feed = (): boolean => {
    if (fd === undefined) return false;
    const buffer = Buffer.allocUnsafe(chunkBytes); // fresh: the parser may keep a view of its tail
    const count = readSync(fd, buffer, 0, chunkBytes, null);
    if (count === 0) {
      close();
      parser.end();
    } else parser.write(count < chunkBytes ? buffer.subarray(0, count) : buffer);
    return true;
  };

  return {
    file,
    next(): Row | undefined {
      while (!ended) {
        const parsed = parser.read() as ParsedRecord | null;
        if (parsed !== null) {
          if (skipComments !== undefined && skipComments(whitespace ? parsed.record.join('\u0000') : lineText(parsed.raw))) continue;
          const fields = whitespace ? splitWhitespace(parsed.record.join('\u0000')) : parsed.record;
          if (fields.length === 0) continue; // a line of only spaces
          return { line: parsed.info.lines, fields };
        }
        if (parser.errored !== null) fail();
        if (!feed()) ended = true;
      }
      if (parser.errored !== null) fail();
      return undefined;
    },
    close(): void {
      close();
      ended = true;
    },
  };
}
