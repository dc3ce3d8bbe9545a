/**
 * Splits `total` whole units in proportion to `weights` by the largest-remainder method: each part
 * gets the floor of its quota, then the parts with the largest remainders get one more (ties go to
 * the earlier part). When `total` ≥ the number of positive weights, every part with a positive
 * weight gets at least 1, taken from the part most above its quota (ties: the earlier).
 *
 * @example
 * ```ts
 * apportion([10, 10], 15); // [8, 7]
 * apportion([18, 1, 1], 4); // [2, 1, 1]
 * ```
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (w * total) / sum);
  const parts = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, remainder: q - (parts[i] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  const positive = weights.filter((w) => w > 0).length;
  if (total >= positive) {
    weights.forEach((w, i) => {
      if (w <= 0 || (parts[i] as number) > 0) return;
      // The donor is the part most above its quota, so every part stays close to its quota.
      let donor = -1;
      parts.forEach((p, j) => {
        if (p > 1 && (donor < 0 || p - (quotas[j] as number) > (parts[donor] as number) - (quotas[donor] as number)))
          donor = j;
      });
      if (donor < 0) return;
      parts[donor] = (parts[donor] as number) - 1;
      parts[i] = 1;
    });
  }
  return parts;
}
