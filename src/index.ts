/**
 * clustersim: a deterministic discrete-event simulator of shared clusters.
 *
 * This entry point holds running and comparing scenarios, the scenario format, the plugin interfaces and the core
 * types. Policies, workloads, metrics and testing helpers have their own entry points
 * (`clustersim/policies`, `clustersim/workloads`, `clustersim/metrics`, `clustersim/compare`,
 * `clustersim/viz`, `clustersim/testing`).
 *
 * @example
 * ```ts
 * import { runSimulation } from 'clustersim';
 * const report = runSimulation(scenario, { seed: 7 });
 * ```
 * @module
 */
export { runSimulation, type RunOptions } from './run.ts';
export { createDefaultRegistry } from './registry.ts';
export { VERSION } from './version.ts';
export type { RunReport } from './metrics/runReport.ts';
export { compare, type CompareOptions } from './compare/compare.ts';
export type { ComparisonReport, IntervalEstimate, PairedDifference, CapacityReport, MetricInfo } from './compare/comparisonReport.ts';

export { scenarioSchema, type ScenarioInput, type ParsedScenario } from './core/scenario/schema.ts';
export { defineScenario } from './core/scenario/defineScenario.ts';
export { parseScenarioText, withJsonLocations, resolveScenario, fitsSomeMachine, type ResolvedScenario, type ResolvedFramework, type ResolvedWorkload } from './core/scenario/resolve.ts';
export { ScenarioError, formatIssue, formatJsonPath, type LocatedIssue } from './core/scenario/issues.ts';
export { resolveVariants, type ResolvedVariant } from './core/scenario/variants.ts';
export { durationField, positiveDurationField, resourcesField, idField, rolePathField, strictObject } from './core/scenario/fields.ts';

export { simulate, type SimulateOptions, type SimulationResult } from './core/simulation/simulate.ts';
export type { SimRecord, SimRecordKind, SimObserver } from './core/simulation/records.ts';
export { DEFAULT_REFUSE_SECONDS, DecisionError } from './core/master/master.ts';

export { createPluginRegistry, type PluginRegistry, type PluginKind } from './core/plugins/registry.ts';
export type { PluginDefinition, ScenarioIssue, ScenarioView } from './core/plugins/definition.ts';
export type { Allocator, AllocatorPlugin, AllocatorContext, AllocationRun, AgentInfo, FrameworkInfo, OfferDecision, OperatorOperation } from './core/plugins/allocator.ts';
export type { FrameworkScheduler, FrameworkPlugin, FrameworkContext, FrameworkAction, OfferView, TaskLaunch, TaskState, TaskStatus } from './core/plugins/framework.ts';
export type { WorkloadSource, WorkloadPlugin, WorkloadContext, Arrival, Job, TaskTemplate } from './core/plugins/workload.ts';
export type { Sorter } from './core/plugins/sorter.ts';

export {
  addResources, subtractResources, subtractClamped, fitsWithin, isEmptyResources, resourcesEqual, minResources,
  scaleResources, sumResources, withoutDimensions, formatResources, resourceProblem, normalizeResources, roundAmount,
  NO_RESOURCES, type Resources,
} from './core/cluster/resources.ts';
export { buildTopology, type Machine, type Rack, type Topology, type MachineClassSpec } from './core/cluster/topology.ts';
export { createMachineLedger, LedgerError, type MachineLedger } from './core/cluster/ledger.ts';

export { createEventQueue, type EventQueue } from './core/kernel/eventQueue.ts';
export { createEventLoop, type EventLoop } from './core/kernel/eventLoop.ts';
export { createEventLog, type EventLog, type EventLogOptions, type LogRecord } from './core/kernel/eventLog.ts';
export { createRng, type Rng } from './core/kernel/rng.ts';
export { parseDuration, formatDuration, secondsToMicros, microsToSeconds, MICROS_PER_SECOND, DURATION_FORMAT, type Micros } from './core/kernel/time.ts';
