import { buildTopology } from '../src/core/cluster/topology.ts';
import { createRng } from '../src/core/kernel/rng.ts';
import { google2011Workload } from '../src/workloads/traces/google2011.ts';
import { reportToParent } from './child.ts';

/**
 * One trace replay in a fresh process: pulls every arrival from the `google-2011` workload source
 * reading `file`, and reports rows, arrivals, tasks, wall seconds and peak RSS.
 * Usage: `traceReplayWorker.ts <file>`.
 * @module
 */

/** What one replay measured. */
export interface TraceReplayMeasurement {
  readonly rows: number;
  readonly arrivals: number;
  readonly tasks: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: traceReplayWorker.ts <file>');
const options = google2011Workload.options.parse({ file });
const source = google2011Workload.create(options, {
  rng: createRng(1),
  topology: buildTopology(['r1'], [{ class: 'm', count: 1, resources: { cpus: 32, mem: 65536 } }]),
  horizon: Number.MAX_SAFE_INTEGER,
  frameworkId: 'batch',
  jobIdPrefix: 'g',
  skipBadRows: false,
});
const start = performance.now();
let arrivals = 0;
while (source.next() !== undefined) arrivals++;
const seconds = (performance.now() - start) / 1000;
const stats = source.stats();
const measurement: TraceReplayMeasurement = {
  rows: stats.rows,
  arrivals,
  tasks: stats.tasks,
  seconds,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
reportToParent(measurement);
