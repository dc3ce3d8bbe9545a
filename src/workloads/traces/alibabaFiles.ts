import { BadRowGuard, type RowSource, type TraceRow } from './alibabaFields.ts';
import { openRowStream } from './csvStream.ts';

/**
 * Opens an Alibaba trace file (comma-separated, no header, no quoting) as a stream of rows.
 *
 * @example
 * ```ts
 * const rows = openAlibabaRows('traces/alibaba-2017-excerpt/server_event.csv');
 * rows.next()?.fields[2]; // 'add'
 * rows.close();
 * ```
 */
export function openAlibabaRows(file: string): RowSource {
  return openRowStream(file, { delimiter: ',', quote: false }); // the Alibaba files never quote
}

/**
 * Visits every row of a file in order, one at a time; a malformed row (a TraceError thrown by
 * `visit`) fails the read, or with `skipBadRows` is skipped and counted. Returns the count.
 *
 * @example
 * ```ts
 * let adds = 0;
 * const skipped = forEachRow(openAlibabaRows(file), true, (row) => { if (row.fields[2] === 'add') adds++; });
 * ```
 */
export function forEachRow(rows: RowSource, skipBadRows: boolean, visit: (row: TraceRow) => void): number {
  const guard = new BadRowGuard(skipBadRows);
  try {
    for (let row = rows.next(); row !== undefined; row = rows.next()) {
      const current = row;
      guard.attempt(() => visit(current));
    }
  } finally {
    rows.close();
  }
  return guard.skipped();
}
