import { fitsWithin, subtractResources, type Resources } from '../../../core/cluster/resources.ts';
import type { Rng } from '../../../core/kernel/rng.ts';
import { microsToSeconds, secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import type {
  FrameworkAction,
  FrameworkContext,
  FrameworkFact,
  FrameworkScheduler,
  TaskLaunch,
} from '../../../core/plugins/framework.ts';
import type { ChronosJob, ChronosOptions } from './options.ts';
import { bindSchedule, type BoundSchedule } from './schedule.ts';

type RunState = Extract<FrameworkFact, { fact: 'job-run' }>['state'];

interface JobState {
  readonly spec: ChronosJob;
  readonly schedule: BoundSchedule | undefined;
  /** Dependent jobs to notify when a run of this job succeeds. */
  readonly children: JobState[];
  /** Parents that have succeeded since this (dependent) job was last triggered. */
  readonly parentsDone: Set<string>;
  readonly durations: Rng;
  readonly failures: Rng;
  nextIndex: number | undefined;
  runCount: number;
  active: Run | undefined;
}

interface Run {
  readonly runId: string;
  readonly job: JobState;
  unfinishedTasks: number;
  /** A task of it has been launched (its epsilon no longer applies to it). */
  launched: boolean;
  started: boolean;
  over: boolean;
}

interface TaskAttempt {
  readonly run: Run;
  readonly index: number;
  readonly attempt: number;
  readonly readySinceSeconds: number;
  /** Launched (and not dropped since). */
  launched: boolean;
}

/**
 * Creates one run's Chronos-like scheduler (see `chronosFramework` for the behaviour it models).
 *
 * @example
 * ```ts
 * const scheduler = createChronosScheduler(chronosOptions.parse({ jobs: [{ name: 'hourly',
 *   schedule: 'R/2026-01-01T00:30:00Z/PT1H', resources: { cpus: 1 }, duration: '10m' }] }), context);
 * scheduler.registered?.(); // [timer for 00:30, suppress]
 * ```
 */
export function createChronosScheduler(options: ChronosOptions, context: FrameworkContext): FrameworkScheduler {
  const jobs = new Map<string, JobState>();
  for (const spec of options.jobs) {
    jobs.set(spec.name, {
      spec,
      schedule: spec.schedule === undefined ? undefined : bindSchedule(spec.schedule, options.epochUnixMicros),
      children: [],
      parentsDone: new Set(),
      // Streams per job: adding a job never shifts the draws of another.
      durations: context.rng.fork(`job/${spec.name}/durations`),
      failures: context.rng.fork(`job/${spec.name}/failures`),
      nextIndex: undefined,
      runCount: 0,
      active: undefined,
    });
  }
  for (const job of jobs.values()) for (const parent of job.spec.parents ?? []) jobs.get(parent)?.children.push(job);

  let pending: TaskAttempt[] = [];
  const launched = new Map<string, { readonly task: TaskAttempt }>();
  const timers = new Map<string, () => void>();
  let timerCount = 0;
  let suppressed = false;
  /** The reply being built by the current callback. */
  let out: FrameworkAction[] = [];

  const nowMicros = (): Micros => secondsToMicros(context.nowSeconds());
  const epsilonOf = (job: JobState): Micros => job.spec.epsilon ?? options.taskEpsilon;
  const report = (run: { runId: string; job: JobState }, state: RunState): void => {
    out.push({ kind: 'report', fact: { fact: 'job-run', jobId: run.job.spec.name, runId: run.runId, state } });
  };
  const after = (delay: Micros, kind: string, fire: () => void): void => {
    const tag = `${kind}#${++timerCount}`;
    timers.set(tag, fire);
    out.push({ kind: 'timer', afterSeconds: microsToSeconds(Math.max(0, delay)), tag });
  };

  /**
   * A run of `job` is due now; it was due at `dueMicros`. If none of its tasks launches within the
   * job's epsilon of that time, it is skipped.
   */
  const due = (job: JobState, dueMicros: Micros): void => {
    const run: Run = {
      runId: `${job.spec.name}#${++job.runCount}`,
      job,
      unfinishedTasks: job.spec.tasks,
      launched: false,
      started: false,
      over: false,
    };
    const lastChance = dueMicros + epsilonOf(job);
    if (job.active !== undefined || nowMicros() > lastChance) {
      // Chronos (concurrent: false) skips a run whose job is still running, and one noticed too late.
      run.over = true;
      report(run, 'skipped');
      return;
    }
    job.active = run;
    const readySinceSeconds = context.nowSeconds();
    for (let index = 0; index < job.spec.tasks; index++)
      pending.push({ run, index, attempt: 0, readySinceSeconds, launched: false });
    after(lastChance - nowMicros(), 'epsilon', () => {
      if (!run.over && !run.launched) endRun(run, 'skipped');
    });
  };

  const armSchedule = (job: JobState): void => {
    const schedule = job.schedule;
    const k = job.nextIndex;
    if (schedule === undefined || k === undefined) return;
    if (schedule.repetitions !== undefined && k >= schedule.repetitions) return;
    const at = schedule.at(k);
    if (!Number.isSafeInteger(at)) return; // beyond any horizon
    after(at - nowMicros(), 'schedule', () => {
      const now = nowMicros();
      // A late timer (think time) makes every run that came due meanwhile due now, in order.
      while (
        job.nextIndex !== undefined &&
        (schedule.repetitions === undefined || job.nextIndex < schedule.repetitions) &&
        schedule.at(job.nextIndex) <= now
      ) {
        due(job, schedule.at(job.nextIndex));
        job.nextIndex++;
      }
      armSchedule(job);
    });
  };

  const endRun = (run: Run, state: 'succeeded' | 'failed' | 'skipped'): void => {
    run.over = true;
    run.job.active = undefined;
    report(run, state);
    if (state !== 'succeeded') {
      pending = pending.filter((t) => t.run !== run);
      for (const [taskId, entry] of launched) {
        if (entry.task.run !== run) continue;
        launched.delete(taskId);
        out.push({ kind: 'kill', taskId });
      }
      return;
    }
    const now = nowMicros();
    for (const child of run.job.children) {
      child.parentsDone.add(run.job.spec.name);
      if (child.parentsDone.size < (child.spec.parents?.length ?? 0)) continue;
      child.parentsDone.clear();
      due(child, now);
    }
  };

  /**
   * A task failed: retried after Chronos's fixed failure-retry delay while retries are left (a retry
   * that cannot launch within the job's epsilon of its retry time fails the run); else the run fails.
   */
  const taskFailed = (task: TaskAttempt): void => {
    const { run } = task;
    if (task.attempt >= run.job.spec.retries) return endRun(run, 'failed');
    report(run, 'retrying');
    after(options.failureRetry, 'retry', () => {
      if (run.over) return;
      const retry: TaskAttempt = {
        run,
        index: task.index,
        attempt: task.attempt + 1,
        readySinceSeconds: context.nowSeconds(),
        launched: false,
      };
      pending.push(retry);
      after(epsilonOf(run.job), 'epsilon', () => {
        if (!run.over && !retry.launched) endRun(run, 'failed');
      });
    });
  };

  /** Offers are wanted exactly while tasks wait: suppress when idle, revive when work is due. */
  const offerSwitch = (): void => {
    if (pending.length > 0 && suppressed) {
      suppressed = false;
      out.push({ kind: 'revive' });
    } else if (pending.length === 0 && !suppressed) {
      suppressed = true;
      out.push({ kind: 'suppress' });
    }
  };

  const reply = (body: () => void): readonly FrameworkAction[] => {
    out = [];
    body();
    offerSwitch();
    return out;
  };

  const launchFor = (task: TaskAttempt): TaskLaunch => {
    const { run, index, attempt } = task;
    const { spec, durations, failures } = run.job;
    const taskId = `${run.runId}/${index}${attempt === 0 ? '' : `/retry${attempt}`}`;
    // Drawn in launch order from the job's own streams; the failure draw is made even at
    // probability 0 so that changing the probability never shifts the durations.
    const durationSeconds = spec.duration(durations);
    const fails = failures.next() < spec.failureProbability;
    launched.set(taskId, { task });
    task.launched = true;
    run.launched = true;
    // A failing attempt works for its drawn duration and then crashes: the master ends it as failed.
    return {
      taskId,
      resources: spec.resources,
      durationSeconds,
      jobId: run.runId,
      appId: spec.name,
      readySinceSeconds: task.readySinceSeconds,
      ...(fails ? { outcome: 'failed' as const } : {}),
    };
  };

  return {
    registered: () =>
      reply(() => {
        for (const job of jobs.values()) {
          job.nextIndex = job.schedule?.firstIndexFrom(0);
          armSchedule(job);
        }
      }),
    jobSubmitted: () => [],
    timer: (tag) =>
      reply(() => {
        const fire = timers.get(tag);
        timers.delete(tag);
        fire?.();
      }),
    resourceOffers: (offers) =>
      reply(() => {
        const free: Resources[] = offers.map((o) => o.resources);
        const launches: TaskLaunch[][] = offers.map(() => []);
        const waiting: TaskAttempt[] = [];
        for (const task of pending) {
          const target = free.findIndex((room) => fitsWithin(task.run.job.spec.resources, room));
          if (target < 0) {
            waiting.push(task);
            continue;
          }
          free[target] = subtractResources(free[target] as Resources, task.run.job.spec.resources);
          launches[target]?.push(launchFor(task));
        }
        pending = waiting;
        offers.forEach((offer, i) => {
          const tasks = launches[i] ?? [];
          out.push(
            tasks.length > 0
              ? { kind: 'accept', offerId: offer.offerId, launches: tasks, refuseSeconds: options.refuseSeconds }
              : { kind: 'decline', offerId: offer.offerId, refuseSeconds: options.refuseSeconds },
          );
        });
      }),
    statusUpdate: (status) =>
      reply(() => {
        const entry = launched.get(status.taskId);
        if (entry === undefined || status.state === 'starting') return;
        const { task } = entry;
        const { run } = task;
        if (status.state === 'running') {
          if (!run.started && !run.over) {
            run.started = true;
            report(run, 'started');
          }
          return;
        }
        launched.delete(status.taskId);
        if (run.over) return;
        if (status.state === 'dropped') {
          task.launched = false;
          pending.push(task); // never ran: same attempt again
        } else if (status.state === 'finished') {
          run.unfinishedTasks--;
          if (run.unfinishedTasks === 0) endRun(run, 'succeeded');
        } else if (status.state === 'killed') {
          endRun(run, 'failed'); // Chronos does not retry a killed task
        } else {
          taskFailed(task); // failed (crashed or OOM), lost, error
        }
      }),
    pendingTasks: () => pending.length,
  };
}
