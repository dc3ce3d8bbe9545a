import { formatResources, isEmptyResources } from '../../../core/cluster/resources.ts';
import type { FrameworkPlugin } from '../../../core/plugins/framework.ts';
import type { ScenarioIssue } from '../../../core/plugins/definition.ts';
import { fitsSomeMachine } from '../../../core/scenario/resolve.ts';
import { createChronosScheduler } from './chronosScheduler.ts';
import { chronosOptions, type ChronosOptions } from './options.ts';

/**
 * Chronos, "cron for the datacenter", as a framework plugin: jobs on ISO 8601 repeating schedules,
 * dependent jobs, retries after a fixed delay, and `epsilon`, all reported as `job-run` facts.
 * Defaults are Chronos's own (mesos/chronos: docs/docs/api.md for job fields, docs/docs/configuration.md
 * for the `--failure_retry` and `--task_epsilon` flags).
 *
 * **Time.** Simulated time 0 is the wall-clock instant `epoch` (default 2026-01-01T00:00:00Z); a run
 * scheduled at an instant runs at (instant − epoch) in simulated time. Runs before 0 never happen;
 * a run at exactly the horizon does (the simulator handles events at the horizon), so an hourly
 * job starting at 00:30 runs 24 times in a 24 h scenario and one starting at 00:00 runs 25 times.
 * Years and months are added on the UTC calendar (see `schedule.ts`).
 *
 * **Runs.** When a run is due, its `tasks` tasks queue for offers, which are filled first-fit in
 * queue order; the framework suppresses offers while no task waits and revives when one does.
 * A run is active from its due time until it succeeds (all tasks succeeded), fails or is skipped.
 * A run none of whose tasks has launched within the job's `epsilon` of its due time (default
 * `taskEpsilon`, 60 s) is skipped: Chronos runs a late job only within epsilon of its time. Like
 * Chronos with `concurrent: false` (its default), a job has at most one active run: a run coming
 * due while the previous one is still active (queued, running, or waiting to retry) is skipped too.
 *
 * **Dependent jobs** (`parents`) run once each time every parent has had a successful run since the
 * dependent job was last triggered (Chronos counts parent invocations per edge and resets them when
 * the child starts); the run is due at the moment the last parent succeeded. A failed parent run
 * triggers nothing (Chronos's default, without `softError`).
 *
 * **Failures.** Each task attempt fails with probability `failureProbability` (drawn from the job's
 * own random stream): a failing attempt is launched with `outcome: 'failed'`, runs its drawn
 * duration — a job that works and then exits non-zero — and the master ends it as failed. Lost,
 * error and OOM-killed tasks are failures too; a killed task fails its run at once (Chronos does
 * not retry kills). A failed task is retried after the fixed `failureRetry` (60 s), up to
 * `retries` (2) times; a retry that cannot launch within epsilon of its retry time, or a failure
 * with no retries left, fails the run, and its other tasks are killed.
 *
 * **Facts.** `started` when the run's first task is running; `retrying` at each failure with
 * retries left; `succeeded`, `failed` or `skipped` at the end. Schedules, retries and epsilons are
 * timers, so a framework think time delays them by up to one reply's thinking. Jobs that a
 * workload submits to it are ignored: Chronos runs only the jobs of its options.
 *
 * @example
 * ```json
 * { "id": "cron", "scheduler": "chronos", "options": {
 *     "epoch": "2026-01-01T00:00:00Z",
 *     "jobs": [
 *       { "name": "extract", "schedule": "R/2026-01-01T02:00:00Z/P1D", "resources": { "cpus": 2, "mem": 4096 }, "duration": "30m" },
 *       { "name": "report", "parents": ["extract"], "resources": { "cpus": 1, "mem": 1024 }, "duration": "5m", "retries": 1 }
 *     ] } }
 * ```
 */
export const chronosFramework: FrameworkPlugin<ChronosOptions> = {
  name: 'chronos',
  description: 'cron for the datacenter: ISO 8601 repeating schedules, dependent jobs, retries, epsilon',
  options: chronosOptions,
  check(options, scenario) {
    const issues: ScenarioIssue[] = [];
    options.jobs.forEach((job, i) => {
      if (isEmptyResources(job.resources))
        issues.push({ path: ['jobs', i, 'resources'], message: 'a task needs some resources, e.g. { "cpus": 1 }' });
      else if (!fitsSomeMachine(job.resources, scenario.topology)) {
        issues.push({
          path: ['jobs', i, 'resources'],
          message: `a task of ${formatResources(job.resources)} is larger than any machine`,
        });
      }
    });
    return issues;
  },
  create: (options, context) => createChronosScheduler(options, context),
};
