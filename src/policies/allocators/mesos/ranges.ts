/**
 * Range resources as Mesos has them (`ports:[31000-32000]`): per name, a set of integer intervals,
 * with union, difference, containment and printing. A value is always normalized: intervals sorted,
 * disjoint and not adjacent (`[1-2],[3-4]` is `[1-4]`), so equal sets have equal values.
 * @module
 */

/**
 * One inclusive integer interval, `[begin, end]`.
 *
 * @example
 * ```ts
 * const ports: Interval = [31000, 32000];
 * ```
 */
export type Interval = readonly [number, number];

/**
 * Range resources: name → intervals (e.g. `{ ports: [[31000, 32000]] }`).
 *
 * @example
 * ```ts
 * const free: RangeResources = { ports: [[31000, 31099], [31200, 32000]] };
 * ```
 */
export type RangeResources = Readonly<Record<string, readonly Interval[]>>;

/**
 * The empty set of range resources.
 *
 * @example
 * ```ts
 * isEmptyRanges(NO_RANGES); // true
 * ```
 */
export const NO_RANGES: RangeResources = Object.freeze({});

function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [begin, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && begin <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([begin, end]);
  }
  return out;
}

/**
 * Checks and normalizes range resources; throws a RangeError naming `where` for an interval that is
 * not a pair of integers with begin ≤ end.
 *
 * @example
 * ```ts
 * normalizeRanges({ ports: [[3, 4], [1, 2]] }, 'ranges of agent "a1"'); // { ports: [[1, 4]] }
 * ```
 */
export function normalizeRanges(ranges: RangeResources, where: string): RangeResources {
  const out: Record<string, Interval[]> = {};
  for (const [name, intervals] of Object.entries(ranges)) {
    for (const interval of intervals) {
      const [begin, end] = interval;
      if (!Number.isInteger(begin) || !Number.isInteger(end) || begin > end || begin < 0)
        throw new RangeError(
          `${where}: ${name} has the interval ${JSON.stringify(interval)}; an interval is [begin, end] of integers ≥ 0 with begin ≤ end`,
        );
    }
    const normalized = normalizeIntervals(intervals);
    if (normalized.length > 0) out[name] = normalized;
  }
  return out;
}

/**
 * Union of two sets of range resources.
 *
 * @example
 * ```ts
 * addRanges({ ports: [[1, 5]] }, { ports: [[6, 9]] }); // { ports: [[1, 9]] }
 * ```
 */
export function addRanges(a: RangeResources, b: RangeResources): RangeResources {
  const out: Record<string, readonly Interval[]> = { ...a };
  for (const [name, intervals] of Object.entries(b))
    out[name] = normalizeIntervals([...(out[name] ?? []), ...intervals]);
  return out;
}

function subtractIntervals(from: readonly Interval[], taken: readonly Interval[]): Interval[] {
  let out: Interval[] = [...from];
  for (const [tb, te] of taken) {
    const next: Interval[] = [];
    for (const [b, e] of out) {
      if (te < b || tb > e) next.push([b, e]);
      else {
        if (b < tb) next.push([b, tb - 1]);
        if (te < e) next.push([te + 1, e]);
      }
    }
    out = next;
  }
  return out;
}

/**
 * What is left of `a` once `b` is taken (`b` need not be contained in `a`).
 *
 * @example
 * ```ts
 * subtractRanges({ ports: [[1, 9]] }, { ports: [[3, 4]] }); // { ports: [[1, 2], [5, 9]] }
 * ```
 */
export function subtractRanges(a: RangeResources, b: RangeResources): RangeResources {
  const out: Record<string, readonly Interval[]> = {};
  for (const [name, intervals] of Object.entries(a)) {
    const left = subtractIntervals(intervals, b[name] ?? []);
    if (left.length > 0) out[name] = left;
  }
  return out;
}

/**
 * True when every interval of `inner` lies within `outer` (Mesos's `Resources::contains` for ranges).
 *
 * @example
 * ```ts
 * containsRanges({ ports: [[1, 9]] }, { ports: [[3, 4]] }); // true
 * containsRanges({ ports: [[1, 9]] }, { ports: [[8, 10]] }); // false
 * ```
 */
export function containsRanges(outer: RangeResources, inner: RangeResources): boolean {
  for (const [name, intervals] of Object.entries(inner))
    if (subtractIntervals(intervals, outer[name] ?? []).length > 0) return false;
  return true;
}

/**
 * True when there is no interval at all.
 *
 * @example
 * ```ts
 * isEmptyRanges({}); // true
 * ```
 */
export function isEmptyRanges(ranges: RangeResources): boolean {
  for (const name in ranges) if ((ranges[name]?.length ?? 0) > 0) return false;
  return true;
}

/**
 * Mesos's text form: `ports:[31000-31099,31200-32000]`, names separated by `;`.
 *
 * @example
 * ```ts
 * formatRanges({ ports: [[31000, 31099], [31200, 32000]] }); // 'ports:[31000-31099,31200-32000]'
 * ```
 */
export function formatRanges(ranges: RangeResources): string {
  return Object.entries(ranges)
    .map(([name, intervals]) => `${name}:[${intervals.map(([b, e]) => `${b}-${e}`).join(',')}]`)
    .join(';');
}
