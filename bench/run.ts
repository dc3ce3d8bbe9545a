import { parseArgs } from 'node:util';
import { formatKernelBench, KERNEL_BENCH_FULL, KERNEL_BENCH_QUICK, runKernelBench } from './kernelHold.ts';
import {
  ALLOCATION_BENCH_FULL,
  ALLOCATION_BENCH_QUICK,
  formatAllocationBench,
  runAllocationBench,
} from './allocationRun.ts';
import {
  formatGoogleScaleBench,
  GOOGLE_SCALE_FULL,
  GOOGLE_SCALE_QUICK,
  runGoogleScaleBench,
  withPrefix,
} from './googleScaleRun.ts';
import { describeMachine } from './machine.ts';
import {
  formatScaleBench,
  runScaleBench,
  SCALE_BENCH_FULL,
  SCALE_BENCH_QUICK,
  type ScaleBenchConfig,
} from './scaleRun.ts';
import { formatMmcBench, MMC_BENCH_FULL, MMC_BENCH_QUICK, runMmcBench } from './mmcBench.ts';
import { formatSweepBench, runSweepBench, SWEEP_BENCH_FULL, SWEEP_BENCH_QUICK } from './sweepBench.ts';
import { runTraceReplayBench, TRACE_REPLAY_FULL, TRACE_REPLAY_QUICK } from './traceReplay.ts';
import { formatNumber } from './table.ts';
import { timed, timedAsync } from './timing.ts';
import { formatWholeRunBench, runWholeRunBench, WHOLE_RUN_FULL, WHOLE_RUN_QUICK } from './wholeRun.ts';

/**
 * Entry point of `npm run bench`:
 * `tsx bench/run.ts [--only kernel|mmc|allocation|whole|trace|sweep|scale|google-scale] [--quick]`,
 * for `google-scale` `[--budget <wall minutes>] [--prefix <simulated time, e.g. 6h>]`, and for
 * `scale` `[--budget <wall minutes>] [--machines 1000,2000,4000] [--horizon 6h]`; `sweep` `[--horizon 4d]` (each run's
 * simulated time).
 * Prints figures only; it never passes or fails on them.
 * @module
 */

const BENCHES = ['kernel', 'mmc', 'allocation', 'whole', 'trace', 'sweep', 'scale', 'google-scale'] as const;
type BenchName = (typeof BENCHES)[number];

interface CommandLine {
  readonly benches: readonly BenchName[];
  readonly quick: boolean;
  /** google-scale's wall budget in minutes, when given. */
  readonly budget: number | undefined;
  /** google-scale's one prefix to replay, when given. */
  readonly prefix: string | undefined;
  /** scale's machine series, when given (e.g. 1000,2000,4000). */
  readonly machines: readonly number[] | undefined;
  /** scale's simulated time per row of the machine and task series, when given. */
  readonly horizon: string | undefined;
}

function parseCommandLine(argv: readonly string[]): CommandLine {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      budget: { type: 'string' },
      prefix: { type: 'string' },
      machines: { type: 'string' },
      horizon: { type: 'string' },
    },
    strict: true,
  });
  const only = values.only;
  if (only !== undefined && !(BENCHES as readonly string[]).includes(only)) {
    throw new Error(`--only must be one of ${BENCHES.join(', ')}; got "${only}"`);
  }
  const budget = values.budget === undefined ? undefined : Number(values.budget);
  if (budget !== undefined && !(budget > 0)) throw new Error(`--budget is wall minutes > 0; got "${values.budget}"`);
  const machines = values.machines?.split(',').map(Number);
  if (machines !== undefined && !machines.every((m) => Number.isInteger(m) && m > 0))
    throw new Error(
      `--machines is a comma-separated list of machine counts, e.g. 1000,2000,4000; got "${values.machines}"`,
    );
  return {
    benches: only === undefined ? BENCHES : [only as BenchName],
    quick: values.quick,
    budget,
    prefix: values.prefix,
    machines,
    horizon: values.horizon,
  };
}

async function main(): Promise<void> {
  const { benches, quick, budget, prefix, machines, horizon } = parseCommandLine(process.argv.slice(2));
  console.log(
    `clustersim bench${quick ? ' (--quick: smoke run, figures not comparable)' : ''} — ${new Date().toISOString()}`,
  );
  console.log(`machine: ${describeMachine()}`);
  for (const bench of benches) {
    if (bench === 'kernel') {
      const config = quick ? KERNEL_BENCH_QUICK : KERNEL_BENCH_FULL;
      console.log(
        `\n## kernel event queue: hold model (seed ${config.seed}, Exp mean ${config.meanMicros} µs, 1 warm-up + ${config.repetitions} timed repetitions per row, fresh process per row)\n`,
      );
      const { result, seconds } = await timedAsync(() => runKernelBench(config));
      console.log(formatKernelBench(result));
      console.log(`(kernel bench took ${seconds.toFixed(1)} s)`);
    } else if (bench === 'mmc') {
      const config = quick ? MMC_BENCH_QUICK : MMC_BENCH_FULL;
      console.log(
        `\n## M/M/c: c = ${config.servers}, ρ = ${config.load}, ${formatNumber(config.jobs)} jobs, seed ${config.seed}, clustersim kernel against SimPy 3, ${config.pairs} pair(s) of fresh processes\n`,
      );
      const { result, seconds } = await timedAsync(() => runMmcBench(config));
      console.log(formatMmcBench(result));
      console.log(`(M/M/c bench took ${seconds.toFixed(1)} s)`);
    } else if (bench === 'allocation') {
      const size = quick ? ALLOCATION_BENCH_QUICK : ALLOCATION_BENCH_FULL;
      console.log(
        `\n## one Mesos allocation run: ${size.agents} agents × ${size.frameworks} frameworks in ${size.roles} roles, DRF sorters, median of ${size.runs} runs\n`,
      );
      const { result, seconds } = timed(() => runAllocationBench(size));
      console.log(formatAllocationBench(result));
      console.log(`(allocation bench took ${seconds.toFixed(1)} s)`);
    } else if (bench === 'trace') {
      const config = quick ? TRACE_REPLAY_QUICK : TRACE_REPLAY_FULL;
      console.log(
        `\n## trace replay: a generated ${config.bytes / 1e6} MB trace in the Google 2011 task_events format through the google-2011 workload source, fresh process\n`,
      );
      const { result, seconds } = await timedAsync(() => runTraceReplayBench(config));
      console.log(result);
      console.log(`(trace bench took ${seconds.toFixed(1)} s, including generating the file when missing)`);
    } else if (bench === 'scale') {
      const base = quick ? SCALE_BENCH_QUICK : SCALE_BENCH_FULL;
      const config: ScaleBenchConfig = {
        ...base,
        ...(budget === undefined ? {} : { budgetMinutes: budget }),
        ...(machines === undefined ? {} : { machines, taskSeriesMachines: machines[0] ?? base.taskSeriesMachines }),
        ...(horizon === undefined ? {} : { horizon }),
      };
      console.log(
        `\n## scale: services and batch under DRF (1 s allocation interval), ${config.horizon} runs at ${config.machines.join(', ')} machines, task rates ${config.taskRates.join(', ')} per machine-day at ${config.taskSeriesMachines} machines${config.week === undefined ? '' : `, and ${config.week.machines} machines × ${config.week.horizon}`}; fresh process per row, rows over ${config.budgetMinutes} min skipped\n`,
      );
      const { result, seconds } = await timedAsync(() => runScaleBench(config));
      console.log(formatScaleBench(result));
      console.log(`(scale bench took ${seconds.toFixed(1)} s)`);
    } else if (bench === 'google-scale') {
      const base = quick ? GOOGLE_SCALE_QUICK : GOOGLE_SCALE_FULL;
      const sized = prefix === undefined ? base : withPrefix(base, prefix);
      const config = budget === undefined ? sized : { ...sized, budgetMinutes: budget };
      console.log(
        `\n## google-scale: a generated ${formatNumber(config.trace.days, 2)}-day Google 2011 trace replayed end to end through runSimulation on ${formatNumber(config.machines)} machines (DRF, 1 s allocation interval, streaming google-2011 source); prefixes of ${config.prefixMinutes.join(', ')} simulated minutes then the whole trace, fresh process each, within ${config.budgetMinutes} min\n`,
      );
      const { result, seconds } = await timedAsync(() => runGoogleScaleBench(config));
      console.log(formatGoogleScaleBench(result));
      console.log(`(google-scale bench took ${seconds.toFixed(1)} s, including generating the trace when missing)`);
    } else if (bench === 'sweep') {
      const base = quick ? SWEEP_BENCH_QUICK : SWEEP_BENCH_FULL;
      const config = horizon === undefined ? base : { ...base, horizon };
      console.log(
        `\n## sweep: \`clustersim sweep\` of 20 runs of static-partitions (${config.horizon} each) on 1 worker, 2 processes and 2 threads, from dist/ and from the sources; ${config.repetitions} fresh command(s) each, in turn; then two independent 1-worker commands at once\n`,
      );
      const { result, seconds } = await timedAsync(() => runSweepBench(config));
      console.log(formatSweepBench(result));
      console.log(`(sweep bench took ${seconds.toFixed(1)} s)`);
    } else {
      const config = quick ? WHOLE_RUN_QUICK : WHOLE_RUN_FULL;
      console.log(
        `\n## whole run: runSimulation({ wallClock: true }), ${config.repetitions} fresh process(es) per scenario, large horizon ${config.largeHorizon}\n`,
      );
      const { result, seconds } = await timedAsync(() => runWholeRunBench(config));
      console.log(formatWholeRunBench(result));
      console.log(`(whole-run bench took ${seconds.toFixed(1)} s)`);
    }
  }
}

await main();
