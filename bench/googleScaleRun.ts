import { runInChild } from './child.ts';
import { ensureGoogleScaleTrace, type GoogleScaleTrace, type GoogleScaleTraceSpec } from './googleScaleTrace.ts';
import type { GoogleScaleMeasurement } from './googleScaleWorker.ts';
import { formatNumber, formatTable } from './table.ts';

/**
 * The Google-scale bench: a month of generated Google 2011 `task_events` (about 25 million tasks)
 * replayed end to end through `runSimulation` on 12,500 machines, the streaming `google-2011`
 * source reading the file. Prefixes of growing length (minutes of simulated time from the trace's
 * start) run one at a time, each in a fresh process; a prefix whose wall time, extrapolated
 * linearly from the longest one measured, would overrun the budget is skipped and its estimate
 * printed, the whole trace included. The trace is written to /tmp once and reused.
 * @module
 */

/** What the Google-scale bench runs. */
export interface GoogleScaleBenchConfig {
  readonly trace: GoogleScaleTraceSpec;
  readonly machines: number;
  /** Prefixes to replay, in simulated minutes from the trace's start, shortest first. */
  readonly prefixMinutes: readonly number[];
  /** Wall minutes for all the replays together. */
  readonly budgetMinutes: number;
}

const MINUTES_PER_DAY = 1440;

/** The full configuration: 12,500 machines, 29 days, about 25.6 million tasks, 20 min budget. */
export const GOOGLE_SCALE_FULL: GoogleScaleBenchConfig = {
  trace: { file: '/tmp/clustersim-bench-google-29d.csv', days: 29, meanJobIntervalMicros: 2_500_000, seed: 1 },
  machines: 12_500,
  prefixMinutes: [2, 10, 60, 360, MINUTES_PER_DAY, 7 * MINUTES_PER_DAY],
  budgetMinutes: 20,
};

/**
 * The smoke-test configuration behind `--quick`: 100 machines and a 2-hour trace with jobs 125
 * times rarer (the same load per machine), in seconds.
 */
export const GOOGLE_SCALE_QUICK: GoogleScaleBenchConfig = {
  trace: { file: '/tmp/clustersim-bench-google-quick.csv', days: 1 / 12, meanJobIntervalMicros: 312_500_000, seed: 1 },
  machines: 100,
  prefixMinutes: [10, 30],
  budgetMinutes: 2,
};

/** One prefix: measured, or skipped with the wall time it was expected to take. */
export type GoogleScaleRow =
  | { readonly minutes: number; readonly measured: GoogleScaleMeasurement }
  | { readonly minutes: number; readonly estimatedSeconds: number };

/** Everything the bench measured. */
export interface GoogleScaleBenchResult {
  readonly trace: GoogleScaleTrace;
  readonly machines: number;
  readonly budgetMinutes: number;
  /** The prefixes, then the whole trace. */
  readonly rows: readonly GoogleScaleRow[];
}

/**
 * Replaces the configured prefixes by one, e.g. from `--prefix 6h` (whole minutes, hours or days).
 *
 * @example
 * ```ts
 * withPrefix(GOOGLE_SCALE_FULL, '6h').prefixMinutes; // [360]
 * ```
 */
export function withPrefix(config: GoogleScaleBenchConfig, prefix: string): GoogleScaleBenchConfig {
  const match = /^(\d+)([mhd])$/.exec(prefix);
  if (match === null) throw new Error(`--prefix is whole minutes, hours or days, e.g. 90m, 6h or 2d; got "${prefix}"`);
  const minutes = Number(match[1]) * ({ m: 1, h: 60, d: MINUTES_PER_DAY }[match[2] as 'm' | 'h' | 'd'] as number);
  if (minutes <= 0 || minutes > config.trace.days * MINUTES_PER_DAY)
    throw new Error(`--prefix must be within the trace's ${config.trace.days} days; got "${prefix}"`);
  return { ...config, prefixMinutes: [minutes] };
}

/**
 * Generates the trace when missing, then replays the prefixes within the budget.
 *
 * @example
 * ```ts
 * console.log(formatGoogleScaleBench(await runGoogleScaleBench(GOOGLE_SCALE_QUICK)));
 * ```
 */
export async function runGoogleScaleBench(config: GoogleScaleBenchConfig): Promise<GoogleScaleBenchResult> {
  const trace = ensureGoogleScaleTrace(config.trace);
  const worker = new URL('./googleScaleWorker.ts', import.meta.url);
  const fullMinutes = Math.round(config.trace.days * MINUTES_PER_DAY);
  const budgetSeconds = config.budgetMinutes * 60;
  const rows: GoogleScaleRow[] = [];
  let longest: GoogleScaleMeasurement | undefined;
  let spent = 0;
  const estimate = (minutes: number): number =>
    longest === undefined ? 0 : (longest.wallSeconds / longest.minutes) * minutes;
  for (const minutes of [...config.prefixMinutes.filter((m) => m < fullMinutes), fullMinutes]) {
    if (longest !== undefined && spent + estimate(minutes) > budgetSeconds) {
      rows.push({ minutes, estimatedSeconds: estimate(minutes) });
      continue;
    }
    const start = performance.now();
    const measured = await runInChild<GoogleScaleMeasurement>(worker, [
      config.trace.file,
      String(config.machines),
      String(minutes),
    ]);
    spent += (performance.now() - start) / 1000;
    rows.push({ minutes, measured });
    longest = measured;
  }
  return { trace, machines: config.machines, budgetMinutes: config.budgetMinutes, rows };
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${formatNumber(seconds, 1)} s`;
  if (seconds < 7200) return `${formatNumber(seconds / 60, 1)} min`;
  return `${formatNumber(seconds / 3600, 1)} h`;
}

function formatSimulated(minutes: number): string {
  if (minutes % MINUTES_PER_DAY === 0) return `${minutes / MINUTES_PER_DAY} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

const MiB = 2 ** 20;

/**
 * Formats the bench: the trace, one row per prefix and the whole trace (measured or estimated),
 * the memory through the longest run, and the figures beside their targets.
 *
 * @example
 * ```ts
 * console.log(formatGoogleScaleBench(result));
 * ```
 */
export function formatGoogleScaleBench(result: GoogleScaleBenchResult): string {
  const { trace } = result;
  const lines = [
    `trace: ${trace.spec.file}, ${formatNumber(trace.bytes / 1e6)} MB, ${formatNumber(trace.rows)} rows, ${formatNumber(trace.tasks)} tasks over ${formatNumber(trace.spec.days, 2)} days (seed ${trace.spec.seed}; ${trace.generatedSeconds > 0 ? `generated in ${formatDuration(trace.generatedSeconds)}` : 'reused'})`,
    `cluster: ${formatNumber(result.machines)} machines; budget ${result.budgetMinutes} min of wall time for all the replays`,
    '',
  ];
  const table = formatTable(
    [
      'simulated',
      'tasks replayed',
      'of trace',
      'events',
      'records',
      'wall',
      'events/s',
      'tasks/s',
      'CPU share',
      'peak RSS MiB',
      'event-log hash',
    ],
    result.rows.map((row) => {
      if (!('measured' in row))
        return [
          formatSimulated(row.minutes),
          '–',
          '–',
          '–',
          '–',
          `ESTIMATE ~${formatDuration(row.estimatedSeconds)} (skipped: over the budget)`,
          '–',
          '–',
          '–',
          '–',
          '–',
        ];
      const m = row.measured;
      return [
        formatSimulated(row.minutes),
        formatNumber(m.tasksLaunched),
        `${formatNumber((100 * m.tasksLaunched) / trace.tasks, 3)}%`,
        formatNumber(m.eventsProcessed),
        formatNumber(m.records),
        formatDuration(m.wallSeconds),
        formatNumber(m.eventsProcessed / m.wallSeconds),
        formatNumber(m.tasksLaunched / m.wallSeconds, 1),
        `${formatNumber(m.cpuShare * 100)}%`,
        formatNumber(m.peakRssBytes / MiB),
        `${m.eventLogHash.slice(0, 16)}…`,
      ];
    }),
  );
  lines.push(table, '');
  const measured = result.rows.flatMap((r) => ('measured' in r ? [r.measured] : []));
  const longest = measured.at(-1);
  if (longest !== undefined) {
    const points = longest.memory.map(
      (s) =>
        `${formatSimulated(Math.round(s.hours * 60))}: ${formatNumber(s.rssBytes / MiB)} / ${formatNumber(s.heapUsedBytes / MiB)}`,
    );
    lines.push(
      `memory through the ${formatSimulated(longest.minutes)} run (RSS / V8 heap used, MiB): ${points.join(', ')}`,
    );
    const half = longest.memory[Math.floor((longest.memory.length - 1) / 2)];
    const last = longest.memory.at(-1);
    if (half !== undefined && last !== undefined && last.hours > half.hours) {
      const growth = (last.heapUsedBytes - half.heapUsedBytes) / MiB;
      lines.push(
        `heap growth over the run's second half: ${growth >= 0 ? '+' : ''}${formatNumber(growth, 1)} MiB in ${formatNumber(last.hours - half.hours, 2)} simulated h (target: flat in the trace's length)`,
      );
    }
  }
  const whole = result.rows.at(-1);
  if (whole !== undefined)
    lines.push(
      'measured' in whole
        ? `whole trace: ${formatNumber(whole.measured.tasksLaunched)} tasks in ${formatDuration(whole.measured.wallSeconds)}, peak RSS ${formatNumber(whole.measured.peakRssBytes / MiB)} MiB (target < 30 min, flat memory)`
        : `whole trace: ESTIMATE ~${formatDuration(whole.estimatedSeconds)}, extrapolated linearly in simulated time from the ${longest === undefined ? '–' : formatSimulated(longest.minutes)} prefix (${formatNumber(longest?.tasksLaunched ?? 0)} of the ${formatNumber(trace.tasks)} tasks replayed); target < 30 min`,
    );
  return lines.join('\n');
}
