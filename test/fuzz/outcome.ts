import { ScenarioError } from '../../src/core/scenario/issues.ts';
import { TraceError } from '../../src/workloads/loadTrace.ts';
import type { FuzzTarget } from './targets.ts';

/** What one input did: ran, was rejected with a located error, or escaped (a bug). */
export type Outcome =
  { readonly kind: 'ran' } | { readonly kind: 'rejected' } | { readonly kind: 'escape'; readonly why: string };

/** A run of one input longer than this counts as a hang. */
const HANG_MS = 20_000;

/**
 * Feeds one input to a target and classifies what happened. Rejections must be the library's
 * error types and name the place: a scenario error its JSON path (and file:line:column when the
 * text parsed), a trace error its file (and line for a row).
 */
export function outcomeOf(target: FuzzTarget, text: string): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    target.run(text);
    outcome = { kind: 'ran' };
  } catch (error) {
    outcome = classify(error, target.file);
  }
  const ms = performance.now() - started;
  if (ms > HANG_MS) return { kind: 'escape', why: `took ${Math.round(ms)} ms` };
  return outcome;
}

function classify(error: unknown, file: string): Outcome {
  if (error instanceof ScenarioError) {
    const ok = error.issues.length > 0 && error.message.split('\n').every((line) => line.includes('$'));
    return ok ? { kind: 'rejected' } : { kind: 'escape', why: `ScenarioError without a JSON path: ${error.message}` };
  }
  if (error instanceof TraceError) {
    return error.message.includes(file)
      ? { kind: 'rejected' }
      : { kind: 'escape', why: `TraceError not naming ${file}: ${error.message}` };
  }
  const e = error as Error;
  return { kind: 'escape', why: `${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 300)}` };
}
