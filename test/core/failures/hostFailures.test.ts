import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { expandFailures } from '../../../src/core/failures/schedule.ts';
import { createRng } from '../../../src/core/kernel/rng.ts';
import { parseScenarioText } from '../../../src/core/scenario/resolve.ts';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

/**
 * A physical host above machines: VMs named to a host fail together when it fails or reboots.
 */

/** 6 VMs over 2 racks and 2 hosts (round-robin: host h1 holds vm-0, vm-2, vm-4, all in r1). */
const vms = { class: 'vm', count: 6, resources: { cpus: 4 }, racks: ['r1', 'r2'], hosts: ['h1', 'h2'] };

describe('topology hosts', () => {
  it('deal a class’s machines round-robin over its hosts and add the `host` attribute', () => {
    const topo = buildTopology(['r1', 'r2'], [vms, { class: 'metal', count: 1, resources: { cpus: 8 } }]);
    expect([...topo.hosts.entries()]).toEqual([
      ['h1', ['vm-0', 'vm-2', 'vm-4']],
      ['h2', ['vm-1', 'vm-3', 'vm-5']],
    ]);
    expect(topo.machine('vm-3')?.attributes).toEqual({ hostname: 'vm-3', rack: 'r2', host: 'h2' });
    expect(topo.machine('metal-0')?.host).toBeUndefined();
  });

  it('a host-reboot crashes every machine on the host at once and brings them back after its duration', () => {
    const topo = buildTopology(['r1', 'r2'], [vms]);
    const events = expandFailures(
      [
        { kind: 'host-reboot', at: 100e6, host: 'h1', duration: 600e6 },
        { kind: 'host-failure', at: 200e6, host: 'h2' },
      ],
      topo,
      3600e6,
      createRng(1),
    );
    expect(events).toEqual([
      { at: 100e6, kind: 'crash', machines: ['vm-0', 'vm-2', 'vm-4'], recoverAt: 700e6, cause: 'host h1 reboot' },
      { at: 200e6, kind: 'crash', machines: ['vm-1', 'vm-3', 'vm-5'], recoverAt: undefined, cause: 'host h2 down' },
    ]);
  });
});

describe('host failures in a run', () => {
  const scenario = (failures: ScenarioInput['failures']): ScenarioInput => ({
    horizon: '1h',
    topology: { racks: ['r1', 'r2'], machines: [vms] },
    allocator: { policy: 'drf' },
    frameworks: [
      {
        id: 'marathon',
        scheduler: 'marathon',
        options: { apps: [{ id: 'web', instances: 6, resources: { cpus: 1 }, constraints: [['hostname', 'UNIQUE']] }] },
      },
    ],
    failures,
  });

  it('takes down the host’s 3 VMs together: one incident, their 3 instances lost at the same detection', () => {
    const recorder = createRecorder();
    const report = runSimulation(scenario([{ kind: 'host-reboot', at: '600s', host: 'h1', duration: '10m' }]), {
      observers: [recorder],
      wallClock: false,
    });
    // One instance per VM (UNIQUE hostname): h1's three VMs held three of them.
    expect(report.failures.incidents).toHaveLength(1);
    const [incident] = report.failures.incidents;
    expect(incident).toMatchObject({ atSeconds: 600, cause: 'host h1 reboot', machines: 3, tasksLost: 3 });
    const down = recorder.of('machines-down').map((r) => [r.t / 1e6, [...r.machines].sort()]);
    expect(down).toEqual([[600, ['vm-0', 'vm-2', 'vm-4']]]);
    // Every VM registered at 0 and is pinged every 15 s: 600 s is a ping, so all three are noticed
    // together 5 × 15 = 75 s later; back empty at 1200 s (before that nothing else was free for
    // UNIQUE: the 3 lost instances wait for the VMs to return).
    const unreachable = recorder.of('agent-unreachable').map((r) => [r.agentId, r.t / 1e6]);
    expect(unreachable).toEqual([
      ['vm-0', 675],
      ['vm-2', 675],
      ['vm-4', 675],
    ]);
    const lost = recorder.of('task-ended').filter((r) => r.state === 'lost');
    expect(lost.map((r) => r.t / 1e6)).toEqual([675, 675, 675]);
    expect(incident?.recoveredAfterSeconds).toBe(600);
    const relaunched = recorder.of('task-launched').filter((r) => r.t > 0);
    expect(relaunched).toHaveLength(3);
    expect(relaunched.every((r) => r.t >= 1200e6 && ['vm-0', 'vm-2', 'vm-4'].includes(r.agentId))).toBe(true);
  });

  it('rejects an unknown host and a host spread over two racks, at their JSON paths', () => {
    const registry = createDefaultRegistry();
    const text = (s: unknown) => JSON.stringify(s, null, 2);
    expect(() =>
      parseScenarioText(text(scenario([{ kind: 'host-failure', at: '1m', host: 'h9' }])), registry, 'h.json'),
    ).toThrow('$.failures[0].host: unknown host "h9"; hosts: h1, h2');
    const spread = { ...scenario([]), topology: { racks: ['r1', 'r2'], machines: [{ ...vms, hosts: ['h1'] }] } };
    expect(() => parseScenarioText(text(spread), registry, 'h.json')).toThrow(
      '$.topology.machines[0].hosts: host "h1" holds machines in racks r1 (vm-0) and r2 (vm-1)',
    );
  });
});
