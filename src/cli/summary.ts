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
      [
        'framework',
        'jobs in',
        'jobs done',
        'tasks',
        'wait p50 s',
        'wait p95 s',
        'max no-offer s',
        ...resources.map((r) => `${r} %`),
      ],
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
    ...formatServices(report),
    '',
    `${report.eventsProcessed} events, event log sha256 ${report.eventLogHash.slice(0, 16)}…` +
      (report.wall === null
        ? ''
        : `, ${fixed(report.wall.seconds, 2)} s wall (${Math.round(report.wall.eventsPerSecond)} events/s)`),
  ];
  return lines.join('\n');
}

/**
 * Lines for the services table (none when the run had no service apps): per app, its instances and
 * version at the end, when it first had all instances healthy, availability since then (average
 * and lowest), requests failed since then and degraded over the run, deployment phases.
 *
 * @example
 * ```ts
 * formatServices(report); // ['', 'service  instances  version  availability %  …', …]
 * ```
 */
export function formatServices(report: RunReport): string[] {
  const apps = Object.entries(report.services);
  if (apps.length === 0) return [];
  const percent = (part: number, whole: number): string => (whole > 0 ? fixed((100 * part) / whole, 2) : '-');
  return [
    '',
    formatTable(
      [
        'service',
        'instances',
        'version',
        'ready at s',
        'availability % (since ready)',
        'lowest %',
        'failed % (since ready)',
        'degraded %',
        'deployments',
      ],
      apps.map(([id, app]) => [
        id,
        app.desired,
        app.version,
        fixed(app.sinceReady.atSeconds, 0),
        fixed(app.sinceReady.availability === null ? null : app.sinceReady.availability * 100, 2),
        fixed(app.sinceReady.minAvailability === null ? null : app.sinceReady.minAvailability * 100, 0),
        percent(app.sinceReady.requestsFailed, app.sinceReady.requestsTotal),
        percent(app.requests.degraded, app.requests.total),
        app.deployments.length === 0 ? '-' : app.deployments.map((d) => d.phase).join(' → '),
      ]),
    ),
  ];
}
