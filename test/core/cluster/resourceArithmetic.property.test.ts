import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addResources,
  minResources,
  normalizeResources,
  scaleResources,
  subtractClamped,
  subtractResources,
  sumResources,
  type Resources,
} from '../../../src/core/cluster/resources.ts';

/**
 * A naive model of the arithmetic: spread the operands into one object, combine dimension by
 * dimension, then round every entry and drop zeros, in the object's key order. The event log
 * serializes results with JSON.stringify, so the results must match the model byte for byte: the
 * same values and the same key order.
 */
const round = (v: number): number => Math.round(v * 1000) / 1000;
function modelBuild(raw: Record<string, number>): Resources {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) if (round(value) !== 0) out[name] = round(value);
  return out;
}
const model = {
  add(a: Resources, b: Resources): Resources {
    const out: Record<string, number> = { ...a };
    for (const name of Object.keys(b)) out[name] = (out[name] ?? 0) + (b[name] ?? 0);
    return modelBuild(out);
  },
  subtract(a: Resources, b: Resources): Resources {
    const out: Record<string, number> = { ...a };
    for (const name of Object.keys(b)) {
      const value = round((out[name] ?? 0) - (b[name] ?? 0));
      if (value < 0) throw new RangeError(name);
      out[name] = value;
    }
    return modelBuild(out);
  },
  clamped(a: Resources, b: Resources): Resources {
    const out: Record<string, number> = {};
    for (const name of Object.keys(a)) out[name] = Math.max(0, (a[name] ?? 0) - (b[name] ?? 0));
    return modelBuild(out);
  },
  min(a: Resources, b: Resources): Resources {
    const out: Record<string, number> = {};
    for (const name of Object.keys(a)) out[name] = Math.min(a[name] ?? 0, b[name] ?? 0);
    return modelBuild(out);
  },
};

const NAMES = ['cpus', 'mem', 'disk', 'gpus', 'net', '0', '12'];
/** Amounts: whole, fixed point (three decimals), unrounded, and zero. */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 70_000 }),
  fc.integer({ min: 0, max: 9_000_000 }).map((k) => k / 1000),
  fc.double({ min: 0, max: 5000, noNaN: true }),
  fc.constant(0),
);
/** A vector with a random subset of the names in a random insertion order. */
const vector = fc
  .shuffledSubarray(NAMES)
  .chain((names) => fc.tuple(...names.map((n) => amount.map((v): [string, number] => [n, v]))))
  .map((entries) => Object.fromEntries(entries) as Resources);

const bytes = (r: Resources): string => JSON.stringify(r);
const outcome = (f: () => Resources): string => {
  try {
    return bytes(f());
  } catch (error) {
    return `throws on ${String((error as Error).message.match(/: (\S+) would be/)?.[1] ?? (error as Error).message)}`;
  }
};

describe('resource arithmetic matches the spread-then-round model byte for byte', () => {
  it('addResources, subtractClamped and minResources', () => {
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        expect(bytes(addResources(a, b))).toBe(bytes(model.add(a, b)));
        expect(bytes(subtractClamped(a, b))).toBe(bytes(model.clamped(a, b)));
        expect(bytes(minResources(a, b))).toBe(bytes(model.min(a, b)));
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('subtractResources, including which dimension it throws on', () => {
    // b unrelated to a (often too large), equal to a, or a part of a (a = c + b: the common case).
    const pair = fc.oneof(
      fc.tuple(vector, vector),
      vector.map((a) => [a, modelBuild({ ...a })] as const),
      fc.tuple(vector, vector).map(([c, b]) => [model.add(c, b), b] as const),
    );
    let threw = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const expected = outcome(() => model.subtract(a, b));
        if (expected.startsWith('throws')) threw++;
        expect(outcome(() => subtractResources(a, b))).toBe(expected);
      }),
      { seed: 1203, numRuns: 2000 },
    );
    expect(threw).toBeGreaterThan(0);
  });

  it('normalizeResources, scaleResources and sumResources', () => {
    fc.assert(
      fc.property(fc.array(vector, { minLength: 0, maxLength: 4 }), fc.nat(5), (vectors, factor) => {
        const first = vectors[0] ?? {};
        expect(bytes(normalizeResources(first))).toBe(bytes(modelBuild({ ...first })));
        const scaled: Record<string, number> = {};
        for (const name of Object.keys(first)) scaled[name] = (first[name] ?? 0) * factor;
        expect(bytes(scaleResources(first, factor))).toBe(bytes(modelBuild(scaled)));
        const sum: Record<string, number> = {};
        for (const r of vectors) for (const name of Object.keys(r)) sum[name] = (sum[name] ?? 0) + (r[name] ?? 0);
        expect(bytes(sumResources(vectors))).toBe(bytes(modelBuild(sum)));
      }),
      { seed: 312, numRuns: 1000 },
    );
  });
});
