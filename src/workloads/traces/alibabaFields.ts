import { TraceError } from '../loadTrace.ts';

/**
 * Typed access to the fields of one CSV row of an Alibaba trace, with errors that name the file,
 * the line, the column and what is accepted. The Alibaba files have no header, so columns are known
 * by position; the schema's names are used in messages.
 * @module
 */

/**
 * One CSV row: its 1-based line number in the file and its fields (strings, as written).
 *
 * @example
 * ```ts
 * const row: TraceRow = { line: 3, fields: ['6459', '6524', '3', '4', '15740', 'Terminated', '50', '0.0079'] };
 * ```
 */
export interface TraceRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * A source of rows, read one at a time (the shape of `openRowStream` in csvStream.ts).
 *
 * @example
 * ```ts
 * const rows: RowSource = openRowStream('test/fixtures/traces/alibaba-2017/server_event.csv', { delimiter: ',' });
 * rows.next(); // { line: 1, fields: ['0', '1148', 'add', '', '64', '0.6900059534594777', '1'] }
 * rows.close();
 * ```
 */
export interface RowSource {
  next(): TraceRow | undefined;
  close(): void;
}

/**
 * Reads the fields of rows of one file by position, throwing {@link TraceError} with `file:line`.
 *
 * @example
 * ```ts
 * const fields = new RowFields('batch_task.csv', ['create time', 'modify time', 'job id']);
 * fields.integer({ line: 7, fields: ['12', 'x', '3'] }, 0); // 12
 * fields.integer({ line: 7, fields: ['12', 'x', '3'] }, 1); // throws 'batch_task.csv:7: modify time (column 2) "x" is not a number'
 * ```
 */
export class RowFields {
  readonly #file: string;
  readonly #names: readonly string[];

  /** `names` are the schema's column names, in order (for messages and the column count). */
  constructor(file: string, names: readonly string[]) {
    this.#file = file;
    this.#names = names;
  }

  /** A TraceError at the row's line. */
  error(row: TraceRow, message: string): TraceError {
    return new TraceError(`${this.#file}:${row.line}: ${message}`);
  }

  /** Checks the number of columns (the Alibaba files never quote, so a wrong count means a broken row). */
  expectColumns(row: TraceRow): void {
    if (row.fields.length !== this.#names.length) {
      throw this.error(row, `expected ${this.#names.length} columns (${this.#names.join(', ')}), found ${row.fields.length}`);
    }
  }

  #label(index: number): string {
    return `${this.#names[index] ?? 'field'} (column ${index + 1})`;
  }

  /** The raw text of a column, trimmed ('' when empty). */
  raw(row: TraceRow, index: number): string {
    return (row.fields[index] ?? '').trim();
  }

  /** A non-empty string. */
  text(row: TraceRow, index: number): string {
    const value = this.raw(row, index);
    if (value === '') throw this.error(row, `${this.#label(index)} is empty; it is mandatory`);
    return value;
  }

  /** A finite number (decimal or scientific notation), optionally ≥ `min`. */
  number(row: TraceRow, index: number, min?: number): number {
    const text = this.raw(row, index);
    if (text === '') throw this.error(row, `${this.#label(index)} is empty; it is mandatory here`);
    const value = Number(text);
    if (!Number.isFinite(value)) throw this.error(row, `${this.#label(index)} "${text}" is not a number`);
    if (min !== undefined && value < min) throw this.error(row, `${this.#label(index)} ${text} is below ${min}`);
    return value;
  }

  /** A whole number, optionally ≥ `min` and ≤ `max`. */
  integer(row: TraceRow, index: number, min?: number, max?: number): number {
    const text = this.raw(row, index);
    const value = this.number(row, index);
    if (!Number.isSafeInteger(value)) throw this.error(row, `${this.#label(index)} "${text}" is not a whole number`);
    if (min !== undefined && value < min) throw this.error(row, `${this.#label(index)} ${text} is below ${min}`);
    if (max !== undefined && value > max) throw this.error(row, `${this.#label(index)} ${text} is above ${max}`);
    return value;
  }
}

/**
 * Runs the parsing of one row: a {@link TraceError} propagates, or, when bad rows are skipped, is
 * counted and the row dropped. Other errors always propagate (they are bugs, not bad data).
 *
 * @example
 * ```ts
 * const guard = new BadRowGuard(true);
 * guard.attempt(() => { throw new TraceError('a.csv:2: bad'); }); // undefined
 * guard.skipped(); // 1
 * ```
 */
export class BadRowGuard {
  readonly #skip: boolean;
  #skipped = 0;

  constructor(skip: boolean) {
    this.#skip = skip;
  }

  /** The parsed value, or undefined when the row was bad and skipped. */
  attempt<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!this.#skip || !(error instanceof TraceError)) throw error;
      this.#skipped++;
      return undefined;
    }
  }

  /** Bad rows skipped so far. */
  skipped(): number {
    return this.#skipped;
  }
}
