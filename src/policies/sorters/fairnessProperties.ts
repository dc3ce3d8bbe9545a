/**
 * Fairness properties of task allocators, after the DRF paper (Ghodsi et al., NSDI 2011, §3),
 * stated for indivisible tasks. Each check runs an allocator on a problem and returns a description
 * of the violation, or undefined when the property holds, so it drops into a fast-check property.
 *
 * With indivisible tasks the paper's envy-freeness, sharing incentive and strategy-proofness do not
 * hold exactly for progressive filling (a big task taken first can starve or be envied by a small
 * one), so envy-freeness and sharing incentive are checked in their "up to one task" forms, which
 * discrete DRF does guarantee (the proofs are in the test file); strategy-proofness is checked for
 * one given lie, and holds for DRF only for the lies the tests describe.
 * @module
 */
import {
  fitsWithin,
  formatResources,
  isEmptyResources,
  normalizeResources,
  scaleResources,
  subtractClamped,
  subtractResources,
  sumResources,
} from '../../core/cluster/resources.ts';
import type { Resources } from '../../core/cluster/resources.ts';
import type { TaskDemand } from './progressiveFilling.ts';

/**
 * A cluster and its users' demands.
 *
 * @example
 * ```ts
 * const p: FillingProblem = { capacity: { cpus: 9, mem: 18 }, demands: [{ id: 'A', perTask: { cpus: 1 } }] };
 * ```
 */
export interface FillingProblem {
  readonly capacity: Resources;
  readonly demands: readonly TaskDemand[];
}

/**
 * Any allocator that decides how many tasks each user runs.
 *
 * @example
 * ```ts
 * const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');
 * ```
 */
export type TaskAllocator = (problem: FillingProblem) => { readonly tasks: Readonly<Record<string, number>> };

/**
 * How many tasks of `perTask` fit in `within` (Infinity for an empty task).
 *
 * @example
 * ```ts
 * tasksThatFit({ cpus: 1, mem: 4 }, { cpus: 6, mem: 2 }); // 0
 * tasksThatFit({ cpus: 3 }, { cpus: 9.5, mem: 1 });       // 3
 * ```
 */
export function tasksThatFit(perTask: Resources, within: Resources): number {
  const need = normalizeResources(perTask);
  if (isEmptyResources(need)) return Infinity;
  let k = Infinity;
  for (const name in need) k = Math.min(k, Math.floor((within[name] ?? 0) / (need[name] ?? 1)));
  // Division only estimates under fixed-point rounding; fitsWithin settles it.
  k = Math.max(0, k);
  while (k > 0 && !fitsWithin(scaleResources(need, k), within)) k--;
  while (fitsWithin(scaleResources(need, k + 1), within)) k++;
  return k;
}

function runChecked(allocator: TaskAllocator, problem: FillingProblem): Map<string, number> {
  const { tasks } = allocator(problem);
  const out = new Map<string, number>();
  for (const d of problem.demands) {
    const n = tasks[d.id] ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > (d.maxTasks ?? Infinity)) {
      throw new RangeError(`allocator gave "${d.id}" ${n} tasks; expected an integer in [0, ${d.maxTasks ?? '∞'}]`);
    }
    out.set(d.id, n);
  }
  return out;
}

function requireEqualWeights(problem: FillingProblem, property: string): void {
  const weighted = problem.demands.find((d) => d.weight !== undefined && d.weight !== 1);
  if (weighted !== undefined)
    throw new RangeError(`${property} is stated for equal weights; "${weighted.id}" has weight ${weighted.weight}`);
}

function usefulTasks(demand: TaskDemand, held: Resources): number {
  return Math.min(demand.maxTasks ?? Infinity, tasksThatFit(demand.perTask, held));
}

/**
 * Pareto efficiency for tasks: the allocation fits the capacity, and no user below its `maxTasks`
 * could get one more task from what is left.
 *
 * @example
 * ```ts
 * const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');
 * paretoViolation(drf, { capacity: { cpus: 4 }, demands: [{ id: 'x', perTask: { cpus: 1 } }] }); // undefined
 * ```
 */
export function paretoViolation(allocator: TaskAllocator, problem: FillingProblem): string | undefined {
  const tasks = runChecked(allocator, problem);
  const used = sumResources(problem.demands.map((d) => scaleResources(d.perTask, tasks.get(d.id) ?? 0)));
  if (!fitsWithin(used, problem.capacity)) {
    return `allocation ${formatResources(used)} exceeds capacity ${formatResources(problem.capacity)}`;
  }
  const free = subtractResources(problem.capacity, used);
  for (const d of problem.demands) {
    const n = tasks.get(d.id) ?? 0;
    if (n < (d.maxTasks ?? Infinity) && fitsWithin(d.perTask, free)) {
      return `"${d.id}" has ${n} tasks but one more (${formatResources(d.perTask)}) fits in the free ${formatResources(free)}`;
    }
  }
  return undefined;
}

/**
 * Envy-freeness up to one task (equal weights): no user i could run more of its own tasks than it
 * got with another user j's allocation minus one of j's tasks.
 *
 * @example
 * ```ts
 * const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');
 * envyViolation(drf, { capacity: { cpus: 10 }, demands: [
 *   { id: 'a', perTask: { cpus: 6 } }, { id: 'b', perTask: { cpus: 1 } }] }); // undefined
 * ```
 */
export function envyViolation(allocator: TaskAllocator, problem: FillingProblem): string | undefined {
  requireEqualWeights(problem, 'envy-freeness');
  const tasks = runChecked(allocator, problem);
  for (const i of problem.demands) {
    for (const j of problem.demands) {
      const nj = tasks.get(j.id) ?? 0;
      if (i === j || nj === 0) continue;
      const could = usefulTasks(i, scaleResources(j.perTask, nj - 1));
      const got = tasks.get(i.id) ?? 0;
      if (could > got)
        return `"${i.id}" got ${got} tasks but could run ${could} with "${j.id}"'s allocation minus one task`;
    }
  }
  return undefined;
}

/**
 * Sharing incentive up to one task of every other user (equal weights): with n users, each user i
 * gets at least the tasks that fit in ρ·capacity/n, where ρ is the smallest fraction, over the
 * resources i uses, left after setting aside one task of every other user (ρ = 1 when the others'
 * tasks are negligible, giving the paper's "at least 1/n of every resource").
 *
 * @example
 * ```ts
 * const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');
 * sharingIncentiveViolation(drf, { capacity: { cpus: 100 }, demands: [
 *   { id: 'i', perTask: { cpus: 15 } }, { id: 'j', perTask: { cpus: 29 } }] }); // undefined
 * ```
 */
export function sharingIncentiveViolation(allocator: TaskAllocator, problem: FillingProblem): string | undefined {
  requireEqualWeights(problem, 'sharing incentive');
  const tasks = runChecked(allocator, problem);
  const n = problem.demands.length;
  for (const i of problem.demands) {
    const others = sumResources(problem.demands.filter((k) => k !== i).map((k) => k.perTask));
    const left = subtractClamped(problem.capacity, others);
    const need = normalizeResources(i.perTask);
    let rho = 1;
    for (const r in need) {
      const capacity = problem.capacity[r] ?? 0;
      if (capacity > 0) rho = Math.min(rho, (left[r] ?? 0) / capacity);
    }
    let guaranteed = i.maxTasks ?? Infinity;
    for (const r in need) {
      // Rounds down, so a floating-point error can only weaken the bound, never strengthen it.
      guaranteed = Math.min(guaranteed, Math.floor((rho * (problem.capacity[r] ?? 0)) / (n * (need[r] ?? 1))));
    }
    const got = tasks.get(i.id) ?? 0;
    if (got < guaranteed)
      return `"${i.id}" got ${got} tasks, fewer than the ${guaranteed} of its guaranteed share (ρ = ${rho})`;
  }
  return undefined;
}

/**
 * Strategy-proofness against one lie: user `liarId` declaring `declared` instead of its true task
 * must not end up holding more true tasks' worth of resources (capped by its `maxTasks`) than it
 * gets by telling the truth.
 *
 * @example
 * ```ts
 * const drf: TaskAllocator = (p) => progressiveFilling(p.capacity, p.demands, 'drf');
 * strategyProofnessViolation(drf, { capacity: { cpus: 10 }, demands: [
 *   { id: 'a', perTask: { cpus: 1 } }, { id: 'b', perTask: { cpus: 6 } }] }, 'a', { cpus: 5 });
 * // '"a" gets 4 tasks truthfully but 10 useful tasks by declaring cpus:5'
 * ```
 */
export function strategyProofnessViolation(
  allocator: TaskAllocator,
  problem: FillingProblem,
  liarId: string,
  declared: Resources,
): string | undefined {
  const liar = problem.demands.find((d) => d.id === liarId);
  if (liar === undefined) throw new Error(`unknown user "${liarId}"`);
  const truthful = runChecked(allocator, problem).get(liarId) ?? 0;
  const lying = { ...problem, demands: problem.demands.map((d) => (d === liar ? { ...d, perTask: declared } : d)) };
  const useful = usefulTasks(liar, scaleResources(declared, runChecked(allocator, lying).get(liarId) ?? 0));
  if (useful <= truthful) return undefined;
  return `"${liarId}" gets ${truthful} tasks truthfully but ${useful} useful tasks by declaring ${formatResources(declared)}`;
}
