import type { AllocatorPlugin } from './allocator.ts';
import type { FrameworkPlugin } from './framework.ts';
import type { WorkloadPlugin } from './workload.ts';

/**
 * The kinds of plugins a scenario can name.
 *
 * @example
 * ```ts
 * const kind: PluginKind = 'workload';
 * createDefaultRegistry().names(kind); // ['batch-jobs']
 * ```
 */
export type PluginKind = 'allocator' | 'framework' | 'workload';

/**
 * Plugins by name, one registry per caller (no global state): built-ins come from
 * `createDefaultRegistry()`; users add their own with `register…` and pass the registry to
 * `runSimulation`.
 *
 * @example
 * ```ts
 * const registry = createDefaultRegistry();
 * registry.registerFramework(myFramework);
 * runSimulation(scenario, { registry });
 * ```
 */
export interface PluginRegistry {
  registerAllocator<Options>(plugin: AllocatorPlugin<Options>): this;
  registerFramework<Options>(plugin: FrameworkPlugin<Options>): this;
  registerWorkload<Options>(plugin: WorkloadPlugin<Options>): this;
  allocator(name: string): AllocatorPlugin | undefined;
  framework(name: string): FrameworkPlugin | undefined;
  workload(name: string): WorkloadPlugin | undefined;
  /** Registered names of a kind, sorted. */
  names(kind: PluginKind): string[];
}

/**
 * Creates an empty registry.
 *
 * @example
 * ```ts
 * const registry = createPluginRegistry().registerAllocator(myAllocator);
 * registry.names('allocator'); // ['mine']
 * ```
 */
export function createPluginRegistry(): PluginRegistry {
  const tables: Record<PluginKind, Map<string, unknown>> = {
    allocator: new Map(),
    framework: new Map(),
    workload: new Map(),
  };
  const add = (kind: PluginKind, plugin: { name: string }): void => {
    if (!/^[a-z][a-z0-9-]*$/.test(plugin.name)) {
      throw new RangeError(`plugin names are lower-case kebab-case, got "${plugin.name}"`);
    }
    if (tables[kind].has(plugin.name)) throw new RangeError(`a ${kind} named "${plugin.name}" is already registered`);
    tables[kind].set(plugin.name, plugin);
  };
  const registry: PluginRegistry = {
    registerAllocator(plugin) {
      add('allocator', plugin);
      return this;
    },
    registerFramework(plugin) {
      add('framework', plugin);
      return this;
    },
    registerWorkload(plugin) {
      add('workload', plugin);
      return this;
    },
    allocator: (name) => tables.allocator.get(name) as AllocatorPlugin | undefined,
    framework: (name) => tables.framework.get(name) as FrameworkPlugin | undefined,
    workload: (name) => tables.workload.get(name) as WorkloadPlugin | undefined,
    names: (kind) => [...tables[kind].keys()].sort(),
  };
  return registry;
}
