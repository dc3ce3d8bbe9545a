import { describe, expect, it } from 'vitest';
import { marathonScenario, runMarathon } from './marathonHarness.ts';

/** 3 racks, 6 machines of 4 cpus dealt round-robin: m-0 r1, m-1 r2, m-2 r3, m-3 r1, m-4 r2, m-5 r3. */
const threeRacks = { racks: 3, machines: [{ class: 'm', count: 6, resources: { cpus: 4, mem: 8192 } }] };

describe('marathon placement', () => {
  it('GROUP_BY rack: an app of 6 on 3 racks gets 2 per rack', () => {
    // Uneven racks: r1 has 4 machines (a-0…a-3), r2 and r3 one each (b-0, b-1).
    const uneven = {
      racks: ['r1', 'r2', 'r3'],
      machines: [
        { class: 'a', count: 4, resources: { cpus: 4, mem: 8192 }, racks: ['r1'] },
        { class: 'b', count: 2, resources: { cpus: 4, mem: 8192 }, racks: ['r2', 'r3'] },
      ],
    };
    const rack = (agentId: string): string => (agentId.startsWith('a-') ? 'r1' : agentId === 'b-0' ? 'r2' : 'r3');
    const perRack = (constraints: unknown[]): Record<string, number> => {
      const run = runMarathon(
        marathonScenario(
          { apps: [{ id: 'web', instances: 6, resources: { cpus: 1, mem: 512 }, constraints }] },
          uneven,
          '30s',
        ),
      );
      const counts: Record<string, number> = {};
      for (const l of run.of('task-launched')) counts[rack(l.agentId)] = (counts[rack(l.agentId)] ?? 0) + 1;
      return counts;
    };
    // 6 instances / 3 racks = 2 each, although r1 has 4 of the 6 machines.
    expect(perRack([['rack', 'GROUP_BY', '3']])).toEqual({ r1: 2, r2: 2, r3: 2 });
    // Without the constraint: one instance per offered machine, so r1 gets 4.
    expect(perRack([])).toEqual({ r1: 4, r2: 1, r3: 1 });
  });

  it('without constraints, one round places an instance per offer per pass (spread over the offered machines)', () => {
    const run = runMarathon(
      marathonScenario({ apps: [{ id: 'web', instances: 6, resources: { cpus: 1, mem: 512 } }] }, threeRacks, '30s'),
    );
    // All 6 machines are offered in the first run: one instance each.
    expect(new Set(run.of('task-launched').map((l) => l.agentId)).size).toBe(6);
  });

  it('UNIQUE hostname: 4 instances on 3 machines launch 3; the 4th stays pending', () => {
    const run = runMarathon(
      marathonScenario(
        { apps: [{ id: 'web', instances: 4, resources: { cpus: 1 }, constraints: [['hostname', 'UNIQUE']] }] },
        { machines: [{ class: 'm', count: 3, resources: { cpus: 8 } }] },
        '30s',
      ),
    );
    const launched = run.of('task-launched');
    expect(launched).toHaveLength(3);
    expect(new Set(launched.map((l) => l.agentId)).size).toBe(3);
    expect(run.of('framework-pending').at(-1)?.tasks).toBe(1);
  });

  it('declines what it cannot use with the 120 s filter, and suppresses once every app is satisfied', () => {
    const run = runMarathon(
      marathonScenario(
        { apps: [{ id: 'web', instances: 2, resources: { cpus: 1 } }] },
        { machines: [{ class: 'm', count: 3, resources: { cpus: 8 } }] },
        '5m',
      ),
    );
    // First allocation at t=0 offers all 3 machines: 1 instance each on two of them, the third declined.
    const accepted = run.of('offer-accepted');
    const declined = run.of('offer-declined');
    expect(accepted.map((a) => [a.tasks, a.refuseSeconds])).toEqual([
      [1, 120],
      [1, 120],
    ]);
    expect(declined.map((d) => d.refuseSeconds)).toEqual([120]);
    expect(run.of('framework-suppressed').map((r) => r.t)).toEqual([0]);
    // Suppressed: no offer after t=0.
    expect(run.of('offer-made').filter((o) => o.t > 0)).toEqual([]);
  });

  it('tags launches with the app id, the readiness time and the idle usage', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'web',
              instances: 1,
              resources: { cpus: 1, mem: 512 },
              killGraceSeconds: 5,
              load: { rps: 10, rpsPerInstance: 10, baseUsage: { cpus: 0.2 } },
            },
          ],
        },
        { machines: [{ class: 'm', count: 1, resources: { cpus: 8, mem: 4096 } }] },
        '10s',
      ),
    );
    expect(run.of('task-launched')).toMatchObject([
      { taskId: 'web.v1.0', usage: { cpus: 0.2, mem: 512 }, waitSeconds: 0 },
    ]);
  });

  describe('GROUP_BY rack when a rack is lost (switch of r3 down from 100 s to 1100 s)', () => {
    // One 4-cpu machine per rack: m-0 r1, m-1 r2, m-2 r3; 3 instances of 1 cpu. The first round
    // offers all three machines: each rack is new to the app, so one instance each.
    const oneMachinePerRack = { racks: 3, machines: [{ class: 'm', count: 3, resources: { cpus: 4, mem: 8192 } }] };
    const runWith = (constraint: unknown[]) =>
      runMarathon({
        ...marathonScenario(
          { apps: [{ id: 'db', instances: 3, resources: { cpus: 1, mem: 512 }, constraints: [constraint] }] },
          oneMachinePerRack,
          '30m',
        ),
        failures: [{ kind: 'switch-failure', at: '100s', rack: 'r3', duration: '1000s' }],
      });
    const launches = (run: ReturnType<typeof runWith>) => run.of('task-launched').map((l) => [l.t / 1e6, l.agentId]);

    it('acceptance: without a number of groups, relaunches on a reachable rack when the master notices (80 s later)', () => {
      const run = runWith(['rack', 'GROUP_BY']);
      // The master pings at 0, 15, …, 105 s: the first unanswered ping is at 105 s, so it notices at
      // 105 + 75 = 180 s and tells Marathon the r3 instance is lost; the groups
      // left are r1 and r2 with one each, both the smallest: the replacement goes to m-0 or m-1 (whichever
      // is offered first). The cut-off task kept running and is killed when its agent re-registers (1100 s).
      expect(run.of('task-ended').map((r) => [r.t / 1e6, r.agentId, r.state])).toEqual([[1100, 'm-2', 'killed']]);
      const all = launches(run);
      expect(
        all
          .slice(0, 3)
          .map(([, agent]) => agent)
          .sort(),
      ).toEqual(['m-0', 'm-1', 'm-2']);
      expect(all.slice(0, 3).every(([t]) => t === 0)).toBe(true);
      expect(all).toHaveLength(4);
      expect(all[3]?.[0]).toBe(180);
      expect(['m-0', 'm-1']).toContain(all[3]?.[1]);
    });

    it('with "3" groups it waits for the third rack, as Marathon does, and relaunches there when it is back', () => {
      const run = runWith(['rack', 'GROUP_BY', '3']);
      const relaunch = launches(run).slice(3);
      // r1 and r2 are refused while only 2 groups exist; r3 is offered again once its agent
      // re-registers after the switch heals at 1100 s.
      expect(relaunch).toHaveLength(1);
      expect(relaunch[0]?.[1]).toBe('m-2');
      expect(relaunch[0]?.[0]).toBeGreaterThanOrEqual(1100);
    });
  });
});
