import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

const base = (): ScenarioInput => ({
  horizon: '60s',
  topology: {
    machines: [
      { class: 'm', count: 1, resources: { cpus: 4, mem: 4096, gpus: 1 }, reserved: { eng: { cpus: 1, mem: 1024 } } },
    ],
  },
  allocator: { policy: 'drf' },
  frameworks: [
    {
      id: 'eng',
      scheduler: 'batch-first-fit',
      roles: ['eng/web'],
      capabilities: ['GPU_RESOURCES'],
      options: { suppressWhenIdle: false, refuseSeconds: 0 },
    },
    { id: 'ops', scheduler: 'batch-first-fit', roles: ['ops'], options: { suppressWhenIdle: false, refuseSeconds: 0 } },
  ],
});

describe('the drf policy in a scenario', () => {
  it('keeps a static reservation for the role (and its sub-roles) and GPUs for the GPU-capable framework', () => {
    const recorder = createRecorder();
    runSimulation(base(), { observers: [recorder], wallClock: false });
    const offers = recorder.of('offer-made');
    expect(offers.length).toBeGreaterThan(10);
    for (const o of offers.filter((x) => x.frameworkId === 'ops')) {
      // ops may only ever see the unreserved 3 cpus / 3072 MB, and never the GPU.
      expect(o.resources['cpus'] ?? 0).toBeLessThanOrEqual(3);
      expect(o.resources['mem'] ?? 0).toBeLessThanOrEqual(3072);
      expect(o.resources['gpus']).toBeUndefined();
    }
    expect(offers.some((o) => o.frameworkId === 'eng' && o.resources['gpus'] === 1)).toBe(true);
  });

  it('applies operator operations at their time and logs whether they succeeded', () => {
    const recorder = createRecorder();
    runSimulation(
      {
        ...base(),
        operations: [
          { at: '20s', op: 'reserve', agent: 'm-0', role: 'eng', resources: { cpus: 99 } },
          { at: '30s', op: 'update-weight', role: 'ops', weight: 3 },
        ],
      },
      { observers: [recorder], wallClock: false },
    );
    expect(recorder.of('operation').map((r) => [r.t / 1e6, r.op, r.ok])).toEqual([
      [20, 'reserve', false], // 99 cpus are not free
      [30, 'update-weight', true],
    ]);
  });

  it('rejects operations the allocator does not support, and reservations larger than the machine', () => {
    const bad: ScenarioInput = {
      ...base(),
      topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4 }, reserved: { eng: { cpus: 5 } } }] },
      allocator: { policy: 'static-partition', options: { partitions: { eng: { count: 1 }, ops: { count: 0 } } } },
      operations: [{ at: '1s', op: 'update-weight', role: 'eng', weight: 2 }],
    };
    expect(() => runSimulation(bad)).toThrow(ScenarioError);
    try {
      runSimulation(bad);
    } catch (error) {
      expect((error as ScenarioError).message.split('\n')).toEqual([
        "$.topology.machines[0].reserved: reservations total cpus:5, more than the machine's cpus:4",
      ]);
    }
    const unsupported = {
      ...bad,
      topology: base().topology,
      allocator: { policy: 'static-partition', options: { partitions: { eng: { count: 1 }, ops: { machines: [] } } } },
    };
    expect(() => runSimulation(unsupported)).toThrow(
      '$.operations[0].op: allocator "static-partition" does not support "update-weight"; it supports: none',
    );
  });
});
