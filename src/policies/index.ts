/**
 * Policies: allocators (who is offered what), sorters (in which order), framework schedulers (what
 * to do with an offer), and the pieces they are built from.
 *
 * @example
 * ```ts
 * import { createMesosAllocator, createDrfSorter } from 'clustersim/policies';
 * const allocator = createMesosAllocator({ allocationInterval: 1 });
 * ```
 * @module clustersim/policies
 */
export {
  createMesosAllocator,
  type AgentUpdate,
  type MaintenanceWindow,
  type StandaloneInverseOffer,
  type MesosAllocatorApi,
  type MesosAllocatorOptions,
  type ReservedResources,
  type StandaloneOffer,
} from './allocators/mesos/standalone.ts';
export {
  MesosAllocator,
  type MesosAllocatorConfig,
  type OfferDetails,
  type MesosFrameworkInfo,
  type UsedResources,
} from './allocators/mesos/mesosAllocator.ts';
export { trackedRoles, type TrackedRole, type RoleBooks } from './allocators/mesos/roleTree.ts';
export {
  drfAllocator,
  randomAllocator,
  fifoAllocator,
  assetFairnessAllocator,
  type MesosPolicyOptions,
} from './allocators/mesos/plugin.ts';
export {
  QuotaRun,
  capResources,
  shrinkToLimits,
  shrinkToQuantities,
  shrinkWithWholeDisks,
  type GuaranteeOffer,
  type Quota,
} from './allocators/mesos/quota.ts';
export { createSorterByName, SORTER_NAMES, type SorterName } from './allocators/mesos/sorterFactory.ts';
export { createFifoSorter } from './allocators/mesos/fifoSorter.ts';
export { selfAndAncestors, topLevelRole } from './allocators/mesos/roles.ts';
export {
  applyOfferOperations,
  forSorter,
  type OfferOperation,
  type PersistentVolume,
  type VolumeResources,
} from './allocators/mesos/offerOperations.ts';
export {
  NO_RANGES,
  addRanges,
  containsRanges,
  formatRanges,
  isEmptyRanges,
  normalizeRanges,
  subtractRanges,
  addSets,
  containsSets,
  formatSets,
  normalizeSets,
  subtractSets,
  addNonScalar,
  containsNonScalar,
  formatMesosResources,
  isEmptyNonScalar,
  subtractNonScalar,
  nonScalarResources,
  normalizeNonScalar,
  rangesOf,
  setsOf,
  wholeDisks,
  NO_WHOLE_DISKS,
  type DiskResource,
  type WholeDisk,
  type Interval,
  type NonScalarResources,
  type RangeResources,
  type SetResources,
} from './allocators/mesos/resourceValues.ts';
export {
  staticPartitionAllocator,
  resolvePartitions,
  type StaticPartitionOptions,
} from './allocators/staticPartition.ts';
export { monolithicAllocator, type MonolithicOptions } from './allocators/monolithic.ts';
export { AllocatorBook, type AgentBook, type FrameworkBook } from './allocators/allocatorBook.ts';
export { createOfferFilters, type OfferFilters, type OfferFiltersOptions } from './allocators/offerFilters.ts';
export { DEFAULT_MIN_ALLOCATABLE, meetsMinAllocatable, type MinAllocatable } from './allocators/minAllocatable.ts';
export { createDrfSorter, dominantShare, type FairSorterOptions, type ShareFunction } from './sorters/drfSorter.ts';
export { createAssetFairnessSorter, assetShare } from './sorters/assetSorter.ts';
export {
  createRandomSorter,
  weightedShuffle,
  type RandomSorterOptions,
  type WeightedShuffle,
} from './sorters/randomSorter.ts';
export { compareUtf8 } from './sorters/hierarchicalSorter.ts';
export {
  progressiveFilling,
  type FillingPolicy,
  type FillingResult,
  type TaskDemand,
} from './sorters/progressiveFilling.ts';
export { batchFirstFitFramework, type BatchFirstFitOptions } from './frameworks/batchFirstFit.ts';
export { PendingQueue, type PendingTask } from './frameworks/taskQueue.ts';
export { chronosFramework } from './frameworks/chronos/chronosFramework.ts';
export { marathonFramework } from './frameworks/marathon/marathonFramework.ts';
export {
  placementAllowed,
  constraintSchema,
  type Constraint,
  type ConstraintOperator,
} from './frameworks/marathon/constraints.ts';
export { launchDelaySeconds, DEFAULT_BACKOFF, type BackoffPolicy } from './frameworks/marathon/backoff.ts';
export {
  nextDeploymentStep,
  type UpgradeStrategy,
  type DeploymentState,
} from './frameworks/marathon/deploymentPlan.ts';
export { elasticBatchFramework } from './frameworks/batch/elasticBatch.ts';
export { rigidBatchFramework } from './frameworks/batch/rigidBatch.ts';
export { taskPreferences, preferredMachineCount } from './frameworks/batch/locality.ts';
export { batchTaskId, taskIndexOf } from './frameworks/batch/taskIds.ts';
export type { AgentState } from './allocators/mesos/agentState.ts';
export type { ElasticBatchOptions } from './frameworks/batch/elasticBatch.ts';
export type { RigidBatchOptions } from './frameworks/batch/rigidBatch.ts';
export type { ChronosOptions } from './frameworks/chronos/options.ts';
export type { MarathonOptions } from './frameworks/marathon/appSpec.ts';
export type { DeploymentStep } from './frameworks/marathon/deploymentPlan.ts';
export type { AvailableForRole, ConversionTarget, RecoveredParts } from './allocators/mesos/agentState.ts';
export type { InverseOffer, Unavailability } from './allocators/mesos/maintenance.ts';
export type { RepeatingInterval } from './frameworks/chronos/iso8601.ts';
export type { AppEvent, RateSpec } from './frameworks/marathon/appSpec.ts';
export type { IsoPeriod } from './frameworks/chronos/iso8601.ts';
export type { DeploySpec } from './frameworks/marathon/appSpec.ts';
