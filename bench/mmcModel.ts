import { createEventLoop, createRng, secondsToMicros } from '../src/core/kernel/index.ts';

/**
 * The M/M/c queue written on clustersim's public kernel API (`clustersim/kernel`): an event loop,
 * seeded random streams and integer-microsecond time. Jobs arrive in a Poisson stream, each needs
 * an exponential service (mean 1 s) on one of c identical servers and waits in one FIFO queue.
 * The same model runs in SimPy 3 in `mmc_simpy.py`.
 * @module
 */

/** The size of one M/M/c run. */
export interface MmcConfig {
  readonly jobs: number;
  readonly servers: number;
  /** Server utilisation ρ = λ / (c μ), with μ = 1 job per second. */
  readonly load: number;
  readonly seed: number;
}

/** What one run measured. */
export interface MmcOutcome {
  /** Mean wait in the queue over all jobs, seconds. */
  readonly meanWait: number;
  /** The wait of every job, in µs, in arrival order. */
  readonly waitsMicros: Float64Array;
  /** Events the loop handled (one arrival and one departure per job). */
  readonly events: number;
  /** Simulated time at the last departure, µs. */
  readonly endMicros: number;
}

/**
 * Seconds to whole microseconds, bound once: under tsx (which loads these sources as CommonJS)
 * every call of an imported function goes through a getter on the module's exports.
 */
const toMicros = secondsToMicros;

/** Event kinds; departures first among events at the same microsecond. */
const DEPARTURE = 0;
const ARRIVAL = 1;

/**
 * Runs the M/M/c model to the last departure.
 *
 * @example
 * ```ts
 * const { meanWait } = runMmcModel({ jobs: 10_000, servers: 10, load: 0.9, seed: 42 });
 * ```
 */
export function runMmcModel(config: MmcConfig): MmcOutcome {
  const { jobs, servers, load, seed } = config;
  const root = createRng(seed);
  const arrivals = root.fork('arrivals');
  const services = root.fork('services');
  const meanInterarrival = 1 / (load * servers);
  const loop = createEventLoop<number>();
  // Jobs start in arrival order (one FIFO queue), so job i's arrival time and wait sit at index i.
  const arrivedAt = new Float64Array(jobs);
  const waitsMicros = new Float64Array(jobs);
  let arrived = 0;
  let started = 0;
  let busy = 0;
  const startNext = (now: number): void => {
    waitsMicros[started] = now - (arrivedAt[started] as number);
    started++;
    loop.schedule(now + toMicros(services.exponential(1)), DEPARTURE, DEPARTURE);
  };
  loop.schedule(toMicros(arrivals.exponential(meanInterarrival)), ARRIVAL, ARRIVAL);
  loop.run(Infinity, (event, now) => {
    if (event === ARRIVAL) {
      arrivedAt[arrived++] = now;
      if (arrived < jobs) loop.schedule(now + toMicros(arrivals.exponential(meanInterarrival)), ARRIVAL, ARRIVAL);
      if (busy < servers) {
        busy++;
        startNext(now);
      }
    } else if (started < arrived) {
      startNext(now);
    } else {
      busy--;
    }
  });
  let total = 0;
  for (let i = 0; i < jobs; i++) total += waitsMicros[i] as number;
  return { meanWait: total / jobs / 1e6, waitsMicros, events: loop.processed, endMicros: loop.now };
}
