import type { LocatedIssue } from './issues.ts';

/** Memory a machine takes in a run (its books, agent state and the allocator's), measured at 100,000 machines. */
const BYTES_PER_MACHINE = 3_500;

/**
 * The largest topology a scenario may have by default: about 1.7 GB of machine state, within
 * Node's default heap. `CLUSTERSIM_MAX_MACHINES` raises (or lowers) it for a machine with more memory.
 *
 * @example
 * ```ts
 * DEFAULT_MAX_MACHINES; // 500_000
 * ```
 */
export const DEFAULT_MAX_MACHINES = 500_000;

/**
 * The machine limit in force: `CLUSTERSIM_MAX_MACHINES` when set to a whole number ≥ 1, else the default.
 *
 * @example
 * ```ts
 * maxMachines({ CLUSTERSIM_MAX_MACHINES: '2000000' }); // 2_000_000
 * maxMachines({}); // 500_000
 * ```
 */
export function maxMachines(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env['CLUSTERSIM_MAX_MACHINES'];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : DEFAULT_MAX_MACHINES;
}

/**
 * Refuses, before anything is built, a topology too large for memory: the problem names the count,
 * the estimated memory and the limit, and how to raise it.
 *
 * @example
 * ```ts
 * topologySizeIssues([{ count: 100_000_000 }], 500_000); // one issue at $.topology.machines[0].count
 * ```
 */
export function topologySizeIssues(classes: readonly { readonly count: number }[], limit: number): LocatedIssue[] {
  const total = classes.reduce((sum, c) => sum + c.count, 0);
  if (total <= limit) return [];
  let largest = 0;
  classes.forEach((c, i) => {
    if (c.count > (classes[largest]?.count ?? 0)) largest = i;
  });
  const gigabytes = (total * BYTES_PER_MACHINE) / 1e9;
  return [
    {
      path: ['topology', 'machines', largest, 'count'],
      message: `the topology has ${total.toLocaleString('en-US')} machines, more than the limit of ${limit.toLocaleString('en-US')} (a run would need about ${gigabytes.toFixed(1)} GB for them); use fewer machines, or raise the limit with CLUSTERSIM_MAX_MACHINES=<n> on a machine with the memory`,
    },
  ];
}
