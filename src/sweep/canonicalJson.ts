import { createHash } from 'node:crypto';

/**
 * JSON text with every object's keys in sorted order, so that equal values give equal text (and
 * equal hashes) whatever order their fields were written in.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (object[key] !== undefined) sorted[key] = sortKeys(object[key]);
  return sorted;
}

/**
 * The SHA-256 of a value's {@link canonicalJson}, in hex.
 *
 * @example
 * ```ts
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }); // true
 * ```
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
