/**
 * clustersim: a deterministic discrete-event simulator of shared clusters.
 *
 * This entry point holds what a user of the simulator needs: running a scenario (`runSimulation`)
 * and comparing its setups (`compare`), the scenario format, the plugin registry and interfaces
 * with the resource and time helpers plugins are written with, and the report types. The other
 * entry points: `clustersim/policies` (allocators, sorters, frameworks), `clustersim/workloads`
 * (generators, trace readers), `clustersim/metrics` (observers), `clustersim/compare`
 * (statistics, capacity search), `clustersim/viz` (charts, HTML, CSV), `clustersim/testing`
 * (fast-check arbitraries and fairness properties), `clustersim/kernel` (event queue, loop, log,
 * random streams) and `clustersim/internals` (the mechanism, for tools built on it).
 *
 * @example
 * ```ts
 * import { runSimulation } from 'clustersim';
 * const report = runSimulation(scenario, { seed: 7 });
 * ```
 * @module clustersim
 */
export { runSimulation, type RunOptions } from './run.ts';
export { compare, type CompareOptions } from './compare/compare.ts';
export { createDefaultRegistry } from './registry.ts';
export { VERSION } from './version.ts';

export type { RunReport } from './metrics/runReport.ts';
export type {
  ComparisonReport,
  IntervalEstimate,
  PairedDifference,
  CapacityReport,
  MetricInfo,
} from './compare/comparisonReport.ts';

export { defineScenario } from './core/scenario/defineScenario.ts';
export type { ScenarioInput } from './core/scenario/schema.ts';
export type { ResolvedScenario } from './core/scenario/resolve.ts';
export { ScenarioError, formatIssue, formatJsonPath, type LocatedIssue } from './core/scenario/issues.ts';
export { resolveVariants, type ResolvedVariant } from './core/scenario/variants.ts';
export {
  durationField,
  positiveDurationField,
  resourcesField,
  idField,
  rolePathField,
  strictObject,
} from './core/scenario/fields.ts';

export type { SimRecord, SimRecordKind, SimObserver } from './core/simulation/records.ts';
export { DEFAULT_REFUSE_SECONDS, DecisionError } from './core/master/master.ts';
export { PREEMPTED_TASK_REASON, REVOKED_TASK_REASON } from './core/plugins/framework.ts';
export { InvariantViolation, type InvariantName, type ViolationEvent } from './core/simulation/invariants/violation.ts';
export type { AllocatorView, AllocatorAgentView, AllocatorHolding } from './core/plugins/allocatorView.ts';

export { createPluginRegistry, type PluginRegistry, type PluginKind } from './core/plugins/registry.ts';
export type { PluginDefinition, ScenarioIssue, ScenarioView } from './core/plugins/definition.ts';
export type {
  Allocator,
  AllocatorPlugin,
  AllocatorContext,
  AllocationRun,
  AgentInfo,
  FrameworkInfo,
  OfferDecision,
  OperatorOperation,
  PreemptionClaim,
} from './core/plugins/allocator.ts';
export type {
  FrameworkScheduler,
  FrameworkPlugin,
  FrameworkContext,
  FrameworkAction,
  OfferView,
  TaskLaunch,
  TaskState,
  TaskStatus,
} from './core/plugins/framework.ts';
export type {
  WorkloadSource,
  WorkloadPlugin,
  WorkloadContext,
  Arrival,
  Job,
  TaskTemplate,
} from './core/plugins/workload.ts';
export type { SharedResource, SharedUpdate, Sorter } from './core/plugins/sorter.ts';

export {
  addResources,
  subtractResources,
  subtractClamped,
  fitsWithin,
  isEmptyResources,
  resourcesEqual,
  minResources,
  scaleResources,
  sumResources,
  withoutDimensions,
  formatResources,
  resourceProblem,
  normalizeResources,
  roundAmount,
  NO_RESOURCES,
  type Resources,
} from './core/cluster/resources.ts';
export type { Machine, Rack, Topology, MachineClassSpec } from './core/cluster/topology.ts';
export {
  parseDuration,
  formatDuration,
  secondsToMicros,
  microsToSeconds,
  MICROS_PER_SECOND,
  DURATION_FORMAT,
  type Micros,
} from './core/kernel/time.ts';
export type { FrameworkFact, TerminalTaskState } from './core/plugins/framework.ts';
export type { DeploymentPhase } from './core/plugins/framework.ts';
