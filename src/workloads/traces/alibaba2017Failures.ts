import type { RowSource } from './alibabaFields.ts';
import { forEachRow, openAlibabaRows } from './alibabaFiles.ts';
import { inWindow } from './alibabaReplay.ts';
import { serverEventReader } from './alibaba2017Machines.ts';

/**
 * A failure entry in scenario-file form (times in seconds, as a scenario's `failures` takes them;
 * the parsed `FailureSpec` holds the same in µs).
 *
 * @example
 * ```ts
 * const entry: TraceFailure = { kind: 'machine-crash', at: 1351, machine: 'alibaba-2-328', recoverAfter: 600 };
 * ```
 */
export type TraceFailure =
  | { readonly kind: 'machine-crash'; readonly at: number; readonly machine: string; readonly recoverAfter?: number }
  | { readonly kind: 'machine-reboot'; readonly at: number; readonly machine: string; readonly duration: number }
  | { readonly kind: 'drain'; readonly at: number; readonly machine: string; readonly duration?: number };

/**
 * Options of {@link alibaba2017Failures}.
 *
 * @example
 * ```ts
 * const options: Alibaba2017FailureOptions = { as: 'drain', downFor: 1800, timeWindow: { to: 43_200 } };
 * ```
 */
export interface Alibaba2017FailureOptions {
  /** Event types replayed; default all three: softerror, harderror, remove. */
  readonly events?: readonly ('softerror' | 'harderror' | 'remove')[];
  /** What an error becomes: default `machine-crash` (tasks die); `machine-reboot`; `drain` (tasks killed, no offers). */
  readonly as?: 'machine-crash' | 'machine-reboot' | 'drain';
  /**
   * Simulated seconds a machine stays down after a softerror or harderror (the trace gives no repair
   * time): default 600; `'never'` keeps it down. A `remove` is always for good.
   */
  readonly downFor?: number | 'never';
  /** The same window and scale as the workload's, so failures line up with its arrivals (trace seconds). */
  readonly timeWindow?: { readonly from?: number; readonly to?: number };
  readonly timeScale?: number;
  /** Skip (and count) malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
}

/**
 * Failures read from a trace, and the rows left out.
 *
 * @example
 * ```ts
 * const { failures, unmappedRows } = alibaba2017Failures(file, pool.machineIdOf);
 * ```
 */
export interface TraceFailures {
  readonly failures: readonly TraceFailure[];
  /** Malformed rows skipped (with skipBadRows). */
  readonly skippedRows: number;
  /** Error rows of machines `machineIdOf` does not know (e.g. not in the pool): left out. */
  readonly unmappedRows: number;
}

/**
 * Replays the error rows of Alibaba 2017 `server_event.csv` (`softerror`, `harderror`, `remove`) as
 * scenario failure entries, in file order, on the machine `machineIdOf(trace machine id)` names —
 * with a pool from {@link alibaba2017Machines}, pass `pool.machineIdOf`. The trace says that after
 * an error "new services and jobs should not be placed on the machine, but existing ones may still
 * function normally" and gives no recovery time; no failure kind of the simulator keeps tasks
 * running while refusing new ones, so the default is a crash that recovers after `downFor`
 * (600 s). A machine failing again while down is ignored by the simulator. `at` is
 * `(timestamp − timeWindow.from) × timeScale`; rows outside the window are left out.
 *
 * @example
 * ```ts
 * const pool = alibaba2017Machines('traces/alibaba-2017-excerpt/server_event.csv');
 * const { failures } = alibaba2017Failures('traces/alibaba-2017-excerpt/server_event.csv', pool.machineIdOf);
 * failures[0]; // { kind: 'machine-crash', at: 1351, machine: 'alibaba-2-328', recoverAfter: 600 } (trace machine 1075)
 * ```
 */
export function alibaba2017Failures(
  file: string,
  machineIdOf: (traceId: string) => string | undefined,
  options: Alibaba2017FailureOptions = {},
  rows: RowSource = openAlibabaRows(file),
): TraceFailures {
  const events = new Set<string>(options.events ?? ['softerror', 'harderror', 'remove']);
  const as = options.as ?? 'machine-crash';
  const downFor = options.downFor ?? 600;
  const window = { from: options.timeWindow?.from ?? 0, to: options.timeWindow?.to ?? Number.POSITIVE_INFINITY };
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  if (downFor !== 'never' && !(downFor > 0)) throw new RangeError(`downFor must be > 0 seconds or 'never', got ${downFor}`);
  const read = serverEventReader(file);
  const failures: TraceFailure[] = [];
  let unmapped = 0;
  const skipped = forEachRow(rows, options.skipBadRows ?? false, (row) => {
    const event = read(row);
    if (!events.has(event.type) || !inWindow(event.time, window)) return;
    const machine = machineIdOf(event.machine);
    if (machine === undefined) {
      unmapped++;
      return;
    }
    const at = (event.time - window.from) * timeScale;
    const back = event.type === 'remove' || downFor === 'never' ? undefined : downFor;
    if (as === 'drain') failures.push(back === undefined ? { kind: 'drain', at, machine } : { kind: 'drain', at, machine, duration: back });
    else if (as === 'machine-reboot' && back !== undefined) failures.push({ kind: 'machine-reboot', at, machine, duration: back });
    else failures.push(back === undefined ? { kind: 'machine-crash', at, machine } : { kind: 'machine-crash', at, machine, recoverAfter: back });
  });
  return { failures, skippedRows: skipped, unmappedRows: unmapped };
}
