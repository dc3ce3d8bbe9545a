import type { SimObserver, SimRecord } from '../core/simulation/records.ts';

/**
 * Outcomes of a scheduled (cron) job's runs.
 *
 * @example
 * ```ts
 * const backup: JobRunReport | undefined = runSimulation(scenario).jobRuns['backup'];
 * backup?.skipped; // runs that could not start within their epsilon (or came due while one ran)
 * ```
 */
export interface JobRunReport {
  readonly frameworkId: string;
  readonly started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly retries: number;
  readonly skipped: number;
}

/**
 * Observes `job-run` facts (cron frameworks) and counts each job's runs by outcome.
 *
 * @example
 * ```ts
 * const runs = createJobRunObserver();
 * simulate(scenario, { observers: [runs] });
 * runs.report()['nightly-backup']?.skipped;
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
      skipped: number;
    }
  >();
  return {
    observe(r: SimRecord): void {
      if (r.kind !== 'framework-fact' || r.fact !== 'job-run') return;
      let job = jobs.get(r.jobId);
      if (job === undefined)
        jobs.set(
          r.jobId,
          (job = { frameworkId: r.frameworkId, started: 0, succeeded: 0, failed: 0, retries: 0, skipped: 0 }),
        );
      if (r.state === 'started') job.started++;
      else if (r.state === 'succeeded') job.succeeded++;
      else if (r.state === 'failed') job.failed++;
      else if (r.state === 'retrying') job.retries++;
      else job.skipped++;
    },
    report: () => Object.fromEntries([...jobs].map(([id, j]) => [id, { ...j }])),
  };
}
