/**
 * Reusable allocation properties. Each returns a description of the first violation, or undefined,
 * so it drops into `fc.property`. The task-level fairness checks of the DRF paper are re-exported
 * from where they live; {@link drfOrderViolation} checks a whole allocator against a naive model.
 * @module
 */
import { createMesosAllocator } from '../policies/allocators/mesos/standalone.ts';
import { replayCalls, type AllocatorCall, type ReplayableAllocator, type ReplayEvent } from './calls.ts';
import { DrfReferenceModel } from './drfReferenceModel.ts';

export {
  envyViolation,
  paretoViolation,
  sharingIncentiveViolation,
  strategyProofnessViolation,
  tasksThatFit,
  type FillingProblem,
  type TaskAllocator,
} from '../policies/sorters/fairnessProperties.ts';
export {
  progressiveFilling,
  type FillingPolicy,
  type FillingResult,
  type TaskDemand,
} from '../policies/sorters/progressiveFilling.ts';

/**
 * Options of {@link drfOrderViolation}.
 *
 * @example
 * ```ts
 * import { createMesosAllocator } from '../policies/allocators/mesos/standalone.ts';
 * const options: DrfOrderOptions = { allocationInterval: 1, allocator: ({ allocationInterval, seed }) =>
 *   createMesosAllocator({ allocationInterval, seed, roleSorter: 'random' }) };
 * ```
 */
export interface DrfOrderOptions {
  /** Seconds between batch runs (default 1); the allocator under test must use the same. */
  readonly allocationInterval?: number;
  /** Seed of the allocator's agent shuffle (default 1). */
  readonly seed?: number | string;
  /**
   * Builds the allocator under test, fresh for each call of the property. Default: Mesos's
   * allocator with DRF role and framework sorters, no quota, default minimum allocatable size.
   */
  readonly allocator?: (setup: {
    readonly allocationInterval: number;
    readonly seed: number | string;
  }) => ReplayableAllocator;
}

/**
 * Replays `calls` through an allocator and checks every offer it makes against a naive model of
 * Mesos's hierarchical weighted DRF (no quota; default minimum allocatable size; no GPUs offered to
 * frameworks without the capability), which recomputes everything from scratch at each offer:
 *
 * - (a) the framework is eligible: registered, active, in that role and not suppressed there, the
 *   role may use something on the agent that meets the minimum allocatable size, and no decline
 *   filter of that (framework, role, agent) contains it. A filter lasts max(refuseSeconds,
 *   interval) from the `recoverResources` call, and in any case through the first batch run after
 *   it was made; deactivation clears the framework's filters, revive those of the revived roles.
 * - (b) within a run, the FIRST offer on an agent goes to the first role, in weighted DRF order at
 *   that moment, having an eligible framework, and to the first eligible framework of that role in
 *   DRF order. Siblings in the role tree are ordered by weighted dominant share of their subtree over
 *   the cluster total, then allocation count (offers received so far, never decremented), then path
 *   as UTF-8 bytes; a role with sub-roles competes as "<role>/." with weight 1. Offers count as
 *   allocated until recovered, including those made earlier in the same run. A later offer on the
 *   same agent must go to the next eligible (role, framework) in the role order fixed at that
 *   agent's first offer (the allocator sorts roles once per agent).
 * - (c) an offer holds everything the role may use on the agent (coarse-grained): its free
 *   unreserved resources plus free reservations of the role and its ancestors.
 * - Every agent's offers in a run are consecutive.
 *
 * Runs are told apart by cutting each advance at batch times (see `replayCalls`); offers come in
 * the order they were made. Offers missing (an eligible framework offered nothing) are not checked.
 * An exception from the allocator is reported as a violation, naming the call.
 *
 * @example
 * ```ts
 * drfOrderViolation([
 *   { kind: 'addAgent', agentId: 'a1', resources: { cpus: 4 } },
 *   { kind: 'addFramework', frameworkId: 'f2', roles: ['r'], active: true },
 *   { kind: 'addFramework', frameworkId: 'f10', roles: ['r'], active: true },
 *   { kind: 'advance', seconds: 0 },
 * ]); // undefined: "f10" sorts before "f2" and gets the agent
 * ```
 */
export function drfOrderViolation(calls: readonly AllocatorCall[], options: DrfOrderOptions = {}): string | undefined {
  const allocationInterval = options.allocationInterval ?? 1;
  const seed = options.seed ?? 1;
  const allocator =
    options.allocator?.({ allocationInterval, seed }) ??
    createMesosAllocator({ allocationInterval, seed, roleSorter: 'drf', frameworkSorter: 'drf' });
  const model = new DrfReferenceModel(allocationInterval);
  let log: ReplayEvent[];
  try {
    log = replayCalls(allocator, calls, { allocationInterval });
  } catch (error) {
    return `the allocator threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  for (const event of log) {
    if (event.kind === 'call') {
      model.apply(event.call, event.at);
      continue;
    }
    const violation = model.checkRun(event);
    if (violation !== undefined) return violation;
  }
  return undefined;
}
