import { z } from 'zod';
import { missingFileIssues } from '../traceFiles.ts';
import type { Resources } from '../../core/cluster/resources.ts';
import type { WorkloadContext, WorkloadPlugin, WorkloadSource } from '../../core/plugins/workload.ts';
import { durationField, positiveDurationField, strictObject } from '../../core/scenario/fields.ts';
import { openRowStream } from './csvStream.ts';
import { GOOGLE_2011_WINDOW_START } from './google2011Events.ts';
import { GOOGLE_2011_LARGEST_MACHINE } from './google2011Machines.ts';
import { Google2011Replay } from './google2011Replay.ts';
import type { Google2011Stats } from './google2011Settings.ts';

const options = strictObject({
  /** A `task_events` CSV (one part file, uncompressed), relative to the scenario file's folder. */
  file: z.string().min(1),
  /** Cores of a normalized 1.0 machine (the trace's largest). */
  machineCpus: z.number().positive().default(GOOGLE_2011_LARGEST_MACHINE.cpus),
  /** MB of memory of a normalized 1.0 machine. */
  machineMem: z.number().positive().default(GOOGLE_2011_LARGEST_MACHINE.mem),
  /** MB of disk of a normalized 1.0 machine; without it tasks request no disk. */
  machineDisk: z.number().positive().optional(),
  /** Multiplies every request (after the machine scaling). */
  resourceScale: z.number().positive().default(1),
  /** Part of the trace to replay, as durations since the trace window's start (trace time 600 s). */
  timeWindow: strictObject({ from: durationField.default(0), to: durationField.optional() })
    .refine((w) => w.to === undefined || w.to > w.from, { message: 'to must be after from', path: ['to'] })
    .optional(),
  /** Divides times and durations: 24 replays a day of trace in an hour. */
  timeScale: z.number().positive().default(1),
  /** Keep each job (by job ID) with this probability, drawn from the workload's random stream. */
  sampleFraction: z.number().gt(0).max(1).default(1),
  /** Only tasks of these priorities (0–11; 9–11 = production). */
  priority: strictObject({ min: z.number().int().min(0).default(0), max: z.number().int().min(0).default(11) }).optional(),
  /** SUBMITs of one job within this long of the group's first one arrive as one job. */
  groupWithin: durationField.default(1_000_000),
  /** Bounds memory: a job is emitted at the latest once the file is read this far (trace time) past its submission; its tasks still running then run with no duration. */
  maxLookahead: positiveDurationField.optional(),
  /** Tasks with no terminal event before the end: run until it ('window-end'), never end ('run-forever'), or are left out. */
  unfinished: z.enum(['window-end', 'run-forever', 'drop']).default('window-end'),
  /** Skip malformed rows (counted) instead of failing; default: the run's setting. */
  skipBadRows: z.boolean().optional(),
});

/**
 * Options of the `google-2011` trace reader (parsed: durations in µs).
 *
 * @example
 * ```ts
 * const options: Google2011Options = google2011Workload.options.parse({ file: 'task_events/part-00000-of-00500.csv', timeScale: 24 });
 * options.machineCpus; // 32
 * ```
 */
export type Google2011Options = z.output<typeof options>;

/**
 * A Google 2011 replay: a workload source that also reports what it counted.
 *
 * @example
 * ```ts
 * const source: Google2011Source = google2011Workload.create(options, context);
 * while (source.next() !== undefined);
 * source.stats(); // { rows, skippedRows, arrivals, tasks, unfinished, longRunning, neverRan, noResources, orphanEvents }
 * ```
 */
export interface Google2011Source extends WorkloadSource {
  skippedRows(): number;
  stats(): Google2011Stats;
}

/**
 * Replays a Google cluster-data 2011 (v2.1) `task_events` file as batch jobs, streaming it.
 *
 * Mapping:
 * - **Job**: the SUBMITs of one job ID within `groupWithin` (default 1 s) of the first one form
 *   one arrival, at that first SUBMIT (job ids `<prefix>-<google job id>-<n>`); a later
 *   resubmission (after an eviction, a failure, …) is a new arrival.
 * - **Task**: one attempt, SUBMIT → SCHEDULE → EVICT/FAIL/FINISH/KILL/LOST; its duration is the
 *   trace time from SCHEDULE to that end. A task that ends before it is scheduled never ran and
 *   is not replayed. A task with no end before the end of the replay (`timeWindow.to`, the run's
 *   horizon, or the file's last row, whichever comes first) is handled by `unfinished`: by
 *   default it runs until then. A SCHEDULE with no SUBMIT in the file counts as one.
 * - **Resources**: the requests on the SCHEDULE row (else the latest SUBMIT/UPDATE_PENDING row)
 *   × the size of a normalized 1.0 machine (`machineCpus`, `machineMem`, `machineDisk`) ×
 *   `resourceScale`, rounded to 3 decimals; tasks with no request left are not replayed.
 *   UPDATE_RUNNING is ignored; priorities only filter (`priority`).
 * - **Time**: trace time is µs; rows at time 0 happened before the trace, whose window starts at
 *   600 s. Simulated time 0 is `timeWindow.from` (default: the trace window's start); events
 *   before it count as happening at it, so tasks running at `from` arrive at time 0 (as the
 *   trace's own time-0 rows do) and tasks that ended before it are dropped. `timeScale` divides
 *   times and durations. Rows must be time-ordered.
 *
 * Memory: an arrival needs its tasks' durations, read ahead in the file, so the reader holds the
 * tasks submitted since the oldest job that has a task still running, plus one entry per live
 * task — not the file. Long-running services keep that window open until they end; set
 * `maxLookahead` to bound it (tasks running longer are replayed with no duration).
 *
 * @example
 * ```json
 * { "generator": "google-2011", "framework": "batch", "options": {
 *     "file": "task_events/part-00000-of-00500.csv", "machineCpus": 32, "machineMem": 65536,
 *     "timeWindow": { "from": "0s", "to": "1h" }, "timeScale": 2, "sampleFraction": 0.1 } }
 * ```
 */
export const google2011Workload: Omit<WorkloadPlugin<Google2011Options>, 'create'> & {
  create(options: Google2011Options, context: WorkloadContext): Google2011Source;
} = {
  name: 'google-2011',
  description: 'replays Google cluster-data 2011 task_events as batch jobs (streamed)',
  options,
  check(opts) {
    const missing = missingFileIssues(opts.file);
    if (missing.length > 0) return missing;
    if (opts.priority !== undefined && opts.priority.max < opts.priority.min) return [{ path: ['priority', 'max'], message: 'max must be ≥ min' }];
    return [];
  },
  create(opts, context) {
    const from = GOOGLE_2011_WINDOW_START + (opts.timeWindow?.from ?? 0);
    const windowTo = opts.timeWindow?.to === undefined ? Infinity : GOOGLE_2011_WINDOW_START + opts.timeWindow.to;
    const { min = 0, max = 11 } = opts.priority ?? {};
    const sample = context.rng.fork('sample');
    const decided = new Map<string, boolean>();
    const sampled = (jobId: string): boolean => {
      let keep = decided.get(jobId);
      if (keep === undefined) {
        if (decided.size >= 4096) decided.clear(); // decisions are pure: a cache, not state
        keep = sample.fork(jobId).next() < opts.sampleFraction;
        decided.set(jobId, keep);
      }
      return keep;
    };
    const replay = new Google2011Replay(
      {
        file: opts.file,
        from,
        until: Math.min(windowTo, from + context.horizon * opts.timeScale),
        timeScale: opts.timeScale,
        groupWithin: opts.groupWithin,
        maxLookahead: opts.maxLookahead,
        unfinished: opts.unfinished,
        skipBadRows: opts.skipBadRows ?? context.skipBadRows,
        resources: ({ cpu, mem, disk }) => {
          const out: Record<string, number> = {};
          if (cpu !== undefined) out['cpus'] = cpu * opts.machineCpus * opts.resourceScale;
          if (mem !== undefined) out['mem'] = mem * opts.machineMem * opts.resourceScale;
          if (disk !== undefined && opts.machineDisk !== undefined) out['disk'] = disk * opts.machineDisk * opts.resourceScale;
          return out satisfies Resources;
        },
        keep: (jobId, priority) => priority >= min && priority <= max && (opts.sampleFraction >= 1 || sampled(jobId)),
        frameworkId: context.frameworkId,
        jobIdPrefix: context.jobIdPrefix,
      },
      openRowStream(opts.file, { quote: false }),
    );
    return { next: () => replay.next(), skippedRows: () => replay.stats().skippedRows, stats: () => replay.stats() };
  },
};
