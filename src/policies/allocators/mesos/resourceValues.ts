/**
 * Mesos's non-scalar resource values, with union, difference, containment and printing:
 * - ranges (`ports:[31000-32000]`): per name, integer intervals, always normalized (sorted,
 *   disjoint, not adjacent: `[1-2],[3-4]` is `[1-4]`), so equal sets have equal values;
 * - sets (`zones:{a,b}`): per name, distinct items, always sorted;
 * - both together ({@link NonScalarResources}), as an agent or an offer carries them beside its
 *   scalar amounts (`Resources`, in `core/cluster/resources.ts`); {@link formatMesosResources}
 *   prints the whole of it as Mesos writes resources.
 * @module
 */
import type { Resources } from '../../../core/cluster/resources.ts';
import { displayValueName } from './reservedValues.ts';

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
          `${where}: ${displayValueName(name)} has the interval ${JSON.stringify(interval)}; an interval is [begin, end] of integers ≥ 0 with begin ≤ end`,
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
  return isEmptyNonScalar(ranges);
}

/**
 * True when there is no interval and no set item at all.
 *
 * @example
 * ```ts
 * isEmptyNonScalar({ zones: [] }); // true
 * ```
 */
export function isEmptyNonScalar(values: NonScalarResources): boolean {
  for (const name in values) if ((values[name]?.length ?? 0) > 0) return false;
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
    .map(([name, intervals]) => `${displayValueName(name)}:[${intervals.map(([b, e]) => `${b}-${e}`).join(',')}]`)
    .join(';');
}

/**
 * Set resources: name → items (e.g. `{ zones: ['a', 'b'] }`, Mesos's `zones:{a,b}`).
 *
 * @example
 * ```ts
 * const zones: SetResources = { zones: ['a', 'b'] };
 * ```
 */
export type SetResources = Readonly<Record<string, readonly string[]>>;

/**
 * Non-scalar resources: per name, either ranges (intervals) or a set (items). A name is one or the
 * other, never both.
 *
 * @example
 * ```ts
 * const values: NonScalarResources = { ports: [[31000, 32000]], zones: ['a', 'b'] };
 * ```
 */
export type NonScalarResources = Readonly<Record<string, readonly Interval[] | readonly string[]>>;

function isItems(value: readonly Interval[] | readonly string[]): value is readonly string[] {
  return typeof value[0] === 'string';
}

const sortedItems = (items: Iterable<string>): string[] => [...new Set(items)].sort();

/**
 * Checks and normalizes set resources (items sorted, duplicates dropped, empty sets dropped);
 * throws a RangeError naming `where` for an item that is not a non-empty string.
 *
 * @example
 * ```ts
 * normalizeSets({ zones: ['b', 'a', 'b'] }, 'sets of agent "a1"'); // { zones: ['a', 'b'] }
 * ```
 */
export function normalizeSets(sets: SetResources, where: string): SetResources {
  const out: Record<string, readonly string[]> = {};
  for (const [name, items] of Object.entries(sets)) {
    for (const item of items)
      if (typeof item !== 'string' || item === '')
        throw new RangeError(
          `${where}: ${displayValueName(name)} has the item ${JSON.stringify(item)}; a set item is a non-empty string`,
        );
    if (items.length > 0) out[name] = sortedItems(items);
  }
  return out;
}

/**
 * Union of two sets of set resources.
 *
 * @example
 * ```ts
 * addSets({ zones: ['a'] }, { zones: ['b'] }); // { zones: ['a', 'b'] }
 * ```
 */
export function addSets(a: SetResources, b: SetResources): SetResources {
  const out: Record<string, readonly string[]> = { ...a };
  for (const [name, items] of Object.entries(b)) out[name] = sortedItems([...(out[name] ?? []), ...items]);
  return out;
}

/**
 * What is left of `a` once the items of `b` are taken (they need not be in `a`).
 *
 * @example
 * ```ts
 * subtractSets({ zones: ['a', 'b'] }, { zones: ['a'] }); // { zones: ['b'] }
 * ```
 */
export function subtractSets(a: SetResources, b: SetResources): SetResources {
  const out: Record<string, readonly string[]> = {};
  for (const [name, items] of Object.entries(a)) {
    const taken = new Set(b[name] ?? []);
    const left = items.filter((item) => !taken.has(item));
    if (left.length > 0) out[name] = left;
  }
  return out;
}

/**
 * True when every item of `inner` is in `outer` (Mesos's `Resources::contains` for sets).
 *
 * @example
 * ```ts
 * containsSets({ zones: ['a', 'b'] }, { zones: ['b'] }); // true
 * containsSets({ zones: ['a'] }, { zones: ['a', 'c'] }); // false
 * ```
 */
export function containsSets(outer: SetResources, inner: SetResources): boolean {
  for (const [name, items] of Object.entries(inner)) {
    const have = new Set(outer[name] ?? []);
    if (!items.every((item) => have.has(item))) return false;
  }
  return true;
}

/**
 * Mesos's text form of sets: `zones:{a,b}`, names separated by `;`.
 *
 * @example
 * ```ts
 * formatSets({ zones: ['a', 'b'] }); // 'zones:{a,b}'
 * ```
 */
export function formatSets(sets: SetResources): string {
  return Object.entries(sets)
    .map(([name, items]) => `${displayValueName(name)}:{${items.join(',')}}`)
    .join(';');
}

/** Splits non-scalar resources into their ranges and their sets. */
function split(values: NonScalarResources): {
  ranges: Record<string, readonly Interval[]>;
  sets: Record<string, readonly string[]>;
} {
  const ranges: Record<string, readonly Interval[]> = {};
  const sets: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (isItems(value)) sets[name] = value;
    else ranges[name] = value;
  }
  return { ranges, sets };
}

/**
 * The range part of non-scalar resources.
 *
 * @example
 * ```ts
 * rangesOf({ ports: [[1, 2]], zones: ['a'] }); // { ports: [[1, 2]] }
 * ```
 */
export function rangesOf(values: NonScalarResources): RangeResources {
  return split(values).ranges;
}

/**
 * The set part of non-scalar resources.
 *
 * @example
 * ```ts
 * setsOf({ ports: [[1, 2]], zones: ['a'] }); // { zones: ['a'] }
 * ```
 */
export function setsOf(values: NonScalarResources): SetResources {
  return split(values).sets;
}

/**
 * Checks ranges and sets and puts them together; throws a RangeError naming `where` for a name
 * that is both a range and a set, or for a bad interval or item.
 *
 * @example
 * ```ts
 * nonScalarResources({ ports: [[1, 2]] }, { zones: ['a'] }, 'addAgent'); // { ports: [[1, 2]], zones: ['a'] }
 * ```
 */
export function nonScalarResources(
  ranges: RangeResources | undefined,
  sets: SetResources | undefined,
  where: string,
): NonScalarResources {
  const r = ranges === undefined ? NO_RANGES : normalizeRanges(ranges, `${where}: ranges`);
  const s = sets === undefined ? {} : normalizeSets(sets, `${where}: sets`);
  for (const name in s)
    if (name in r)
      throw new RangeError(`${where}: "${name}" is given both as ranges and as a set; a name is one or the other`);
  return Object.keys(s).length === 0 ? r : { ...r, ...s };
}

/**
 * Checks and normalizes non-scalar resources (ranges and sets together); throws a RangeError naming
 * `where` for a bad interval or item.
 *
 * @example
 * ```ts
 * normalizeNonScalar({ ports: [[3, 4], [1, 2]], zones: ['b', 'a'] }, 'addAgent'); // { ports: [[1, 4]], zones: ['a', 'b'] }
 * ```
 */
export function normalizeNonScalar(values: NonScalarResources, where: string): NonScalarResources {
  const { ranges, sets } = split(values);
  return { ...normalizeRanges(ranges, where), ...normalizeSets(sets, where) };
}

/**
 * Union of non-scalar resources, name by name (ranges with ranges, sets with sets).
 *
 * @example
 * ```ts
 * addNonScalar({ ports: [[1, 5]] }, { ports: [[6, 9]], zones: ['a'] }); // { ports: [[1, 9]], zones: ['a'] }
 * ```
 */
export function addNonScalar(a: NonScalarResources, b: NonScalarResources): NonScalarResources {
  if (isEmptyNonScalar(b)) return a;
  const x = split(a);
  const y = split(b);
  return { ...addRanges(x.ranges, y.ranges), ...addSets(x.sets, y.sets) };
}

/**
 * What is left of `a` once `b` is taken, name by name.
 *
 * @example
 * ```ts
 * subtractNonScalar({ ports: [[1, 9]], zones: ['a', 'b'] }, { ports: [[3, 4]], zones: ['a'] });
 * // { ports: [[1, 2], [5, 9]], zones: ['b'] }
 * ```
 */
export function subtractNonScalar(a: NonScalarResources, b: NonScalarResources): NonScalarResources {
  if (isEmptyNonScalar(a) || isEmptyNonScalar(b)) return a;
  const x = split(a);
  const y = split(b);
  return { ...subtractRanges(x.ranges, y.ranges), ...subtractSets(x.sets, y.sets) };
}

/**
 * True when `inner` lies within `outer`, name by name (Mesos's `Resources::contains`).
 *
 * @example
 * ```ts
 * containsNonScalar({ ports: [[1, 9]], zones: ['a', 'b'] }, { zones: ['b'] }); // true
 * ```
 */
export function containsNonScalar(outer: NonScalarResources, inner: NonScalarResources): boolean {
  if (isEmptyNonScalar(inner)) return true;
  const x = split(outer);
  const y = split(inner);
  return containsRanges(x.ranges, y.ranges) && containsSets(x.sets, y.sets);
}

/**
 * Mesos's text form of resources: scalars (`cpus:2`), reserved scalars with their reservation
 * (`cpus(role1):1`, a refined reservation naming its last role), ranges (`ports:[31000-32000]`) and
 * sets (`zones:{a,b}`), separated by `;`.
 *
 * @example
 * ```ts
 * formatMesosResources({ resources: { cpus: 3 }, reserved: { role1: { cpus: 1 } }, values: { zones: ['a', 'b'] } });
 * // 'cpus:2;cpus(role1):1;zones:{a,b}'
 * ```
 */
export function formatMesosResources(all: {
  readonly resources: Resources;
  readonly reserved?: Readonly<Record<string, Resources>>;
  readonly values?: NonScalarResources;
}): string {
  const unreserved: Record<string, number> = { ...all.resources };
  const parts: string[] = [];
  for (const [role, amounts] of Object.entries(all.reserved ?? {}))
    for (const [name, amount] of Object.entries(amounts)) {
      unreserved[name] = (unreserved[name] ?? 0) - amount;
      parts.push(`${name}(${role}):${amount}`);
    }
  const scalars = Object.keys(unreserved)
    .filter((name) => (unreserved[name] ?? 0) > 1e-9)
    .sort()
    .map((name) => `${name}:${unreserved[name]}`);
  const { ranges, sets } = split(all.values ?? NO_RANGES);
  return [...scalars, ...parts, formatRanges(ranges), formatSets(sets)].filter((part) => part !== '').join(';');
}

/**
 * A disk with a source, as Mesos's `DiskInfo.Source`: a `PATH` disk is divisible (an offer may
 * carry part of it, like plain `disk`); a `MOUNT` disk is indivisible: offered and allocated whole,
 * never chopped to fit a quota guarantee, a quota limit or the headroom. Its `size` is part of the
 * agent's `disk` amount, as reserved amounts are part of `resources`.
 *
 * @example
 * ```ts
 * const mount: DiskResource = { id: 'disk1', size: 100, source: 'MOUNT' };
 * allocator.addAgent('agent1', { resources: { cpus: 1, disk: 100 }, disks: [mount] });
 * ```
 */
export interface DiskResource {
  readonly id: string;
  readonly size: number;
  readonly source: 'PATH' | 'MOUNT';
  /** The role it is reserved to (its size is then part of that role's reserved `disk`); unreserved when absent. */
  readonly role?: string;
}

/**
 * An indivisible amount of disk (a MOUNT disk) in the allocator's books: its id and size.
 *
 * @example
 * ```ts
 * const whole: WholeDisk = { id: 'disk1', size: 100 };
 * ```
 */
export interface WholeDisk {
  readonly id: string;
  readonly size: number;
}

/**
 * The empty list of whole disks.
 *
 * @example
 * ```ts
 * NO_WHOLE_DISKS.length; // 0
 * ```
 */
export const NO_WHOLE_DISKS: readonly WholeDisk[] = Object.freeze([]);

/**
 * Checks disks with a source and keeps the MOUNT ones (PATH disks are divisible: plain `disk`);
 * throws a RangeError naming `where` for a bad size or source, a repeated id, or MOUNT disks larger
 * than the `disk` amount they are part of.
 *
 * @example
 * ```ts
 * wholeDisks([{ id: 'd1', size: 100, source: 'MOUNT' }], 150, 'addAgent: agent "a1"'); // [{ id: 'd1', size: 100 }]
 * ```
 */
export function wholeDisks(disks: readonly DiskResource[], diskAmount: number, where: string): readonly WholeDisk[] {
  const out: WholeDisk[] = [];
  const ids = new Set<string>();
  let sum = 0;
  for (const [i, disk] of disks.entries()) {
    if (typeof disk.id !== 'string' || disk.id === '' || ids.has(disk.id))
      throw new RangeError(`${where}: disks[${i}] needs an id of its own, got ${JSON.stringify(disk.id)}`);
    ids.add(disk.id);
    if (!(Number.isFinite(disk.size) && disk.size > 0))
      throw new RangeError(`${where}: disks[${i}] ("${disk.id}") has size ${disk.size}; a size is a finite amount > 0`);
    if (disk.source !== 'PATH' && disk.source !== 'MOUNT')
      throw new RangeError(
        `${where}: disks[${i}] ("${disk.id}") has source ${JSON.stringify(disk.source)}; a source is "PATH" or "MOUNT"`,
      );
    sum += disk.size;
    if (disk.source === 'MOUNT') out.push({ id: disk.id, size: disk.size });
  }
  if (sum > diskAmount + 1e-9)
    throw new RangeError(
      `${where}: the disks add up to ${sum}, more than the agent's disk:${diskAmount}; they are part of it`,
    );
  return out;
}
