import { dirname } from 'node:path';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { addResources, fitsWithin, formatResources, type Resources } from '../cluster/resources.ts';
import { buildTopology, type Topology } from '../cluster/topology.ts';
import type { Micros } from '../kernel/time.ts';
import type { AllocatorPlugin, OperatorOperation } from '../plugins/allocator.ts';
import type { ScenarioView } from '../plugins/definition.ts';
import type { FrameworkPlugin } from '../plugins/framework.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import type { WorkloadPlugin } from '../plugins/workload.ts';
import { hostRackIssues } from './hostChecks.ts';
import { lineAndColumn, locateIssues, ScenarioError, type LocatedIssue } from './issues.ts';
import { resolveScenarioPaths } from './paths.ts';
import { resourceNameWarnings } from './resourceNames.ts';
import { MAX_JSON_DEPTH, tooDeepAt } from './nesting.ts';
import { scenarioSchema, type FailureSpec, type ParsedScenario } from './schema.ts';
import { maxMachines, topologySizeIssues } from './sizeLimits.ts';

type Path = (string | number)[];

/**
 * A framework entry with its plugin resolved and options parsed.
 *
 * @example
 * ```ts
 * const [framework]: readonly ResolvedFramework[] = resolveScenario(input, createDefaultRegistry()).frameworks;
 * framework?.plugin.name; // e.g. 'batch-first-fit'
 * framework?.roles;       // ['*'] unless the scenario names roles
 * ```
 */
export interface ResolvedFramework {
  readonly id: string;
  readonly roles: readonly string[];
  readonly gpuCapable: boolean;
  readonly partitionAware: boolean;
  /** REVOCABLE_RESOURCES: it is offered oversubscribed resources too. */
  readonly revocable: boolean;
  /** Its priority: with preemption on, its waiting tasks may preempt lower-priority ones. */
  readonly priority: number;
  readonly minAllocatable: Readonly<Record<string, readonly Resources[]>> | undefined;
  readonly thinkTime: { readonly base: Micros; readonly perTask: Micros };
  /** Mesos failover_timeout: how long its tasks outlive a disconnected scheduler. */
  readonly failoverTimeout: Micros;
  readonly plugin: FrameworkPlugin;
  readonly options: unknown;
}

/**
 * A workload entry with its plugin resolved and options parsed.
 *
 * @example
 * ```ts
 * for (const w of resolveScenario(input, createDefaultRegistry()).workloads) {
 *   console.log(`${w.name} (${w.plugin.name}) feeds ${w.frameworkId}`); // unnamed entries are w0, w1, …
 * }
 * ```
 */
export interface ResolvedWorkload {
  readonly name: string;
  readonly frameworkId: string;
  readonly plugin: WorkloadPlugin;
  readonly options: unknown;
}

/**
 * A validated scenario, ready to run: topology built, plugins found, options parsed.
 *
 * @example
 * ```ts
 * const resolved: ResolvedScenario = resolveScenario(input, createDefaultRegistry());
 * resolved.horizon;                  // µs, e.g. 3_600_000_000 for "1h"
 * runSimulation(resolved, { seed: 2 }); // runs without validating again
 * ```
 */
export interface ResolvedScenario {
  readonly name: string;
  readonly description: string | undefined;
  readonly seed: number | string;
  readonly horizon: Micros;
  readonly topology: Topology;
  readonly master: ParsedScenario['master'];
  readonly allocator: { readonly plugin: AllocatorPlugin; readonly options: unknown };
  readonly frameworks: readonly ResolvedFramework[];
  readonly workloads: readonly ResolvedWorkload[];
  /** Operator operations, each with its time (µs). */
  readonly operations: readonly (OperatorOperation & { readonly at: Micros })[];
  /** Failure entries (explicit events and random schedules), expanded when the run starts. */
  readonly failures: readonly FailureSpec[];
  readonly outputs: ParsedScenario['outputs'];
  /**
   * What is valid but looks like a mistake, e.g. a resource named `cpu` (counted as a custom
   * resource, not as `cpus`), each at its JSON path; the CLI prints them to stderr.
   */
  readonly warnings: readonly LocatedIssue[];
}

/**
 * Parses scenario JSON text; every problem (syntax or content) is reported with file, line, column
 * and JSON path in one {@link ScenarioError}. With a `fileName` (the file the text was read from),
 * relative paths in the scenario's file fields are resolved against that file's folder. Its
 * warnings carry line and column too.
 *
 * @example
 * ```ts
 * const scenario = parseScenarioText(readFileSync(file, 'utf8'), createDefaultRegistry(), file);
 * ```
 */
export function parseScenarioText(text: string, registry: PluginRegistry, fileName?: string): ResolvedScenario {
  const resolved = withJsonLocations(text, fileName, (value) =>
    resolveScenario(fileName === undefined ? value : resolveScenarioPaths(value, dirname(fileName)), registry),
  );
  if (resolved.warnings.length === 0) return resolved;
  return { ...resolved, warnings: locateIssues(resolved.warnings, parseTree(text), text) };
}

/**
 * Parses strict JSON text and runs `use` on the value; a {@link ScenarioError} from either step is
 * rethrown with file, line and column added to each issue.
 *
 * @example
 * ```ts
 * withJsonLocations(text, 'a.json', (value) => resolveVariants(value, registry));
 * ```
 */
export function withJsonLocations<T>(text: string, fileName: string | undefined, use: (value: unknown) => T): T {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const lineStarts = [0];
    for (let i = 0; i < deep; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const at = lineAndColumn(lineStarts, deep);
    throw new ScenarioError(
      [{ path: [], message: `nested more than ${MAX_JSON_DEPTH} levels deep (arrays and objects)`, ...at }],
      fileName,
    );
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || tree === undefined) {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const first = errors[0];
    const at = lineAndColumn(lineStarts, first?.offset ?? 0);
    const what = first === undefined ? 'empty file' : describeParseError(printParseErrorCode(first.error));
    throw new ScenarioError([{ path: [], message: `malformed JSON: ${what}`, ...at }], fileName);
  }
  try {
    return use(JSON.parse(text) as unknown);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(locateIssues(error.issues, tree, text), fileName);
    throw error;
  }
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words} (scenario files are strict JSON: no comments, no trailing commas)`;
}

/**
 * Validates a scenario object (from a file or built in TypeScript) against the schema, the plugin
 * registry and the topology. Throws a {@link ScenarioError} listing every problem found.
 *
 * @example
 * ```ts
 * const resolved = resolveScenario({ horizon: '1h', topology: …, allocator: …, frameworks: … }, registry);
 * ```
 */
export function resolveScenario(input: unknown, registry: PluginRegistry): ResolvedScenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioError(zodIssues(parsed.error, []));
  const s = parsed.data;
  const tooLarge = topologySizeIssues(s.topology.machines, maxMachines());
  if (tooLarge.length > 0) throw new ScenarioError(tooLarge);
  const issues: LocatedIssue[] = [];
  const rackIds =
    typeof s.topology.racks === 'number'
      ? Array.from({ length: s.topology.racks }, (_, i) => `r${i + 1}`)
      : s.topology.racks;
  checkUnique(rackIds, ['topology', 'racks'], 'rack', issues);
  checkUnique(
    s.topology.machines.map((m) => m.class),
    ['topology', 'machines'],
    'machine class',
    issues,
    'class',
  );
  s.topology.machines.forEach((m, i) =>
    m.racks?.forEach((rack, j) => {
      if (!rackIds.includes(rack)) {
        issues.push({
          path: ['topology', 'machines', i, 'racks', j],
          message: `unknown rack "${rack}"; racks: ${rackIds.join(', ')}`,
        });
      }
    }),
  );
  checkUnique(
    s.frameworks.map((f) => f.id),
    ['frameworks'],
    'framework id',
    issues,
    'id',
  );
  s.topology.machines.forEach((m, i) => {
    const reserved = Object.values(m.reserved ?? {}).reduce<Resources>((sum, r) => addResources(sum, r), {});
    if (!fitsWithin(reserved, m.resources)) {
      issues.push({
        path: ['topology', 'machines', i, 'reserved'],
        message: `reservations total ${formatResources(reserved)}, more than the machine's ${formatResources(m.resources)}`,
      });
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);

  const topology = buildTopology(rackIds, s.topology.machines);
  issues.push(...hostRackIssues(topology, s.topology.machines));
  const frameworkIds = s.frameworks.map((f) => f.id);
  const view: ScenarioView = { topology, frameworkIds };

  const allocatorPlugin = lookup(registry, 'allocator', s.allocator.policy, ['allocator', 'policy'], issues);
  const allocatorOptions =
    allocatorPlugin && parseOptions(allocatorPlugin, s.allocator.options, ['allocator', 'options'], view, issues);

  const frameworks: ResolvedFramework[] = [];
  s.frameworks.forEach((f, i) => {
    const plugin = lookup(registry, 'framework', f.scheduler, ['frameworks', i, 'scheduler'], issues);
    if (plugin === undefined) return;
    const options = parseOptions(plugin, f.options, ['frameworks', i, 'options'], view, issues);
    frameworks.push({
      id: f.id,
      roles: f.roles,
      gpuCapable: f.capabilities.includes('GPU_RESOURCES'),
      partitionAware: f.capabilities.includes('PARTITION_AWARE'),
      revocable: f.capabilities.includes('REVOCABLE_RESOURCES'),
      priority: f.priority,
      minAllocatable: f.minAllocatable,
      thinkTime: f.thinkTime,
      failoverTimeout: f.failoverTimeout,
      plugin,
      options,
    });
  });

  const workloads: ResolvedWorkload[] = [];
  s.workloads.forEach((w, i) => {
    if (!frameworkIds.includes(w.framework)) {
      issues.push({
        path: ['workloads', i, 'framework'],
        message: `unknown framework "${w.framework}"; frameworks: ${frameworkIds.join(', ')}`,
      });
    }
    const plugin = lookup(registry, 'workload', w.generator, ['workloads', i, 'generator'], issues);
    if (plugin === undefined) return;
    const options = parseOptions(plugin, w.options, ['workloads', i, 'options'], view, issues);
    workloads.push({ name: w.name ?? `w${i}`, frameworkId: w.framework, plugin, options });
  });
  checkUnique(
    workloads.map((w) => w.name),
    ['workloads'],
    'workload name',
    issues,
    'name',
  );
  s.operations.forEach((operation, i) => {
    if (allocatorPlugin !== undefined && !(allocatorPlugin.operations ?? []).includes(operation.op)) {
      const supported = allocatorPlugin.operations?.join(', ') || 'none';
      issues.push({
        path: ['operations', i, 'op'],
        message: `allocator "${allocatorPlugin.name}" does not support "${operation.op}"; it supports: ${supported}`,
      });
    }
    if ('agent' in operation && topology.machine(operation.agent) === undefined) {
      issues.push({ path: ['operations', i, 'agent'], message: `unknown machine "${operation.agent}"` });
    }
  });
  s.failures.forEach((f, i) => {
    const unknownMachine = (id: string, path: (string | number)[]): void => {
      if (topology.machine(id) === undefined)
        issues.push({ path: ['failures', i, ...path], message: `unknown machine "${id}"` });
    };
    const rackIds = topology.racks.map((r) => r.id);
    const unknownRack = (id: string, path: (string | number)[]): void => {
      if (!rackIds.includes(id))
        issues.push({ path: ['failures', i, ...path], message: `unknown rack "${id}"; racks: ${rackIds.join(', ')}` });
    };
    if ('machine' in f) unknownMachine(f.machine, ['machine']);
    if ('machines' in f) f.machines.forEach((m, j) => unknownMachine(m, ['machines', j]));
    if ('rack' in f) unknownRack(f.rack, ['rack']);
    if ('host' in f && !topology.hosts.has(f.host)) {
      const known = [...topology.hosts.keys()];
      issues.push({
        path: ['failures', i, 'host'],
        message: `unknown host "${f.host}"; ${known.length > 0 ? `hosts: ${known.join(', ')}` : 'no machine class names "hosts"'}`,
      });
    }
    if ('racks' in f) f.racks?.forEach((r, j) => unknownRack(r, ['racks', j]));
    if ('framework' in f && !frameworkIds.includes(f.framework))
      issues.push({
        path: ['failures', i, 'framework'],
        message: `unknown framework "${f.framework}"; frameworks: ${frameworkIds.join(', ')}`,
      });
  });
  if (issues.length > 0 || allocatorPlugin === undefined) throw new ScenarioError(issues);

  return {
    name: s.name,
    description: s.description,
    seed: s.seed,
    horizon: s.horizon,
    topology,
    master: s.master,
    allocator: { plugin: allocatorPlugin, options: allocatorOptions },
    frameworks,
    workloads,
    operations: s.operations,
    failures: s.failures,
    outputs: s.outputs,
    // A scenario's variants are resolved, and warned about, one by one (resolveVariants).
    warnings: resourceNameWarnings({ ...(input as Record<string, unknown>), variants: undefined }),
  };
}

type PluginOf<K extends 'allocator' | 'framework' | 'workload'> = K extends 'allocator'
  ? AllocatorPlugin
  : K extends 'framework'
    ? FrameworkPlugin
    : WorkloadPlugin;

function lookup<K extends 'allocator' | 'framework' | 'workload'>(
  registry: PluginRegistry,
  kind: K,
  name: string,
  path: Path,
  issues: LocatedIssue[],
): PluginOf<K> | undefined {
  const plugin = registry[kind](name) as PluginOf<K> | undefined;
  if (plugin === undefined) {
    issues.push({ path, message: `unknown ${kind} "${name}"; registered: ${registry.names(kind).join(', ')}` });
  }
  return plugin;
}

function parseOptions(
  plugin: {
    readonly options: z.ZodType<unknown, unknown>;
    check?(options: unknown, view: ScenarioView): readonly { path: readonly (string | number)[]; message: string }[];
  },
  raw: unknown,
  path: Path,
  view: ScenarioView,
  issues: LocatedIssue[],
): unknown {
  const parsed = plugin.options.safeParse(raw ?? {});
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, path));
    return undefined;
  }
  for (const issue of plugin.check?.(parsed.data, view) ?? [])
    issues.push({ path: [...path, ...issue.path], message: issue.message });
  return parsed.data;
}

function zodIssues(error: z.ZodError, prefix: Path): LocatedIssue[] {
  return error.issues.map((issue) => {
    const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0] as string);
    // A bad record key: say what is wrong with it, not just that it is invalid.
    const keyProblem = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    return { path, message: keyProblem === undefined ? issue.message : `invalid name: ${keyProblem}` };
  });
}

function checkUnique(
  values: readonly string[],
  path: Path,
  what: string,
  issues: LocatedIssue[],
  field?: string,
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) {
      issues.push({
        path: field === undefined ? [...path, i] : [...path, i, field],
        message: `duplicate ${what} "${value}"`,
      });
    }
    seen.add(value);
  });
}

/**
 * A scenario check shared by workload plugins: the task must fit on at least one machine.
 *
 * @example
 * ```ts
 * fitsSomeMachine({ cpus: 64 }, topology); // false on a cluster of 16-core machines
 * ```
 */
export function fitsSomeMachine(resources: Parameters<typeof fitsWithin>[0], topology: Topology): boolean {
  return topology.machines.some((m) => fitsWithin(resources, m.resources));
}
