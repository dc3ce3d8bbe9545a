import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsWithin, sumResources } from '../../../../src/core/cluster/resources.ts';
import { createRng } from '../../../../src/core/kernel/rng.ts';
import { packGang, usefulForGang } from '../../../../src/policies/frameworks/batch/gangPacking.ts';
import { preferredMachineCount, taskPreferences } from '../../../../src/policies/frameworks/batch/locality.ts';
import { batchTaskId, taskIndexOf } from '../../../../src/policies/frameworks/batch/taskIds.ts';

const machineIds = (n: number) => Array.from({ length: n }, (_, i) => `m-${i}`);

describe('locality model', () => {
  it('prefers ⌈fraction × machines⌉ machines, at least one', () => {
    expect(preferredMachineCount(4, 0.25)).toBe(1); // 1.0
    expect(preferredMachineCount(10, 0.25)).toBe(3); // ⌈2.5⌉
    expect(preferredMachineCount(10, 0.3)).toBe(3); // 3.0000000000000004 in floating point, still 3
    expect(preferredMachineCount(7, 1)).toBe(7);
    expect(preferredMachineCount(100, 0.001)).toBe(1); // ⌈0.1⌉
  });

  it('draws distinct machines, the same for the same seed, framework and job whatever came before', () => {
    let drawn = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (machines, fraction, tasks) => {
          const ids = machineIds(machines);
          const sets = taskPreferences(createRng(5).fork('framework/spark'), 'w0-3', tasks, ids, fraction);
          expect(sets).toHaveLength(tasks);
          if (tasks > 0) drawn++;
          for (const set of sets) {
            expect(set).toHaveLength(preferredMachineCount(machines, fraction));
            expect(new Set(set).size).toBe(set.length);
            for (const m of set) expect(ids).toContain(m);
          }
          // A stream that was used for something else first gives the same sets: they are forked by job id.
          const used = createRng(5).fork('framework/spark');
          taskPreferences(used, 'w0-2', 5, ids, fraction);
          used.next();
          expect(taskPreferences(used, 'w0-3', tasks, ids, fraction)).toEqual(sets);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
    expect(drawn).toBeGreaterThan(50); // most runs drew sets for some tasks
  });

  it('spreads preferences over all machines', () => {
    // 4000 tasks each preferring 1 of 4 machines: about 1000 each (σ ≈ 27); 850..1150 is > 5σ.
    const sets = taskPreferences(createRng(9).fork('framework/spark'), 'big', 4000, machineIds(4), 0.25);
    const counts = new Map<string, number>();
    for (const [m] of sets) counts.set(m as string, (counts.get(m as string) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(machineIds(4));
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
  });

  it('encodes the task index in task ids and reads it back', () => {
    expect(batchTaskId('w0-1', 4, 0)).toBe('w0-1.4');
    expect(batchTaskId('w0-1', 4, 3)).toBe('w0-1.4.r3');
    expect(taskIndexOf('a.b.12.r3')).toBe(12);
    expect(taskIndexOf('a.b.12')).toBe(12);
    expect(taskIndexOf('nodots')).toBeUndefined();
  });
});

describe('gang packing', () => {
  it('places a gang first-fit or not at all', () => {
    expect(packGang([{ cpus: 1 }, { cpus: 1 }, { cpus: 1 }], [{ cpus: 2 }, { cpus: 4 }])).toEqual([[0, 1], [2]]);
    expect(packGang([{ cpus: 3 }, { cpus: 3 }], [{ cpus: 4 }, { cpus: 2 }])).toBeUndefined();
    expect(packGang([], [{ cpus: 1 }])).toEqual([[]]);
    expect(usefulForGang([{ cpus: 2, mem: 10 }], { cpus: 4, mem: 5 })).toBe(false);
  });

  it('never overfills an offer and places every task exactly once', () => {
    const res = fc.record({ cpus: fc.integer({ min: 1, max: 4 }), mem: fc.integer({ min: 0, max: 3 }) });
    // Offers larger than tasks, so that many gangs fit and the checks below run.
    const room = fc.record({ cpus: fc.integer({ min: 1, max: 12 }), mem: fc.integer({ min: 0, max: 9 }) });
    let packed = 0;
    fc.assert(
      fc.property(fc.array(res, { maxLength: 12 }), fc.array(room, { maxLength: 5 }), (tasks, offers) => {
        const plan = packGang(tasks, offers);
        if (plan === undefined) return;
        if (tasks.length > 1 && offers.length > 1) packed++;
        expect(plan.flat().sort((a, b) => a - b)).toEqual(tasks.map((_, i) => i));
        plan.forEach((indices, o) =>
          expect(fitsWithin(sumResources(indices.map((i) => tasks[i] ?? {})), offers[o] ?? {})).toBe(true),
        );
      }),
      { seed: 7, numRuns: 300 },
    );
    // Not vacuous: many inputs were gangs of several tasks packed over several offers.
    expect(packed).toBeGreaterThan(30);
  });

  it('starts a gang of identical tasks exactly when the offers have room for all of them', () => {
    // Naive model: an offer holds ⌊min over resources of room / need⌋ tasks of one shape.
    const res = fc.record({ cpus: fc.integer({ min: 1, max: 4 }), mem: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(
        res,
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.record({ cpus: fc.integer({ min: 0, max: 9 }), mem: fc.integer({ min: 0, max: 9 }) }), {
          maxLength: 5,
        }),
        (shape, n, offers) => {
          const room = offers.reduce(
            (sum, o) => sum + Math.min(Math.floor(o.cpus / shape.cpus), Math.floor(o.mem / shape.mem)),
            0,
          );
          expect(packGang(Array(n).fill(shape), offers) !== undefined).toBe(room >= n);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});
