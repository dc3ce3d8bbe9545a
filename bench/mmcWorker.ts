import { reportToParent } from './child.ts';
import { batchMeans } from './erlangC.ts';
import { runMmcModel } from './mmcModel.ts';
import { timed } from './timing.ts';

/**
 * Child process of the M/M/c bench: one cold run of the clustersim model (bench/mmcModel.ts), as
 * the SimPy run is one run of a fresh interpreter. Usage: `mmcWorker.ts <jobs> <servers> <load>
 * <seed> <batches>`. Only the run is timed, not process start or module loading.
 * @module
 */

/** What one run reports: the same fields as `mmc_simpy.py` prints, plus the event count. */
export interface MmcRun {
  readonly jobs: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Mean wait in the queue, seconds. */
  readonly meanWait: number;
  /** Mean wait of each batch of consecutive jobs, seconds. */
  readonly batchMeans: readonly number[];
  /** Events handled (clustersim only). */
  readonly events?: number;
}

function main(argv: readonly string[]): MmcRun {
  const [jobs, servers, load, seed, batches] = argv.map(Number);
  if (
    jobs === undefined ||
    servers === undefined ||
    load === undefined ||
    seed === undefined ||
    batches === undefined
  ) {
    throw new Error(`usage: mmcWorker.ts <jobs> <servers> <load> <seed> <batches>; got ${argv.join(' ')}`);
  }
  const { result, seconds, cpuSeconds } = timed(() => runMmcModel({ jobs, servers, load, seed }));
  return {
    jobs,
    seconds,
    cpuSeconds,
    meanWait: result.meanWait,
    batchMeans: batchMeans(result.waitsMicros, batches).map((micros) => micros / 1e6),
    events: result.events,
  };
}

reportToParent(main(process.argv.slice(2)));
