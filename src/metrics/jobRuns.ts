import type { SimObserver, SimRecord } from '../core/simulation/records.ts';

/**
 * Outcomes of a scheduled (cron) job's runs.
 *
 * @example
 * ```ts
 * const backup: JobRunReport | undefined = runSimulation(scenario).jobRuns['backup'];
 * backup?.missedDeadlines; // runs that did not finish within their deadline
 * ```
 */
export interface JobRunReport {
  readonly frameworkId: string;
  readonly started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly retries: number;
  readonly missedDeadlines: number;
}

/**
 * Observes `job-run` facts (cron frameworks) and counts each job's runs by outcome.
 *
 * @example
 * ```ts
 * const runs = createJobRunObserver();
 * simulate(scenario, { observers: [runs] });
 * runs.report()['nightly-backup']?.missedDeadlines;
 * ```
 */
export function createJobRunObserver(): SimObserver & { report(): Record<string, JobRunReport> } {
  const jobs = new Map<
    string,
    {
      frameworkId: string;
      started: number;
      succeeded: number;
      failed: number;
      retries: number;
      missedDeadlines: number;
    }
  >();
  return {
    observe(r: SimRecord): void {
      if (r.kind !== 'framework-fact' || r.fact !== 'job-run') return;
      let job = jobs.get(r.jobId);
      if (job === undefined)
        jobs.set(
          r.jobId,
          (job = { frameworkId: r.frameworkId, started: 0, succeeded: 0, failed: 0, retries: 0, missedDeadlines: 0 }),
        );
      if (r.state === 'started') job.started++;
      else if (r.state === 'succeeded') job.succeeded++;
      else if (r.state === 'failed') job.failed++;
      else if (r.state === 'retrying') job.retries++;
      else job.missedDeadlines++;
    },
    report: () => Object.fromEntries([...jobs].map(([id, j]) => [id, { ...j }])),
  };
}
