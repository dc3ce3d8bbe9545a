import { CompareInputError } from '../errors.ts';
import { apportion } from './apportion.ts';

/**
 * A parsed JSON object of a scenario file, as scaling reads and rewrites it.
 *
 * @example
 * ```ts
 * const allocator: Json = { policy: 'static-partition', options: { partitions: [] } };
 * ```
 */
export type Json = Record<string, unknown>;

const MACHINE_FAILURES = new Set(['machine-crash', 'machine-reboot', 'drain', 'partition']);
const MACHINE_OPERATIONS = new Set(['reserve', 'unreserve']);

/**
 * The number of machines a scenario input's topology describes (the sum of its classes' counts).
 *
 * @example
 * ```ts
 * machineCount({ machines: [{ class: 'a', count: 3, resources: {} }, { class: 'b', count: 2, resources: {} }] }); // 5
 * ```
 */
export function machineCount(topology: unknown): number {
  const classes = ((topology as Json | undefined)?.['machines'] ?? []) as Json[];
  return classes.reduce((total, c) => total + Number(c['count'] ?? 0), 0);
}

/**
 * Scales a scenario's topology (as written) to `n` machines: every machine class's count in
 * proportion, by largest remainder (each class keeps ≥ 1 machine while `n` ≥ the number of
 * classes; below that, classes that get 0 are dropped). Racks are kept as they are.
 *
 * @example
 * ```ts
 * scaleTopology({ racks: 2, machines: [{ class: 'std', count: 20, resources: { cpus: 16 } }] }, 14).machines; // [{ class: 'std', count: 14, … }]
 * ```
 */
export function scaleTopology(topology: Json, n: number): Json {
  const classes = (topology['machines'] ?? []) as Json[];
  const counts = apportion(
    classes.map((c) => Number(c['count'])),
    n,
  );
  return {
    ...topology,
    machines: classes.map((c, i) => ({ ...c, count: counts[i] })).filter((c) => (c.count ?? 0) > 0),
  };
}

/**
 * Scales a `static-partition` allocator (as written) from `from` to `to` machines: its `count`
 * selectors in proportion to the cluster, by largest remainder together with the machines no count
 * takes (each count stays ≥ 1). Partitions by class or rack follow the scaled topology by
 * themselves. Partitions naming machine ids cannot be scaled: a {@link CompareInputError}.
 * Other allocators are returned unchanged.
 *
 * @example
 * ```ts
 * scaleAllocator({ policy: 'static-partition', options: { partitions: { a: { count: 10 }, b: { count: 10 } } } }, 20, 14);
 * // { policy: 'static-partition', options: { partitions: { a: { count: 7 }, b: { count: 7 } } } }
 * ```
 */
export function scaleAllocator(allocator: Json, from: number, to: number, where: string): Json {
  if (allocator['policy'] !== 'static-partition') return allocator;
  const options = (allocator['options'] ?? {}) as Json;
  const partitions = (options['partitions'] ?? {}) as Record<string, Json>;
  const owners = Object.keys(partitions);
  for (const owner of owners) {
    if ((partitions[owner]?.['machines'] as unknown[] | undefined)?.length) {
      throw new CompareInputError(
        `${where}: the partition of "${owner}" names machine ids, which cannot be scaled to another machine count; select by classes, racks or count instead`,
      );
    }
  }
  const counted = owners.filter((o) => typeof partitions[o]?.['count'] === 'number');
  const counts = counted.map((o) => partitions[o]?.['count'] as number);
  const rest = Math.max(0, from - counts.reduce((a, b) => a + b, 0));
  const scaled = apportion([...counts, rest], to);
  const next: Record<string, Json> = {};
  for (const owner of owners) {
    const index = counted.indexOf(owner);
    next[owner] =
      index < 0 ? (partitions[owner] as Json) : { ...partitions[owner], count: Math.max(1, scaled[index] as number) };
  }
  return { ...allocator, options: { ...options, partitions: next } };
}

/**
 * The scenario input (as written) with one setup scaled to `n` machines: for a scenario with
 * variants, a copy holding only `variant`, whose topology and allocator are the scaled versions of
 * what that variant runs with; without variants, the scenario with its own topology and allocator
 * scaled. Refuses (a {@link CompareInputError}) when failures or operations name machine ids.
 *
 * @example
 * ```ts
 * const input = scaleScenarioInput(dayNight, 'shared', 14);
 * resolveVariants(input, registry)[0]?.scenario.topology.machines.length; // 14
 * ```
 */
export function scaleScenarioInput(input: Json, variant: string | undefined, n: number): Json {
  const variants = input['variants'] as Record<string, Json> | undefined;
  const overrides = variant === undefined || variants === undefined ? {} : (variants[variant] ?? {});
  const where =
    variant === undefined || variants === undefined ? 'capacity search' : `capacity search of variant "${variant}"`;
  const effective = (field: string): unknown => (field in overrides ? overrides[field] : input[field]);
  for (const [i, failure] of ((effective('failures') ?? []) as Json[]).entries()) {
    if (MACHINE_FAILURES.has(String(failure['kind']))) {
      throw new CompareInputError(
        `${where}: failures[${i}] (${String(failure['kind'])}) names machine ids, which do not carry over to another machine count; use random failures or rack failures`,
      );
    }
  }
  for (const [i, operation] of ((effective('operations') ?? []) as Json[]).entries()) {
    if (MACHINE_OPERATIONS.has(String(operation['op']))) {
      throw new CompareInputError(
        `${where}: operations[${i}] (${String(operation['op'])}) names an agent, which does not carry over to another machine count`,
      );
    }
  }
  const topology = effective('topology') as Json;
  const from = machineCount(topology);
  const scaled = {
    topology: scaleTopology(topology, n),
    allocator: scaleAllocator(effective('allocator') as Json, from, n, where),
  };
  if (variants === undefined || variant === undefined) return { ...input, ...scaled };
  return { ...input, variants: { [variant]: { ...overrides, ...scaled } } };
}
