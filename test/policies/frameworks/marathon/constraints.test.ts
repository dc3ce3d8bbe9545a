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
  it('UNIQUE: refuses a value an instance already has', () => {
    const unique: Constraint[] = [{ field: 'hostname', operator: 'UNIQUE' }];
    expect(placementAllowed(unique, host('a', 'r1'), [host('a', 'r1')])).toBe(false);
    expect(placementAllowed(unique, host('b', 'r1'), [host('a', 'r1')])).toBe(true);
  });

  it('CLUSTER: with a value, only that value; without, the first placed instance decides', () => {
    const onR2: Constraint[] = [{ field: 'rack', operator: 'CLUSTER', value: 'r2' }];
    expect(placementAllowed(onR2, host('a', 'r1'), [])).toBe(false);
    expect(placementAllowed(onR2, host('b', 'r2'), [])).toBe(true);
    const together: Constraint[] = [{ field: 'rack', operator: 'CLUSTER' }];
    expect(placementAllowed(together, host('a', 'r3'), [])).toBe(true); // nothing placed yet: anywhere
    expect(placementAllowed(together, host('b', 'r3'), [host('a', 'r3')])).toBe(true);
    expect(placementAllowed(together, host('c', 'r1'), [host('a', 'r3')])).toBe(false);
  });

  it('LIKE / UNLIKE: the whole value must (not) match', () => {
    const like: Constraint[] = [{ field: 'rack', operator: 'LIKE', value: 'r[1-2]' }];
    expect(placementAllowed(like, host('a', 'r2'), [])).toBe(true);
    expect(placementAllowed(like, host('a', 'r3'), [])).toBe(false);
    expect(placementAllowed(like, host('a', 'r12'), [])).toBe(false); // a prefix match is not enough
    const prefix: Constraint[] = [{ field: 'rack', operator: 'LIKE', value: 'r' }];
    expect(placementAllowed(prefix, host('a', 'r1'), [])).toBe(false);
    const unlike: Constraint[] = [{ field: 'rack', operator: 'UNLIKE', value: 'r1|r2' }];
    expect(placementAllowed(unlike, host('a', 'r1'), [])).toBe(false);
    expect(placementAllowed(unlike, host('a', 'r3'), [])).toBe(true);
  });

  it('MAX_PER: at most value instances per attribute value', () => {
    const twoPerRack: Constraint[] = [{ field: 'rack', operator: 'MAX_PER', value: '2' }];
    expect(placementAllowed(twoPerRack, host('c', 'r1'), [host('a', 'r1')])).toBe(true); // 1 < 2
    expect(placementAllowed(twoPerRack, host('c', 'r1'), [host('a', 'r1'), host('b', 'r1')])).toBe(false); // 2 = 2
    expect(placementAllowed(twoPerRack, host('c', 'r2'), [host('a', 'r1'), host('b', 'r1')])).toBe(true);
  });

  it('GROUP_BY (Marathon): a value with no instance yet, or one of the smallest groups of placed instances', () => {
    const spread: Constraint[] = [{ field: 'rack', operator: 'GROUP_BY' }];
    const placed = [host('a', 'r1'), host('b', 'r1'), host('c', 'r2')]; // groups r1 2, r2 1
    expect(placementAllowed(spread, host('d', 'r1'), placed)).toBe(false); // 2 > the smallest, 1
    expect(placementAllowed(spread, host('d', 'r2'), placed)).toBe(true); // the smallest group
    expect(placementAllowed(spread, host('d', 'r3'), placed)).toBe(true); // a value not used yet
    // Values with no instance do not hold the others back: r1 and r2 at 1 each, r3 (never offered,
    // e.g. unreachable) has none — both used racks may take one more.
    const two = [host('a', 'r1'), host('c', 'r2')];
    expect(['r1', 'r2'].map((r) => placementAllowed(spread, host('d', r), two))).toEqual([true, true]);
    // Without a number of groups, every instance may go to the first value (Marathon's docs warn of it).
    expect(placementAllowed(spread, host('b', 'r1'), [host('a', 'r1')])).toBe(true);
  });

  it('GROUP_BY with an expected number of groups refuses used values while fewer groups are occupied', () => {
    const threeGroups: Constraint[] = [{ field: 'rack', operator: 'GROUP_BY', value: '3' }];
    expect(placementAllowed(threeGroups, host('b', 'r1'), [host('a', 'r1')])).toBe(false); // 1 group < 3
    expect(placementAllowed(threeGroups, host('b', 'r2'), [host('a', 'r1')])).toBe(true); // a new value
    const three = [host('a', 'r1'), host('b', 'r2'), host('c', 'r3')];
    expect(placementAllowed(threeGroups, host('d', 'r1'), three)).toBe(true); // 3 groups, all at 1
    // One group gone (its instance lost): the two left are refused until a third value is offered.
    const lostOne = [host('a', 'r1'), host('b', 'r2')];
    expect(placementAllowed(threeGroups, host('d', 'r1'), lostOne)).toBe(false);
    expect(placementAllowed(threeGroups, host('d', 'r3'), lostOne)).toBe(true);
  });

  it('a machine missing the attribute satisfies only UNLIKE', () => {
    const bare: Attributes = { hostname: 'x' };
    const on = (c: Constraint): boolean => placementAllowed([c], bare, []);
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
    expect(placementAllowed(both, host('b', 'r1'), [host('a', 'r1')])).toBe(true);
    expect(placementAllowed(both, host('a', 'r1'), [host('a', 'r1')])).toBe(false); // UNIQUE fails
    expect(placementAllowed(both, host('c', 'r2'), [host('a', 'r1')])).toBe(false); // LIKE fails
    expect(placementAllowed([], host('a', 'r1'), [host('a', 'r1')])).toBe(true);
  });

  it('throws on a MAX_PER constraint built by hand without a number', () => {
    expect(() => placementAllowed([{ field: 'rack', operator: 'MAX_PER' }], host('a', 'r1'), [])).toThrow(
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
  const placed: Attributes[] = [];
  const placedAt: boolean[] = [];
  for (const offer of offers) {
    const chosen = offer
      .map((i) => machines[i % machines.length] as Attributes)
      .find((m) => placementAllowed(constraints, m, placed));
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
  it('an app of 6 with GROUP_BY rack on 3 racks × 3 machines: 2 per rack with "3", rack by rack without', () => {
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
    const place = (constraint: Constraint) =>
      placeGreedily(
        [constraint],
        machines,
        Array.from({ length: 6 }, () => allInOrder),
      ).placed;
    // With "3": a1 (r1 new); r1 is then refused until 3 groups exist, so b1 (r2 new), c1 (r3 new);
    // all at 1 → a1; r1 at 2 > 1 → b1; then c1: a1 b1 c1 a1 b1 c1, 2 per rack.
    const counted = place({ field: 'rack', operator: 'GROUP_BY', value: '3' });
    expect(counted.map((p) => p['hostname'])).toEqual(['a1', 'b1', 'c1', 'a1', 'b1', 'c1']);
    expect(Object.fromEntries(countBy(counted, 'rack'))).toEqual({ r1: 2, r2: 2, r3: 2 });
    // Without the number, r1 is always one of the smallest groups (the only one): all 6 on a1.
    const uncounted = place({ field: 'rack', operator: 'GROUP_BY' });
    expect(uncounted.map((p) => p['hostname'])).toEqual(Array(6).fill('a1'));
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

  it('GROUP_BY rack places exactly when a smallest or an unused rack is offered (a naive model of the rule)', () => {
    fc.assert(
      fc.property(cluster, ({ racks, offers }) => {
        const machines = machinesOf(racks);
        const { placed, placedAt } = placeGreedily([{ field: 'rack', operator: 'GROUP_BY' }], machines, offers);
        // A naive model: counts of the racks used so far; a rack may take one if unused or at the minimum.
        const counts = new Map<string, number>();
        let next = 0;
        offers.forEach((offer, step) => {
          const min = Math.min(...counts.values());
          const open = offer.some((i) => {
            const count = counts.get(machines[i % machines.length]?.['rack'] ?? '');
            return count === undefined || count === min;
          });
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
});

describe('PlacementChecker', () => {
  it('gives the same answers when instances are added one by one as when given at construction', () => {
    const constraints: Constraint[] = [
      { field: 'rack', operator: 'GROUP_BY' },
      { field: 'hostname', operator: 'MAX_PER', value: '2' },
      { field: 'rack', operator: 'CLUSTER' },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 1 })), { maxLength: 12 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 1 }),
        (placedSpec, h, r) => {
          const placed = placedSpec.map(([ph, pr]) => host(`h${ph}`, `r${pr + 1}`));
          const candidate = host(`h${h}`, `r${r + 1}`);
          const incremental = new PlacementChecker(constraints, []);
          for (const p of placed) incremental.add(p);
          expect(incremental.allows(candidate)).toBe(new PlacementChecker(constraints, placed).allows(candidate));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('updates GROUP_BY as instances are added', () => {
    const checker = new PlacementChecker(
      [
        { field: 'hostname', operator: 'UNIQUE' },
        { field: 'rack', operator: 'GROUP_BY' },
      ],
      [host('a', 'r1'), host('b', 'r1')],
    );
    expect(checker.allows(host('c', 'r1'))).toBe(true); // r1 is the only group
    checker.add(host('c', 'r2'));
    expect(checker.allows(host('d', 'r1'))).toBe(false); // r1 2, r2 1
    expect(checker.allows(host('d', 'r2'))).toBe(true);
    checker.add(host('d', 'r2'));
    expect(checker.allows(host('e', 'r1'))).toBe(true); // 2 and 2
  });
});
