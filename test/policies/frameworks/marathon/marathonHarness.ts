import type { FrameworkFact } from '../../../../src/core/plugins/framework.ts';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import type { SimRecord } from '../../../../src/core/simulation/records.ts';
import type { RunReport } from '../../../../src/metrics/runReport.ts';
import { marathonFramework } from '../../../../src/policies/frameworks/marathon/marathonFramework.ts';
import { createDefaultRegistry } from '../../../../src/registry.ts';
import { runSimulation } from '../../../../src/run.ts';
import { createRecorder } from '../../../fixtures/recorder.ts';

/** The default registry plus the marathon framework (the lead registers it for real). */
export function marathonRegistry(): ReturnType<typeof createDefaultRegistry> {
  const registry = createDefaultRegistry();
  return registry.names('framework').includes('marathon') ? registry : registry.registerFramework(marathonFramework);
}

/** One framework "marathon" with these options (and think time), on `topology` under DRF. */
export function marathonScenario(
  options: unknown,
  topology: ScenarioInput['topology'],
  horizon: string,
  thinkTime?: { base?: string; perTask?: string },
): ScenarioInput {
  return {
    horizon,
    topology,
    allocator: { policy: 'drf' },
    frameworks: [{ id: 'marathon', scheduler: 'marathon', options, ...(thinkTime === undefined ? {} : { thinkTime }) }],
  };
}

/** A fact record: the time in seconds and the fact. */
export type TimedFact = { readonly t: number } & FrameworkFact;

export interface MarathonRun {
  readonly report: RunReport;
  readonly records: readonly SimRecord[];
  of<K extends SimRecord['kind']>(kind: K): Extract<SimRecord, { kind: K }>[];
  /** The framework's facts, time in seconds. */
  facts<F extends FrameworkFact['fact']>(fact: F): (TimedFact & Extract<FrameworkFact, { fact: F }>)[];
}

export function runMarathon(scenario: ScenarioInput, seed?: number): MarathonRun {
  const recorder = createRecorder();
  const report = runSimulation(scenario, {
    registry: marathonRegistry(),
    observers: [recorder],
    wallClock: false,
    ...(seed === undefined ? {} : { seed }),
  });
  return {
    report,
    records: recorder.records,
    of: (kind) => recorder.of(kind),
    facts: <F extends FrameworkFact['fact']>(fact: F) =>
      recorder
        .of('framework-fact')
        .filter((r) => r.fact === fact)
        .map((r) => {
          const { kind: _kind, frameworkId: _f, t, ...rest } = r;
          return { ...rest, t: t / 1e6 } as unknown as TimedFact & Extract<FrameworkFact, { fact: F }>;
        }),
  };
}

/** Healthy instance count of an app after each instance-health fact (and task end): [t, count][]. */
export function healthyOverTime(run: MarathonRun, appId: string): [number, number][] {
  const healthy = new Set<string>();
  const out: [number, number][] = [];
  for (const r of run.records) {
    if (r.kind === 'framework-fact' && r.fact === 'instance-health' && r.appId === appId) {
      if (r.healthy) healthy.add(r.taskId);
      else healthy.delete(r.taskId);
      out.push([r.t / 1e6, healthy.size]);
    } else if (r.kind === 'task-ended' && healthy.delete(r.taskId)) out.push([r.t / 1e6, healthy.size]);
  }
  return out;
}
