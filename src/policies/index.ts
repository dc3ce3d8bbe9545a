/**
 * Policies: allocators (who is offered what), sorters (in which order), framework schedulers (what
 * to do with an offer), and the pieces they are built from.
 *
 * @example
 * ```ts
 * import { staticPartitionAllocator } from 'clustersim/policies';
 * ```
 * @module
 */
export { staticPartitionAllocator, resolvePartitions, type StaticPartitionOptions } from './allocators/staticPartition.ts';
export { AllocatorBook, type AgentBook, type FrameworkBook } from './allocators/allocatorBook.ts';
export { createOfferFilters, type OfferFilters } from './allocators/offerFilters.ts';
export { DEFAULT_MIN_ALLOCATABLE, meetsMinAllocatable, type MinAllocatable } from './allocators/minAllocatable.ts';
export { batchFirstFitFramework, type BatchFirstFitOptions } from './frameworks/batchFirstFit.ts';
export { PendingQueue, type PendingTask } from './frameworks/taskQueue.ts';
