import type { RunReport } from '../metrics/runReport.ts';
import { fixed, formatTable } from './table.ts';

/**
 * The side-by-side summary of several setups of one workload (scenario variants): per setup, the
 * cluster's utilization; per setup and framework, its utilization, work done and starvation.
 *
 * @example
 * ```ts
 * console.log(formatComparison([{ variant: 'static', report: a }, { variant: 'shared', report: b }]));
 * ```
 */
export function formatComparison(runs: readonly { readonly variant: string; readonly report: RunReport }[]): string {
  const first = runs[0]?.report;
  if (first === undefined) return '';
  const resources = Object.keys(first.utilization.allocated).filter((r) => r === 'cpus' || r === 'mem' || r === 'gpus');
  const header = `${first.scenario.split('/')[0]} (seed ${first.seed}): ${first.cluster.machines} machines, ${first.simulatedSeconds} s simulated, ${runs.length} setups`;
  const cluster = formatTable(
    ['setup', 'allocator', ...resources.map((r) => `${r} util %`), 'events'],
    runs.map(({ variant, report }) => [variant, report.allocator, ...resources.map((r) => fixed((report.utilization.allocated[r] ?? 0) * 100, 1)), report.eventsProcessed]),
  );
  const frameworks = formatTable(
    ['setup', 'framework', ...resources.map((r) => `${r} util %`), 'jobs done', 'tasks', 'abandoned', 'wait p95 s', 'max no-offer s'],
    runs.flatMap(({ variant, report }) =>
      Object.entries(report.frameworks).map(([id, f]) => [
        variant,
        id,
        ...resources.map((r) => fixed((report.utilization.byFramework[id]?.[r] ?? 0) * 100, 1)),
        `${f.jobsCompleted}/${f.jobsSubmitted}`,
        f.tasksLaunched,
        f.tasksAbandoned,
        fixed(f.taskWaitSeconds.p95, 1),
        fixed(f.starvation.longestWithoutOfferSeconds, 0),
      ]),
    ),
  );
  return [header, '', cluster, '', frameworks].join('\n');
}
