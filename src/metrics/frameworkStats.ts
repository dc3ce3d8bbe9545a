import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import { PREEMPTED_TASK_REASON, REVOKED_TASK_REASON } from '../core/plugins/framework.ts';
import { StreamingSample } from './streamingSample.ts';
import type { SampleSummary } from './summary.ts';

/**
 * What happened to one framework's work during a run.
 *
 * @example
 * ```ts
 * const report: FrameworkReport | undefined = runSimulation(scenario).frameworks['batch'];
 * report?.tasksEnded['finished'];            // tasks that ran to completion
 * report?.starvation.longestWithoutOfferSeconds;
 * ```
 */
export interface FrameworkReport {
  readonly jobsSubmitted: number;
  readonly jobsCompleted: number;
  /** Jobs submitted that had not launched a single task by the horizon (starved, e.g. a gang that never fit). */
  readonly jobsNeverStarted: number;
  /** Jobs some of whose work the framework abandoned (e.g. out of patience). */
  readonly jobsAbandoned: number;
  readonly tasksLaunched: number;
  /** Tasks that ended, by terminal state. */
  readonly tasksEnded: Readonly<Record<string, number>>;
  /** Tasks still running at the horizon. */
  readonly tasksRunningAtEnd: number;
  /** Tasks killed for using more memory than they may. */
  readonly tasksOomKilled: number;
  /** Tasks killed because the revocable resources they ran on were taken back (QoS correction). */
  readonly tasksRevoked: number;
  /** Its tasks killed by preemption to make room for a higher-priority framework. */
  readonly tasksPreempted: number;
  /** Times the master preempted tasks to make room for this framework's waiting tasks. */
  readonly preemptions: number;
  /** Tasks the framework gave up on before they ran (e.g. out of patience). */
  readonly tasksAbandoned: number;
  readonly offersReceived: number;
  readonly offersDeclined: number;
  readonly decisionsRejected: number;
  /**
   * Seconds from ready to launch, per task launch. Past 2^20 launches the quantiles come from a
   * streaming sketch: `approximate` is then true, with the bound on their `relativeError`.
   */
  readonly taskWaitSeconds: SampleSummary;
  /**
   * The task waits' quantiles at 0 %, 1 %, …, 100 % (101 values); [] when no task waited.
   * Approximate, within `taskWaitSeconds.relativeError`, when `taskWaitSeconds.approximate` is.
   */
  readonly taskWaitQuantiles: number[];
  /** Seconds from submission to the last task finishing, per completed job. */
  readonly jobCompletionSeconds: SampleSummary;
  /** Per completed job: its completion time ÷ the run time of its longest finished task (≥ 1). */
  readonly jobSlowdown: SampleSummary;
  /** From the first job submitted to the last job completed; null if no job completed. */
  readonly makespanSeconds: number | null;
  readonly starvation: {
    /** Longest stretch with tasks pending and no offer received. */
    readonly longestWithoutOfferSeconds: number;
    /**
     * Total time with tasks pending and no offer received: each such stretch (counted as for the
     * longest) beyond the allocation interval, the normal wait for the next allocation run.
     */
    readonly withoutOfferSeconds: number;
    /** Time with tasks pending while a role of the framework was below its DRF fair share. */
    readonly belowFairShareSeconds: number;
    /** Time-averaged number of pending tasks. */
    readonly meanPendingTasks: number;
    /** Tasks pending at the horizon. */
    readonly pendingAtEnd: number;
  };
}

interface Tracker {
  jobsSubmitted: number;
  jobsCompleted: number;
  tasksLaunched: number;
  running: number;
  readonly tasksEnded: Record<string, number>;
  tasksAbandoned: number;
  offersReceived: number;
  offersDeclined: number;
  decisionsRejected: number;
  readonly waits: StreamingSample;
  readonly jobTimes: StreamingSample;
  readonly jobs: Map<string, { submitted: number; remaining: number; started: boolean; longestRun: number }>;
  readonly launchedAt: Map<string, number>;
  readonly abandonedJobs: Set<string>;
  readonly slowdowns: StreamingSample;
  firstSubmitted: number | undefined;
  lastCompleted: number | undefined;
  withoutOffer: number;
  oomKilled: number;
  revoked: number;
  preempted: number;
  preemptions: number;
  pending: number;
  pendingSince: number;
  lastOffer: number;
  longestGap: number;
  pendingArea: number;
  pendingChangedAt: number;
}

const SECOND = 1_000_000;

/**
 * Options of {@link createFrameworkStatsObserver}.
 *
 * @example
 * ```ts
 * const options: FrameworkStatsOptions = { offerGrace: 1_000_000 }; // the allocation interval, 1 s
 * ```
 */
export interface FrameworkStatsOptions {
  /** Part of each stretch without offers not counted in `withoutOfferSeconds` (µs; default 0). */
  readonly offerGrace?: number;
  /**
   * Waits, completion times and slowdowns kept exactly per framework (default 2^20 each); past
   * this their quantiles come from a streaming sketch and the summaries say `approximate`.
   */
  readonly exactSamples?: number;
  /** Relative error of those sketched quantiles (default 0.01). */
  readonly relativeError?: number;
}

/**
 * Observes records and tallies per-framework work, waiting and starvation.
 *
 * @example
 * ```ts
 * const stats = createFrameworkStatsObserver();
 * simulate(scenario, { observers: [stats] });
 * stats.report().hadoop?.taskWaitSeconds.p95;
 * ```
 */
export function createFrameworkStatsObserver(options: FrameworkStatsOptions = {}): SimObserver & {
  report(fairness?: { belowFairShareSeconds(frameworkId: string): number }): Record<string, FrameworkReport>;
} {
  const grace = options.offerGrace ?? 0;
  const sampleOptions = {
    ...(options.exactSamples === undefined ? {} : { exactSamples: options.exactSamples }),
    ...(options.relativeError === undefined ? {} : { relativeError: options.relativeError }),
  };
  const trackers = new Map<string, Tracker>();
  let end = 0;
  const get = (id: string): Tracker => {
    let t = trackers.get(id);
    if (t === undefined) {
      t = {
        jobsSubmitted: 0,
        jobsCompleted: 0,
        tasksLaunched: 0,
        running: 0,
        tasksEnded: {},
        tasksAbandoned: 0,
        offersReceived: 0,
        offersDeclined: 0,
        decisionsRejected: 0,
        waits: new StreamingSample(sampleOptions),
        jobTimes: new StreamingSample(sampleOptions),
        jobs: new Map(),
        launchedAt: new Map(),
        abandonedJobs: new Set(),
        slowdowns: new StreamingSample(sampleOptions),
        firstSubmitted: undefined,
        lastCompleted: undefined,
        withoutOffer: 0,
        pending: 0,
        pendingSince: 0,
        lastOffer: 0,
        longestGap: 0,
        pendingArea: 0,
        pendingChangedAt: 0,
        oomKilled: 0,
        revoked: 0,
        preempted: 0,
        preemptions: 0,
      };
      trackers.set(id, t);
    }
    return t;
  };
  const closeGap = (t: Tracker, now: number): void => {
    if (t.pending === 0) return;
    const gap = now - Math.max(t.pendingSince, t.lastOffer);
    t.longestGap = Math.max(t.longestGap, gap);
    t.withoutOffer += Math.max(0, gap - grace);
  };
  const setPending = (t: Tracker, now: number, pending: number): void => {
    t.pendingArea += t.pending * (now - t.pendingChangedAt);
    t.pendingChangedAt = now;
    if (t.pending > 0 && pending === 0) closeGap(t, now);
    if (t.pending === 0 && pending > 0) t.pendingSince = now;
    t.pending = pending;
  };

  return {
    observe(r: SimRecord): void {
      switch (r.kind) {
        case 'framework-registered':
          get(r.frameworkId);
          return;
        case 'job-submitted': {
          const t = get(r.frameworkId);
          t.jobsSubmitted++;
          t.jobs.set(r.jobId, { submitted: r.t, remaining: r.tasks, started: false, longestRun: 0 });
          t.firstSubmitted ??= r.t;
          return;
        }
        case 'offer-made': {
          const t = get(r.frameworkId);
          t.offersReceived++;
          closeGap(t, r.t);
          t.lastOffer = r.t;
          return;
        }
        case 'offer-declined':
          get(r.frameworkId).offersDeclined++;
          return;
        case 'decision-rejected':
          get(r.frameworkId).decisionsRejected++;
          return;
        case 'work-abandoned': {
          const t = get(r.frameworkId);
          t.tasksAbandoned += r.tasks;
          t.abandonedJobs.add(r.jobId);
          return;
        }
        case 'framework-pending':
          setPending(get(r.frameworkId), r.t, r.tasks);
          return;
        case 'tasks-preempted':
          get(r.frameworkId).preemptions++;
          return;
        case 'task-launched': {
          const t = get(r.frameworkId);
          t.tasksLaunched++;
          t.running++;
          const job = r.jobId === null ? undefined : t.jobs.get(r.jobId);
          if (job !== undefined) job.started = true;
          if (r.waitSeconds !== null) t.waits.add(r.waitSeconds);
          if (r.jobId !== null) t.launchedAt.set(r.taskId, r.t);
          return;
        }
        case 'task-ended': {
          const t = get(r.frameworkId);
          t.running--;
          t.tasksEnded[r.state] = (t.tasksEnded[r.state] ?? 0) + 1;
          if (r.reason === 'OOM') t.oomKilled++;
          if (r.reason === REVOKED_TASK_REASON) t.revoked++;
          if (r.reason === PREEMPTED_TASK_REASON) t.preempted++;
          const job = r.jobId === null ? undefined : t.jobs.get(r.jobId);
          const launchedAt = t.launchedAt.get(r.taskId);
          t.launchedAt.delete(r.taskId);
          if (job !== undefined && r.state === 'finished') {
            if (launchedAt !== undefined) job.longestRun = Math.max(job.longestRun, r.t - launchedAt);
            if (--job.remaining === 0) {
              t.jobsCompleted++;
              t.jobTimes.add((r.t - job.submitted) / SECOND);
              if (job.longestRun > 0) t.slowdowns.add((r.t - job.submitted) / job.longestRun);
              t.lastCompleted = r.t;
              t.jobs.delete(r.jobId as string);
            }
          }
          return;
        }
        case 'run-ended':
          end = r.t;
          for (const t of trackers.values()) {
            closeGap(t, end);
            setPending(t, end, t.pending);
          }
          return;
        default:
          return;
      }
    },
    report(fairness): Record<string, FrameworkReport> {
      const out: Record<string, FrameworkReport> = {};
      for (const [id, t] of trackers) {
        const ended: Record<string, number> = {};
        for (const state of Object.keys(t.tasksEnded).sort()) ended[state] = t.tasksEnded[state] as number;
        out[id] = {
          jobsSubmitted: t.jobsSubmitted,
          jobsCompleted: t.jobsCompleted,
          jobsNeverStarted: [...t.jobs.values()].filter((j) => !j.started).length,
          jobsAbandoned: t.abandonedJobs.size,
          tasksLaunched: t.tasksLaunched,
          tasksEnded: ended,
          tasksRunningAtEnd: t.running,
          tasksOomKilled: t.oomKilled,
          tasksRevoked: t.revoked,
          tasksPreempted: t.preempted,
          preemptions: t.preemptions,
          tasksAbandoned: t.tasksAbandoned,
          offersReceived: t.offersReceived,
          offersDeclined: t.offersDeclined,
          decisionsRejected: t.decisionsRejected,
          taskWaitSeconds: t.waits.summary(),
          taskWaitQuantiles: t.waits.quantiles(),
          jobCompletionSeconds: t.jobTimes.summary(),
          jobSlowdown: t.slowdowns.summary(),
          makespanSeconds:
            t.firstSubmitted === undefined || t.lastCompleted === undefined
              ? null
              : (t.lastCompleted - t.firstSubmitted) / SECOND,
          starvation: {
            longestWithoutOfferSeconds: t.longestGap / SECOND,
            withoutOfferSeconds: t.withoutOffer / SECOND,
            belowFairShareSeconds: fairness?.belowFairShareSeconds(id) ?? 0,
            meanPendingTasks: end > 0 ? t.pendingArea / end : 0,
            pendingAtEnd: t.pending,
          },
        };
      }
      return out;
    },
  };
}
