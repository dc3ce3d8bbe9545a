/**
 * The smallest n in [min, max] for which `meets(n)` holds, assuming it is monotone (once met at
 * some size, met at every larger size). Starts at `start`: if met there, bisects below it;
 * otherwise doubles until met (capped at `max`), then bisects between the last size that failed
 * and the first that met. Null when `max` does not meet. `meets` is called at most once per size
 * by this search; callers cache what a size costs.
 *
 * @example
 * ```ts
 * await smallestMeeting(20, 1, 320, (n) => n >= 14); // 14 (tries 20, 10, 15, 12, 13, 14)
 * ```
 */
export async function smallestMeeting(
  start: number,
  min: number,
  max: number,
  meets: (n: number) => boolean | Promise<boolean>,
): Promise<number | null> {
  if (max < min) return null;
  let hi = Math.min(Math.max(start, min), max);
  let lo = min - 1; // a size assumed to fail
  if (!(await meets(hi))) {
    lo = hi;
    for (;;) {
      if (hi >= max) return null;
      const next = Math.min(hi * 2, max);
      if (await meets(next)) {
        hi = next;
        break;
      }
      lo = next;
      hi = next;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await meets(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
