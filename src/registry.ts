import { createPluginRegistry, type PluginRegistry } from './core/plugins/registry.ts';
import {
  assetFairnessAllocator,
  drfAllocator,
  fifoAllocator,
  randomAllocator,
} from './policies/allocators/mesos/plugin.ts';
import { monolithicAllocator } from './policies/allocators/monolithic.ts';
import { staticPartitionAllocator } from './policies/allocators/staticPartition.ts';
import { batchFirstFitFramework } from './policies/frameworks/batchFirstFit.ts';
import { elasticBatchFramework } from './policies/frameworks/batch/elasticBatch.ts';
import { rigidBatchFramework } from './policies/frameworks/batch/rigidBatch.ts';
import { chronosFramework } from './policies/frameworks/chronos/chronosFramework.ts';
import { marathonFramework } from './policies/frameworks/marathon/marathonFramework.ts';
import { batchJobsWorkload } from './workloads/batchJobs.ts';
import { alibaba2017BatchWorkload } from './workloads/traces/alibaba2017Batch.ts';
import { google2011Workload } from './workloads/traces/google2011.ts';
import { swfWorkload } from './workloads/traces/swf.ts';
import { alibaba2018BatchWorkload } from './workloads/traces/alibaba2018Batch.ts';
import { alibaba2018ContainersWorkload } from './workloads/traces/alibaba2018Containers.ts';

/**
 * A registry holding every built-in plugin; add your own to it before running.
 *
 * @example
 * ```ts
 * const registry = createDefaultRegistry();
 * registry.names('allocator'); // ['static-partition', …]
 * ```
 */
export function createDefaultRegistry(): PluginRegistry {
  return createPluginRegistry()
    .registerAllocator(staticPartitionAllocator)
    .registerAllocator(drfAllocator)
    .registerAllocator(randomAllocator)
    .registerAllocator(fifoAllocator)
    .registerAllocator(assetFairnessAllocator)
    .registerAllocator(monolithicAllocator)
    .registerFramework(batchFirstFitFramework)
    .registerFramework(elasticBatchFramework)
    .registerFramework(rigidBatchFramework)
    .registerFramework(chronosFramework)
    .registerFramework(marathonFramework)
    .registerWorkload(batchJobsWorkload)
    .registerWorkload(google2011Workload)
    .registerWorkload(swfWorkload)
    .registerWorkload(alibaba2017BatchWorkload)
    .registerWorkload(alibaba2018BatchWorkload)
    .registerWorkload(alibaba2018ContainersWorkload);
}
