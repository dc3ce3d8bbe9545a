import { runInChild } from './child.ts';
import { extrapolate, growthExponent } from './growthExponent.ts';
import { measureRecordFloor } from './recordFloor.ts';
import type { ScaleMeasurement } from './scaleRunWorker.ts';
import { formatNumber, formatTable } from './table.ts';

/**
 * The scale bench: whole runs of services and batch under DRF (1 s allocation interval) at growing
 * cluster sizes and task rates (bench/scaleScenario.ts), each in a fresh process, with the fitted
 * growth exponents and the week-long run at 10,000 machines. A row whose wall time, extrapolated
 * from the rows before it, would exceed the budget is skipped and its estimate printed instead.
 * @module
 */

/** What the scale bench runs. */
export interface ScaleBenchConfig {
  /** Cluster sizes of the machine series (same load per machine). */
  readonly machines: readonly number[];
  /** Simulated time of each machine-series and task-series run. */
  readonly horizon: string;
  /** Tasks per machine per day of the task series, at `taskSeriesMachines`. */
  readonly taskRates: readonly number[];
  readonly taskSeriesMachines: number;
  /**
   * The long run: machines and horizon (≥ 1 million tasks at 10,000 machines × 7 days). When the
   * machine series puts it over the budget, `probes` (two shorter horizons, shortest first) are run
   * at its size instead, and its wall time is estimated from their difference: the cost of one more
   * simulated hour at that size, past the start-up.
   */
  readonly week:
    { readonly machines: number; readonly horizon: string; readonly probes?: readonly [string, string] } | undefined;
  /** Rows estimated to take longer than this are skipped, in minutes. */
  readonly budgetMinutes: number;
}

/** The full configuration. */
export const SCALE_BENCH_FULL: ScaleBenchConfig = {
  machines: [1_000, 10_000, 100_000],
  horizon: '1d',
  taskRates: [8, 16, 32],
  taskSeriesMachines: 1_000,
  week: { machines: 10_000, horizon: '7d', probes: ['1h', '2h'] },
  budgetMinutes: 30,
};

/** The smoke-test configuration behind `--quick`. */
export const SCALE_BENCH_QUICK: ScaleBenchConfig = {
  machines: [100, 300, 1_000],
  horizon: '6h',
  taskRates: [8, 16, 32],
  taskSeriesMachines: 100,
  week: undefined,
  budgetMinutes: 5,
};

/** One row: measured, or skipped with the wall time it was expected to take. */
export type ScaleRow =
  | { readonly series: string; readonly measured: ScaleMeasurement }
  | {
      readonly series: string;
      readonly skipped: {
        readonly machines: number;
        readonly horizon: string;
        readonly estimatedSeconds: number;
        /** How the estimate was made. */
        readonly basis: string;
        /** Event-log records the run would make, when estimated from probes. */
        readonly estimatedRecords?: number;
      };
    };

/** Everything the scale bench measured. */
export interface ScaleBenchResult {
  readonly rows: readonly ScaleRow[];
  /** Wall time against machines (tasks in proportion), fitted over the measured rows. */
  readonly machineExponent: number | undefined;
  /** Wall time against tasks at a fixed cluster size. */
  readonly taskExponent: number | undefined;
  readonly budgetMinutes: number;
  /** Nanoseconds to serialise and hash one record (bench/recordFloor.ts), measured with the probes. */
  readonly recordFloorNs?: number;
}

const HOURS_PER_UNIT: Readonly<Record<string, number>> = { h: 1, d: 24 };

function hoursOf(horizon: string): number {
  const match = /^(\d+)([hd])$/.exec(horizon);
  if (match === null) throw new Error(`scale bench horizons are whole hours or days, e.g. 1d; got ${horizon}`);
  return Number(match[1]) * (HOURS_PER_UNIT[match[2] as string] as number);
}

/**
 * Runs the machine series, the task series and the long run, one fresh process at a time.
 *
 * @example
 * ```ts
 * console.log(formatScaleBench(await runScaleBench(SCALE_BENCH_QUICK)));
 * ```
 */
export async function runScaleBench(config: ScaleBenchConfig): Promise<ScaleBenchResult> {
  const worker = new URL('./scaleRunWorker.ts', import.meta.url);
  const rows: ScaleRow[] = [];
  const budgetSeconds = config.budgetMinutes * 60;
  const measure = async (
    series: string,
    machines: number,
    horizon: string,
    rate: number,
    estimate: number,
    basis = 'fitted growth in machines',
    estimatedRecords?: number,
  ) => {
    if (estimate > budgetSeconds) {
      const skipped = { machines, horizon, estimatedSeconds: estimate, basis };
      rows.push({ series, skipped: estimatedRecords === undefined ? skipped : { ...skipped, estimatedRecords } });
      return undefined;
    }
    const measured = await runInChild<ScaleMeasurement>(worker, [String(machines), horizon, String(rate)]);
    rows.push({ series, measured });
    return measured;
  };

  // Machine series: cost in machine-hours of simulated cluster, extrapolated at exponent 2 until two rows exist.
  const byMachines: [number, number][] = [];
  let recordFloorNs: number | undefined;
  for (const machines of config.machines) {
    const estimate = extrapolate(byMachines, machines, 2);
    const m = await measure('machines', machines, config.horizon, 16, byMachines.length === 0 ? 0 : estimate);
    if (m !== undefined) byMachines.push([machines, m.wallSeconds]);
  }
  const byTasks: [number, number][] = [];
  for (const rate of config.taskRates) {
    const estimate = byTasks.length === 0 ? 0 : extrapolate(byTasks, rate, 1.5);
    const m = await measure('tasks', config.taskSeriesMachines, config.horizon, rate, estimate);
    if (m !== undefined) byTasks.push([m.tasksLaunched, m.wallSeconds]);
  }
  if (config.week !== undefined) {
    const { machines, horizon } = config.week;
    const scale = hoursOf(horizon) / hoursOf(config.horizon);
    const estimate = extrapolate(byMachines, machines, 2) * scale;
    const probes = config.week.probes;
    if (estimate <= budgetSeconds || probes === undefined) await measure('week', machines, horizon, 16, estimate);
    else await measureFromProbes(machines, horizon, probes);
  }
  async function measureFromProbes(machines: number, horizon: string, probes: readonly [string, string]) {
    const perHourFitted = extrapolate(byMachines, machines, 2) / hoursOf(config.horizon);
    const [short, long] = probes;
    const first = await measure('week probe', machines, short, 16, perHourFitted * hoursOf(short));
    const second =
      first === undefined
        ? undefined
        : await measure('week probe', machines, long, 16, (first.wallSeconds / hoursOf(short)) * hoursOf(long));
    if (first === undefined || second === undefined) {
      rows.push({
        series: 'week',
        skipped: {
          machines,
          horizon,
          estimatedSeconds: perHourFitted * hoursOf(horizon),
          basis: 'fitted growth in machines',
        },
      });
      return;
    }
    const hoursMore = hoursOf(horizon) - hoursOf(long);
    const perHour = (second.wallSeconds - first.wallSeconds) / (hoursOf(long) - hoursOf(short));
    const estimate = second.wallSeconds + Math.max(perHour, 0) * hoursMore;
    const recordsPerHour = (second.records - first.records) / (hoursOf(long) - hoursOf(short));
    recordFloorNs = measureRecordFloor();
    await measure(
      'week',
      machines,
      horizon,
      16,
      estimate,
      `${short} and ${long} at ${formatNumber(machines)} machines: ${formatNumber(perHour, 1)} s per further simulated hour`,
      second.records + Math.max(recordsPerHour, 0) * hoursMore,
    );
  }
  return {
    rows,
    machineExponent: growthExponent(byMachines),
    taskExponent: growthExponent(byTasks),
    budgetMinutes: config.budgetMinutes,
    ...(recordFloorNs === undefined ? {} : { recordFloorNs }),
  };
}

/** n log n over the decades of the machine series, as an exponent (≈ 1.1 from 1,000 to 100,000). */
function nLogNExponent(from: number, to: number): number {
  return 1 + Math.log(Math.log(to) / Math.log(from)) / Math.log(to / from);
}

function formatMinutes(seconds: number): string {
  return seconds < 120 ? `${formatNumber(seconds, 1)} s` : `${formatNumber(seconds / 60, 1)} min`;
}

/**
 * Formats the scale bench: one row per run, then the exponents and the long run beside their targets.
 *
 * @example
 * ```ts
 * console.log(formatScaleBench(result));
 * ```
 */
export function formatScaleBench(result: ScaleBenchResult): string {
  const table = formatTable(
    [
      'series',
      'machines',
      'simulated',
      'tasks',
      'events',
      'wall',
      'events/s',
      'CPU share',
      'peak RSS MiB',
      'event-log hash',
    ],
    result.rows.map((row) => {
      if ('skipped' in row) {
        const s = row.skipped;
        return [
          row.series,
          formatNumber(s.machines),
          s.horizon,
          '–',
          '–',
          `skipped: ~${formatMinutes(s.estimatedSeconds)} estimated > ${result.budgetMinutes} min budget`,
          '–',
          '–',
          '–',
          '–',
        ];
      }
      const m = row.measured;
      return [
        row.series,
        formatNumber(m.machines),
        m.horizon,
        formatNumber(m.tasksLaunched),
        formatNumber(m.eventsProcessed),
        formatMinutes(m.wallSeconds),
        formatNumber(m.eventsPerSecond),
        `${formatNumber(m.cpuShare * 100)}%`,
        formatNumber(m.maxRssBytes / 2 ** 20),
        `${m.eventLogHash.slice(0, 16)}…`,
      ];
    }),
  );
  const machineRows = result.rows.flatMap((r) => ('measured' in r && r.series === 'machines' ? [r.measured] : []));
  const first = machineRows[0]?.machines;
  const last = machineRows.at(-1)?.machines;
  const target = first !== undefined && last !== undefined && last > first ? nLogNExponent(first, last) : undefined;
  const lines = [
    `growth in machines (tasks in proportion): exponent ${result.machineExponent?.toFixed(2) ?? '–'} (target ≤ ${target?.toFixed(2) ?? '–'}, n log n over the sizes measured)`,
    `growth in tasks at a fixed cluster size: exponent ${result.taskExponent?.toFixed(2) ?? '–'} (target ≤ 1.00, linear)`,
  ];
  const week = result.rows.find((r) => r.series === 'week');
  if (week !== undefined)
    lines.push(
      'measured' in week
        ? `week run: ${formatNumber(week.measured.tasksLaunched)} tasks in ${formatMinutes(week.measured.wallSeconds)}, peak RSS ${formatNumber(week.measured.maxRssBytes / 2 ** 20)} MiB (targets: ≥ 1,000,000 tasks, < 5 min, < 2,048 MiB)`
        : `week run: skipped, estimated ${formatMinutes(week.skipped.estimatedSeconds)} from ${week.skipped.basis} (target < 5 min)`,
    );
  const records = week !== undefined && 'skipped' in week ? week.skipped.estimatedRecords : undefined;
  if (records !== undefined && result.recordFloorNs !== undefined)
    lines.push(
      `week run's event log: ~${formatNumber(records / 1e6, 1)} million records estimated; serialising and hashing them alone takes ${formatMinutes((records * result.recordFloorNs) / 1e9)} at ${formatNumber(result.recordFloorNs)} ns per record (bench/recordFloor.ts)`,
    );
  return `${table}\n\n${lines.join('\n')}`;
}
