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
    runs.map(({ variant, report }) => [
      variant,
      report.allocator,
      ...resources.map((r) => fixed((report.utilization.allocated[r] ?? 0) * 100, 1)),
      report.eventsProcessed,
    ]),
  );
  const frameworks = formatTable(
    [
      'setup',
      'framework',
      ...resources.map((r) => `${r} util %`),
      'jobs done',
      'tasks',
      'abandoned',
      'wait p95 s',
      'max no-offer s',
    ],
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
  const serviceRows = runs.flatMap(({ variant, report }) =>
    Object.entries(report.services).map(([id, app]) => [
      variant,
      id,
      fixed(app.sinceReady.availability === null ? null : app.sinceReady.availability * 100, 2),
      fixed(app.sinceReady.minAvailability === null ? null : app.sinceReady.minAvailability * 100, 0),
      fixed(app.secondsWithoutHealthyInstance, 0),
      app.requests.total > 0 ? fixed((100 * app.requests.failed) / app.requests.total, 2) : '-',
    ]),
  );
  const services =
    serviceRows.length === 0
      ? []
      : [
          '',
          formatTable(
            [
              'setup',
              'service',
              'availability % (since ready)',
              'lowest %',
              's with none reachable',
              'requests failed %',
            ],
            serviceRows,
          ),
        ];
  const failureRows = runs
    .filter(({ report }) => report.failures.incidents.length > 0 || report.failures.masterFailovers > 0)
    .map(({ variant, report }) => {
      const f = report.failures;
      const detect = f.incidents.map((i) => i.detectedAfterSeconds).filter((d): d is number => d !== null);
      return [
        variant,
        f.incidents.length,
        f.tasksLost,
        fixed(f.lostTaskSeconds, 0),
        detect.length > 0 ? fixed(Math.max(...detect), 0) : '-',
        f.masterFailovers,
      ];
    });
  const failures =
    failureRows.length === 0
      ? []
      : [
          '',
          formatTable(
            ['setup', 'incidents', 'tasks lost', 'lost task-s', 'detected after s (max)', 'master failovers'],
            failureRows,
          ),
        ];
  return [header, '', cluster, '', frameworks, ...services, ...failures].join('\n');
}
