/**
 * Progressive filling with indivisible tasks (the DRF paper's Algorithm 1, continued past the first
 * user that no longer fits), driven by a real sorter so that it exercises the sorter's ordering.
 * @module
 */
import {
  NO_RESOURCES,
  fitsWithin,
  isEmptyResources,
  normalizeResources,
  resourceProblem,
  subtractResources,
} from '../../core/cluster/resources.ts';
import type { Resources } from '../../core/cluster/resources.ts';
import type { Sorter } from '../../core/plugins/sorter.ts';
import { createAssetFairnessSorter } from './assetSorter.ts';
import { createDrfSorter } from './drfSorter.ts';

/**
 * One user's demand: identical tasks of `perTask` resources, at most `maxTasks` of them.
 *
 * @example
 * ```ts
 * const a: TaskDemand = { id: 'A', perTask: { cpus: 1, mem: 4 } };
 * ```
 */
export interface TaskDemand {
  /** User id; a flat sorter path (no "/"). */
  readonly id: string;
  readonly perTask: Resources;
  /** Weight (default 1): the sorter divides the user's share by it. */
  readonly weight?: number;
  /** Cap on the number of tasks (default unbounded; required when `perTask` is empty). */
  readonly maxTasks?: number;
}

/**
 * The share policy that picks the next user.
 *
 * @example
 * ```ts
 * const policy: FillingPolicy = 'drf';
 * ```
 */
export type FillingPolicy = 'drf' | 'asset';

/**
 * Outcome of {@link progressiveFilling}, keyed by user id.
 *
 * @example
 * ```ts
 * const r: FillingResult = progressiveFilling({ cpus: 2 }, [{ id: 'x', perTask: { cpus: 1 } }], 'drf');
 * r.tasks.x; // 2
 * ```
 */
export interface FillingResult {
  /** Tasks given to each user. */
  readonly tasks: Readonly<Record<string, number>>;
  /** Resources held by each user (tasks × perTask). */
  readonly allocation: Readonly<Record<string, Resources>>;
  /** Final weighted share of each user, as the sorter computes it. */
  readonly shares: Readonly<Record<string, number>>;
}

/** The single agent holding the whole capacity. */
const POOL = 'capacity';

function checkDemands(demands: readonly TaskDemand[]): void {
  const seen = new Set<string>();
  demands.forEach((d, i) => {
    const where = `demands[${i}] (${JSON.stringify(d.id)})`;
    if (d.id.length === 0 || d.id.includes('/') || d.id === '.') {
      throw new Error(`${where}: id must be a non-empty name without "/" and not "."`);
    }
    if (seen.has(d.id)) throw new Error(`${where}: duplicate id`);
    seen.add(d.id);
    const problem = resourceProblem(d.perTask);
    if (problem !== undefined) throw new RangeError(`${where}.perTask: ${problem}`);
    if (d.maxTasks !== undefined && !(Number.isSafeInteger(d.maxTasks) && d.maxTasks >= 0)) {
      throw new RangeError(`${where}.maxTasks must be an integer ≥ 0, got ${d.maxTasks}`);
    }
    if (isEmptyResources(d.perTask) && d.maxTasks === undefined) {
      throw new RangeError(`${where}: an empty perTask needs maxTasks, or filling never ends`);
    }
  });
}

/**
 * Repeatedly gives one task to the active user with the lowest weighted share (DRF: dominant share;
 * asset: sum of shares; ties by allocation count, then id bytes) whose next task still fits, until
 * no user's next task fits or every user has reached `maxTasks`. A user whose next task does not
 * fit is dropped for good, since free resources only shrink.
 *
 * @example
 * ```ts
 * // The DRF paper's example: 9 CPUs, 18 GB; A runs <1 CPU, 4 GB> tasks, B <3 CPUs, 1 GB>.
 * const r = progressiveFilling({ cpus: 9, mem: 18 }, [
 *   { id: 'A', perTask: { cpus: 1, mem: 4 } },
 *   { id: 'B', perTask: { cpus: 3, mem: 1 } },
 * ], 'drf');
 * r.tasks;  // { A: 3, B: 2 }
 * r.shares; // { A: 2/3, B: 2/3 }
 * ```
 */
export function progressiveFilling(
  capacity: Resources,
  demands: readonly TaskDemand[],
  sorter: FillingPolicy,
): FillingResult {
  checkDemands(demands);
  const users: Sorter = sorter === 'drf' ? createDrfSorter() : createAssetFairnessSorter();
  users.addAgent(POOL, capacity);
  const byId = new Map<string, TaskDemand>();
  const tasks = new Map<string, number>();
  for (const d of demands) {
    byId.set(d.id, { ...d, perTask: normalizeResources(d.perTask) });
    tasks.set(d.id, 0);
    users.add(d.id);
    if (d.weight !== undefined) users.updateWeight(d.id, d.weight);
    if (d.maxTasks !== 0) users.activate(d.id);
  }
  let free = normalizeResources(capacity);
  for (let next = users.sort()[0]; next !== undefined; next = users.sort()[0]) {
    const demand = byId.get(next);
    if (demand === undefined) throw new Error(`sorter returned unknown user "${next}"`);
    if (!fitsWithin(demand.perTask, free)) {
      users.deactivate(next);
      continue;
    }
    users.allocated(next, POOL, demand.perTask);
    free = subtractResources(free, demand.perTask);
    const count = (tasks.get(next) ?? 0) + 1;
    tasks.set(next, count);
    if (count === demand.maxTasks) users.deactivate(next);
  }
  const ids = demands.map((d) => d.id);
  return {
    tasks: Object.fromEntries(ids.map((id) => [id, tasks.get(id) ?? 0])),
    allocation: Object.fromEntries(ids.map((id) => [id, users.allocation(id).get(POOL) ?? NO_RESOURCES])),
    shares: Object.fromEntries(ids.map((id) => [id, users.share(id)])),
  };
}
