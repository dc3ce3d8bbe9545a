import fc from 'fast-check';
import { outcomeOf } from './outcome.ts';
import { fuzzTargets } from './targets.ts';

/** What a fuzz run found. */
export interface FuzzSummary {
  readonly inputs: number;
  readonly ran: number;
  readonly rejected: number;
  /** Per target, the inputs that escaped (first few kept, with why). */
  readonly escapes: readonly { readonly target: string; readonly why: string; readonly input: string }[];
  readonly perTarget: ReadonlyMap<string, number>;
}

/** Feeds `perTarget` generated inputs to every target (seeded: the same inputs every time). */
export function fuzz(perTarget: number, seed: number, onTarget?: (name: string) => void): FuzzSummary {
  let ran = 0;
  let rejected = 0;
  const escapes: { target: string; why: string; input: string }[] = [];
  const counts = new Map<string, number>();
  fuzzTargets().forEach((target, i) => {
    onTarget?.(target.name);
    const inputs = fc.sample(target.inputs, { numRuns: perTarget, seed: seed + i });
    for (const input of inputs) {
      const outcome = outcomeOf(target, input);
      if (outcome.kind === 'ran') ran++;
      else if (outcome.kind === 'rejected') rejected++;
      else escapes.push({ target: target.name, why: outcome.why, input: input.slice(0, 2000) });
    }
    counts.set(target.name, inputs.length);
  });
  return { inputs: ran + rejected + escapes.length, ran, rejected, escapes, perTarget: counts };
}
