import type { ResolvedVariant } from '../core/scenario/variants.ts';
import { withValueAt, type JsonPathSegment } from './jsonPath.ts';

/**
 * The scenario one variant runs, as plain JSON: the base scenario with the fields the variant
 * replaces replaced (as `resolveVariants` does), without `variants`, named `<scenario>/<variant>`.
 * A scenario without variants is returned as it is.
 *
 * @example
 * ```ts
 * variantInput(dayNight, resolveVariants(dayNight, registry)[1]!); // the shared setup, allocator replaced
 * ```
 */
export function variantInput(input: unknown, variant: ResolvedVariant): Record<string, unknown> {
  const base = input as Record<string, unknown>;
  const variants = base['variants'] as Record<string, Record<string, unknown>> | undefined;
  if (variants === undefined) return base;
  const merged: Record<string, unknown> = { ...base, ...variants[variant.variant], name: variant.scenario.name };
  delete merged['variants'];
  return merged;
}

/**
 * A variant's scenario with a grid point's values set at their paths.
 *
 * @example
 * ```ts
 * withOverrides(shared, [[['master', 'allocationInterval'], '5s']]); // shared, with a 5 s allocation interval
 * ```
 */
export function withOverrides(
  input: Record<string, unknown>,
  overrides: readonly (readonly [readonly JsonPathSegment[], unknown])[],
): Record<string, unknown> {
  let out: unknown = input;
  for (const [path, value] of overrides) out = withValueAt(out, path, value);
  return out as Record<string, unknown>;
}
