import { runSimulation } from '../src/run.ts';
import { reportToParent } from './child.ts';
import { timed } from './timing.ts';
import { isWholeRunScenario, loadScenario, type WholeRunScenario } from './wholeRunScenarios.ts';

/**
 * Child process of the whole-run bench: runs one scenario once through the public API and reports
 * its figures, so that every repetition starts cold and peak RSS belongs to that run alone.
 * Usage: `wholeRunWorker.ts <static|day-night|large> <horizon of large>`.
 * @module
 */

/** What one whole run reports. */
export interface WholeRunMeasurement {
  readonly scenario: WholeRunScenario;
  /** The scenario's own name, from the report. */
  readonly scenarioName: string;
  readonly machines: number;
  readonly simulatedSeconds: number;
  readonly eventsProcessed: number;
  readonly records: number;
  readonly eventLogHash: string;
  /** Wall seconds inside `runSimulation` (excludes process start and reading the file). */
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  /** CPU seconds / wall seconds of the run (≈ 1 on an otherwise idle core). */
  readonly cpuShare: number;
  /** Peak resident set size of the whole process, bytes. */
  readonly maxRssBytes: number;
}

function main(argv: readonly string[]): WholeRunMeasurement {
  const [scenario, horizon] = argv;
  if (!isWholeRunScenario(scenario) || horizon === undefined)
    throw new Error(`usage: wholeRunWorker.ts <static|day-night|large> <horizon>; got ${argv.join(' ')}`);
  const scenarioInput = loadScenario(scenario, horizon);
  const { result: report, cpuSeconds } = timed(() => runSimulation(scenarioInput, { wallClock: true }));
  if (report.wall === null) throw new Error('runSimulation returned no wall figures although wallClock was true');
  return {
    scenario,
    scenarioName: report.scenario,
    machines: report.cluster.machines,
    simulatedSeconds: report.simulatedSeconds,
    eventsProcessed: report.eventsProcessed,
    records: report.records,
    eventLogHash: report.eventLogHash,
    wallSeconds: report.wall.seconds,
    eventsPerSecond: report.wall.eventsPerSecond,
    cpuShare: cpuSeconds / report.wall.seconds,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

reportToParent(main(process.argv.slice(2)));
