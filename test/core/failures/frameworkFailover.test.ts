import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILOVER_TIMEOUT, type ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { resolveScenario } from '../../../src/core/scenario/resolve.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { probeFramework, type ProbeCall } from '../../fixtures/probeFramework.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * One machine of 4 cpus; a batch framework with one 1-cpu task of 1000 s launched at t = 0; its
 * scheduler goes down at 100 s for `downSeconds`.
 */
function schedulerDown(downSeconds: number, failoverTimeout: string): ScenarioInput {
  return {
    horizon: '2000s',
    master: { checkInvariants: true },
    topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4 } }] },
    allocator: { policy: 'drf' },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', failoverTimeout, options: { maxAttempts: 5 } }],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'batch',
        options: { arrivals: { process: 'once' }, jobs: 1, tasks: 1, resources: { cpus: 1 }, duration: '1000s' },
      },
    ],
    failures: [{ kind: 'framework-failover', framework: 'batch', at: '100s', duration: `${downSeconds}s` }],
  };
}

function run(scenario: ScenarioInput) {
  const recorder = createRecorder();
  runSimulation(scenario, { observers: [recorder], wallClock: false });
  const ends = recorder.of('task-ended').map((r) => `${r.taskId}:${r.state}@${r.t / 1e6}(${r.reason ?? ''})`);
  return { recorder, ends };
}

describe('a framework whose scheduler goes down (framework failover)', () => {
  it('has its tasks killed by the master failoverTimeout after it went down when it does not come back in time', () => {
    // Down at 100 s for 120 s with a 60 s failover timeout: removed at 160 s, before its leader
    // is back at 220 s; the task launched at 0 (1000 s of work) is killed then.
    const { recorder, ends } = run(schedulerDown(120, '60s'));
    expect(recorder.of('framework-disconnected').map((r) => [r.t / 1e6, r.failoverTimeoutSeconds])).toEqual([
      [100, 60],
    ]);
    expect(recorder.of('framework-removed').map((r) => r.t / 1e6)).toEqual([160]);
    expect(ends[0]).toBe('w0-0.0:killed@160(framework failover timeout)');
    // The new leader registers afresh at 220 s, hears of the kill and relaunches the task.
    expect(recorder.of('framework-reregistered').map((r) => [r.t / 1e6, r.downSeconds])).toEqual([[220, 120]]);
    expect(recorder.of('task-launched').map((r) => r.t / 1e6)).toEqual([0, 220]);
  });

  it('keeps its tasks running when its new leader is back within the failover timeout', () => {
    // Down 30 s < 60 s: nothing is killed; the task finishes its 1000 s of work at 1000 s.
    const { recorder, ends } = run(schedulerDown(30, '60s'));
    expect(recorder.of('framework-removed')).toEqual([]);
    expect(ends).toEqual(['w0-0.0:finished@1000()']);
    expect(recorder.of('framework-reregistered').map((r) => r.t / 1e6)).toEqual([130]);
  });

  it('gets no offers while down, and the callbacks it missed once its new leader is back', () => {
    // The probe launches p0 at 0 s on the one machine and declines the rest; its scheduler is
    // down 100–300 s; its timer (at 150 s) fires while it is down.
    const calls: ProbeCall[] = [];
    const registry = createDefaultRegistry().registerFramework(probeFramework(calls));
    const recorder = createRecorder();
    runSimulation(
      {
        horizon: '400s',
        master: { checkInvariants: true },
        topology: { machines: [{ class: 'm', count: 1, resources: { cpus: 4 } }] },
        allocator: { policy: 'drf' },
        frameworks: [{ id: 'p', scheduler: 'probe', options: { tasks: 1, reconcile: [{ at: 150 }] } }],
        failures: [{ kind: 'framework-failover', framework: 'p', at: '100s', duration: '200s' }],
      },
      { registry, observers: [recorder], wallClock: false },
    );
    expect(recorder.of('offer-made').filter((o) => o.t > 100e6 && o.t < 300e6)).toEqual([]);
    // Declined offers came back every few seconds before it went down.
    expect(recorder.of('offer-made').filter((o) => o.t > 80e6 && o.t < 100e6).length).toBeGreaterThan(0);
    // Back at 300 s: first the new leader's start (down since 100 s), then what it missed — its
    // timer of 150 s — then the master's answer to the reconciliation that timer asked for.
    expect(calls.map((c) => `${c.t} ${c.call}${c.status ? ` ${c.status.taskId}:${c.status.state}` : ''}`)).toEqual([
      '0 status p0:running',
      '300 leaderFailedOver(100)',
      '300 timer 0',
      '300 status p0:running',
    ]);
    expect(recorder.of('offer-made').filter((o) => o.t >= 300e6).length).toBeGreaterThan(0);
  });

  it('is removed by the next master when its timeout passed while there was none', () => {
    // Down at 100 s for 200 s, timeout 60 s: due at 160 s, but the master is down 150–180 s; the
    // new master removes the framework at its election, 180 s, and kills the task then.
    const input = schedulerDown(200, '60s');
    input.failures = [...(input.failures ?? []), { kind: 'master-failover', at: '150s', duration: '30s' }];
    const { recorder, ends } = run(input);
    expect(recorder.of('framework-removed').map((r) => r.t / 1e6)).toEqual([180]);
    expect(ends[0]).toBe('w0-0.0:killed@180(framework failover timeout)');
  });

  it('is not timed out when its new leader was back in time but found no master to register with', () => {
    // Down at 100 s for 10 s; the master is down 105–165 s, so the leader back at 110 s registers
    // only at 165 s — after 100 s + 60 s, yet it came back in time: nothing is killed.
    const input = schedulerDown(10, '60s');
    input.failures = [...(input.failures ?? []), { kind: 'master-failover', at: '105s', duration: '60s' }];
    const { recorder, ends } = run(input);
    expect(recorder.of('framework-removed')).toEqual([]);
    expect(recorder.of('framework-reregistered').map((r) => r.t / 1e6)).toEqual([165]);
    expect(ends).toEqual(['w0-0.0:finished@1000()']);
  });

  it('defaults to Marathon’s one-week failover timeout', () => {
    expect(DEFAULT_FAILOVER_TIMEOUT).toBe(7 * 24 * 3600 * 1e6);
    const input = schedulerDown(30, '1s');
    delete (input.frameworks[0] as { failoverTimeout?: string }).failoverTimeout;
    expect(resolveScenario(input, createDefaultRegistry()).frameworks[0]?.failoverTimeout).toBe(604_800e6);
  });

  it('is refused for a framework the scenario does not have, at its JSON path', () => {
    const input = {
      ...schedulerDown(30, '1m'),
      failures: [{ kind: 'framework-failover', framework: 'nope', at: '1s', duration: '1s' }],
    };
    expect(() => resolveScenario(input as ScenarioInput, createDefaultRegistry())).toThrow(
      /failures\[0\]\.framework.*unknown framework "nope"; frameworks: batch/s,
    );
  });
});
