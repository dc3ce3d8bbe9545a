/**
 * `clustersim/testing`: fast-check arbitraries and fairness properties, to test your own
 * allocator the way clustersim tests its own.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { callSequenceArbitrary, drfOrderViolation } from 'clustersim/testing';
 * import { createMesosAllocator } from 'clustersim/policies';
 * // Your allocator goes here; it must speak the standalone API (see ReplayableAllocator).
 * const mine = (setup: { allocationInterval: number; seed: number | string }) => createMesosAllocator(setup);
 * const sequences = callSequenceArbitrary({ maxRolesPerFramework: 1, refuseSeconds: [0, 2, 5] });
 * fc.assert(fc.property(sequences, (calls) => drfOrderViolation(calls, { allocator: mine }) === undefined), { seed: 42 });
 * ```
 * @module clustersim/testing
 */
export {
  AGENT_IDS,
  FRAMEWORK_IDS,
  ROLE_PATHS,
  agentArb,
  allocatorCallArbitrary,
  callSequenceArbitrary,
  fillingProblemArb,
  frameworkArb,
  resourcesArb,
  rolePathArb,
  roleWeightArb,
  weightedFillingProblemArb,
  type AgentSpec,
  type CallSequenceOptions,
  type FrameworkSpec,
} from './arbitraries.ts';
export {
  replayCalls,
  type AllocatorCall,
  type AppliedCall,
  type ReplayEvent,
  type ReplayOptions,
  type ReplayableAllocator,
} from './calls.ts';
export {
  drfOrderViolation,
  envyViolation,
  paretoViolation,
  progressiveFilling,
  sharingIncentiveViolation,
  strategyProofnessViolation,
  tasksThatFit,
  type DrfOrderOptions,
  type FillingPolicy,
  type FillingProblem,
  type FillingResult,
  type TaskAllocator,
  type TaskDemand,
} from './allocatorProperties.ts';
