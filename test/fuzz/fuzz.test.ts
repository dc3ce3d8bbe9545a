import { describe, expect, it } from 'vitest';
import { fuzz } from './fuzzRun.ts';
import { fuzzTargets } from './targets.ts';

/** Inputs per parser in the quick suite (`npm run fuzz` runs 420 per parser, over 10,000 in all). */
const PER_TARGET = 40;

describe('fuzzed scenario files and trace readers', () => {
  it('every input runs or is rejected with an error naming its place; none escapes', () => {
    const targets = fuzzTargets().length;
    const summary = fuzz(PER_TARGET, 20_261_203);
    expect(summary.escapes).toEqual([]);
    expect(summary.inputs).toBe(PER_TARGET * targets);
    expect(summary.inputs).toBeGreaterThanOrEqual(1_000);
    // Both outcomes happen: the mutations reach past validation, and they do break things.
    expect(summary.ran).toBeGreaterThan(summary.inputs / 10);
    expect(summary.rejected).toBeGreaterThan(summary.inputs / 10);
  }, 240_000);
});
