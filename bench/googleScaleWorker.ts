import type { SimObserver } from '../src/core/simulation/records.ts';
import { runSimulation } from '../src/run.ts';
import { reportToParent } from './child.ts';
import { googleScaleScenario } from './googleScaleScenario.ts';
import { timed } from './timing.ts';

/**
 * Child process of the Google-scale bench: one replay of a prefix of the generated trace, end to
 * end through `runSimulation`, in a fresh process so that its memory is its own. Samples the
 * resident set size and the V8 heap at every tenth of the simulated time.
 * Usage: `googleScaleWorker.ts <trace file> <machines> <minutes> [share of jobs replayed, default 1]`;
 * run directly, it prints its measurement as JSON.
 * @module
 */

/** Memory at one point of a run. */
export interface MemorySample {
  /** Simulated hours reached. */
  readonly hours: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

/** What one replay measured. */
export interface GoogleScaleMeasurement {
  readonly machines: number;
  /** Simulated minutes replayed. */
  readonly minutes: number;
  readonly eventsProcessed: number;
  readonly records: number;
  readonly tasksLaunched: number;
  readonly eventLogHash: string;
  /** Wall seconds inside `runSimulation`, reading the trace included. */
  readonly wallSeconds: number;
  /** CPU seconds / wall seconds (≈ 1 on an otherwise idle core). */
  readonly cpuShare: number;
  readonly peakRssBytes: number;
  /** Memory at each tenth of the run (the first tenth reached, …, the end). */
  readonly memory: readonly MemorySample[];
}

const MICROS_PER_HOUR = 3_600_000_000;
const MICROS_PER_MINUTE = 60_000_000;

function main(argv: readonly string[]): GoogleScaleMeasurement {
  const [file, machinesText, minutesText, sampleText = '1'] = argv;
  const sampleFraction = Number(sampleText);
  const machines = Number(machinesText);
  const minutes = Number(minutesText);
  if (
    file === undefined ||
    !Number.isSafeInteger(machines) ||
    !Number.isSafeInteger(minutes) ||
    minutes <= 0 ||
    !(sampleFraction > 0 && sampleFraction <= 1)
  )
    throw new Error(
      `usage: googleScaleWorker.ts <trace file> <machines> <whole minutes> [share of jobs in (0, 1]]; got ${argv.join(' ')}`,
    );
  const memory: MemorySample[] = [];
  const sample = (micros: number): void => {
    const usage = process.memoryUsage();
    memory.push({ hours: micros / MICROS_PER_HOUR, rssBytes: usage.rss, heapUsedBytes: usage.heapUsed });
  };
  const horizon = minutes * MICROS_PER_MINUTE;
  let nextTenth = 1;
  // An observer sees every record, so the samples land at each tenth even when events are few.
  const sampler: SimObserver = {
    observe(r) {
      if (r.t < (horizon * nextTenth) / 10) return;
      sample(r.t);
      while (r.t >= (horizon * nextTenth) / 10) nextTenth++;
    },
  };
  const scenario = googleScaleScenario({ file, machines, horizon: `${minutes}m`, sampleFraction });
  const { result: report, cpuSeconds } = timed(() =>
    runSimulation(scenario, { wallClock: true, observers: [sampler] }),
  );
  if (report.wall === null) throw new Error('runSimulation returned no wall figures although wallClock was true');
  if (memory.length === 0) sample(horizon);
  return {
    machines,
    minutes,
    eventsProcessed: report.eventsProcessed,
    records: report.records,
    tasksLaunched: Object.values(report.frameworks).reduce((sum, f) => sum + f.tasksLaunched, 0),
    eventLogHash: report.eventLogHash,
    wallSeconds: report.wall.seconds,
    cpuShare: cpuSeconds / report.wall.seconds,
    // resourceUsage reports kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    memory,
  };
}

reportToParent(main(process.argv.slice(2)));
