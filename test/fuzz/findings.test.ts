import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/scenario/issues.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { runSimulation } from '../../src/run.ts';
import { createRecorder } from '../fixtures/recorder.ts';
import { runScenarioText } from './targets.ts';

const base: ScenarioInput = {
  horizon: '10m',
  topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 4096 } }] },
  allocator: { policy: 'drf' },
  frameworks: [{ id: 'b', scheduler: 'batch-first-fit' }],
  workloads: [
    {
      generator: 'batch-jobs',
      framework: 'b',
      options: { arrivals: { process: 'once' }, tasks: 2, resources: { cpus: 1 }, duration: '1m' },
    },
  ],
};

function rejection(text: string): string {
  try {
    runScenarioText(text, 'found.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

const withChange = (change: (s: Record<string, unknown>) => void): string => {
  const s = structuredClone(base) as unknown as Record<string, unknown>;
  change(s);
  return JSON.stringify(s, null, 2);
};

/** Inputs the fuzz suite found escaping as TypeError or RangeError, now rejected at their place. */
describe('inputs found by fuzzing', () => {
  it('nesting 20,000 levels deep: refused at the first bracket too deep, not a stack overflow', () => {
    const text = `{"horizon": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect(rejection(text)).toBe('found.json:1:268: $: nested more than 256 levels deep (arrays and objects)');
  });

  it('a role listed twice in a framework: refused at the roles list', () => {
    const text = withChange((s) => {
      (s['frameworks'] as Record<string, unknown>[])[0]!['roles'] = ['a', 'a'];
    });
    expect(rejection(text)).toMatch(/^found\.json:\d+:\d+: \$\.frameworks\[0\]\.roles: each role may be listed once$/m);
  });

  it('a resource named like an Object method (constructor): refused with its name', () => {
    const text = withChange((s) => {
      (s['topology'] as { machines: { resources: Record<string, number> }[] }).machines[0]!.resources['constructor'] =
        1;
    });
    expect(rejection(text)).toContain(
      '$.topology.machines[0].resources.constructor: invalid name: "constructor" cannot be a resource name',
    );
  });

  it('a duration of 1e308 seconds: refused, not NaN event times', () => {
    const text = withChange((s) => {
      s['frameworks'] = [{ id: 'b', scheduler: 'batch-first-fit', thinkTime: { perTask: 1e308 } }];
    });
    expect(rejection(text)).toContain(
      '$.frameworks[0].thinkTime.perTask: 1e+308 is longer than the longest duration, 100 years',
    );
  });

  it('resource amounts of 1e-300 and 1e29: refused, not books that cannot balance', () => {
    for (const [mem, why] of [
      [1e-300, 'resource amount 1e-300 is below 0.001'],
      [1e29, 'resource amount 1e+29 is above the largest, 1e12'],
    ] as const) {
      const text = withChange((s) => {
        const options = (s['workloads'] as Record<string, unknown>[])[0]!['options'] as Record<string, unknown>;
        options['resources'] = { cpus: 1, mem };
      });
      expect(rejection(text)).toContain(`$.workloads[0].options.resources.mem: ${why}`);
    }
  });

  it('a job of 10^15 tasks: refused, not an invalid array length', () => {
    const text = withChange((s) => {
      ((s['workloads'] as Record<string, unknown>[])[0]!['options'] as Record<string, unknown>)['tasks'] = 1e15;
    });
    expect(rejection(text)).toContain('$.workloads[0].options.tasks');
    expect(rejection(text)).toContain('at most 1,000,000 tasks per job');
  });

  it('an Alibaba 2018 task of 10^15 instances: a TraceError at its line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'found-')), 'batch_task.csv');
    writeFileSync(file, 'M1,1,j_1,1,Terminated,86400,86460,100,0.59\nM1,1e15,j_1,1,Terminated,86400,86460,100,0.59\n');
    const scenario = {
      ...base,
      horizon: '3d',
      workloads: [{ generator: 'alibaba-2018-batch', framework: 'b', options: { file } }],
    };
    expect(() => runSimulation(scenario, { wallClock: false })).toThrow(
      `${file}:2: instance_num (column 2) 1e15 is above 1000000`,
    );
  });

  it('reserving on an agent the allocator no longer knows (partitioned, noticed) fails the operation, not the run', () => {
    const recorder = createRecorder();
    runSimulation(
      {
        ...base,
        failures: [{ kind: 'partition', at: 0, machines: ['m-0'], duration: '5m' }],
        operations: [{ at: '2m', op: 'reserve', agent: 'm-0', role: 'web', resources: { cpus: 1 } }],
      },
      { observers: [recorder], wallClock: false, checkInvariants: true },
    );
    // The partition is noticed after 5 × 15 s = 75 s; at 2 min the agent has left the allocator.
    expect(recorder.of('agent-unreachable').map((r) => r.t)).toEqual([75e6]);
    expect(recorder.of('operation')).toEqual([
      { t: 120e6, kind: 'operation', op: 'reserve', role: 'web', agentId: 'm-0', ok: false },
    ]);
  });
});
