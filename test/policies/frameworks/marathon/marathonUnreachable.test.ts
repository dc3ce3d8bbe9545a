import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/core/scenario/schema.ts';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

const twoMachines = { machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 4096 } }] };

/**
 * One instance of `web`, on m-1 (DRF offers m-1 first here); m-1 is cut off from 100 s to 220 s. Its pings are at 0, 15, …
 * s: the one at 105 s is the first unanswered, the 5th timeout after it comes at 180 s.
 */
function partitioned(unreachableStrategy: unknown, aware = true): ScenarioInput {
  const base = marathonScenario(
    {
      apps: [
        {
          id: 'web',
          instances: 1,
          resources: { cpus: 1, mem: 512 },
          ...(unreachableStrategy === undefined ? {} : { unreachableStrategy }),
        },
      ],
    },
    twoMachines,
    '400s',
  );
  return {
    ...base,
    frameworks: base.frameworks.map((f) => ({ ...f, ...(aware ? { capabilities: ['PARTITION_AWARE'] } : {}) })),
    failures: [{ kind: 'partition', at: '100s', machines: ['m-1'], duration: '2m' }],
  };
}

function outcome(scenario: ScenarioInput) {
  const run = runMarathon(scenario);
  return {
    launches: run.of('task-launched').map((r) => `${r.taskId}@${r.agentId}@${r.t / 1e6}`),
    ends: run.of('task-ended').map((r) => `${r.taskId}:${r.state}@${r.t / 1e6}${r.reason ? `(${r.reason})` : ''}`),
  };
}

describe('marathon and unreachable instances (PARTITION_AWARE)', () => {
  it("by default (Marathon's 0 s / 0 s) replaces the instance at detection and kills it when it comes back", () => {
    const { launches, ends } = outcome(partitioned(undefined));
    expect(launches[0]).toBe('web.v1.0@m-1@0');
    // Replaced on m-0 once the master reports it unreachable, at 180 s (within an allocation interval).
    expect(launches[1]).toMatch(/^web\.v1\.1@m-0@18[01]$/);
    // Back at 220 s: reported running, and Marathon kills it.
    expect(ends).toEqual(['web.v1.0:killed@220']);
  });

  it('"disabled" keeps waiting: no replacement, the instance simply comes back', () => {
    const { launches, ends } = outcome(partitioned('disabled'));
    expect(launches).toEqual(['web.v1.0@m-1@0']);
    expect(ends).toEqual([]);
  });

  it('inactiveAfterSeconds longer than the partition: the instance is back (220 s) before it would be replaced (240 s)', () => {
    const { launches, ends } = outcome(partitioned({ inactiveAfterSeconds: 60, expungeAfterSeconds: 120 }));
    expect(launches).toEqual(['web.v1.0@m-1@0']);
    expect(ends).toEqual([]);
  });

  it('inactiveAfterSeconds shorter than the partition: replaced at 180 + 20 s', () => {
    const { launches } = outcome(partitioned({ inactiveAfterSeconds: 20, expungeAfterSeconds: 20 }));
    expect(launches[1]).toMatch(/^web\.v1\.1@m-0@20[01]$/);
  });

  it('a framework that is not partition-aware hears LOST at detection; the master kills the task at the heal', () => {
    const { launches, ends } = outcome(partitioned(undefined, false));
    expect(launches[1]).toMatch(/^web\.v1\.1@m-0@18[01]$/);
    expect(ends).toEqual(['web.v1.0:killed@220(given up during the partition)']);
  });

  it('rejects inactiveAfterSeconds above expungeAfterSeconds', () => {
    expect(() => runMarathon(partitioned({ inactiveAfterSeconds: 60, expungeAfterSeconds: 10 }))).toThrow(
      /inactiveAfterSeconds must be ≤ expungeAfterSeconds/,
    );
  });
});
