import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSTRAINT_OPERATORS,
  PlacementChecker,
  constraintSchema,
  placementAllowed,
  type Constraint,
} from '../../../../src/policies/frameworks/marathon/constraints.ts';

type Attributes = Readonly<Record<string, string>>;

const noValues = (): readonly string[] => [];

/** The messages of a failed parse, joined. */
function errorOf(input: unknown): string {
  const result = constraintSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') ?? '';
}

describe('constraintSchema', () => {
  it('parses the array forms and the object form', () => {
    expect(constraintSchema.parse(['hostname', 'UNIQUE'])).toEqual({ field: 'hostname', operator: 'UNIQUE' });
    expect(constraintSchema.parse(['rack', 'GROUP_BY', '3'])).toEqual({
      field: 'rack',
      operator: 'GROUP_BY',
      value: '3',
    });
    expect(constraintSchema.parse({ field: 'rack', operator: 'MAX_PER', value: '2' })).toEqual({
      field: 'rack',
      operator: 'MAX_PER',
      value: '2',
    });
    expect(constraintSchema.parse({ field: 'zone', operator: 'LIKE', value: 'eu-.*' })).toEqual({
      field: 'zone',
      operator: 'LIKE',
      value: 'eu-.*',
    });
    // A number is accepted where Marathon's JSON has a numeric string.
    expect(constraintSchema.parse(['rack', 'MAX_PER', 2])).toEqual({ field: 'rack', operator: 'MAX_PER', value: '2' });
  });

  it('treats an empty optional value as none (no "value" key at all)', () => {
    const cluster = constraintSchema.parse(['rack', 'CLUSTER', '']);
    expect(cluster).toEqual({ field: 'rack', operator: 'CLUSTER' });
    expect(Object.keys(cluster)).toEqual(['field', 'operator']);
    expect(constraintSchema.parse(['rack', 'GROUP_BY', ''])).toEqual({ field: 'rack', operator: 'GROUP_BY' });
  });

  it('names an unknown operator and lists the accepted ones', () => {
    const message = errorOf(['rack', 'SPREAD']);
    expect(message).toContain('"SPREAD"');
    for (const op of CONSTRAINT_OPERATORS) expect(message).toContain(op);
    expect(errorOf({ field: 'rack', operator: 'unique' })).toContain(
      'accepted operators: UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER',
    );
  });

  it('wants a valid regex for LIKE and UNLIKE', () => {
    expect(errorOf(['rack', 'LIKE'])).toContain('LIKE needs a regular expression');
    expect(errorOf(['rack', 'UNLIKE', 'r[1-'])).toContain('UNLIKE needs a valid regular expression; "r[1-"');
    // ")(" is caught although "^(?:)()$" — the wrapped form — would compile.
    expect(errorOf(['rack', 'LIKE', ')('])).toContain('valid regular expression');
  });

  it('wants a whole number ≥ 1 for MAX_PER, and for GROUP_BY when given', () => {
    for (const bad of ['0', '1.5', '-1', 'two', ' 2'])
      expect(errorOf(['rack', 'MAX_PER', bad])).toContain('MAX_PER needs a whole number ≥ 1');
    expect(errorOf(['rack', 'MAX_PER'])).toContain('got none');
    expect(errorOf(['rack', 'GROUP_BY', 'x'])).toContain('GROUP_BY takes an optional number of groups');
  });

  it('rejects a value on UNIQUE, wrong array lengths, unknown fields and an empty field', () => {
    expect(errorOf(['hostname', 'UNIQUE', 'x'])).toContain('UNIQUE takes no value');
    expect(errorOf(['hostname'])).toContain('2 or 3 items');
    expect(errorOf(['rack', 'MAX_PER', '2', 'extra'])).toContain('got 4');
    expect(errorOf({ field: 'rack', operator: 'UNIQUE', values: 'x' })).toContain('unknown field "values"');
    expect(errorOf(['', 'UNIQUE'])).toContain('must not be empty');
  });
});

const host = (hostname: string, rack: string): Attributes => ({ hostname, rack });

describe('placementAllowed, operator by operator', () => {
  const racks = (): readonly string[] => ['r1', 'r2', 'r3'];

  it('UNIQUE: refuses a value an instance already has', () => {
    const unique: Constraint[] = [{ field: 'hostname', operator: 'UNIQUE' }];
    expect(placementAllowed(unique, host('a', 'r1'), [host('a', 'r1')], racks)).toBe(false);
    expect(placementAllowed(unique, host('b', 'r1'), [host('a', 'r1')], racks)).toBe(true);
  });

  it('CLUSTER: with a value, only that value; without, the first placed instance decides', () => {
    const onR2: Constraint[] = [{ field: 'rack', operator: 'CLUSTER', value: 'r2' }];
    expect(placementAllowed(onR2, host('a', 'r1'), [], racks)).toBe(false);
    expect(placementAllowed(onR2, host('b', 'r2'), [], racks)).toBe(true);
    const together: Constraint[] = [{ field: 'rack', operator: 'CLUSTER' }];
    expect(placementAllowed(together, host('a', 'r3'), [], racks)).toBe(true); // nothing placed yet: anywhere
    expect(placementAllowed(together, host('b', 'r3'), [host('a', 'r3')], racks)).toBe(true);
    expect(placementAllowed(together, host('c', 'r1'), [host('a', 'r3')], racks)).toBe(false);
  });

  it('LIKE / UNLIKE: the whole value must (not) match', () => {
    const like: Constraint[] = [{ field: 'rack', operator: 'LIKE', value: 'r[1-2]' }];
    expect(placementAllowed(like, host('a', 'r2'), [], racks)).toBe(true);
    expect(placementAllowed(like, host('a', 'r3'), [], racks)).toBe(false);
    expect(placementAllowed(like, host('a', 'r12'), [], racks)).toBe(false); // a prefix match is not enough
    const prefix: Constraint[] = [{ field: 'rack', operator: 'LIKE', value: 'r' }];
    expect(placementAllowed(prefix, host('a', 'r1'), [], racks)).toBe(false);
    const unlike: Constraint[] = [{ field: 'rack', operator: 'UNLIKE', value: 'r1|r2' }];
    expect(placementAllowed(unlike, host('a', 'r1'), [], racks)).toBe(false);
    expect(placementAllowed(unlike, host('a', 'r3'), [], racks)).toBe(true);
  });

  it('MAX_PER: at most value instances per attribute value', () => {
    const twoPerRack: Constraint[] = [{ field: 'rack', operator: 'MAX_PER', value: '2' }];
    expect(placementAllowed(twoPerRack, host('c', 'r1'), [host('a', 'r1')], racks)).toBe(true); // 1 < 2
    expect(placementAllowed(twoPerRack, host('c', 'r1'), [host('a', 'r1'), host('b', 'r1')], racks)).toBe(false); // 2 = 2
    expect(placementAllowed(twoPerRack, host('c', 'r2'), [host('a', 'r1'), host('b', 'r1')], racks)).toBe(true);
  });

  it('GROUP_BY: only on a value with the fewest instances, counting values with none', () => {
    const spread: Constraint[] = [{ field: 'rack', operator: 'GROUP_BY' }];
    const placed = [host('a', 'r1'), host('b', 'r2')]; // counts r1 1, r2 1, r3 0
    expect(placementAllowed(spread, host('c', 'r1'), placed, racks)).toBe(false);
    expect(placementAllowed(spread, host('c', 'r3'), placed, racks)).toBe(true);
    const full = [...placed, host('c', 'r3')]; // 1, 1, 1: any
    expect(['r1', 'r2', 'r3'].map((r) => placementAllowed(spread, host('d', r), full, racks))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('GROUP_BY with an expected number of groups refuses used values while fewer groups are occupied', () => {
    // The framework knows no values (as Marathon, which learns them from offers): the count decides.
    const threeGroups: Constraint[] = [{ field: 'rack', operator: 'GROUP_BY', value: '3' }];
    expect(placementAllowed(threeGroups, host('b', 'r1'), [host('a', 'r1')], noValues)).toBe(false); // 1 group < 3
    expect(placementAllowed(threeGroups, host('b', 'r2'), [host('a', 'r1')], noValues)).toBe(true); // a new value
    const three = [host('a', 'r1'), host('b', 'r2'), host('c', 'r3')];
    expect(placementAllowed(threeGroups, host('d', 'r1'), three, noValues)).toBe(true); // 3 groups, all at 1
    // Without the number, an unknown cluster lets every instance go to the first value.
    expect(
      placementAllowed([{ field: 'rack', operator: 'GROUP_BY' }], host('b', 'r1'), [host('a', 'r1')], noValues),
    ).toBe(true);
  });

  it('a machine missing the attribute satisfies only UNLIKE', () => {
    const bare: Attributes = { hostname: 'x' };
    const on = (c: Constraint): boolean => placementAllowed([c], bare, [], racks);
    expect(on({ field: 'zone', operator: 'UNIQUE' })).toBe(false);
    expect(on({ field: 'zone', operator: 'CLUSTER' })).toBe(false);
    expect(on({ field: 'zone', operator: 'GROUP_BY' })).toBe(false);
    expect(on({ field: 'zone', operator: 'LIKE', value: '.*' })).toBe(false);
    expect(on({ field: 'zone', operator: 'MAX_PER', value: '5' })).toBe(false);
    expect(on({ field: 'zone', operator: 'UNLIKE', value: '.*' })).toBe(true);
    // Inherited properties are not attributes.
    expect(on({ field: 'constructor', operator: 'UNLIKE', value: 'x' })).toBe(true);
    expect(on({ field: 'toString', operator: 'UNIQUE' })).toBe(false);
  });

  it('requires every constraint to hold', () => {
    const both: Constraint[] = [
      { field: 'hostname', operator: 'UNIQUE' },
      { field: 'rack', operator: 'LIKE', value: 'r1' },
    ];
    expect(placementAllowed(both, host('b', 'r1'), [host('a', 'r1')], racks)).toBe(true);
    expect(placementAllowed(both, host('a', 'r1'), [host('a', 'r1')], racks)).toBe(false); // UNIQUE fails
    expect(placementAllowed(both, host('c', 'r2'), [host('a', 'r1')], racks)).toBe(false); // LIKE fails
    expect(placementAllowed([], host('a', 'r1'), [host('a', 'r1')], racks)).toBe(true);
  });

  it('throws on a MAX_PER constraint built by hand without a number', () => {
    expect(() => placementAllowed([{ field: 'rack', operator: 'MAX_PER' }], host('a', 'r1'), [], racks)).toThrow(
      /MAX_PER on "rack" needs a whole number/,
    );
  });
});

/** Machines of `racks` (a rack index per machine): hostname m-<i>, rack r<index>. */
function machinesOf(racks: readonly number[]): Attributes[] {
  return racks.map((r, i) => host(`m-${i}`, `r${r}`));
}

/**
 * Places instances one by one: each step offers some machines (indices into `machines`, in order)
 * and the first allowed one takes an instance. Returns the placements, and for each step whether
 * something was placed.
 */
function placeGreedily(
  constraints: readonly Constraint[],
  machines: readonly Attributes[],
  offers: readonly (readonly number[])[],
): { placed: Attributes[]; placedAt: boolean[] } {
  const fieldValues = (field: string): string[] => [
    ...new Set(machines.flatMap((m) => (m[field] === undefined ? [] : [m[field]]))),
  ];
  const placed: Attributes[] = [];
  const placedAt: boolean[] = [];
  for (const offer of offers) {
    const chosen = offer
      .map((i) => machines[i % machines.length] as Attributes)
      .find((m) => placementAllowed(constraints, m, placed, fieldValues));
    if (chosen !== undefined) placed.push(chosen);
    placedAt.push(chosen !== undefined);
  }
  return { placed, placedAt };
}

function countBy(placed: readonly Attributes[], field: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p[field] ?? '', (counts.get(p[field] ?? '') ?? 0) + 1);
  return counts;
}

describe('greedy placement', () => {
  it('acceptance: an app of 6 with GROUP_BY rack on 3 racks × 3 machines gets 2 per rack', () => {
    const machines = [
      host('a1', 'r1'),
      host('a2', 'r1'),
      host('a3', 'r1'),
      host('b1', 'r2'),
      host('b2', 'r2'),
      host('b3', 'r2'),
      host('c1', 'r3'),
      host('c2', 'r3'),
      host('c3', 'r3'),
    ];
    const allInOrder = machines.map((_, i) => i);
    const { placed } = placeGreedily(
      [{ field: 'rack', operator: 'GROUP_BY' }],
      machines,
      Array.from({ length: 6 }, () => allInOrder),
    );
    // First-allowed from the list: r1 (all at 0) → a1; then r1 is at 1 > min 0 so b1; then c1;
    // all at 1 → a1 again; then b1; then c1: hosts a1 b1 c1 a1 b1 c1, 2 per rack.
    expect(placed.map((p) => p['hostname'])).toEqual(['a1', 'b1', 'c1', 'a1', 'b1', 'c1']);
    expect(Object.fromEntries(countBy(placed, 'rack'))).toEqual({ r1: 2, r2: 2, r3: 2 });
  });

  // Arbitrary clusters: up to 15 machines on up to 5 racks, and up to 40 offer rounds each listing
  // some machines (indices taken modulo the machine count, repeats allowed).
  const cluster = fc.record({
    racks: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 15 }),
    offers: fc.array(fc.array(fc.nat({ max: 100 }), { maxLength: 15 }), { maxLength: 40 }),
  });
  const params = { seed: 20240611, numRuns: 300 };

  it('UNIQUE hostname never puts two instances on one host, and places whenever a free host is offered', () => {
    fc.assert(
      fc.property(cluster, ({ racks, offers }) => {
        const machines = machinesOf(racks);
        const { placed, placedAt } = placeGreedily([{ field: 'hostname', operator: 'UNIQUE' }], machines, offers);
        const hosts = placed.map((p) => p['hostname']);
        expect(new Set(hosts).size).toBe(hosts.length);
        // Completeness: replay the run; a step that offered an unused host must have placed.
        const used = new Set<string>();
        offers.forEach((offer, step) => {
          const free = offer.some((i) => !used.has(`m-${i % machines.length}`));
          expect(placedAt[step]).toBe(free);
          if (placedAt[step]) used.add(hosts[used.size] as string);
        });
      }),
      params,
    );
  });

  it('MAX_PER k never exceeds k per rack, and refuses only full racks', () => {
    fc.assert(
      fc.property(cluster, fc.integer({ min: 1, max: 3 }), ({ racks, offers }, k) => {
        const machines = machinesOf(racks);
        const { placed, placedAt } = placeGreedily(
          [{ field: 'rack', operator: 'MAX_PER', value: String(k) }],
          machines,
          offers,
        );
        for (const count of countBy(placed, 'rack').values()) expect(count).toBeLessThanOrEqual(k);
        const counts = new Map<string, number>();
        let next = 0;
        offers.forEach((offer, step) => {
          const open = offer.some((i) => (counts.get(machines[i % machines.length]?.['rack'] ?? '') ?? 0) < k);
          expect(placedAt[step]).toBe(open);
          if (placedAt[step]) {
            const rack = placed[next++]?.['rack'] ?? '';
            counts.set(rack, (counts.get(rack) ?? 0) + 1);
          }
        });
      }),
      params,
    );
  });

  it('GROUP_BY rack keeps every two racks within 1 of each other, and places whenever a least-used rack is offered', () => {
    fc.assert(
      fc.property(cluster, ({ racks, offers }) => {
        const machines = machinesOf(racks);
        const allRacks = [...new Set(machines.map((m) => m['rack'] ?? ''))];
        const { placed, placedAt } = placeGreedily([{ field: 'rack', operator: 'GROUP_BY' }], machines, offers);
        const counts = new Map(allRacks.map((r) => [r, 0]));
        let next = 0;
        offers.forEach((offer, step) => {
          const min = Math.min(...counts.values());
          const leastUsedOffered = offer.some((i) => counts.get(machines[i % machines.length]?.['rack'] ?? '') === min);
          expect(placedAt[step]).toBe(leastUsedOffered);
          if (placedAt[step]) {
            const rack = placed[next++]?.['rack'] ?? '';
            counts.set(rack, (counts.get(rack) ?? 0) + 1);
          }
          expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
        });
      }),
      params,
    );
  });
});

describe('PlacementChecker', () => {
  it('gives the same answers when instances are added one by one as when given at construction', () => {
    const constraints: Constraint[] = [
      { field: 'rack', operator: 'GROUP_BY' },
      { field: 'hostname', operator: 'MAX_PER', value: '2' },
      { field: 'rack', operator: 'CLUSTER' },
    ];
    const fieldValues = (): readonly string[] => ['r1', 'r2'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 1 })), { maxLength: 12 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 1 }),
        (placedSpec, h, r) => {
          const placed = placedSpec.map(([ph, pr]) => host(`h${ph}`, `r${pr + 1}`));
          const candidate = host(`h${h}`, `r${r + 1}`);
          const incremental = new PlacementChecker(constraints, [], fieldValues);
          for (const p of placed) incremental.add(p);
          expect(incremental.allows(candidate)).toBe(
            new PlacementChecker(constraints, placed, fieldValues).allows(candidate),
          );
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('asks for the field values only for GROUP_BY, once', () => {
    const asked: string[] = [];
    const checker = new PlacementChecker(
      [
        { field: 'hostname', operator: 'UNIQUE' },
        { field: 'rack', operator: 'GROUP_BY' },
      ],
      [host('a', 'r1')],
      (field) => {
        asked.push(field);
        return ['r1', 'r2'];
      },
    );
    expect(checker.allows(host('b', 'r1'))).toBe(false); // r1 has 1, r2 has 0
    expect(checker.allows(host('b', 'r2'))).toBe(true);
    checker.add(host('b', 'r2'));
    expect(checker.allows(host('c', 'r1'))).toBe(true); // 1 and 1
    expect(asked).toEqual(['rack']);
  });
});
