import type { z } from 'zod';
import type { Topology } from '../cluster/topology.ts';

/**
 * A problem found in a scenario: where (a JSON path below the plugin's options) and what.
 *
 * @example
 * ```ts
 * const issue: ScenarioIssue = { path: ['roles', 'web/a', 'quota'], message: 'quota is set on top-level roles only' };
 * ```
 */
export interface ScenarioIssue {
  /** Path segments relative to where the checked value sits, e.g. `['partitions', 'web']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What a plugin can see of the whole scenario when checking its options.
 *
 * @example
 * ```ts
 * const view: ScenarioView = { topology: buildTopology(['r1'], []), frameworkIds: ['web', 'batch'] };
 * drfAllocator.check?.(drfAllocator.options.parse({}), view); // []
 * ```
 */
export interface ScenarioView {
  readonly topology: Topology;
  readonly frameworkIds: readonly string[];
}

/**
 * The common shape of every plugin (allocator, framework scheduler, workload source): a name, a
 * one-line description, a zod schema for its plain-data options, an optional cross-check against
 * the rest of the scenario, and a factory called once per run.
 *
 * @example
 * ```ts
 * const plugin: PluginDefinition<{ n: number }, {}, number> = {
 *   name: 'constant', description: 'always n',
 *   options: z.strictObject({ n: z.number() }),
 *   create: (options) => options.n,
 * };
 * ```
 */
export interface PluginDefinition<Options, Context, Instance> {
  readonly name: string;
  readonly description: string;
  readonly options: z.ZodType<Options, unknown>;
  /** Checks options against the scenario; returns the problems found (empty when fine). */
  check?(options: Options, scenario: ScenarioView): readonly ScenarioIssue[];
  create(options: Options, context: Context): Instance;
}
