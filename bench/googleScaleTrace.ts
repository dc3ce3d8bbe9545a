import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { GOOGLE_2011_WINDOW_START } from '../src/workloads/traces/google2011Events.ts';
import { writeGoogleTrace } from './googleTraceGenerator.ts';

/**
 * The Google-scale bench's trace: a month of generated `task_events` rows in the Google 2011
 * format, written once to a file and reused while it is there. A file counts as there only with
 * the note written beside it when the generator finished, naming the same shape and seed, so a
 * half-written file is never replayed.
 * @module
 */

/** What the trace holds. */
export interface GoogleScaleTraceSpec {
  readonly file: string;
  /** Trace length in simulated days (from the trace window's start). */
  readonly days: number;
  /** Mean time between job arrivals, µs (jobs have 1–50 tasks, 25.5 on average). */
  readonly meanJobIntervalMicros: number;
  readonly seed: number;
}

/** What the generator wrote (kept in the note beside the file). */
export interface GoogleScaleTrace {
  readonly spec: GoogleScaleTraceSpec;
  readonly rows: number;
  readonly bytes: number;
  /** Tasks submitted in the file (one SUBMIT row each). */
  readonly tasks: number;
  /** Wall seconds the generator took, when this call wrote the file; 0 when the file was reused. */
  readonly generatedSeconds: number;
}

const MICROS_PER_DAY = 86_400_000_000;

/**
 * Returns the trace of `spec`, generating it first (streaming, to a temporary name, then renamed)
 * unless a finished one with the same shape is already there.
 *
 * @example
 * ```ts
 * const trace = ensureGoogleScaleTrace({ file: '/tmp/g.csv', days: 1, meanJobIntervalMicros: 2_500_000, seed: 1 });
 * trace.tasks; // about 880,000
 * ```
 */
export function ensureGoogleScaleTrace(spec: GoogleScaleTraceSpec): GoogleScaleTrace {
  const note = `${spec.file}.json`;
  if (existsSync(spec.file) && existsSync(note)) {
    const kept = JSON.parse(readFileSync(note, 'utf8')) as GoogleScaleTrace;
    if (JSON.stringify(kept.spec) === JSON.stringify(spec)) return { ...kept, generatedSeconds: 0 };
  }
  const start = performance.now();
  const partial = `${spec.file}.${process.pid}.partial`;
  const written = writeGoogleTrace(partial, Infinity, spec.seed, {
    untilMicros: GOOGLE_2011_WINDOW_START + spec.days * MICROS_PER_DAY,
    meanJobIntervalMicros: spec.meanJobIntervalMicros,
  });
  renameSync(partial, spec.file);
  const trace: GoogleScaleTrace = {
    spec,
    rows: written.rows,
    bytes: written.bytes,
    tasks: written.tasks,
    generatedSeconds: (performance.now() - start) / 1000,
  };
  writeFileSync(note, JSON.stringify(trace));
  return trace;
}
