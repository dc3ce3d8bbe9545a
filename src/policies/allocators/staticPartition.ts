import { z } from 'zod';
import { isEmptyResources, type Resources } from '../../core/cluster/resources.ts';
import type { Topology } from '../../core/cluster/topology.ts';
import type { Allocator, AllocatorPlugin, OfferDecision } from '../../core/plugins/allocator.ts';
import type { ScenarioIssue } from '../../core/plugins/definition.ts';
import { resourcesField, strictObject } from '../../core/scenario/fields.ts';
import { AllocatorBook } from './allocatorBook.ts';
import { DEFAULT_MIN_ALLOCATABLE, meetsMinAllocatable } from './minAllocatable.ts';

const selector = strictObject({
  classes: z.array(z.string()).optional(),
  racks: z.array(z.string()).optional(),
  machines: z.array(z.string()).optional(),
  /** Take this many machines not yet owned by anyone, in topology order (after explicit selectors). */
  count: z.number().int().min(1).optional(),
});

const options = strictObject({
  partitions: z.record(z.string(), selector),
  minAllocatable: z.array(resourcesField).default([...DEFAULT_MIN_ALLOCATABLE]),
});

/**
 * Options of the `static-partition` allocator.
 *
 * @example
 * ```ts
 * const options: StaticPartitionOptions = staticPartitionAllocator.options.parse({
 *   partitions: { web: { racks: ['r1'] }, batch: { count: 4 } },
 * });
 * options.minAllocatable; // [{ cpus: 0.01 }, { mem: 32 }] (the default)
 * ```
 */
export type StaticPartitionOptions = z.output<typeof options>;

/**
 * Resolves each framework's machines: explicit classes, racks and machine ids first, then `count`
 * machines not yet owned, in topology order. Returns machine id → owner, plus the problems found.
 *
 * @example
 * ```ts
 * resolvePartitions({ web: { count: 2 } }, topology).owners.get('std-0'); // 'web'
 * ```
 */
export function resolvePartitions(
  partitions: StaticPartitionOptions['partitions'],
  topology: Topology,
): { owners: Map<string, string>; issues: ScenarioIssue[] } {
  const owners = new Map<string, string>();
  const issues: ScenarioIssue[] = [];
  const claim = (machineId: string, owner: string, path: (string | number)[]): void => {
    const previous = owners.get(machineId);
    if (previous !== undefined && previous !== owner) {
      issues.push({ path, message: `machine ${machineId} is already in the partition of "${previous}"` });
    } else owners.set(machineId, owner);
  };
  const known = (values: readonly string[], all: readonly string[], what: string, path: (string | number)[]): void =>
    values.forEach((value, i) => {
      if (!all.includes(value))
        issues.push({
          path: [...path, i],
          message: `unknown ${what} "${value}"; known: ${all.slice(0, 20).join(', ')}`,
        });
    });
  const classes = [...new Set(topology.machines.map((m) => m.machineClass))];
  for (const [owner, sel] of Object.entries(partitions)) {
    const base = ['partitions', owner];
    known(sel.classes ?? [], classes, 'machine class', [...base, 'classes']);
    known(
      sel.racks ?? [],
      topology.racks.map((r) => r.id),
      'rack',
      [...base, 'racks'],
    );
    known(
      sel.machines ?? [],
      topology.machines.map((m) => m.id),
      'machine',
      [...base, 'machines'],
    );
    for (const m of topology.machines) {
      const picked =
        sel.classes?.includes(m.machineClass) || sel.racks?.includes(m.rack) || sel.machines?.includes(m.id);
      if (picked) claim(m.id, owner, base);
    }
  }
  for (const [owner, sel] of Object.entries(partitions)) {
    if (sel.count === undefined) continue;
    const free = topology.machines.filter((m) => !owners.has(m.id)).slice(0, sel.count);
    if (free.length < sel.count) {
      issues.push({
        path: ['partitions', owner, 'count'],
        message: `asks for ${sel.count} machines but only ${free.length} are not in another partition`,
      });
    }
    for (const m of free) owners.set(m.id, owner);
  }
  return { owners, issues };
}

/**
 * Static partitioning: each framework owns a fixed set of machines and is offered only those —
 * the "one cluster per framework" baseline that a shared cluster is compared with. Offers are
 * coarse-grained, filtered and suppressible as in Mesos.
 *
 * @example
 * ```json
 * "allocator": { "policy": "static-partition",
 *   "options": { "partitions": { "hadoop": { "classes": ["hadoop"] }, "web": { "count": 10 } } } }
 * ```
 */
export const staticPartitionAllocator: AllocatorPlugin<StaticPartitionOptions> = {
  name: 'static-partition',
  description: 'each framework is offered only the machines of its own partition',
  options,
  check(opts, scenario) {
    const issues = [...resolvePartitions(opts.partitions, scenario.topology).issues];
    for (const id of Object.keys(opts.partitions)) {
      if (!scenario.frameworkIds.includes(id))
        issues.push({
          path: ['partitions', id],
          message: `unknown framework "${id}"; frameworks: ${scenario.frameworkIds.join(', ')}`,
        });
    }
    for (const id of scenario.frameworkIds) {
      if (opts.partitions[id] === undefined)
        issues.push({ path: ['partitions'], message: `framework "${id}" has no partition; give every framework one` });
    }
    return issues;
  },
  create(opts, context): Allocator {
    const book = new AllocatorBook(context);
    const { owners } = resolvePartitions(opts.partitions, context.topology);
    return {
      addAgent: (id, info) => book.addAgent(id, info),
      removeAgent: (id) => book.removeAgent(id),
      inspect: () => book.inspect(),
      addFramework: (id, info) => book.addFramework(id, info),
      removeFramework: (id) => book.removeFramework(id),
      activateFramework: (id) => book.activateFramework(id),
      deactivateFramework: (id) => book.deactivateFramework(id),
      suppress: (id, roles) => book.suppress(id, roles),
      revive: (id, roles) => book.revive(id, roles),
      recoverResources: (fw, agent, role, resources, refuse) =>
        book.recoverResources(fw, agent, role, resources, refuse),
      allocate({ agentIds, batch }) {
        const now = context.now();
        if (batch) book.filters.batchRunStarted();
        const decisions: OfferDecision[] = [];
        for (const agentId of agentIds ?? book.agents.keys()) {
          const owner = owners.get(agentId);
          if (owner === undefined) continue;
          const roles = book.offerableRoles(owner);
          if (roles.length === 0) continue;
          // The first of its roles that may be offered something here (reservations of other roles left out).
          let offer: { role: string; resources: Resources } | undefined;
          for (const role of roles) {
            const available = book.availableFor(agentId, role);
            if (isEmptyResources(available) || !meetsMinAllocatable(available, opts.minAllocatable)) continue;
            if (book.filters.blocks(owner, role, agentId, available, now, batch)) continue;
            offer = { role, resources: available };
            break;
          }
          if (offer === undefined) continue;
          book.allocate(owner, agentId, offer.resources, offer.role);
          decisions.push({ frameworkId: owner, role: offer.role, agentId, resources: offer.resources });
        }
        return decisions;
      },
    };
  },
};
