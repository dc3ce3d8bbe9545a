import {
  addResources,
  fitsWithin,
  formatResources,
  isEmptyResources,
  resourceProblem,
  type Resources,
} from '../cluster/resources.ts';
import type { TaskLaunch } from '../plugins/framework.ts';

/**
 * Checks the task launches of one accept against the offer they use: well-formed ids, resources
 * and durations; no id reused among the framework's live tasks or within the accept; and the sum
 * fits in the offer. Returns the reason for rejecting the accept, or undefined when it is valid.
 *
 * @example
 * ```ts
 * launchProblem([{ taskId: 't1', resources: { cpus: 8 } }], { cpus: 4 }, () => false);
 * // "tasks need cpus:8 but the offer holds cpus:4"
 * ```
 */
export function launchProblem(
  launches: readonly TaskLaunch[],
  offered: Resources,
  isLiveTask: (taskId: string) => boolean,
): string | undefined {
  if (!Array.isArray(launches as unknown)) return 'launches must be an array of tasks';
  const ids = new Set<string>();
  let total: Resources = {};
  for (const [i, launch] of launches.entries()) {
    const where = `task ${i}`;
    if (typeof launch?.taskId !== 'string' || launch.taskId === '')
      return `${where}: taskId must be a non-empty string`;
    if (ids.has(launch.taskId) || isLiveTask(launch.taskId))
      return `${where}: task id "${launch.taskId}" is already in use`;
    ids.add(launch.taskId);
    if (typeof launch.resources !== 'object' || launch.resources === null)
      return `${where}: resources must be an object`;
    const problem = resourceProblem(launch.resources);
    if (problem !== undefined) return `${where}: ${problem}`;
    if (isEmptyResources(launch.resources)) return `${where}: a task needs some resources`;
    const duration = launch.durationSeconds;
    if (duration !== undefined && !(Number.isFinite(duration) && duration >= 0)) {
      return `${where}: durationSeconds must be a finite number ≥ 0 or absent, got ${String(duration)}`;
    }
    const startup = launch.startupSeconds;
    if (startup !== undefined && !(Number.isFinite(startup) && startup >= 0)) {
      return `${where}: startupSeconds must be a finite number ≥ 0 or absent, got ${String(startup)}`;
    }
    total = addResources(total, launch.resources);
  }
  if (!fitsWithin(total, offered))
    return `tasks need ${formatResources(total)} but the offer holds ${formatResources(offered)}`;
  return undefined;
}
