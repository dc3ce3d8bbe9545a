import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { resolveScenario } from '../../../src/core/scenario/resolve.ts';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

// Mesos's master refuses a quota whose guarantee of a resource exceeds its limit of it.
describe('a quota guarantee above its limit is refused, as Mesos refuses it', () => {
  it('the standalone API throws, naming the call, role and resource', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.updateQuota('batch', { guarantees: { cpus: 2 }, limits: { cpus: 1 } })).toThrow(
      /updateQuota: role "batch": the guarantee cpus:2 is above the limit cpus:1/,
    );
    // A guarantee of a resource without a limit, or equal to it, is fine.
    expect(() =>
      allocator.updateQuota('batch', { guarantees: { cpus: 2, mem: 5 }, limits: { cpus: 2 } }),
    ).not.toThrow();
  });

  it('an update-quota operation during a run is refused (logged ok: false), not applied, not a crash', () => {
    const recorder = createRecorder();
    runSimulation(
      {
        ...smallScenario(),
        allocator: { policy: 'drf' },
        operations: [
          { at: '0s', op: 'update-quota', role: 'batch', guarantees: { cpus: 2 }, limits: { cpus: 1 } },
          { at: '1s', op: 'update-quota', role: 'batch', guarantees: { cpus: 1 }, limits: { cpus: 1 } },
        ],
      } as unknown as ScenarioInput,
      { observers: [recorder], checkInvariants: true, wallClock: false },
    );
    expect(recorder.of('operation').map((r) => r.ok)).toEqual([false, true]);
  });

  it('a scenario configuring such a quota is rejected at its JSON path', () => {
    const input = {
      ...(smallScenario() as Record<string, unknown>),
      allocator: {
        policy: 'drf',
        options: { roles: { batch: { quota: { guarantees: { cpus: 2 }, limits: { cpus: 1 } } } } },
      },
    };
    let message = '';
    try {
      resolveScenario(input, createDefaultRegistry());
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(/roles\.batch\.quota.*the guarantee cpus:2 is above the limit cpus:1/);
  });
});
