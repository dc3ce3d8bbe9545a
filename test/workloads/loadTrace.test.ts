import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLoadTrace, readLoadTrace, TraceError, valueAt } from '../../src/workloads/loadTrace.ts';
import { loadProfile } from '../../src/workloads/profiles.ts';
import { runSimulation } from '../../src/run.ts';
import { createRecorder } from '../fixtures/recorder.ts';

const NASA = 'traces/nasa-http-1995/hourly-requests.csv';

describe('load traces', () => {
  it('holds each row until the next, and repeats after the last row plus one step', () => {
    const trace = parseLoadTrace('time,rps\n0,10\n3600,25\n', 'inline.csv');
    expect(valueAt(trace, 'rps', 0, false)).toBe(10);
    expect(valueAt(trace, 'rps', 3599e6, false)).toBe(10);
    expect(valueAt(trace, 'rps', 3600e6, false)).toBe(25);
    expect(valueAt(trace, 'rps', 99_999e6, false)).toBe(25); // held
    expect(valueAt(trace, 'rps', 7200e6 + 5e6, true)).toBe(10); // span 7200 s: starts over
    expect(valueAt(trace, 'rps', 3 * 3600e6, true)).toBe(25);
  });

  it.each([
    ['times,rps\n0,1\n', 'inline.csv:1: the header must be "time" followed by at least one series name'],
    ['time,rps\n0,1\nabc,2\n', 'inline.csv:3: time "abc" is not a number of seconds ≥ 0'],
    ['time,rps\n10,1\n5,2\n', 'inline.csv:3: time 5 goes back'],
    ['time,rps\n0,1\n10,-2\n', 'inline.csv:3: rps "-2" is not a number ≥ 0'],
    ['time,rps\n', 'inline.csv: no rows after the header'],
  ])('rejects %j naming file and line', (text, message) => {
    expect(() => parseLoadTrace(text, 'inline.csv')).toThrow(TraceError);
    expect(() => parseLoadTrace(text, 'inline.csv')).toThrow(message);
  });

  it('reads the shipped NASA trace: 648 hours, counts matching a plain read of the file', () => {
    const lines = readFileSync(NASA, 'utf8').trim().split('\n').slice(1);
    const trace = readLoadTrace(NASA);
    expect(trace.times.length).toBe(648);
    expect(lines).toHaveLength(648);
    const total = lines.reduce((sum, l) => sum + Number(l.split(',')[1]), 0);
    expect([...(trace.series.get('requests') ?? [])].reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBe(1_864_593); // as its README says
  });

  it('makes a profile normalized to the trace’s peak', () => {
    const profile = loadProfile.parse({ shape: 'trace', file: NASA });
    const values = readFileSync(NASA, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    const peak = Math.max(...values);
    expect(profile.max).toBe(1);
    expect(profile.at(0)).toBeCloseTo((values[0] ?? 0) / peak, 12);
    expect(profile.at(14 * 3600e6 + 1)).toBeCloseTo((values[14] ?? 0) / peak, 12);
    const bad = loadProfile.safeParse({ shape: 'trace', file: 'traces/none.csv' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['file']);
  });

  it('drives a service’s demand: traffic facts follow the trace, scaled to peakRps', () => {
    const values = readFileSync(NASA, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    const peak = Math.max(...values);
    const recorder = createRecorder();
    runSimulation(
      {
        horizon: '3h',
        topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 8, mem: 8192 } }] },
        allocator: { policy: 'drf' },
        frameworks: [
          {
            id: 'marathon',
            scheduler: 'marathon',
            options: {
              apps: [
                {
                  id: 'web',
                  instances: 2,
                  resources: { cpus: 1, mem: 512 },
                  load: { rps: { profile: { shape: 'trace', file: NASA }, peakRps: 100 }, rpsPerInstance: 1000 },
                },
              ],
            },
          },
        ],
      },
      { observers: [recorder], wallClock: false },
    );
    const demandAt = (seconds: number): number | undefined =>
      recorder.records
        .filter((r) => r.kind === 'framework-fact' && r.fact === 'traffic' && r.t <= seconds * 1e6)
        .map((r) => (r as { demandRps: number }).demandRps)
        .at(-1);
    expect(demandAt(1800)).toBeCloseTo((100 * (values[0] ?? 0)) / peak, 9); // hour 0
    expect(demandAt(2 * 3600 + 1800)).toBeCloseTo((100 * (values[2] ?? 0)) / peak, 9); // hour 2
  });
});
