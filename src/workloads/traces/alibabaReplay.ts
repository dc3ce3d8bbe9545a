import { z } from 'zod';
import { secondsToMicros, type Micros } from '../../core/kernel/time.ts';
import { durationField, strictObject } from '../../core/scenario/fields.ts';

/**
 * Options shared by the Alibaba trace readers: which part of the trace to replay (time window,
 * sampling), how fast, and how big. Trace times are seconds since the trace's start (0 or negative
 * = before it), as in both the 2017 and the 2018 traces.
 * @module
 */

const TRACE_TIME = 'a trace time: seconds since the trace start as a number (may be negative), or a duration string such as "6h"';

/**
 * A time in the trace, in seconds: a number (negative allowed: "before the trace") or a duration
 * string (`"6h"`), which is converted to seconds.
 *
 * @example
 * ```ts
 * traceTimeField.parse(-600); // -600
 * traceTimeField.parse('1h'); // 3600
 * ```
 */
export const traceTimeField: z.ZodType<number, unknown> = z.union([z.number(), z.string()], { error: `expected ${TRACE_TIME}` }).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else {
    const parsed = durationField.safeParse(value);
    if (parsed.success) return parsed.data / 1_000_000;
  }
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not ${TRACE_TIME}` });
  return z.NEVER;
});

/**
 * The part of the trace replayed: rows whose time t has `from ≤ t < to` (trace seconds). Its start
 * becomes the simulation's time 0.
 *
 * @example
 * ```ts
 * const window: TimeWindow = { from: 0, to: Number.POSITIVE_INFINITY }; // the default
 * ```
 */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * `{ "from"?, "to"? }` in trace time; defaults: from 0 (the trace start; rows before it — negative
 * times — are left out), to the end of the file.
 *
 * @example
 * ```ts
 * timeWindowField.parse({ to: '6h' }); // { from: 0, to: 21600 }
 * ```
 */
export const timeWindowField: z.ZodType<TimeWindow, unknown> = strictObject({ from: traceTimeField.optional(), to: traceTimeField.optional() })
  .transform((w) => ({ from: w.from ?? 0, to: w.to ?? Number.POSITIVE_INFINITY }))
  .refine((w) => w.from < w.to, { message: 'timeWindow.from must be before timeWindow.to' });

const positive = (what: string): z.ZodNumber =>
  z.number({ error: `${what} is a number > 0` }).positive(`${what} must be > 0`).finite(`${what} must be finite`);

/**
 * Option fields common to every Alibaba reader (spread them into a plugin's options).
 *
 * @example
 * ```ts
 * const options = strictObject({ ...replayFields });
 * options.parse({ file: 'batch_task.csv', timeScale: 0.5 }).timeWindow; // { from: 0, to: Infinity }
 * ```
 */
export const replayFields = {
  /** The trace file (CSV without header), relative to the scenario file's folder. */
  file: z.string().min(1, 'file names the trace file'),
  timeWindow: timeWindowField.default({ from: 0, to: Number.POSITIVE_INFINITY }),
  /** Simulated seconds per trace second between arrivals (0.5 = arrivals come twice as fast; durations unchanged). */
  timeScale: positive('timeScale').default(1),
  /** Factor applied to every task duration (independent of timeScale). */
  durationScale: positive('durationScale').default(1),
  /** Keep this fraction of the trace's jobs (whole jobs, chosen from the workload's random stream). */
  sampleFraction: z.number().gt(0, 'sampleFraction is in (0, 1]').max(1, 'sampleFraction is in (0, 1]').default(1),
  /** Factor applied to every task's resources after unit conversion. */
  resourceScale: positive('resourceScale').default(1),
  /** Skip (and count) malformed rows instead of failing; also on with the run's skipBadRows. */
  skipBadRows: z.boolean().default(false),
  /**
   * Trace seconds by which a row may come earlier than a previous one and still be replayed in time
   * order (rows are held back that long); default 0: rows must be sorted by time.
   */
  reorderWindow: z.number().nonnegative('reorderWindow is a number of seconds ≥ 0').finite().default(0),
} as const;

/**
 * The simulation time (µs) of a trace time: seconds after the window's start, times the time scale.
 *
 * @example
 * ```ts
 * simulationTime(7200, { from: 3600, to: Infinity }, 0.5); // 1_800_000_000 (30 min)
 * ```
 */
export function simulationTime(traceSeconds: number, window: TimeWindow, timeScale: number): Micros {
  return secondsToMicros((traceSeconds - window.from) * timeScale);
}

/**
 * Whether a trace time lies in the window (`from ≤ t < to`).
 *
 * @example
 * ```ts
 * inWindow(0, { from: 0, to: 3600 });    // true
 * inWindow(3600, { from: 0, to: 3600 }); // false
 * ```
 */
export function inWindow(traceSeconds: number, window: TimeWindow): boolean {
  return traceSeconds >= window.from && traceSeconds < window.to;
}
