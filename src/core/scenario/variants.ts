import type { PluginRegistry } from '../plugins/registry.ts';
import { ScenarioError, type LocatedIssue } from './issues.ts';
import { resolveScenario, type ResolvedScenario } from './resolve.ts';

/**
 * One setup of a scenario with variants, resolved.
 *
 * @example
 * ```ts
 * for (const { variant, scenario } of resolveVariants(input, createDefaultRegistry())) {
 *   console.log(variant, runSimulation(scenario).utilization.allocated.cpus);
 * }
 * ```
 */
export interface ResolvedVariant {
  /** The variant's name (the scenario's name when it has no variants). */
  readonly variant: string;
  readonly scenario: ResolvedScenario;
}

const OVERRIDABLE = [
  'description',
  'seed',
  'horizon',
  'topology',
  'master',
  'allocator',
  'frameworks',
  'workloads',
  'outputs',
];

/**
 * Resolves every variant of a scenario: each is the base scenario with the top-level fields the
 * variant names replaced. Without `variants`, the one scenario itself. Problems inside a variant's
 * fields are reported at `$.variants.<name>.<field>…`; all variants are checked before any runs.
 *
 * @example
 * ```ts
 * resolveVariants({ …, variants: { static: { allocator: { policy: 'static-partition', … } }, shared: { allocator: { policy: 'drf' } } } }, registry);
 * // [{ variant: 'static', scenario }, { variant: 'shared', scenario }]
 * ```
 */
export function resolveVariants(input: unknown, registry: PluginRegistry): ResolvedVariant[] {
  const base = resolveScenario(input, registry); // validates the base (and the variants' shape)
  const variants = (input as { variants?: Record<string, Record<string, unknown>> }).variants;
  if (variants === undefined) return [{ variant: base.name, scenario: base }];
  const issues: LocatedIssue[] = [];
  const resolved: ResolvedVariant[] = [];
  for (const [name, overrides] of Object.entries(variants)) {
    const unknown = Object.keys(overrides).filter((key) => !OVERRIDABLE.includes(key));
    for (const key of unknown) {
      issues.push({
        path: ['variants', name, key],
        message: `a variant may replace ${OVERRIDABLE.join(', ')}; not "${key}"`,
      });
    }
    if (unknown.length > 0) continue;
    const merged: Record<string, unknown> = {
      ...(input as Record<string, unknown>),
      ...overrides,
      name: `${base.name}/${name}`,
    };
    delete merged['variants'];
    // A problem in a field the variant replaces is at its place under $.variants.
    const placed = (issue: LocatedIssue): LocatedIssue | undefined => {
      const [head, ...rest] = issue.path;
      return typeof head === 'string' && head in overrides
        ? { ...issue, path: ['variants', name, head, ...rest] }
        : undefined;
    };
    try {
      const scenario = resolveScenario(merged, registry);
      resolved.push({
        variant: name,
        scenario: { ...scenario, warnings: scenario.warnings.map((warning) => placed(warning) ?? warning) },
      });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const issue of error.issues)
        issues.push(placed(issue) ?? { ...issue, message: `in variant "${name}": ${issue.message}` });
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return resolved;
}
