import { z } from 'zod';
import { strictObject } from '../core/scenario/fields.ts';

/**
 * One parameter of a sweep's grid: where in the scenario it goes (a path such as
 * `master.allocationInterval`) and the values it takes.
 *
 * @example
 * ```ts
 * const parameter: GridParameter = { path: 'master.allocationInterval', values: ['1s', '5s'] };
 * ```
 */
export interface GridParameter {
  readonly path: string;
  readonly values: readonly unknown[];
}

/**
 * What a sweep runs: every point of the grid (the cartesian product of the parameters' values) ×
 * every variant × every replication. The same as a sweep file, with the base scenario given as
 * its JSON value instead of a file name.
 *
 * @example
 * ```ts
 * const spec: SweepSpec = {
 *   scenario: JSON.parse(readFileSync('examples/day-night.json', 'utf8')),
 *   grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
 *   variants: ['static', 'shared'], seeds: 10, metrics: ['cpuAllocated', 'p95Wait'],
 * };
 * ```
 */
export interface SweepSpec {
  /** A name for titles and the manifest (default: the scenario's name). */
  readonly name?: string;
  /** The base scenario, as written (with or without variants). */
  readonly scenario: unknown;
  readonly grid: readonly GridParameter[];
  /** The variants to run (default: all, in the scenario's order). */
  readonly variants?: readonly string[];
  /** Replications per grid point and variant: a count, or a list of replication labels (default 5). */
  readonly seeds?: number | readonly (number | string)[];
  /** The sweep seed every run seed is derived from (default: the scenario's seed). */
  readonly seed?: number | string;
  /** Metric ids from the compare metric registry (default: its headline metrics). */
  readonly metrics?: readonly string[];
  /**
   * Whether every grid point uses the same run seeds (common random numbers along the grid;
   * default false: a run's seed depends on its grid point too).
   */
  readonly commonSeeds?: boolean;
}

const seedValue = z.union([z.number().int(), z.string().min(1)], {
  error: 'a seed is a whole number or a non-empty text',
});

/**
 * The zod schema of a sweep file: like {@link SweepSpec}, with `scenario` the path of the base
 * scenario file, relative to the sweep file.
 *
 * @example
 * ```ts
 * sweepFileSchema.safeParse({ scenario: 'base.json', grid: [{ path: 'master.allocationInterval', values: [1, 5] }] }).success; // true
 * ```
 */
export const sweepFileSchema = strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  scenario: z.string({ error: 'scenario is the path of the base scenario file, relative to the sweep file' }).min(1),
  grid: z
    .array(
      strictObject({
        path: z.string({ error: 'path is a text such as "master.allocationInterval"' }),
        values: z
          .array(z.unknown(), { error: 'values is a list of the values the parameter takes' })
          .min(1, 'a parameter needs at least one value'),
      }),
      { error: 'grid is a list of { "path": …, "values": [ … ] }' },
    )
    .min(1, 'a sweep needs at least one grid parameter (to compare variants only, use clustersim compare)'),
  variants: z.array(z.string()).min(1, 'the variant list is empty; leave it out to run every variant').optional(),
  seeds: z
    .union([z.number().int().min(1), z.array(seedValue).min(1)], {
      error: 'seeds is a number of replications ≥ 1 or a non-empty list of seeds',
    })
    .optional(),
  seed: seedValue.optional(),
  metrics: z.array(z.string()).min(1, 'the metric list is empty; leave it out for the headline metrics').optional(),
  commonSeeds: z.boolean().optional(),
});

/**
 * A sweep file after parsing.
 *
 * @example
 * ```ts
 * const file: SweepFile = sweepFileSchema.parse(JSON.parse(text));
 * ```
 */
export type SweepFile = z.output<typeof sweepFileSchema>;
