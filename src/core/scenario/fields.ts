import { z } from 'zod';
import { DURATION_FORMAT, parseDuration, type Micros } from '../kernel/time.ts';

/**
 * Reusable zod fields for scenario files and plugin options: durations, resource vectors, ids.
 * Messages say what is accepted, because they end up in front of a user.
 * @module
 */

/**
 * A strict object schema whose unknown-field error names the field and lists the accepted ones.
 *
 * @example
 * ```ts
 * const point = strictObject({ x: z.number() });
 * point.safeParse({ x: 1, y: 2 }); // error: unknown field "y"; accepted fields: x
 * ```
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; accepted fields: ${accepted}`
        : undefined,
  });
}

/**
 * The longest duration a scenario may give: 100 years, so that times and sums of them stay whole
 * numbers of microseconds (below 2^53).
 *
 * @example
 * ```ts
 * MAX_DURATION_MICROS; // 3_155_760_000_000_000
 * ```
 */
export const MAX_DURATION_MICROS = 100 * 365.25 * 86_400 * 1_000_000;

/**
 * A duration: seconds as a number, or a string like `"5m"`; parsed to integer microseconds.
 *
 * @example
 * ```ts
 * durationField.parse('1h'); // 3_600_000_000
 * ```
 */
export const durationField: z.ZodType<Micros, number | string> = z
  .union([z.number(), z.string()], { error: `expected a duration: ${DURATION_FORMAT}` })
  .transform((value, ctx) => {
    const micros = parseDuration(value);
    if (micros === undefined) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a duration; use ${DURATION_FORMAT}` });
      return z.NEVER;
    }
    if (micros > MAX_DURATION_MICROS) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is longer than the longest duration, 100 years`,
      });
      return z.NEVER;
    }
    return micros;
  });

/**
 * A duration that must be greater than zero.
 *
 * @example
 * ```ts
 * positiveDurationField.parse('5m');          // 300_000_000
 * positiveDurationField.safeParse(0).success; // false
 * ```
 */
export const positiveDurationField: z.ZodType<Micros, number | string> = durationField.refine((v) => v > 0, {
  message: 'must be greater than zero',
});

const resourceName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/i,
    'resource names start with a letter and use letters, digits and _ (cpus, mem, disk, gpus, …)',
  )
  // Names every object already has (constructor, toString, …) would collide with them in lookups.
  .refine((name) => !(name in Object.prototype), {
    error: (issue) => `"${String(issue.input)}" cannot be a resource name (every object has it); choose another`,
  });

/** The largest resource amount: amounts are kept to 3 decimals, exactly, below 2^53 thousandths. */
const MAX_RESOURCE_AMOUNT = 1e12;

const resourceAmount = z
  .number({ error: 'resource amounts are numbers ≥ 0' })
  .refine((v) => Number.isFinite(v) && v >= 0, {
    message: 'resource amounts are finite numbers ≥ 0',
  })
  // Kept to 3 decimals: a smaller amount would vanish from the books but not from the task.
  .refine((v) => !(v > 0) || v >= 0.001, {
    error: (issue) =>
      `resource amount ${String(issue.input)} is below 0.001 (amounts are kept to 3 decimals); use 0 or at least 0.001`,
  })
  .refine((v) => !Number.isFinite(v) || v <= MAX_RESOURCE_AMOUNT, {
    error: (issue) => `resource amount ${String(issue.input)} is above the largest, 1e12`,
  });

/**
 * A resource vector `{ "cpus": 2, "mem": 1024 }`: names to finite amounts ≥ 0 (mem and disk in MB).
 *
 * @example
 * ```ts
 * resourcesField.parse({ cpus: 2, mem: 1024 });
 * ```
 */
export const resourcesField = z.record(resourceName, resourceAmount);

/**
 * An identifier: letters, digits, `-`, `_`, `.`, starting with a letter or digit.
 *
 * @example
 * ```ts
 * idField.parse('hadoop-1');
 * ```
 */
export const idField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-", starting with a letter or digit');

/**
 * A Mesos role path: `*` or "/"-separated segments, e.g. `eng/ads`.
 *
 * @example
 * ```ts
 * rolePathField.parse('eng/ads');
 * ```
 */
export const rolePathField = z
  .string()
  .regex(
    /^(\*|[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*)$/,
    'roles are "*" or "/"-separated names such as "eng/ads"',
  );

/**
 * A value that is one of several object shapes chosen by a tag field (`"process"`, `"dist"`,
 * `"shape"`, …). Unlike a plain union, errors come from the chosen shape, at their own paths
 * ("meanInterval: must be greater than zero"), and an unknown tag lists the accepted ones. With
 * `plain`, a value that is not an object (e.g. a bare number) is parsed by that schema instead.
 *
 * @example
 * ```ts
 * const shape = taggedUnion('kind', {
 *   circle: strictObject({ kind: z.literal('circle'), r: z.number() }),
 *   square: strictObject({ kind: z.literal('square'), side: z.number() }),
 * });
 * shape.safeParse({ kind: 'circle', r: 'x' }); // error at ["r"]
 * ```
 */
export function taggedUnion<V extends Readonly<Record<string, z.ZodType<unknown, unknown>>>, P = never>(
  tag: string,
  variants: V,
  plain?: { readonly schema: z.ZodType<P, unknown>; readonly what: string },
): z.ZodType<z.output<V[keyof V]> | P, unknown> {
  type T = z.output<V[keyof V]> | P;
  const names = Object.keys(variants);
  const expected = `{ "${tag}": ${names.map((n) => `"${n}"`).join(' | ')}, … }${plain === undefined ? '' : ` or ${plain.what}`}`;
  return z.unknown().transform((input, ctx): T => {
    const forward = (schema: z.ZodType<unknown, unknown>): T => {
      const result = schema.safeParse(input);
      if (result.success) return result.data as T;
      for (const issue of result.error.issues) {
        ctx.addIssue({
          code: 'custom',
          message: issue.message,
          path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        });
      }
      return z.NEVER;
    };
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      if (plain !== undefined) return forward(plain.schema);
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    }
    const kind = (input as Record<string, unknown>)[tag];
    const variant = typeof kind === 'string' ? variants[kind] : undefined;
    if (variant === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          kind === undefined
            ? `missing "${tag}"; expected ${expected}`
            : `unknown ${tag} ${JSON.stringify(kind)}; accepted: ${names.join(', ')}`,
        path: kind === undefined ? [] : [tag],
      });
      return z.NEVER;
    }
    return forward(variant);
  });
}
