import { addResources, type Resources } from '../../../src/core/cluster/resources.ts';
import type { MesosAllocatorApi } from '../../../src/policies/allocators/mesos/standalone.ts';

/** Offers grouped as Mesos's allocator test harness sees them: framework → role → agent → resources. */
export type Grouped = Record<string, Record<string, Record<string, Resources>>>;

/** The offers made since the last call, grouped as Mesos's harness groups them. */
export function allocations(allocator: MesosAllocatorApi): Grouped {
  const out: Grouped = {};
  for (const o of allocator.offers()) {
    const byRole = (out[o.frameworkId] ??= {});
    const byAgent = (byRole[o.role] ??= {});
    byAgent[o.agentId] = addResources(byAgent[o.agentId] ?? {}, o.resources);
  }
  return out;
}
