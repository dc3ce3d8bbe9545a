import { guaranteeAboveLimit } from './quota.ts';
import { z } from 'zod';
import type { AllocatorPlugin } from '../../../core/plugins/allocator.ts';
import type { ScenarioIssue } from '../../../core/plugins/definition.ts';
import { resourcesField, strictObject } from '../../../core/scenario/fields.ts';
import { DEFAULT_MIN_ALLOCATABLE } from '../minAllocatable.ts';
import { MesosAllocator } from './mesosAllocator.ts';
import { SORTER_NAMES, type SorterName } from './sorterFactory.ts';

const roleSettings = strictObject({
  /** Weight of the role path (scales its subtree's share); default 1. */
  weight: z.number().positive().optional(),
  /** Quota of a top-level role. */
  quota: strictObject({ guarantees: resourcesField.default({}), limits: resourcesField.default({}) }).optional(),
});

function optionsSchema(defaultSorter: SorterName) {
  return strictObject({
    roleSorter: z.enum(SORTER_NAMES).default(defaultSorter),
    frameworkSorter: z.enum(SORTER_NAMES).default(defaultSorter),
    minAllocatable: z.array(resourcesField).default([...DEFAULT_MIN_ALLOCATABLE]),
    excludedResources: z.array(z.string()).default([]),
    filterGpuResources: z.boolean().default(true),
    /** Settings per role path at the start of the run. */
    roles: z.record(z.string(), roleSettings).default({}),
  });
}

/**
 * Options of the Mesos allocator policies (`drf`, `random`, `fifo`, `asset-fairness`).
 *
 * @example
 * ```ts
 * const options: MesosPolicyOptions = drfAllocator.options.parse({ excludedResources: ['gpus'], roles: { web: { weight: 2 } } });
 * options.roleSorter;     // 'drf' (the policy's default)
 * options.minAllocatable; // [{ cpus: 0.01 }, { mem: 32 }]
 * ```
 */
export type MesosPolicyOptions = z.output<ReturnType<typeof optionsSchema>>;

function mesosPolicy(
  name: string,
  defaultSorter: SorterName,
  description: string,
): AllocatorPlugin<MesosPolicyOptions> {
  return {
    name,
    description,
    options: optionsSchema(defaultSorter),
    operations: ['update-weight', 'update-quota', 'reserve', 'unreserve'],
    check(opts) {
      const issues: ScenarioIssue[] = [];
      for (const [role, settings] of Object.entries(opts.roles)) {
        if (settings.quota !== undefined && role.includes('/')) {
          issues.push({ path: ['roles', role, 'quota'], message: 'quota is set on top-level roles only' });
        }
        const above = settings.quota && guaranteeAboveLimit(settings.quota.guarantees, settings.quota.limits);
        if (above)
          issues.push({ path: ['roles', role, 'quota'], message: `${above}; a guarantee must be at most the limit` });
      }
      return issues;
    },
    create(opts, context) {
      const allocator = new MesosAllocator(
        {
          roleSorter: opts.roleSorter,
          frameworkSorter: opts.frameworkSorter,
          minAllocatable: opts.minAllocatable,
          excludedResources: opts.excludedResources,
          filterGpuResources: opts.filterGpuResources,
          seed: String(context.rng.fork('sorters').next()),
        },
        context,
      );
      for (const [role, settings] of Object.entries(opts.roles)) {
        if (settings.weight !== undefined) allocator.updateWeight(role, settings.weight);
        if (settings.quota !== undefined) allocator.updateQuota(role, settings.quota);
      }
      return allocator;
    },
  };
}

/**
 * Mesos's hierarchical allocator with DRF role and framework sorters (Mesos's default).
 *
 * @example
 * ```ts
 * runSimulation({ ...input, allocator: { policy: 'drf', options: { roles: { web: { weight: 2 } } } } });
 * drfAllocator.options.parse({}).frameworkSorter; // 'drf'
 * ```
 */
export const drfAllocator = mesosPolicy(
  'drf',
  'drf',
  "Mesos's hierarchical allocator: weighted DRF over roles and frameworks, quota, reservations",
);
/**
 * Mesos's hierarchical allocator with its weighted random sorter.
 *
 * @example
 * ```ts
 * runSimulation({ ...input, allocator: { policy: 'random' } }, { seed: 3 }); // the order depends on the seed
 * ```
 */
export const randomAllocator = mesosPolicy(
  'random',
  'random',
  "Mesos's hierarchical allocator with the weighted random sorter",
);
/**
 * The Mesos mechanism with first-come-first-served order: the FIFO baseline.
 *
 * @example
 * ```ts
 * createPluginRegistry().registerAllocator(fifoAllocator).names('allocator'); // ['fifo']
 * ```
 */
export const fifoAllocator = mesosPolicy(
  'fifo',
  'fifo',
  'offers go to frameworks in the order they registered (FIFO baseline)',
);
/**
 * The Mesos mechanism with asset fairness (the DRF paper's comparison policy).
 *
 * @example
 * ```ts
 * const options = assetFairnessAllocator.options.parse({ excludedResources: ['disk'] });
 * options.roleSorter; // 'asset'
 * ```
 */
export const assetFairnessAllocator = mesosPolicy(
  'asset-fairness',
  'asset',
  'like drf, but shares are the sum of resource fractions (asset fairness)',
);
