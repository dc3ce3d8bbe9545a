import type { RunReport } from '../metrics/runReport.ts';
import { fixed, formatTable } from './table.ts';

/**
 * The text summary the CLI prints after a run: cluster utilization, then one line per framework.
 *
 * @example
 * ```ts
 * console.log(formatRunSummary(runSimulation(scenario)));
 * ```
 */
export function formatRunSummary(report: RunReport): string {
  const util = report.utilization;
  const resources = Object.keys(util.allocated).filter((r) => r !== 'disk');
  const lines = [
    `${report.scenario} (seed ${report.seed}, allocator ${report.allocator}): ${report.cluster.machines} machines in ${report.cluster.racks} racks, ${report.simulatedSeconds} s simulated`,
    `utilization (time-weighted, allocated): ${resources.map((r) => `${r} ${fixed((util.allocated[r] ?? 0) * 100, 1)}%`).join(', ')}`,
    '',
    formatTable(
      ['framework', 'jobs in', 'jobs done', 'tasks', 'wait p50 s', 'wait p95 s', 'max no-offer s', ...resources.map((r) => `${r} %`)],
      Object.entries(report.frameworks).map(([id, f]) => [
        id,
        f.jobsSubmitted,
        f.jobsCompleted,
        f.tasksLaunched,
        fixed(f.taskWaitSeconds.p50, 1),
        fixed(f.taskWaitSeconds.p95, 1),
        fixed(f.starvation.longestWithoutOfferSeconds, 0),
        ...resources.map((r) => fixed((util.byFramework[id]?.[r] ?? 0) * 100, 1)),
      ]),
    ),
    '',
    `${report.eventsProcessed} events, event log sha256 ${report.eventLogHash.slice(0, 16)}…` +
      (report.wall === null ? '' : `, ${fixed(report.wall.seconds, 2)} s wall (${Math.round(report.wall.eventsPerSecond)} events/s)`),
  ];
  return lines.join('\n');
}
