import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SimRecord } from '../../../src/core/simulation/records.ts';
import { recordLine } from '../../../src/core/simulation/recordLine.ts';

/**
 * The event log's bytes are those of JSON.stringify: the hand-written lines of the offer records
 * are compared with it for every kind of value their fields can hold, including strings JSON must
 * escape (quotes, backslashes, control characters, lone surrogate halves), numbers it writes
 * specially (-0, NaN, ±Infinity, exponents), resource names that look like array indices (which
 * JSON writes first) and values that are not what the record's type says (left to JSON.stringify).
 */
const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', 'é', '😀', 'a'),
  }),
  fc.constantFrom('', '__proto__', 'toJSON', '0', '1', '10', '-1', '4294967295', 'constructor'),
);
const oddNumbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, NaN, Infinity, -Infinity, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
);
class Point {
  constructor(readonly x: number) {}
}
/** Anything at all, for fields holding what their type does not allow. */
const anything = fc.oneof(
  oddStrings,
  oddNumbers,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new Date(0)),
  fc.constant(new Point(1)),
  fc.constant(new Number(3)),
  fc.constant(new String('ab')),
  fc.constant(Object.defineProperty({ cpus: 1 }, 'toJSON', { value: (key: string) => `hidden ${key}` })),
  fc.constant(Object.assign(Object.create({ inherited: 1 }) as object, { cpus: 2 })),
  fc.array(oddNumbers, { maxLength: 3 }),
  fc.dictionary(oddStrings, fc.oneof(oddNumbers, oddStrings, fc.constant(undefined)), { maxKeys: 3 }),
);
/** Mostly what the type says, sometimes anything. */
const mostly = <T>(typed: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: typed, weight: 9 }, { arbitrary: anything, weight: 1 });
const vectors = fc.oneof(
  { arbitrary: fc.dictionary(oddStrings, oddNumbers, { maxKeys: 6 }), weight: 6 },
  { arbitrary: fc.dictionary(oddStrings, oddNumbers, { maxKeys: 6, noNullPrototype: true }), weight: 2 },
  {
    arbitrary: fc.dictionary(
      oddStrings,
      fc.oneof(oddNumbers, oddStrings, fc.boolean(), fc.constant(null), fc.constant(undefined)),
      {
        maxKeys: 4,
      },
    ),
    weight: 2,
  },
  { arbitrary: anything, weight: 1 },
);

/** Built in the key order the master builds them in (the order records.ts declares). */
const offerMade = fc
  .record({
    t: mostly(fc.nat()),
    offerId: mostly(oddStrings),
    frameworkId: mostly(oddStrings),
    role: mostly(oddStrings),
    agentId: mostly(oddStrings),
    resources: vectors,
    revocable: fc.option(fc.constant(true), { nil: undefined }),
  })
  .map(({ t, offerId, frameworkId, role, agentId, resources, revocable }) => ({
    t,
    kind: 'offer-made',
    offerId,
    frameworkId,
    role,
    agentId,
    resources,
    ...(revocable === undefined ? {} : { revocable }),
  }));
const offerDeclined = fc
  .record({
    t: mostly(fc.nat()),
    offerId: mostly(oddStrings),
    frameworkId: mostly(oddStrings),
    refuseSeconds: mostly(oddNumbers),
  })
  .map(({ t, offerId, frameworkId, refuseSeconds }) => ({
    t,
    kind: 'offer-declined',
    offerId,
    frameworkId,
    refuseSeconds,
  }));

/** A plain offer-made record, a fresh object each call (keys in the order the master builds them). */
function plainOfferMade() {
  return { t: 1, kind: 'offer-made', offerId: 'o1', frameworkId: 'f', role: '*', agentId: 'a', resources: { cpus: 1 } };
}

describe('recordLine', () => {
  it('writes an offer-made record exactly as JSON.stringify does, whatever its fields hold', () => {
    fc.assert(
      fc.property(offerMade, (r) => {
        expect(recordLine(r as SimRecord)).toBe(JSON.stringify(r));
      }),
      { seed: 14, numRuns: 5000 },
    );
  });

  it('writes an offer-declined record exactly as JSON.stringify does, whatever its fields hold', () => {
    fc.assert(
      fc.property(offerDeclined, (r) => {
        expect(recordLine(r as SimRecord)).toBe(JSON.stringify(r));
      }),
      { seed: 15, numRuns: 5000 },
    );
  });

  it('writes the offer records in the format of the event log', () => {
    // Hand-written lines: keys in the order the record has them, no spaces, strings escaped.
    const made: SimRecord = {
      t: 26_000_000,
      kind: 'offer-made',
      offerId: 'o24722',
      frameworkId: 'batch-6',
      role: '*',
      agentId: 'std-7790',
      resources: { cpus: 16, mem: 65536 },
    };
    expect(recordLine(made)).toBe(
      '{"t":26000000,"kind":"offer-made","offerId":"o24722","frameworkId":"batch-6","role":"*","agentId":"std-7790","resources":{"cpus":16,"mem":65536}}',
    );
    const declined: SimRecord = { t: 1, kind: 'offer-declined', offerId: 'o1', frameworkId: 'a"b', refuseSeconds: 0.5 };
    expect(recordLine(declined)).toBe(
      '{"t":1,"kind":"offer-declined","offerId":"o1","frameworkId":"a\\"b","refuseSeconds":0.5}',
    );
  });

  it('skips what JSON.stringify skips: enumerable properties a resource vector only inherits', () => {
    const made = plainOfferMade();
    const expected =
      '{"t":1,"kind":"offer-made","offerId":"o1","frameworkId":"f","role":"*","agentId":"a","resources":{"cpus":1}}';
    // Synchronous, and removed at once: no other test can see the added property.
    Object.defineProperty(Object.prototype, 'inheritedByAll', { value: 2, enumerable: true, configurable: true });
    let line: string;
    try {
      line = recordLine(made as SimRecord);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['inheritedByAll'];
    }
    expect(line).toBe(expected);
    expect(JSON.stringify(made)).toBe(expected);
  });

  it('leaves every other record to JSON.stringify', () => {
    const others: SimRecord[] = [
      { t: 0, kind: 'run-started', scenario: 's', seed: 1, horizon: 5 },
      { t: 3, kind: 'offer-accepted', offerId: 'o1', frameworkId: 'f', tasks: 2, refuseSeconds: 5 },
      { t: 4, kind: 'framework-registered', frameworkId: 'f', roles: ['a', 'b'] },
      { t: 5, kind: 'run-ended' },
    ];
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(recordLine(r)).toBe(JSON.stringify(r));
  });

  it('writes offer records built in another key order, or with more keys, as JSON.stringify does', () => {
    const made = plainOfferMade();
    const variants: object[] = [
      { ...made, revocable: true },
      { ...made, note: 'extra' },
      { kind: made.kind, t: made.t, offerId: 'o1', frameworkId: 'f', role: '*', agentId: 'a', resources: { cpus: 1 } },
      { t: 2, kind: 'offer-declined', frameworkId: 'f', offerId: 'o1', refuseSeconds: 5 },
      { t: 2, kind: 'offer-declined', offerId: 'o1', frameworkId: 'f', refuseSeconds: 5, reason: 'x' },
    ];
    expect(variants.length).toBe(5);
    for (const r of variants) expect(recordLine(r as SimRecord)).toBe(JSON.stringify(r));
  });
});
