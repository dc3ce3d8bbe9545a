import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/core/cluster/topology.ts';
import { scenarioSchema } from '../../../src/core/scenario/schema.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { alibaba2017Failures } from '../../../src/workloads/traces/alibaba2017Failures.ts';
import { alibaba2017Machines } from '../../../src/workloads/traces/alibaba2017Machines.ts';

const EVENTS = 'test/fixtures/traces/alibaba-2017/server_event.csv'; // the full published file
const BAD = 'test/fixtures/traces/alibaba-2017/server_event.bad.csv';

const rows = readFileSync(EVENTS, 'utf8').split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));
const adds = rows.filter((r) => r[2] === 'add');
const errors = rows.filter((r) => r[2] === 'softerror' || r[2] === 'harderror' || r[2] === 'remove');

describe('alibaba2017Machines', () => {
  const pool = alibaba2017Machines(EVENTS);

  it('has one machine per add row, grouped by identical capacity', () => {
    expect(pool.machines).toBe(adds.length);
    expect(pool.classes.reduce((n, c) => n + c.count, 0)).toBe(adds.length);
    // Classes: distinct (cpus, memory) columns among add rows (disk is left out).
    expect(pool.classes.length).toBe(new Set(adds.map((r) => `${r[4]}|${r[5]}`)).size);
    expect(pool.skippedRows).toBe(0);
    expect(pool.repeatedRows).toBe(0);
    expect(pool.racks).toEqual([]);
  });

  it('converts units: cores as they are, memory × 100,000 MB per 1.0', () => {
    // First add row: 0,1148,add,,64,0.6900059534594777,1 → 64 cores, 69000.59534… → 69000.595 MB.
    expect(adds[0]?.slice(1, 6)).toEqual(['1148', 'add', '', '64', '0.6900059534594777']);
    expect(pool.classes[0]).toEqual({ class: 'alibaba-0', count: expect.any(Number), resources: { cpus: 64, mem: 69000.595 } });
    expect(pool.machineIdOf('1148')).toBe('alibaba-0-0');
    const half = alibaba2017Machines(EVENTS, { memUnit: 50_000, cpuUnit: 0.5, classPrefix: 'ali' });
    expect(half.classes[0]?.resources).toEqual({ cpus: 32, mem: 34500.298 });
    expect(half.machineIdOf('1148')).toBe('ali-0-0');
  });

  it('names every trace machine once, as <class>-<index>, matching the topology the classes build', () => {
    const ids = adds.map((r) => pool.machineIdOf(r[1] ?? ''));
    expect(new Set(ids).size).toBe(adds.length);
    const topology = buildTopology(['r1'], pool.classes);
    expect(ids.every((id) => id !== undefined && topology.machine(id) !== undefined)).toBe(true);
    expect(pool.machineIdOf('999999')).toBeUndefined();
  });

  it('is accepted as a scenario topology', () => {
    const parsed = scenarioSchema.safeParse({
      horizon: '1h', topology: { machines: pool.classes }, allocator: { policy: 'drf' }, frameworks: [{ id: 'b', scheduler: 'batch-first-fit' }],
    });
    expect(parsed.success).toBe(true);
  });

  it('reports bad rows with file:line, or skips and counts them', () => {
    expect(() => alibaba2017Machines(BAD)).toThrow(TraceError);
    expect(() => alibaba2017Machines(BAD)).toThrow(/server_event\.bad\.csv:3: cpus \(column 5\) "sixty" is not a number/);
    // Bad: 3 (cpus), 4 (event "plug"), 7 (time "x"). Line 5 adds machine 2 again: repeated, not bad.
    const pool2 = alibaba2017Machines(BAD, { skipBadRows: true });
    expect(pool2.skippedRows).toBe(3);
    expect(pool2.repeatedRows).toBe(1);
    expect(pool2.classes).toEqual([{ class: 'alibaba-0', count: 2, resources: { cpus: 64, mem: 69000 } }]);
  });
});

describe('alibaba2017Failures', () => {
  const pool = alibaba2017Machines(EVENTS);

  it('replays every error row as a crash of the mapped machine, recovering after 10 minutes', () => {
    const { failures, skippedRows, unmappedRows } = alibaba2017Failures(EVENTS, pool.machineIdOf);
    expect(failures.length).toBe(errors.length);
    expect(skippedRows).toBe(0);
    expect(unmappedRows).toBe(0);
    expect(failures).toEqual(errors.map((r) => ({ kind: 'machine-crash', at: Number(r[0]), machine: pool.machineIdOf(r[1] ?? ''), recoverAfter: 600 })));
  });

  it('follows the workload window and scale, and can drain instead, for good', () => {
    const inWindow = errors.filter((r) => Number(r[0]) >= 3600 && Number(r[0]) < 43_200);
    const { failures } = alibaba2017Failures(EVENTS, pool.machineIdOf, { as: 'drain', downFor: 'never', timeWindow: { from: 3600, to: 43_200 }, timeScale: 0.5 });
    expect(failures).toEqual(inWindow.map((r) => ({ kind: 'drain', at: (Number(r[0]) - 3600) / 2, machine: pool.machineIdOf(r[1] ?? '') })));
    const reboots = alibaba2017Failures(EVENTS, pool.machineIdOf, { as: 'machine-reboot', downFor: 60 }).failures;
    expect(reboots.every((f) => f.kind === 'machine-reboot' && f.duration === 60)).toBe(true);
  });

  it('leaves out (and counts) machines the pool does not know', () => {
    const without930 = (id: string): string | undefined => (id === '930' ? undefined : pool.machineIdOf(id));
    const { failures, unmappedRows } = alibaba2017Failures(EVENTS, without930);
    const of930 = errors.filter((r) => r[1] === '930').length;
    expect(of930).toBeGreaterThan(0);
    expect(unmappedRows).toBe(of930);
    expect(failures.length).toBe(errors.length - of930);
  });

  it('are valid scenario failures', () => {
    const { failures } = alibaba2017Failures(EVENTS, pool.machineIdOf);
    const parsed = scenarioSchema.safeParse({
      horizon: '1d', topology: { machines: pool.classes }, allocator: { policy: 'drf' }, frameworks: [{ id: 'b', scheduler: 'batch-first-fit' }], failures,
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.failures[0]).toEqual({ kind: 'machine-crash', at: Number(errors[0]?.[0]) * 1e6, machine: failures[0]?.machine, recoverAfter: 600e6 });
  });

  it('reports bad rows with file:line, or skips and counts them', () => {
    const small = alibaba2017Machines(BAD, { skipBadRows: true });
    expect(() => alibaba2017Failures(BAD, small.machineIdOf)).toThrow(/server_event\.bad\.csv:4: event type "plug" is not one of add, softerror, harderror, remove/);
    // Capacities of add rows are not read here: line 3 is fine; bad: 4 (type), 7 (time).
    // Kept: 6 (softerror of 1), 8 (harderror of 2), 10 (remove of 1: for good); 9: machine 9 unknown.
    const result = alibaba2017Failures(BAD, small.machineIdOf, { skipBadRows: true });
    expect(result.skippedRows).toBe(2);
    expect(result.unmappedRows).toBe(1);
    expect(result.failures).toEqual([
      { kind: 'machine-crash', at: 100, machine: 'alibaba-0-0', recoverAfter: 600 },
      { kind: 'machine-crash', at: 200, machine: 'alibaba-0-1', recoverAfter: 600 },
      { kind: 'machine-crash', at: 400, machine: 'alibaba-0-0' },
    ]);
  });
});
