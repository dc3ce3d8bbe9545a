import { runInChild } from './child.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';
import { WHOLE_RUN_SCENARIOS, type WholeRunScenario } from './wholeRunScenarios.ts';
import type { WholeRunMeasurement } from './wholeRunWorker.ts';

/**
 * The whole-run bench: complete simulations through the public API (`runSimulation` with
 * `wallClock: true`), each repetition in a fresh node process (bench/wholeRunWorker.ts); the
 * median of the repetitions is reported.
 * @module
 */

/** How much work the whole-run bench does. */
export interface WholeRunBenchConfig {
  /** Repetitions (fresh processes) per scenario. */
  readonly repetitions: number;
  /** Simulated time of the `large` scenario. */
  readonly largeHorizon: string;
}

/** The full configuration. */
export const WHOLE_RUN_FULL: WholeRunBenchConfig = { repetitions: 3, largeHorizon: '1d' };

/** The smoke-test configuration behind `--quick`. */
export const WHOLE_RUN_QUICK: WholeRunBenchConfig = { repetitions: 1, largeHorizon: '1h' };

/** Median figures of one scenario. */
export interface WholeRunRow {
  readonly scenario: WholeRunScenario;
  readonly runs: readonly WholeRunMeasurement[];
  readonly medianWallSeconds: number;
  readonly medianEventsPerSecond: number;
  readonly medianMaxRssBytes: number;
  /** True when every repetition produced the same event-log hash. */
  readonly sameRun: boolean;
}

/**
 * Runs every scenario `repetitions` times, one fresh process at a time.
 *
 * @example
 * ```ts
 * console.log(formatWholeRunBench(await runWholeRunBench(WHOLE_RUN_QUICK)));
 * ```
 */
export async function runWholeRunBench(config: WholeRunBenchConfig): Promise<WholeRunRow[]> {
  const worker = new URL('./wholeRunWorker.ts', import.meta.url);
  const rows: WholeRunRow[] = [];
  for (const scenario of WHOLE_RUN_SCENARIOS) {
    const runs: WholeRunMeasurement[] = [];
    for (let r = 0; r < config.repetitions; r++)
      runs.push(await runInChild<WholeRunMeasurement>(worker, [scenario, config.largeHorizon]));
    rows.push({
      scenario,
      runs,
      medianWallSeconds: median(runs.map((r) => r.wallSeconds)),
      medianEventsPerSecond: median(runs.map((r) => r.eventsPerSecond)),
      medianMaxRssBytes: median(runs.map((r) => r.maxRssBytes)),
      sameRun: runs.every((r) => r.eventLogHash === runs[0]?.eventLogHash),
    });
  }
  return rows;
}

/**
 * Formats the whole-run bench as one table (medians over the repetitions).
 *
 * @example
 * ```ts
 * console.log(formatWholeRunBench(rows));
 * ```
 */
export function formatWholeRunBench(rows: readonly WholeRunRow[]): string {
  const table = formatTable(
    [
      'scenario',
      'machines',
      'simulated',
      'events',
      'records',
      'wall s (median)',
      'events/s (median)',
      'CPU share',
      'peak RSS MiB',
      'runs',
      'event-log hash',
    ],
    rows.map((row) => {
      const first = row.runs[0];
      return [
        first?.scenarioName ?? row.scenario,
        formatNumber(first?.machines ?? 0),
        `${formatNumber((first?.simulatedSeconds ?? 0) / 3600, 1)} h`,
        formatNumber(first?.eventsProcessed ?? 0),
        formatNumber(first?.records ?? 0),
        formatNumber(row.medianWallSeconds, 2),
        formatNumber(row.medianEventsPerSecond),
        `${formatNumber(median(row.runs.map((r) => r.cpuShare)) * 100)}%`,
        formatNumber(row.medianMaxRssBytes / 2 ** 20),
        String(row.runs.length),
        `${(first?.eventLogHash ?? '').slice(0, 16)}…${row.sameRun ? '' : ' DIFFERS BETWEEN RUNS'}`,
      ];
    }),
  );
  const details = rows.map(
    (row) =>
      `${row.scenario}: wall ${row.runs.map((r) => r.wallSeconds.toFixed(2)).join(' / ')} s; event-log SHA-256 ${row.runs[0]?.eventLogHash ?? '–'}`,
  );
  return `${table}\n\n${details.join('\n')}`;
}
