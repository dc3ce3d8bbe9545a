import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type fc from 'fast-check';
import { buildTopology } from '../../src/core/cluster/topology.ts';
import { createRng } from '../../src/core/kernel/rng.ts';
import type { WorkloadContext, WorkloadPlugin, WorkloadSource } from '../../src/core/plugins/workload.ts';
import { withJsonLocations } from '../../src/core/scenario/resolve.ts';
import { resolveVariants } from '../../src/core/scenario/variants.ts';
import { secondsToMicros } from '../../src/core/kernel/time.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';
import { parseLoadTrace } from '../../src/workloads/loadTrace.ts';
import { alibaba2017BatchWorkload } from '../../src/workloads/traces/alibaba2017Batch.ts';
import { alibaba2017Failures } from '../../src/workloads/traces/alibaba2017Failures.ts';
import { alibaba2017Machines } from '../../src/workloads/traces/alibaba2017Machines.ts';
import { alibaba2018Apps } from '../../src/workloads/traces/alibaba2018Apps.ts';
import { alibaba2018BatchWorkload } from '../../src/workloads/traces/alibaba2018Batch.ts';
import { readAlibaba2018BatchInstances } from '../../src/workloads/traces/alibaba2018BatchInstances.ts';
import { alibaba2018ContainersWorkload } from '../../src/workloads/traces/alibaba2018Containers.ts';
import { alibaba2018Machines } from '../../src/workloads/traces/alibaba2018Machines.ts';
import { google2011Workload } from '../../src/workloads/traces/google2011.ts';
import { googleMachineClasses } from '../../src/workloads/traces/google2011Machines.ts';
import { swfWorkload } from '../../src/workloads/traces/swf.ts';
import { jsonMutantArb, randomJsonTextArb, traceMutantArb } from './mutations.ts';

/** Thrown to stop a run that has done enough (not an escape). */
export class StepBudgetReached extends Error {}

/** How many records a fuzzed reader may produce (a fuzzed run stops at its first progress call, 16,384 events). */
const MAX_ITEMS = 20_000;
/** Fuzzed runs stop at this simulated time (µs). */
const HORIZON_CAP = secondsToMicros(600);
/** Larger topologies are validated but not run (the size guard has its own tests). */
const MAX_RUN_MACHINES = 2_000;

/** A parser under fuzz: its name, the inputs it gets, and how to feed it one. */
export interface FuzzTarget {
  readonly name: string;
  /** The file name the input is read from (errors must name it). */
  readonly file: string;
  readonly inputs: fc.Arbitrary<string>;
  run(text: string): void;
}

const registry = createDefaultRegistry();
const dir = join(tmpdir(), `clustersim-fuzz-${process.pid}`);
mkdirSync(dir, { recursive: true });

function drain(source: { next(): unknown }): void {
  for (let n = 0; source.next() !== undefined; n++)
    if (n > MAX_ITEMS) throw new Error(`reader did not end after ${MAX_ITEMS} items`);
}

function context(): WorkloadContext {
  return {
    rng: createRng(1).fork('workload/f'),
    topology: buildTopology(['r1'], []),
    horizon: Number.MAX_SAFE_INTEGER,
    frameworkId: 'f',
    jobIdPrefix: 'f',
    skipBadRows: false,
  };
}

function workloadTarget<O>(
  name: string,
  seedFile: string,
  plugin: WorkloadPlugin<O>,
  separator: 'comma' | 'whitespace',
  extra: Record<string, unknown> = {},
): FuzzTarget {
  const file = join(dir, `${name}.trace`);
  return {
    name,
    file,
    inputs: traceMutantArb(head(seedFile), separator),
    run(text) {
      writeFileSync(file, text);
      const source: WorkloadSource = plugin.create(plugin.options.parse({ file, ...extra }), context());
      drain(source);
    },
  };
}

function fileTarget(
  name: string,
  seedFile: string,
  separator: 'comma' | 'whitespace',
  read: (file: string) => void,
): FuzzTarget {
  const file = join(dir, `${name}.trace`);
  return {
    name,
    file,
    inputs: traceMutantArb(head(seedFile), separator),
    run(text) {
      writeFileSync(file, text);
      read(file);
    },
  };
}

/** The first lines of a fixture: enough variety, quick to read. */
function head(file: string, lines = 40): string {
  return readFileSync(file, 'utf8').split('\n').slice(0, lines).join('\n');
}

/** Validates a scenario text and, if valid, runs each setup briefly. */
export function runScenarioText(text: string, file: string): void {
  const variants = withJsonLocations(text, file, (value) => resolveVariants(value, registry));
  for (const { scenario } of variants.slice(0, 2)) {
    if (scenario.topology.machines.length > MAX_RUN_MACHINES) continue;
    const short = { ...scenario, horizon: Math.min(scenario.horizon, HORIZON_CAP) };
    try {
      runSimulation(short, {
        wallClock: false,
        registry,
        onProgress: (now) => {
          if (now >= 0) throw new StepBudgetReached();
        },
      });
    } catch (error) {
      if (!(error instanceof StepBudgetReached)) throw error;
    }
  }
}

const SCENARIO_SEEDS = [
  ...readdirSync('examples')
    .filter((f) => f.endsWith('.json'))
    .map((f) => `examples/${f}`),
  'test/golden/golden-scenario.json',
];

/** One target per scenario seed (mutations of it), plus random JSON. */
function scenarioTargets(): FuzzTarget[] {
  const file = 'fuzz.json';
  return [
    ...SCENARIO_SEEDS.map((seed) => ({
      name: `scenario ${seed}`,
      file,
      inputs: jsonMutantArb(readFileSync(seed, 'utf8')),
      run: (text: string) => runScenarioText(text, file),
    })),
    {
      name: 'scenario: random JSON',
      file,
      inputs: randomJsonTextArb,
      run: (text: string) => runScenarioText(text, file),
    },
  ];
}

const T = 'test/fixtures/traces';

/** Every parser under fuzz. */
export function fuzzTargets(): FuzzTarget[] {
  return [
    ...scenarioTargets(),
    workloadTarget(
      'google-2011',
      `${T}/google-2011/task_events_part-00000-of-00500.head2000.csv`,
      google2011Workload,
      'comma',
    ),
    fileTarget('google-2011 machines', `${T}/google-2011/machine_capacity_histogram.derived.csv`, 'comma', (f) =>
      googleMachineClasses(f),
    ),
    workloadTarget('swf', `${T}/swf/KTH-SP2-1996-2.1-cln.head300.swf`, swfWorkload, 'whitespace'),
    workloadTarget(
      'alibaba-2017-batch',
      `${T}/alibaba-2017/batch_task.head1500.csv`,
      alibaba2017BatchWorkload,
      'comma',
    ),
    fileTarget('alibaba-2017 machines and failures', `${T}/alibaba-2017/server_event.csv`, 'comma', (f) => {
      const pool = alibaba2017Machines(f);
      alibaba2017Failures(f, pool.machineIdOf);
    }),
    workloadTarget('alibaba-2018-batch', `${T}/alibaba-2018/batch_task.csv`, alibaba2018BatchWorkload, 'comma'),
    fileTarget('alibaba-2018 batch instances', `${T}/alibaba-2018/batch_instance.csv`, 'comma', (f) =>
      drain(readAlibaba2018BatchInstances(f)),
    ),
    workloadTarget(
      'alibaba-2018-containers',
      `${T}/alibaba-2018/container_meta.csv`,
      alibaba2018ContainersWorkload,
      'comma',
    ),
    fileTarget('alibaba-2018 apps', `${T}/alibaba-2018/container_meta.csv`, 'comma', (f) => alibaba2018Apps(f)),
    fileTarget('alibaba-2018 machines', `${T}/alibaba-2018/machine_meta.csv`, 'comma', (f) => alibaba2018Machines(f)),
    fileTarget('load trace (nasa-http)', 'traces/nasa-http-1995/hourly-requests.csv', 'comma', (f) =>
      parseLoadTrace(readFileSync(f, 'utf8'), f),
    ),
    fileTarget('load trace (wikipedia)', 'traces/wikipedia-en-hourly/hourly-views-2014-03.csv', 'comma', (f) =>
      parseLoadTrace(readFileSync(f, 'utf8'), f),
    ),
  ];
}
