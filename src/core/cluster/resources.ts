/**
 * Resource vectors: one type with named scalar dimensions (`cpus`, `mem`, `disk`, `gpus`, or any
 * custom name), and the only module that does arithmetic on them.
 *
 * Values are kept in fixed point with three decimals, as Mesos does for scalar resources, so that
 * `0.1 + 0.2` cpus is exactly `0.3` and ledgers balance exactly. A dimension that is absent counts
 * as zero; results never carry zero-valued dimensions, so two equal vectors have the same keys.
 *
 * Units follow Mesos: `cpus` in cores, `mem` and `disk` in MB, `gpus` in whole devices.
 *
 * @example
 * ```ts
 * import { addResources, fitsWithin } from 'clustersim';
 * const used = addResources({ cpus: 0.1 }, { cpus: 0.2, mem: 512 }); // { cpus: 0.3, mem: 512 }
 * fitsWithin(used, { cpus: 4, mem: 8192 }); // true
 * ```
 * @module
 */

/**
 * A resource vector: dimension name → non-negative amount. Missing dimensions are zero.
 *
 * @example
 * ```ts
 * const task: Resources = { cpus: 0.5, mem: 256 };
 * fitsWithin(task, { cpus: 1, mem: 1024 }); // true
 * ```
 */
export type Resources = Readonly<Record<string, number>>;

/**
 * The empty vector.
 *
 * @example
 * ```ts
 * isEmptyResources(NO_RESOURCES); // true
 * addResources(NO_RESOURCES, { cpus: 1 }); // { cpus: 1 }
 * ```
 */
export const NO_RESOURCES: Resources = Object.freeze({});

const SCALE = 1000;

/**
 * Rounds an amount to Mesos's fixed-point precision (three decimals).
 *
 * @example
 * ```ts
 * roundAmount(0.1 + 0.2); // 0.3
 * ```
 */
export function roundAmount(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/**
 * The vector rounded, without its zero dimensions, in the same key order. The functions below
 * write their results straight into a new object in the order `{ ...a, ...b }` would give, so that
 * every result has the same bytes as a spread-then-round would (the event log depends on it), and
 * the hot path allocates one object per result.
 */
function build(raw: Readonly<Record<string, number>>): Resources {
  const out: Record<string, number> = {};
  for (const name in raw) {
    const value = roundAmount(raw[name] as number);
    if (value !== 0) out[name] = value;
  }
  return out;
}

/**
 * Normalizes a vector: rounds to fixed point and drops zero dimensions.
 *
 * @example
 * ```ts
 * normalizeResources({ cpus: 1.00001, gpus: 0 }); // { cpus: 1 }
 * ```
 */
export function normalizeResources(resources: Resources): Resources {
  return build(resources);
}

/**
 * True when {@link normalizeResources} would give an equal vector, keys in the same order: every
 * amount is non-zero and already rounded (so the vector can stand for its normalized form).
 *
 * @example
 * ```ts
 * isNormalizedResources({ cpus: 0.5 });    // true
 * isNormalizedResources({ cpus: 0, mem: 1 }); // false
 * ```
 */
export function isNormalizedResources(resources: Resources): boolean {
  for (const name in resources) {
    const amount = resources[name] as number;
    if (amount === 0 || roundAmount(amount) !== amount) return false;
  }
  return true;
}

/**
 * Sum of two vectors.
 *
 * @example
 * ```ts
 * addResources({ cpus: 1 }, { cpus: 2, mem: 10 }); // { cpus: 3, mem: 10 }
 * ```
 */
export function addResources(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = {};
  for (const name in a) {
    const extra = b[name];
    const value = roundAmount(extra === undefined ? (a[name] as number) : (a[name] ?? 0) + extra);
    if (value !== 0) out[name] = value;
  }
  for (const name in b) {
    if (a[name] !== undefined) continue;
    const value = roundAmount(b[name] ?? 0);
    if (value !== 0) out[name] = value;
  }
  return out;
}

/**
 * Difference `a - b`. Throws if a dimension would go negative: callers must check
 * {@link fitsWithin} first, so a negative result is always a bug in the caller.
 *
 * @example
 * ```ts
 * subtractResources({ cpus: 3, mem: 10 }, { cpus: 1 }); // { cpus: 2, mem: 10 }
 * ```
 */
export function subtractResources(a: Resources, b: Resources): Resources {
  for (const name in b) {
    const value = roundAmount((a[name] ?? 0) - (b[name] ?? 0));
    if (value < 0) {
      throw new RangeError(
        `cannot subtract ${formatResources(b)} from ${formatResources(a)}: ${name} would be ${value}`,
      );
    }
  }
  // Dimensions only `b` names come out as zero, so they never appear in the result.
  const out: Record<string, number> = {};
  for (const name in a) {
    const taken = b[name];
    const value =
      taken === undefined ? roundAmount(a[name] as number) : roundAmount(roundAmount((a[name] ?? 0) - taken));
    if (value !== 0) out[name] = value;
  }
  return out;
}

/**
 * `a - b` where each dimension is floored at zero (what is left of `a` once `b` is taken).
 *
 * @example
 * ```ts
 * subtractClamped({ cpus: 1 }, { cpus: 3, mem: 5 }); // {}
 * ```
 */
export function subtractClamped(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = {};
  for (const name in a) {
    const value = roundAmount(Math.max(0, (a[name] ?? 0) - (b[name] ?? 0)));
    if (value !== 0) out[name] = value;
  }
  return out;
}

/**
 * True when every dimension of `request` is at most the same dimension of `available`.
 *
 * @example
 * ```ts
 * fitsWithin({ cpus: 2 }, { cpus: 2, mem: 1 }); // true
 * fitsWithin({ gpus: 1 }, { cpus: 8 });        // false
 * ```
 */
export function fitsWithin(request: Resources, available: Resources): boolean {
  for (const name in request) {
    if ((request[name] ?? 0) > (available[name] ?? 0)) return false;
  }
  return true;
}

/**
 * True when the vector has no positive dimension.
 *
 * @example
 * ```ts
 * isEmptyResources({}); // true
 * ```
 */
export function isEmptyResources(resources: Resources): boolean {
  for (const name in resources) if ((resources[name] ?? 0) > 0) return false;
  return true;
}

/**
 * Exact equality after fixed-point rounding (missing dimensions are zero).
 *
 * @example
 * ```ts
 * resourcesEqual({ cpus: 0.1 + 0.2 }, { cpus: 0.3, mem: 0 }); // true
 * ```
 */
export function resourcesEqual(a: Resources, b: Resources): boolean {
  const na = normalizeResources(a);
  const nb = normalizeResources(b);
  const keys = Object.keys(na);
  if (keys.length !== Object.keys(nb).length) return false;
  return keys.every((k) => na[k] === nb[k]);
}

/**
 * Component-wise minimum (the part of `a` that `b` also has).
 *
 * @example
 * ```ts
 * minResources({ cpus: 4, mem: 10 }, { cpus: 2 }); // { cpus: 2 }
 * ```
 */
export function minResources(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = {};
  for (const name in a) {
    const value = roundAmount(Math.min(a[name] ?? 0, b[name] ?? 0));
    if (value !== 0) out[name] = value;
  }
  return out;
}

/**
 * Multiplies every dimension by `factor` (≥ 0).
 *
 * @example
 * ```ts
 * scaleResources({ cpus: 1, mem: 100 }, 3); // { cpus: 3, mem: 300 }
 * ```
 */
export function scaleResources(resources: Resources, factor: number): Resources {
  if (!(factor >= 0) || !Number.isFinite(factor)) {
    throw new RangeError(`scale factor must be a finite number ≥ 0, got ${factor}`);
  }
  const out: Record<string, number> = {};
  for (const name in resources) out[name] = (resources[name] ?? 0) * factor;
  return build(out);
}

/**
 * Sums many vectors.
 *
 * @example
 * ```ts
 * sumResources([{ cpus: 1 }, { cpus: 2 }]); // { cpus: 3 }
 * ```
 */
export function sumResources(all: Iterable<Resources>): Resources {
  const out: Record<string, number> = {};
  for (const r of all) for (const name in r) out[name] = (out[name] ?? 0) + (r[name] ?? 0);
  return build(out);
}

/**
 * Drops the named dimensions (e.g. resources excluded from fairness).
 *
 * @example
 * ```ts
 * withoutDimensions({ cpus: 1, gpus: 2 }, ['gpus']); // { cpus: 1 }
 * ```
 */
export function withoutDimensions(resources: Resources, names: readonly string[]): Resources {
  const out: Record<string, number> = {};
  for (const name in resources) if (!names.includes(name)) out[name] = resources[name] ?? 0;
  return out;
}

/**
 * Human-readable form with sorted dimension names, e.g. `cpus:2; mem:1024`.
 *
 * @example
 * ```ts
 * formatResources({ mem: 1024, cpus: 2 }); // "cpus:2; mem:1024"
 * ```
 */
export function formatResources(resources: Resources): string {
  const names = Object.keys(resources).sort();
  if (names.length === 0) return '{}';
  return names.map((n) => `${n}:${resources[n]}`).join('; ');
}

/**
 * Checks that a vector is well formed: every amount a finite number ≥ 0. Returns a description of
 * the first problem (with its dimension name), or undefined when the vector is valid.
 *
 * @example
 * ```ts
 * resourceProblem({ cpus: -1 }); // "cpus is -1; amounts must be finite numbers ≥ 0"
 * ```
 */
export function resourceProblem(resources: Resources): string | undefined {
  for (const name in resources) {
    const value = resources[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return `${name} is ${String(value)}; amounts must be finite numbers ≥ 0`;
    }
  }
  return undefined;
}
