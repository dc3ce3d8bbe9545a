import { createPluginRegistry, type PluginRegistry } from './core/plugins/registry.ts';
import { staticPartitionAllocator } from './policies/allocators/staticPartition.ts';
import { batchFirstFitFramework } from './policies/frameworks/batchFirstFit.ts';
import { batchJobsWorkload } from './workloads/batchJobs.ts';

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
    .registerFramework(batchFirstFitFramework)
    .registerWorkload(batchJobsWorkload);
}
