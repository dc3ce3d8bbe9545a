import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { createUtilizationObserver } from '../../src/metrics/utilization.ts';
import { runSimulation } from '../../src/run.ts';

const S = 1_000_000;

/** One job of `tasks` tasks at t = 0, each `resources` for `duration`. */
function job(framework: string, tasks: number, resources: Record<string, number>, duration: string) {
  return {
    generator: 'batch-jobs',
    framework,
    options: { arrivals: { process: 'once' }, jobs: 1, tasks, resources, duration },
  };
}

describe('utilization (hand-computed)', () => {
  // 2 machines × 4 cpus; 4 one-cpu tasks of 100 s at t = 0 fill machine m-0 (first fit) for half
  // of the 200 s horizon: 4 × 100 cpu-s of 8 × 200 ⇒ 25 %.
  const halfBusy: ScenarioInput = {
    horizon: '200s',
    topology: { racks: 2, machines: [{ class: 'm', count: 2, resources: { cpus: 4, mem: 8192 } }] },
    allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 2 } } } },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
    workloads: [job('batch', 4, { cpus: 1, mem: 1024 }, '100s')],
  };

  it('2 machines, one fully busy for half the horizon ⇒ 25 % allocated', () => {
    const u = runSimulation(halfBusy, { wallClock: false }).utilization;
    expect(u.allocated['cpus']).toBeCloseTo(0.25, 12);
    // mem: 4 × 1024 MB × 100 s of 16384 MB × 200 s.
    expect(u.allocated['mem']).toBeCloseTo(0.125, 12);
    expect(u.used['cpus']).toBeCloseTo(0.25, 12);
    expect(u.byFramework['batch']?.['cpus']).toBeCloseTo(0.25, 12);
    expect(u.usedByFramework['batch']?.['cpus']).toBeCloseTo(0.25, 12);
    // m-0 is rack r1 (machines are dealt round-robin over racks): r1 busy half the time, r2 idle.
    expect(u.byRack['r1']).toMatchObject({ machines: 1, capacity: { cpus: 4, mem: 8192 } });
    expect(u.byRack['r1']?.allocated['cpus']).toBeCloseTo(0.5, 12);
    expect(u.byRack['r2']?.allocated['cpus']).toBe(0);
    // One partition holding the whole cluster: same figure as the cluster.
    expect(u.byPartition['batch']?.allocated['cpus']).toBeCloseTo(0.25, 12);
    expect(u.byRole['*']?.['cpus']).toBeCloseTo(0.25, 12);
  });

  it('bins the series at the step asked for (RunOptions over the scenario)', () => {
    const fromScenario = runSimulation({ ...halfBusy, outputs: { seriesStep: '50s' } }, { wallClock: false })
      .utilization.series;
    expect(fromScenario.stepSeconds).toBe(50);
    // Busy machine for 0–100 s: bins 0–50, 50–100 at 4 of 8 cpus, then idle.
    expect(fromScenario.allocated['cpus']).toEqual([0.5, 0.5, 0, 0]);
    expect(fromScenario.byFramework['batch']?.allocated['cpus']).toEqual([0.5, 0.5, 0, 0]);
    expect(fromScenario.byFramework['batch']?.used['cpus']).toEqual([0.5, 0.5, 0, 0]);
    expect(fromScenario.byPartition['batch']?.allocated['cpus']).toEqual([0.5, 0.5, 0, 0]);
    expect(fromScenario.offered['cpus']).toHaveLength(4);
    const overridden = runSimulation(
      { ...halfBusy, outputs: { seriesStep: '50s' } },
      { wallClock: false, seriesStep: 80 },
    ).utilization.series;
    expect(overridden.stepSeconds).toBe(80);
    // 0–80: full half; 80–160: 20 s of half ⇒ 0.125; 160–200 (40 s, the short last bin): idle.
    expect(overridden.allocated['cpus']).toEqual([0.5, 0.125, 0]);
    // Default: 200 s ÷ 288 rounded up to whole seconds, 1 s.
    expect(runSimulation(halfBusy, { wallClock: false }).utilization.series.stepSeconds).toBe(1);
  });

  it('refuses a series step that is not a positive duration, or gives too many bins', () => {
    expect(() => runSimulation(halfBusy, { wallClock: false, seriesStep: 'soon' })).toThrow(
      /seriesStep "soon" is not a positive duration/,
    );
    expect(() => runSimulation(halfBusy, { wallClock: false, seriesStep: 0 })).toThrow(/not a positive duration/);
    expect(() => runSimulation(halfBusy, { wallClock: false, seriesStep: '1ms' })).toThrow(
      /200000 bins.*at most 100000/,
    );
    expect(() =>
      runSimulation({ ...halfBusy, outputs: { seriesStep: '-1s' } } as ScenarioInput, { wallClock: false }),
    ).toThrow(/seriesStep/);
  });

  it('a static partition of 4 machines with 2 busy all the time ⇒ 50 % for that partition', () => {
    // 8 machines; "a" owns the first 4, "b" the other 4 and runs nothing. Two whole-machine tasks
    // outlast the horizon.
    const report = runSimulation(
      {
        horizon: '1h',
        topology: { machines: [{ class: 'm', count: 8, resources: { cpus: 4, mem: 8192 } }] },
        allocator: { policy: 'static-partition', options: { partitions: { a: { count: 4 }, b: { count: 4 } } } },
        frameworks: [
          { id: 'a', scheduler: 'batch-first-fit' },
          { id: 'b', scheduler: 'batch-first-fit' },
        ],
        workloads: [job('a', 2, { cpus: 4, mem: 8192 }, '2h')],
      },
      { wallClock: false },
    );
    const u = report.utilization;
    expect(Object.keys(u.byPartition)).toEqual(['a', 'b']);
    expect(u.byPartition['a']).toEqual({
      machines: 4,
      capacity: { cpus: 16, mem: 32768 },
      allocated: { cpus: 0.5, mem: 0.5 },
      used: { cpus: 0.5, mem: 0.5 },
    });
    expect(u.byPartition['b']?.allocated).toEqual({ cpus: 0, mem: 0 });
    // The cluster: 2 busy machines of 8.
    expect(u.allocated['cpus']).toBeCloseTo(0.25, 12);
    expect(u.series.byPartition['a']?.allocated['cpus']?.every((x) => x === 0.5)).toBe(true);
    expect(u.series.byPartition['b']?.allocated['cpus']?.every((x) => x === 0)).toBe(true);
  });

  it("per rack and per role on a small case (and the roles' dominant shares)", () => {
    // Rack r1: 2 machines of class x (partition of fa, role ra); rack r2: 2 of class y (fb, rb).
    // fa: 2 tasks × 4 cpus × 200 s = 1600 cpu-s; fb: 1 task × 2 cpus for the whole 400 s = 800.
    const report = runSimulation(
      {
        horizon: '400s',
        topology: {
          racks: 2,
          machines: [
            { class: 'x', count: 2, resources: { cpus: 4, mem: 8192 }, racks: ['r1'] },
            { class: 'y', count: 2, resources: { cpus: 4, mem: 8192 }, racks: ['r2'] },
          ],
        },
        allocator: {
          policy: 'static-partition',
          options: { partitions: { fa: { classes: ['x'] }, fb: { classes: ['y'] } } },
        },
        frameworks: [
          { id: 'fa', scheduler: 'batch-first-fit', roles: ['ra'] },
          { id: 'fb', scheduler: 'batch-first-fit', roles: ['rb'] },
        ],
        workloads: [job('fa', 2, { cpus: 4, mem: 1024 }, '200s'), job('fb', 1, { cpus: 2, mem: 2048 }, '1h')],
      },
      { wallClock: false },
    );
    const u = report.utilization;
    // Racks, of their own 8 cpus × 400 s = 3200 cpu-s: r1 1600 ⇒ 0.5, r2 800 ⇒ 0.25.
    expect(u.byRack['r1']?.allocated['cpus']).toBeCloseTo(0.5, 12);
    expect(u.byRack['r2']?.allocated['cpus']).toBeCloseTo(0.25, 12);
    // mem: r1 2 × 1024 × 200 of 16384 × 400 = 1/16; r2 2048 × 400 of 16384 × 400 = 1/8.
    expect(u.byRack['r1']?.allocated['mem']).toBeCloseTo(1 / 16, 12);
    expect(u.byRack['r2']?.used['mem']).toBeCloseTo(1 / 8, 12);
    // Roles, of the cluster's 16 cpus × 400 s = 6400 cpu-s.
    expect(u.byRole['ra']?.['cpus']).toBeCloseTo(0.25, 12);
    expect(u.byRole['rb']?.['cpus']).toBeCloseTo(0.125, 12);
    expect(u.allocated['cpus']).toBeCloseTo(0.375, 12);
    // Dominant shares: ra 8 of 16 cpus for half the run ⇒ 0.25; rb 2 of 16 cpus (mem 2048 of
    // 32768 is less) throughout ⇒ 0.125.
    expect(report.fairness.roles['ra']?.meanDominantShare).toBeCloseTo(0.25, 12);
    expect(report.fairness.roles['rb']?.meanDominantShare).toBeCloseTo(0.125, 12);
    expect(report.fairness.series.dominantShare['rb']?.every((x) => Math.abs(x - 0.125) < 1e-12)).toBe(true);
  });
});

describe('role of a task: the offer it came from', () => {
  const rec = (r: object): SimRecord => r as SimRecord;
  it('attributes launches to the role of the offer they were accepted from, else the first role', () => {
    const u = createUtilizationObserver(100 * S, { step: 100 * S });
    const launch = (t: number, taskId: string, agentId: string, cpus: number) =>
      rec({
        t: t * S,
        kind: 'task-launched',
        frameworkId: 'f',
        taskId,
        jobId: null,
        agentId,
        resources: { cpus },
        usage: { cpus },
        waitSeconds: null,
      });
    const records: SimRecord[] = [
      rec({ t: 0, kind: 'agent-added', agentId: 'a1', rack: 'r1', resources: { cpus: 10 } }),
      rec({ t: 0, kind: 'framework-registered', frameworkId: 'f', roles: ['x', 'y'] }),
      rec({
        t: 0,
        kind: 'offer-made',
        offerId: 'o1',
        frameworkId: 'f',
        role: 'y',
        agentId: 'a1',
        resources: { cpus: 5 },
      }),
      rec({
        t: 0,
        kind: 'offer-made',
        offerId: 'o2',
        frameworkId: 'f',
        role: 'x',
        agentId: 'a1',
        resources: { cpus: 5 },
      }),
      launch(0, 't1', 'a1', 2),
      rec({ t: 0, kind: 'offer-accepted', offerId: 'o1', frameworkId: 'f', tasks: 1, refuseSeconds: 5 }),
      launch(0, 't2', 'a1', 1),
      launch(0, 't3', 'a1', 1),
      rec({ t: 0, kind: 'offer-accepted', offerId: 'o2', frameworkId: 'f', tasks: 2, refuseSeconds: 5 }),
      // A launch no accept claims counts for the framework's first role.
      launch(50, 't4', 'a1', 4),
      rec({
        t: 60 * S,
        kind: 'task-ended',
        frameworkId: 'f',
        taskId: 't1',
        jobId: null,
        agentId: 'a1',
        state: 'finished',
        resources: { cpus: 2 },
        reason: null,
      }),
      rec({ t: 100 * S, kind: 'run-ended' }),
    ];
    for (const r of records) u.observe(r);
    const byRole = u.report().byRole;
    // y: 2 cpus for 60 s of 10 × 100; x: 2 cpus × 100 s + 4 cpus × 50 s.
    expect(byRole['y']?.['cpus']).toBeCloseTo(120 / 1000, 12);
    expect(byRole['x']?.['cpus']).toBeCloseTo(400 / 1000, 12);
  });
});
