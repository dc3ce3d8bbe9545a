import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import { summarize, type SampleSummary } from './summary.ts';

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
  readonly tasksLaunched: number;
  /** Tasks that ended, by terminal state. */
  readonly tasksEnded: Readonly<Record<string, number>>;
  /** Tasks still running at the horizon. */
  readonly tasksRunningAtEnd: number;
  /** Tasks killed for using more memory than they may. */
  readonly tasksOomKilled: number;
  /** Tasks the framework gave up on before they ran (e.g. out of patience). */
  readonly tasksAbandoned: number;
  readonly offersReceived: number;
  readonly offersDeclined: number;
  readonly decisionsRejected: number;
  /** Seconds from ready to launch, per task launch. */
  readonly taskWaitSeconds: SampleSummary;
  /** Seconds from submission to the last task finishing, per completed job. */
  readonly jobCompletionSeconds: SampleSummary;
  readonly starvation: {
    /** Longest stretch with tasks pending and no offer received. */
    readonly longestWithoutOfferSeconds: number;
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
  readonly waits: number[];
  readonly jobTimes: number[];
  readonly jobs: Map<string, { submitted: number; remaining: number; started: boolean }>;
  oomKilled: number;
  pending: number;
  pendingSince: number;
  lastOffer: number;
  longestGap: number;
  pendingArea: number;
  pendingChangedAt: number;
}

const SECOND = 1_000_000;

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
export function createFrameworkStatsObserver(): SimObserver & { report(): Record<string, FrameworkReport> } {
  const trackers = new Map<string, Tracker>();
  let end = 0;
  const get = (id: string): Tracker => {
    let t = trackers.get(id);
    if (t === undefined) {
      t = {
        jobsSubmitted: 0, jobsCompleted: 0, tasksLaunched: 0, running: 0, tasksEnded: {}, tasksAbandoned: 0,
        offersReceived: 0, offersDeclined: 0, decisionsRejected: 0, waits: [], jobTimes: [], jobs: new Map(),
        pending: 0, pendingSince: 0, lastOffer: 0, longestGap: 0, pendingArea: 0, pendingChangedAt: 0, oomKilled: 0,
      };
      trackers.set(id, t);
    }
    return t;
  };
  const closeGap = (t: Tracker, now: number): void => {
    if (t.pending > 0) t.longestGap = Math.max(t.longestGap, now - Math.max(t.pendingSince, t.lastOffer));
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
          t.jobs.set(r.jobId, { submitted: r.t, remaining: r.tasks, started: false });
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
        case 'work-abandoned':
          get(r.frameworkId).tasksAbandoned += r.tasks;
          return;
        case 'framework-pending':
          setPending(get(r.frameworkId), r.t, r.tasks);
          return;
        case 'task-launched': {
          const t = get(r.frameworkId);
          t.tasksLaunched++;
          t.running++;
          const job = r.jobId === null ? undefined : t.jobs.get(r.jobId);
          if (job !== undefined) job.started = true;
          if (r.waitSeconds !== null) t.waits.push(r.waitSeconds);
          return;
        }
        case 'task-ended': {
          const t = get(r.frameworkId);
          t.running--;
          t.tasksEnded[r.state] = (t.tasksEnded[r.state] ?? 0) + 1;
          if (r.reason === 'OOM') t.oomKilled++;
          const job = r.jobId === null ? undefined : t.jobs.get(r.jobId);
          if (job !== undefined && r.state === 'finished' && --job.remaining === 0) {
            t.jobsCompleted++;
            t.jobTimes.push((r.t - job.submitted) / SECOND);
            t.jobs.delete(r.jobId as string);
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
    report(): Record<string, FrameworkReport> {
      const out: Record<string, FrameworkReport> = {};
      for (const [id, t] of trackers) {
        const ended: Record<string, number> = {};
        for (const state of Object.keys(t.tasksEnded).sort()) ended[state] = t.tasksEnded[state] as number;
        out[id] = {
          jobsSubmitted: t.jobsSubmitted,
          jobsCompleted: t.jobsCompleted,
          jobsNeverStarted: [...t.jobs.values()].filter((j) => !j.started).length,
          tasksLaunched: t.tasksLaunched,
          tasksEnded: ended,
          tasksRunningAtEnd: t.running,
          tasksOomKilled: t.oomKilled,
          tasksAbandoned: t.tasksAbandoned,
          offersReceived: t.offersReceived,
          offersDeclined: t.offersDeclined,
          decisionsRejected: t.decisionsRejected,
          taskWaitSeconds: summarize(t.waits),
          jobCompletionSeconds: summarize(t.jobTimes),
          starvation: {
            longestWithoutOfferSeconds: t.longestGap / SECOND,
            meanPendingTasks: end > 0 ? t.pendingArea / end : 0,
            pendingAtEnd: t.pending,
          },
        };
      }
      return out;
    },
  };
}
