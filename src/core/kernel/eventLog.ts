import { createHash, type Hash } from 'node:crypto';

/**
 * One line of the event log: a fact that happened at time `t` (integer µs).
 *
 * @example
 * ```ts
 * const record: LogRecord = { t: secondsToMicros(2), kind: 'agent-added' };
 * createEventLog().append(record);
 * ```
 */
export interface LogRecord {
  readonly t: number;
  readonly kind: string;
}

/**
 * The event log: every fact of a run, in order, as JSON lines. It is hashed as it grows
 * (SHA-256 of the exact JSONL bytes), so two runs can be compared by one string; the lines are
 * handed to a sink only when the caller asks for them (e.g. to write `events.jsonl`).
 *
 * @example
 * ```ts
 * const log = createEventLog();
 * log.append({ t: 0, kind: 'agent-added', agentId: 'm1' });
 * log.count; // 1
 * log.digest(); // 64 hex characters, the same for the same records
 * ```
 */
export interface EventLog {
  /** Number of records appended. */
  readonly count: number;
  /** Appends one record (serialized with JSON.stringify, keys in insertion order). */
  append(record: LogRecord): void;
  /** Hex SHA-256 of all lines so far, each followed by "\n". Further appends stay possible. */
  digest(): string;
}

/**
 * Options of {@link createEventLog}.
 *
 * @example
 * ```ts
 * const options: EventLogOptions = { sink: (chunk) => process.stdout.write(chunk) };
 * const log = createEventLog(options);
 * ```
 */
export interface EventLogOptions {
  /** Receives chunks of JSONL text, in order (each ends with a newline). */
  readonly sink?: (chunk: string) => void;
}

const CHUNK_CHARS = 1 << 16;

/**
 * Creates an empty event log.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const log = createEventLog({ sink: (chunk) => lines.push(chunk) });
 * ```
 */
export function createEventLog(options: EventLogOptions = {}): EventLog {
  return new HashedLog(options.sink, jsonText);
}

/**
 * Creates an empty event log whose lines `line` writes: it must give the same text as
 * `JSON.stringify` (the log's format), only faster for the records it knows.
 *
 * @example
 * ```ts
 * const log = createEventLogWriting((record) => JSON.stringify(record));
 * log.append({ t: 0, kind: 'run-started' });
 * ```
 */
export function createEventLogWriting<R extends LogRecord>(
  line: (record: R) => string,
  options: EventLogOptions = {},
): EventLog & { append(record: R): void } {
  return new HashedLog(options.sink, line as (record: LogRecord) => string);
}

function jsonText(record: LogRecord): string {
  return JSON.stringify(record);
}

class HashedLog implements EventLog {
  readonly #hash: Hash = createHash('sha256');
  readonly #sink: ((chunk: string) => void) | undefined;
  readonly #line: (record: LogRecord) => string;
  #buffer = '';
  #count = 0;

  constructor(sink: ((chunk: string) => void) | undefined, line: (record: LogRecord) => string) {
    this.#sink = sink;
    this.#line = line;
  }

  get count(): number {
    return this.#count;
  }

  append(record: LogRecord): void {
    this.#buffer += `${this.#line(record)}\n`;
    this.#count++;
    if (this.#buffer.length >= CHUNK_CHARS) this.#flush();
  }

  digest(): string {
    this.#flush();
    return this.#hash.copy().digest('hex');
  }

  #flush(): void {
    if (this.#buffer === '') return;
    this.#hash.update(this.#buffer, 'utf8');
    this.#sink?.(this.#buffer);
    this.#buffer = '';
  }
}
