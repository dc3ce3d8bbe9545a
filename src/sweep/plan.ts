import type { MetricInfo } from '../compare/comparisonReport.ts';
import { DEFAULT_METRICS, metricInfo, metricsFor, type MetricDefinition } from '../compare/metrics.ts';
import type { RunTask } from '../compare/runners/runTask.ts';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { formatIssue, ScenarioError, type LocatedIssue } from '../core/scenario/issues.ts';
import { resolveVariants, type ResolvedVariant } from '../core/scenario/variants.ts';
import { VERSION } from '../version.ts';
import { contentHash } from './canonicalJson.ts';
import { variantInput, withOverrides } from './effectiveScenario.ts';
import { parseJsonPath, type JsonPathSegment } from './jsonPath.ts';
import { runSeed } from './runSeed.ts';
import type { SweepSpec } from './spec.ts';

/**
 * Everything that decides a sweep's results, resolved: the fields a sweep's manifest stores and
 * its fingerprint is the hash of. Two sweeps with the same manifest run the same runs.
 *
 * @example
 * ```ts
 * const manifest: SweepManifest = planSweep(spec).manifest;
 * manifest.replications; // [0, 1, …, 9] for seeds: 10
 * ```
 */
export interface SweepManifest {
  readonly clustersim: string;
  readonly name: string;
  readonly scenario: unknown;
  readonly grid: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly variants: readonly string[];
  readonly replications: readonly (number | string)[];
  readonly seed: number | string;
  readonly metrics: readonly string[];
  readonly commonSeeds: boolean;
  readonly skipBadRows: boolean;
}

/**
 * One run of a sweep: its grid point, variant and replication, its derived seed, the task the
 * executor runs and the key its result is stored under (a hash of the resolved scenario and seed).
 *
 * @example
 * ```ts
 * const run: PlannedRun = planSweep(spec).runs[0]!;
 * run.key; // 64 hex digits
 * ```
 */
export interface PlannedRun {
  /** Position in the sweep's order: grid point, then variant, then replication. */
  readonly index: number;
  readonly point: number;
  readonly variant: string;
  readonly replication: number | string;
  readonly seed: number;
  readonly key: string;
  readonly task: RunTask;
}

/**
 * A sweep, resolved and checked: its grid points (the cartesian product of the parameters' values,
 * the first parameter varying slowest), variants, replications, metrics and every run.
 *
 * @example
 * ```ts
 * const plan = planSweep(spec);
 * plan.runs.length === plan.points.length * plan.variants.length * plan.replications.length; // true
 * ```
 */
export interface SweepPlan {
  readonly name: string;
  /** SHA-256 of the manifest: sweeps, shards and result folders with the same fingerprint belong together. */
  readonly fingerprint: string;
  readonly manifest: SweepManifest;
  /** The parameters' paths, in grid order. */
  readonly parameters: readonly string[];
  /** Per grid point, the parameters' values in grid order. */
  readonly points: readonly (readonly unknown[])[];
  readonly variants: readonly string[];
  readonly replications: readonly (number | string)[];
  /** The metrics the tables report. */
  readonly metrics: readonly MetricInfo[];
  /** Every metric a run records (so a later sweep asking for other metrics can reuse it). */
  readonly recorded: readonly MetricDefinition[];
  readonly runs: readonly PlannedRun[];
}

/** Paths a grid may not set, and why. */
const RESERVED: Readonly<Record<string, string>> = {
  seed: 'run seeds are derived from the sweep seed ("seed" in the sweep file), not set by the grid',
  variants:
    'grid paths apply to each variant\'s own scenario (the variant\'s fields already in place); write "allocator.options…", not "variants.<name>.allocator.options…"',
};

/** Column names of the tables, which a parameter path may not take. */
const COLUMNS = ['variant', 'replication', 'seed', 'metric', 'value', 'n', 'mean', 'sd', 'low', 'high'];

/**
 * Resolves and checks a sweep before anything runs: every grid value is set into every variant's
 * scenario and the result validated, the variants and metrics looked up. Throws one
 * `ScenarioError` listing every problem with its JSON path in the sweep
 * (`$.grid[0].values[1]: with master.allocationInterval = "0s" …`).
 *
 * @example
 * ```ts
 * const plan = planSweep({ scenario, grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }], seeds: 10 });
 * plan.runs.length; // 2 points × variants × 10
 * ```
 */
export function planSweep(
  spec: SweepSpec,
  registry: PluginRegistry,
  options: { readonly skipBadRows?: boolean } = {},
): SweepPlan {
  const setups = resolveVariants(spec.scenario, registry);
  const issues: LocatedIssue[] = [];
  const variants = chooseVariants(setups, spec.variants, issues);
  const replications = replicationsOf(spec.seeds ?? 5, issues);
  const frameworkIds = [...new Set(setups.flatMap((s) => s.scenario.frameworks.map((f) => f.id)))];
  const recorded = metricsFor(DEFAULT_METRICS, frameworkIds);
  const metrics = metricsOf(spec.metrics, recorded, issues);
  const paths = spec.grid.map((parameter, i) => pathOf(parameter.path, i, spec.grid, issues));
  spec.grid.forEach((parameter, i) => duplicateValues(parameter.values, i, issues));
  if (issues.length > 0) throw new ScenarioError(issues);

  const inputs = new Map(variants.map((v) => [v.variant, variantInput(spec.scenario, v)]));
  // Each value alone first, so that a bad value is named where it is written.
  spec.grid.forEach((parameter, i) =>
    parameter.values.forEach((value, j) => {
      for (const [variant, input] of inputs) {
        const problem = problemOf(input, [[paths[i] as JsonPathSegment[], value]], registry);
        if (problem === undefined) continue;
        const at = problem.path ? ['grid', i, 'path'] : ['grid', i, 'values', j];
        issues.push({
          path: at,
          message: `with ${parameter.path} = ${JSON.stringify(value)}${inVariant(variant, inputs)}: ${problem.message}`,
        });
        break;
      }
    }),
  );
  if (issues.length > 0) throw new ScenarioError(dedupe(issues));

  const points = cartesian(spec.grid.map((p) => p.values));
  const sweepSeed = spec.seed ?? (setups[0] as ResolvedVariant).scenario.seed;
  const commonSeeds = spec.commonSeeds === true;
  const skipBadRows = options.skipBadRows === true;
  const runs: PlannedRun[] = [];
  points.forEach((values, point) => {
    const overrides = values.map((v, i) => [paths[i] as JsonPathSegment[], v] as const);
    const byPath = Object.fromEntries(spec.grid.map((p, i) => [p.path, values[i]]));
    for (const [variant, base] of inputs) {
      const input = withOverrides(base, overrides);
      if (spec.grid.length > 1) {
        const problem = problemOf(base, overrides, registry);
        if (problem !== undefined) {
          issues.push({
            path: ['grid'],
            message: `at the grid point ${JSON.stringify(byPath)}${inVariant(variant, inputs)}: ${problem.message}`,
          });
          continue;
        }
      }
      for (const replication of replications) {
        const seed = runSeed(sweepSeed, commonSeeds ? null : byPath, replication);
        const task: RunTask = { input, variant: null, seed, skipBadRows };
        const key = contentHash({ clustersim: VERSION, scenario: input, seed, skipBadRows });
        runs.push({ index: runs.length, point, variant, replication, seed, key, task });
      }
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);

  const name = spec.name ?? (setups[0] as ResolvedVariant).scenario.name.split('/')[0] ?? 'sweep';
  const manifest: SweepManifest = {
    clustersim: VERSION,
    name,
    scenario: spec.scenario,
    grid: spec.grid.map((p) => ({ path: p.path, values: [...p.values] })),
    variants: variants.map((v) => v.variant),
    replications,
    seed: sweepSeed,
    metrics: metrics.map((m) => m.id),
    commonSeeds,
    skipBadRows,
  };
  return {
    name,
    fingerprint: contentHash(manifest),
    manifest,
    parameters: spec.grid.map((p) => p.path),
    points,
    variants: manifest.variants,
    replications,
    metrics: metrics.map(metricInfo),
    recorded,
    runs,
  };
}

function chooseVariants(
  setups: readonly ResolvedVariant[],
  names: readonly string[] | undefined,
  issues: LocatedIssue[],
): ResolvedVariant[] {
  if (names === undefined) return [...setups];
  const known = setups.map((s) => s.variant);
  names.forEach((name, i) => {
    if (!known.includes(name))
      issues.push({
        path: ['variants', i],
        message: `unknown variant "${name}"; the scenario's variants: ${known.join(', ')}`,
      });
    else if (names.indexOf(name) !== i)
      issues.push({ path: ['variants', i], message: `variant "${name}" is listed twice` });
  });
  return setups.filter((s) => names.includes(s.variant));
}

function replicationsOf(seeds: number | readonly (number | string)[], issues: LocatedIssue[]): (number | string)[] {
  if (typeof seeds === 'number') {
    if (!Number.isSafeInteger(seeds) || seeds < 1)
      issues.push({ path: ['seeds'], message: `the number of replications is a whole number ≥ 1, got ${seeds}` });
    return Array.from({ length: Math.max(0, Number.isSafeInteger(seeds) ? seeds : 0) }, (_, i) => i);
  }
  if (seeds.length === 0) issues.push({ path: ['seeds'], message: 'the seed list is empty; give at least one seed' });
  const seen = new Set<string>();
  seeds.forEach((s, i) => {
    const key = `${typeof s}:${s}`;
    if (seen.has(key))
      issues.push({
        path: ['seeds', i],
        message: `seed ${JSON.stringify(s)} is listed twice; each seed is one replication`,
      });
    seen.add(key);
  });
  return [...seeds];
}

function metricsOf(
  ids: readonly string[] | undefined,
  recorded: readonly MetricDefinition[],
  issues: LocatedIssue[],
): MetricDefinition[] {
  if (ids === undefined) return recorded.filter((m) => m.headline);
  const byId = new Map(recorded.map((m) => [m.id, m]));
  const out: MetricDefinition[] = [];
  ids.forEach((id, i) => {
    const metric = byId.get(id);
    if (metric === undefined) {
      const known = DEFAULT_METRICS.metrics.map((m) => m.id).join(', ');
      const families = DEFAULT_METRICS.perFramework.map((f) => f.id).join(', ');
      issues.push({
        path: ['metrics', i],
        message: `unknown metric "${id}"; known: ${known}; per framework: <metric>.<framework> for ${families}`,
      });
    } else if (ids.indexOf(id) !== i) issues.push({ path: ['metrics', i], message: `metric "${id}" is listed twice` });
    else out.push(metric);
  });
  return out;
}

function pathOf(text: string, i: number, grid: SweepSpec['grid'], issues: LocatedIssue[]): JsonPathSegment[] {
  let path: JsonPathSegment[];
  try {
    path = parseJsonPath(text);
  } catch (error) {
    issues.push({ path: ['grid', i, 'path'], message: (error as Error).message });
    return [];
  }
  const reserved = RESERVED[path[0] as string];
  if (reserved !== undefined) issues.push({ path: ['grid', i, 'path'], message: `"${text}": ${reserved}` });
  else if (COLUMNS.includes(text))
    issues.push({
      path: ['grid', i, 'path'],
      message: `"${text}" is a column of the results table; a parameter path cannot be one`,
    });
  else if (grid.findIndex((p) => p.path === text) !== i)
    issues.push({ path: ['grid', i, 'path'], message: `"${text}" is already a parameter of this grid` });
  return path;
}

function duplicateValues(values: readonly unknown[], i: number, issues: LocatedIssue[]): void {
  const seen = new Set<string>();
  values.forEach((value, j) => {
    const key = contentHash(value ?? null);
    if (seen.has(key))
      issues.push({ path: ['grid', i, 'values', j], message: `${JSON.stringify(value)} is listed twice` });
    seen.add(key);
  });
}

/** Why a scenario with these overrides cannot run (`path`: the path itself does not fit the scenario), or undefined. */
function problemOf(
  input: Record<string, unknown>,
  overrides: readonly (readonly [readonly JsonPathSegment[], unknown])[],
  registry: PluginRegistry,
): { readonly message: string; readonly path: boolean } | undefined {
  let changed: Record<string, unknown>;
  try {
    changed = withOverrides(input, overrides);
  } catch (error) {
    if (error instanceof RangeError) return { message: error.message, path: true };
    throw error;
  }
  try {
    resolveVariants(changed, registry);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { message: error.issues.map((issue) => formatIssue(issue)).join('; '), path: false };
  }
  return undefined;
}

function inVariant(variant: string, inputs: ReadonlyMap<string, unknown>): string {
  return inputs.size > 1 ? ` (variant "${variant}")` : '';
}

function dedupe(issues: readonly LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every combination of the lists' values, the first list varying slowest. */
function cartesian(lists: readonly (readonly unknown[])[]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((value) => [...prefix, value]));
  return out;
}
