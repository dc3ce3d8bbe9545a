/**
 * A mistake in what a comparison was asked to do: an unknown variant, a bad seed list, an objective
 * that does not parse, a scenario the capacity search cannot scale. The CLI reports it in one line
 * and exits 2.
 *
 * @example
 * ```ts
 * throw new CompareInputError('unknown variant "shard"; variants: static, shared');
 * ```
 */
export class CompareInputError extends Error {
  override readonly name = 'CompareInputError';
}
