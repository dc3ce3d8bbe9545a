import { chronosFramework } from '../../../../src/policies/frameworks/chronos/chronosFramework.ts';
import type { PluginRegistry } from '../../../../src/core/plugins/registry.ts';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../../src/registry.ts';
import { runSimulation } from '../../../../src/run.ts';
import { createRecorder } from '../../../fixtures/recorder.ts';

/** The default registry with `chronos` (registered here unless the defaults already hold it). */
export function chronosRegistry(): PluginRegistry {
  const registry = createDefaultRegistry();
  return registry.names('framework').includes('chronos') ? registry : registry.registerFramework(chronosFramework);
}

/** One framework `cron` running `chronos` with these options, alone on `machines` machines of 4 cpus / 8 GB. */
export function cronScenario(options: Record<string, unknown>, horizon = '24h', machines = 1): ScenarioInput {
  return {
    horizon,
    topology: { machines: [{ class: 'm', count: machines, resources: { cpus: 4, mem: 8192 } }] },
    allocator: { policy: 'static-partition', options: { partitions: { cron: { count: machines } } } },
    frameworks: [{ id: 'cron', scheduler: 'chronos', options }],
  };
}

/** A job-run fact as the run logged it, time in seconds. */
export interface LoggedFact {
  readonly t: number;
  readonly jobId: string;
  readonly runId: string;
  readonly state: string;
}

/** Runs a chronos scenario; returns its job-run facts (in log order) and every record. */
export function runCron(scenario: ScenarioInput, seed?: number) {
  const recorder = createRecorder();
  runSimulation(scenario, {
    registry: chronosRegistry(),
    observers: [recorder],
    wallClock: false,
    ...(seed === undefined ? {} : { seed }),
  });
  const facts: LoggedFact[] = recorder
    .of('framework-fact')
    .flatMap((r) => (r.fact === 'job-run' ? [{ t: r.t / 1e6, jobId: r.jobId, runId: r.runId, state: r.state }] : []));
  /** Times (s) of the facts of one job in one state. */
  const times = (jobId: string, state: string): number[] =>
    facts.filter((f) => f.jobId === jobId && f.state === state).map((f) => f.t);
  return { facts, times, recorder };
}
