import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * Marathon placement constraints (docs/constraints.md of mesosphere/marathon): a field (`hostname`
 * or any machine attribute such as `rack`), an operator and an optional value.
 * @module
 */

/**
 * A Marathon constraint operator.
 *
 * @example
 * ```ts
 * const spread: ConstraintOperator = 'GROUP_BY';
 * ```
 */
export type ConstraintOperator = 'UNIQUE' | 'CLUSTER' | 'GROUP_BY' | 'LIKE' | 'UNLIKE' | 'MAX_PER';

/**
 * Every operator, in the order error messages list them.
 *
 * @example
 * ```ts
 * CONSTRAINT_OPERATORS.includes('MAX_PER'); // true
 * ```
 */
export const CONSTRAINT_OPERATORS: readonly ConstraintOperator[] = [
  'UNIQUE',
  'CLUSTER',
  'GROUP_BY',
  'LIKE',
  'UNLIKE',
  'MAX_PER',
];

/**
 * One placement constraint, as parsed by {@link constraintSchema}.
 *
 * @example
 * ```ts
 * const twoPerRack: Constraint = { field: 'rack', operator: 'MAX_PER', value: '2' };
 * ```
 */
export interface Constraint {
  /** `hostname` or any machine attribute, e.g. `rack`, `zone`. */
  readonly field: string;
  readonly operator: ConstraintOperator;
  /** CLUSTER: the required value; GROUP_BY: expected number of groups; LIKE/UNLIKE: a regex; MAX_PER: the limit. */
  readonly value?: string;
}

const WHOLE_NUMBER = /^\d+$/;

/** A constraint value as a whole number ≥ 1, or undefined when it is not one. */
function wholeNumberOf(value: string): number | undefined {
  if (!WHOLE_NUMBER.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** Why `pattern` is not a usable regex, or undefined when it is. */
function regexProblem(pattern: string): string | undefined {
  try {
    // Check the bare pattern too: wrapping can hide an error (")(" becomes the valid "^(?:)()$").
    new RegExp(pattern);
    new RegExp(`^(?:${pattern})$`);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const operatorList = CONSTRAINT_OPERATORS.join(', ');

const constraintObject = strictObject({
  field: z
    .string({ error: 'the constraint field is a string: "hostname" or a machine attribute such as "rack"' })
    .min(1, 'the constraint field must not be empty'),
  operator: z.enum(['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER'], {
    error: (issue) => `unknown constraint operator ${JSON.stringify(issue.input)}; accepted operators: ${operatorList}`,
  }),
  value: z
    .union([z.string(), z.number()], { error: 'the constraint value is a string (or a number)' })
    .transform(String)
    .optional(),
});

/** Marathon's array form `["rack", "GROUP_BY", "3"]` becomes the object form; anything else passes through. */
function arrayToObject(
  input: unknown,
  ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void },
): unknown {
  if (!Array.isArray(input)) return input;
  if (input.length !== 2 && input.length !== 3) {
    ctx.addIssue({
      code: 'custom',
      message: `a constraint array has 2 or 3 items (["field", "OPERATOR"] or ["field", "OPERATOR", "value"]), got ${input.length}`,
    });
    return z.NEVER;
  }
  const [field, operator, value] = input as unknown[];
  return input.length === 3 ? { field, operator, value } : { field, operator };
}

/**
 * Parses one constraint from Marathon's array form (`["hostname", "UNIQUE"]`,
 * `["rack", "GROUP_BY", "3"]`) or the object form (`{ "field", "operator", "value"? }`).
 * Checks the value per operator: UNIQUE takes none; CLUSTER an optional value; GROUP_BY an
 * optional whole number ≥ 1; LIKE/UNLIKE a valid regex; MAX_PER a whole number ≥ 1. An empty
 * string for an optional value means "no value", as in Marathon.
 *
 * @example
 * ```ts
 * constraintSchema.parse(['rack', 'GROUP_BY', '3']);                // { field: 'rack', operator: 'GROUP_BY', value: '3' }
 * constraintSchema.parse({ field: 'hostname', operator: 'UNIQUE' }); // { field: 'hostname', operator: 'UNIQUE' }
 * constraintSchema.safeParse(['rack', 'SPREAD']).success;           // false: lists the accepted operators
 * ```
 */
export const constraintSchema: z.ZodType<Constraint, unknown> = z
  .preprocess(arrayToObject, constraintObject)
  .transform((c, ctx): Constraint => {
    const fail = (message: string): never => {
      ctx.addIssue({ code: 'custom', message, path: ['value'] });
      return z.NEVER;
    };
    const base = { field: c.field, operator: c.operator };
    const value = c.value;
    switch (c.operator) {
      case 'UNIQUE':
        return value === undefined || value === '' ? base : fail(`UNIQUE takes no value, got ${JSON.stringify(value)}`);
      case 'CLUSTER':
        return value === undefined || value === '' ? base : { ...base, value };
      case 'GROUP_BY':
        if (value === undefined || value === '') return base;
        return wholeNumberOf(value) === undefined
          ? fail(`GROUP_BY takes an optional number of groups, a whole number ≥ 1; got ${JSON.stringify(value)}`)
          : { ...base, value };
      case 'LIKE':
      case 'UNLIKE': {
        if (value === undefined)
          return fail(`${c.operator} needs a regular expression value, e.g. ["rack", "${c.operator}", "r[1-3]"]`);
        const problem = regexProblem(value);
        return problem === undefined
          ? { ...base, value }
          : fail(`${c.operator} needs a valid regular expression; ${JSON.stringify(value)}: ${problem}`);
      }
      case 'MAX_PER':
        return value !== undefined && wholeNumberOf(value) !== undefined
          ? { ...base, value }
          : fail(
              `MAX_PER needs a whole number ≥ 1 as its value, e.g. ["rack", "MAX_PER", "2"]; got ${value === undefined ? 'none' : JSON.stringify(value)}`,
            );
    }
  });

const compiled = new Map<string, RegExp>();

/** Whether `text` matches `pattern` as a whole (Java's String.matches, which Marathon uses). */
function fullMatch(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, regex);
  }
  return regex.test(text);
}

/** An attribute's value; own properties only, so a field named "constructor" is not found on every machine. */
function attributeOf(attributes: Readonly<Record<string, string>>, field: string): string | undefined {
  return Object.hasOwn(attributes, field) ? attributes[field] : undefined;
}

function requiredWholeNumber(c: Constraint): number {
  const n = c.value === undefined ? undefined : wholeNumberOf(c.value);
  if (n === undefined)
    throw new RangeError(
      `${c.operator} on "${c.field}" needs a whole number ≥ 1, got ${JSON.stringify(c.value)} (parse constraints with constraintSchema)`,
    );
  return n;
}

/** Per-field tallies of the values the app's instances are placed on. */
interface FieldTally {
  readonly counts: Map<string, number>;
  /** The value of the first placed instance that has the field (CLUSTER without a value). */
  first: string | undefined;
  /** Distinct values with at least one instance. */
  occupied: number;
  /** GROUP_BY only: the smallest count over the occupied values; undefined = recompute. */
  minimum: number | undefined;
}

/**
 * Checks candidate machines against an app's constraints, keeping per-field counts of the placed
 * instances so that each check costs O(constraints) rather than O(instances) — use it when
 * placing many instances in one offer round ({@link placementAllowed} builds one per call).
 *
 * @example
 * ```ts
 * const checker = new PlacementChecker([{ field: 'hostname', operator: 'UNIQUE' }], []);
 * checker.allows({ hostname: 'a' }); // true
 * checker.add({ hostname: 'a' });
 * checker.allows({ hostname: 'a' }); // false
 * ```
 */
export class PlacementChecker {
  readonly #constraints: readonly Constraint[];
  readonly #tallies = new Map<string, FieldTally>();

  /**
   * @param placed attributes of the machines of the app's instances already running or being launched, one entry per instance
   */
  constructor(constraints: readonly Constraint[], placed: readonly Readonly<Record<string, string>>[]) {
    this.#constraints = constraints;
    for (const c of constraints) {
      if (!this.#tallies.has(c.field))
        this.#tallies.set(c.field, {
          counts: new Map(),
          first: undefined,
          occupied: 0,
          minimum: undefined,
        });
    }
    for (const attributes of placed) this.add(attributes);
  }

  /** Records one more instance placed on a machine with these attributes. */
  add(attributes: Readonly<Record<string, string>>): void {
    for (const [field, tally] of this.#tallies) {
      const value = attributeOf(attributes, field);
      if (value === undefined) continue;
      const count = tally.counts.get(value) ?? 0;
      if (count === 0) tally.occupied++;
      tally.counts.set(value, count + 1);
      tally.first ??= value;
      tally.minimum = undefined;
    }
  }

  /** Whether every constraint allows one more instance on a machine with these attributes. */
  allows(candidate: Readonly<Record<string, string>>): boolean {
    return this.#constraints.every((c) => this.#allowsOne(c, candidate));
  }

  #allowsOne(c: Constraint, candidate: Readonly<Record<string, string>>): boolean {
    const value = attributeOf(candidate, c.field);
    // Marathon: a machine without the attribute satisfies only UNLIKE.
    if (value === undefined) return c.operator === 'UNLIKE';
    const tally = this.#tallies.get(c.field) as FieldTally;
    const count = tally.counts.get(value) ?? 0;
    switch (c.operator) {
      case 'UNIQUE':
        return count === 0;
      case 'CLUSTER':
        return c.value !== undefined ? value === c.value : tally.first === undefined || tally.first === value;
      case 'LIKE':
        return fullMatch(c.value ?? '', value);
      case 'UNLIKE':
        return !fullMatch(c.value ?? '', value);
      case 'MAX_PER':
        return count < requiredWholeNumber(c);
      case 'GROUP_BY':
        return this.#groupByAllows(c, tally, count);
    }
  }

  /**
   * Marathon's GROUP_BY: the groups are the values of the instances already placed. A value with
   * no instance yet is always accepted; a value with instances only while it is one of the
   * smallest groups and at least the expected number of groups (the constraint's value, if any)
   * exist. Values the app has no instance on do not count: a rack whose machines are all
   * unreachable (never offered) holds nothing back — unless the expected number of groups needs it.
   */
  #groupByAllows(c: Constraint, tally: FieldTally, count: number): boolean {
    if (count === 0) return true;
    if (tally.minimum === undefined) {
      let minimum = Infinity;
      for (const placedCount of tally.counts.values()) minimum = Math.min(minimum, placedCount);
      tally.minimum = minimum;
    }
    const expectedGroups = c.value === undefined ? 1 : requiredWholeNumber(c);
    return count === tally.minimum && tally.occupied >= expectedGroups;
  }
}

/**
 * Whether one more instance of an app may go on `candidate` (the attributes of the machine
 * considered, incl. `hostname` and `rack`). `placed` lists the attributes of the machines of the
 * app's instances already running or being launched (one entry per instance). All constraints
 * must hold, as Marathon's docs/docs/constraints.md describes them:
 * - UNIQUE: no placed instance has the candidate's value;
 * - CLUSTER: all instances share one value — the constraint's value, or else the first placed instance's;
 * - GROUP_BY: a value with no instance yet, or one of the smallest groups of placed instances once
 *   at least the expected number of groups (the value, if given) exist;
 * - LIKE / UNLIKE: the value fully matches / does not fully match the regex;
 * - MAX_PER: fewer than `value` instances already on the candidate's value.
 *
 * A machine missing the attribute satisfies only UNLIKE.
 *
 * @example
 * ```ts
 * const rack = [{ field: 'rack', operator: 'GROUP_BY' }] as const;
 * const placed = [{ hostname: 'a', rack: 'r1' }, { hostname: 'b', rack: 'r1' }, { hostname: 'c', rack: 'r2' }];
 * placementAllowed(rack, { hostname: 'd', rack: 'r1' }, placed); // false: r1 has 2, r2 has 1
 * placementAllowed(rack, { hostname: 'd', rack: 'r2' }, placed); // true
 * placementAllowed(rack, { hostname: 'd', rack: 'r3' }, placed); // true: a value not used yet
 * ```
 */
export function placementAllowed(
  constraints: readonly Constraint[],
  candidate: Readonly<Record<string, string>>,
  placed: readonly Readonly<Record<string, string>>[],
): boolean {
  return new PlacementChecker(constraints, placed).allows(candidate);
}
