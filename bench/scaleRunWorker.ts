import { runSimulation } from '../src/run.ts';
import { reportToParent } from './child.ts';
import { scaleScenario } from './scaleScenario.ts';
import { timed } from './timing.ts';

/**
 * Child process of the scale bench: one run of the scale scenario (bench/scaleScenario.ts) through
 * the public API, in a fresh process so that peak RSS belongs to that run alone.
 * Usage: `scaleRunWorker.ts <machines> <horizon> <tasks per machine per day>`.
 * @module
 */

/** What one scale run reports. */
export interface ScaleMeasurement {
  readonly machines: number;
  readonly horizon: string;
  readonly tasksPerMachineDay: number;
  readonly simulatedSeconds: number;
  readonly eventsProcessed: number;
  readonly records: number;
  /** Tasks launched by every framework together. */
  readonly tasksLaunched: number;
  readonly eventLogHash: string;
  /** Wall seconds inside `runSimulation` (excludes process start). */
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  /** CPU seconds / wall seconds of the run (≈ 1 on an otherwise idle core). */
  readonly cpuShare: number;
  /** Peak resident set size of the whole process, bytes. */
  readonly maxRssBytes: number;
}

function main(argv: readonly string[]): ScaleMeasurement {
  const [machinesText, horizon, tasksText] = argv;
  const machines = Number(machinesText);
  const tasksPerMachineDay = Number(tasksText);
  if (!Number.isSafeInteger(machines) || horizon === undefined || !(tasksPerMachineDay > 0))
    throw new Error(`usage: scaleRunWorker.ts <machines> <horizon> <tasks per machine per day>; got ${argv.join(' ')}`);
  const scenario = scaleScenario({ machines, horizon, seed: 42, tasksPerMachineDay });
  const { result: report, cpuSeconds } = timed(() => runSimulation(scenario, { wallClock: true }));
  if (report.wall === null) throw new Error('runSimulation returned no wall figures although wallClock was true');
  return {
    machines,
    horizon,
    tasksPerMachineDay,
    simulatedSeconds: report.simulatedSeconds,
    eventsProcessed: report.eventsProcessed,
    records: report.records,
    tasksLaunched: Object.values(report.frameworks).reduce((sum, f) => sum + f.tasksLaunched, 0),
    eventLogHash: report.eventLogHash,
    wallSeconds: report.wall.seconds,
    eventsPerSecond: report.wall.eventsPerSecond,
    cpuShare: cpuSeconds / report.wall.seconds,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

reportToParent(main(process.argv.slice(2)));
