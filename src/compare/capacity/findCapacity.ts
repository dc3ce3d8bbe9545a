import type {
  CapacityOfVariant,
  CapacityReport,
  CapacityStep,
  IntervalEstimate,
  ObjectiveClause,
} from '../comparisonReport.ts';
import { meetsClause } from './objective.ts';
import { smallestMeeting } from './search.ts';

/**
 * What one size of one variant gave over the seeds: each objective metric's estimate, or the
 * reason the setup cannot be built at that size.
 *
 * @example
 * ```ts
 * const m: SizeMeasurement = { metrics: { p95Wait: estimate }, problem: null };
 * ```
 */
export interface SizeMeasurement {
  readonly metrics: Readonly<Record<string, IntervalEstimate | null>>;
  /** Why the scaled scenario cannot run (e.g. a partition gets no machine); null when it ran. */
  readonly problem: string | null;
}

/**
 * Inputs of {@link findCapacity}.
 *
 * @example
 * ```ts
 * const input: FindCapacityInput = { objective: 'p95Wait<60s', clauses, variants: ['static', 'shared'],
 *   scenarioMachines: { static: 20, shared: 20 }, maxMachines: 320, measure };
 * ```
 */
export interface FindCapacityInput {
  readonly objective: string;
  readonly clauses: readonly ObjectiveClause[];
  readonly variants: readonly string[];
  readonly scenarioMachines: Readonly<Record<string, number>>;
  /** The largest size tried (default 16 × the scenario's size). */
  readonly maxMachines?: number | undefined;
  /** The smallest size a variant can be built at (default 1). */
  readonly minMachines?: ((variant: string) => number) | undefined;
  /** Runs (or looks up) every seed of `variant` at `machines`. Called at most once per size. */
  readonly measure: (variant: string, machines: number) => SizeMeasurement | Promise<SizeMeasurement>;
  readonly onStep?: ((variant: string, step: CapacityStep) => void) | undefined;
}

/**
 * A size meets the objective when the mean over the seeds of every clause's metric meets the clause.
 *
 * @example
 * ```ts
 * meetsObjective(clauses, { p95Wait: { n: 3, mean: 12, sd: 1, halfWidth: 2.5, low: 9.5, high: 14.5 } }); // true for p95Wait<60s
 * ```
 */
export function meetsObjective(
  clauses: readonly ObjectiveClause[],
  metrics: Readonly<Record<string, IntervalEstimate | null>>,
): boolean {
  return clauses.every((c) => meetsClause(c, metrics[c.metric]?.mean ?? null));
}

/**
 * The capacity search: per variant, the smallest machine count that meets the objective on the
 * mean over the seeds ({@link smallestMeeting}), with every size tried. The variants are searched
 * side by side (their runs can share a worker pool); the report does not depend on which finishes first.
 *
 * @example
 * ```ts
 * (await findCapacity(input)).variants['shared']?.machines; // 14
 * ```
 */
export async function findCapacity(input: FindCapacityInput): Promise<CapacityReport> {
  const searchOne = async (variant: string): Promise<CapacityOfVariant> => {
    const own = input.scenarioMachines[variant] ?? 1;
    const upper = Math.max(own, input.maxMachines ?? own * 16);
    const steps = new Map<number, CapacityStep>();
    const machines = await smallestMeeting(own, input.minMachines?.(variant) ?? 1, upper, async (n) => {
      const measured = await input.measure(variant, n);
      const step: CapacityStep = {
        machines: n,
        meets: measured.problem === null && meetsObjective(input.clauses, measured.metrics),
        metrics: measured.metrics,
        problem: measured.problem,
      };
      steps.set(n, step);
      input.onStep?.(variant, step);
      return step.meets;
    });
    return {
      machines,
      scenarioMachines: own,
      searchedUpTo: upper,
      steps: [...steps.values()].sort((a, b) => a.machines - b.machines),
    };
  };
  const found = await Promise.all(input.variants.map(searchOne));
  const variants: Record<string, CapacityOfVariant> = {};
  input.variants.forEach((variant, i) => {
    variants[variant] = found[i] as CapacityOfVariant;
  });
  return { objective: input.objective, clauses: input.clauses, rule: 'mean', variants };
}

/**
 * The capacity sentence of a variant against the baseline, e.g. "static needs 20 machines, shared
 * needs 14: shared saves 6 (30%)".
 *
 * @example
 * ```ts
 * capacitySentence('static', 'shared', report); // 'static needs 20 machines, shared needs 14: shared saves 6 (30%)'
 * ```
 */
export function capacitySentence(baseline: string, variant: string, report: CapacityReport): string {
  const b = report.variants[baseline];
  const v = report.variants[variant];
  if (b === undefined || v === undefined) return '';
  const needs = (name: string, found: CapacityOfVariant): string =>
    found.machines === null
      ? `${name} does not meet ${report.objective} with up to ${found.searchedUpTo} machines`
      : `${name} needs ${found.machines} machine${found.machines === 1 ? '' : 's'}`;
  if (b.machines === null || v.machines === null) return `${needs(baseline, b)}, ${needs(variant, v)}`;
  const head = `${needs(baseline, b)}, ${variant} needs ${v.machines}`;
  const delta = b.machines - v.machines;
  const percent = `${Math.round((100 * Math.abs(delta)) / b.machines)}%`;
  if (delta > 0) return `${head}: ${variant} saves ${delta} (${percent})`;
  if (delta < 0) return `${head}: ${variant} needs ${-delta} more (${percent})`;
  return `${head}: the same`;
}
