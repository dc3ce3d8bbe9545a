import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { PluginRegistry } from '../core/plugins/registry.ts';
import { ScenarioError, type LocatedIssue } from '../core/scenario/issues.ts';
import { withJsonLocations } from '../core/scenario/resolve.ts';
import { resolveVariants } from '../core/scenario/variants.ts';
import { SweepInputError } from './errors.ts';
import { planSweep } from './plan.ts';
import { sweepFileSchema, type SweepSpec } from './spec.ts';

/**
 * Reads a sweep file and its base scenario (a path relative to the sweep file) and checks the
 * whole sweep without running it. Problems are thrown as one `ScenarioError` whose lines name
 * the file, line, column and JSON path (`sweep.json:7:18: $.grid[0].values[1]: …`); the base
 * scenario's own problems name the scenario file.
 *
 * @example
 * ```ts
 * const spec = loadSweepFile('examples/sweep-allocation-interval.json', createDefaultRegistry());
 * await sweep(spec, { workers: 2 });
 * ```
 */
export function loadSweepFile(
  file: string,
  registry: PluginRegistry,
  options: { readonly skipBadRows?: boolean } = {},
): SweepSpec {
  const text = readText(file, 'sweep file');
  const parsed = withJsonLocations(text, file, (value) => {
    const result = sweepFileSchema.safeParse(value);
    if (!result.success) throw new ScenarioError(issuesOf(result.error));
    return result.data;
  });
  const scenarioFile = resolve(dirname(file), parsed.scenario);
  const scenarioText = withJsonLocations(text, file, () => {
    try {
      return readFileSync(scenarioFile, 'utf8');
    } catch (error) {
      throw new ScenarioError([
        { path: ['scenario'], message: `cannot read the base scenario ${scenarioFile}: ${why(error)}` },
      ]);
    }
  });
  const scenario = withJsonLocations(scenarioText, scenarioFile, (value) => {
    resolveVariants(value, registry);
    return value;
  });
  const spec: SweepSpec = {
    scenario,
    grid: parsed.grid,
    ...(parsed.name === undefined ? {} : { name: parsed.name }),
    ...(parsed.variants === undefined ? {} : { variants: parsed.variants }),
    ...(parsed.seeds === undefined ? {} : { seeds: parsed.seeds }),
    ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
    ...(parsed.metrics === undefined ? {} : { metrics: parsed.metrics }),
    ...(parsed.commonSeeds === undefined ? {} : { commonSeeds: parsed.commonSeeds }),
  };
  withJsonLocations(text, file, () => planSweep(spec, registry, options));
  return spec;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SweepInputError(`cannot read ${what} ${file}: ${why(error)}`);
  }
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
}

function issuesOf(error: z.ZodError): LocatedIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0] as string);
    return { path, message: issue.message };
  });
}
