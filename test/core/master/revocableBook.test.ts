import { describe, expect, it } from 'vitest';
import { RevocableBook, revocationVictims, unusedAllocation } from '../../../src/core/master/revocableBook.ts';
import { revocableOfferTarget } from '../../../src/core/master/revocableOffers.ts';

describe('the revocable estimate (allocated − used − margin)', () => {
  it('counts per resource what each task does not use, never below zero', () => {
    expect(unusedAllocation({ cpus: 6, mem: 4096 }, { cpus: 2, mem: 8192 })).toEqual({ cpus: 4 });
    const book = new RevocableBook({ estimatorInterval: 15e6, safetyMargin: { cpus: 0.5, mem: 1024 } });
    book.addRegular('m1', 'a', { cpus: 2, mem: 4096 }, { cpus: 0.5, mem: 1024 }); // 1.5 cpus, 3072 MB unused
    book.addRegular('m1', 'b', { cpus: 1, mem: 1024 }, { cpus: 3, mem: 1024 }); // over its allocation: 0 unused
    expect(book.liveEstimate('m1')).toEqual({ cpus: 1, mem: 2048 });
  });

  it('offers nothing before the estimator has run, and only what revocable tasks and offers do not hold', () => {
    const book = new RevocableBook({ estimatorInterval: 15e6, safetyMargin: {} });
    book.addRegular('m1', 'svc', { cpus: 6 }, { cpus: 2 });
    expect(book.available('m1')).toEqual({});
    book.runEstimator();
    book.offer('m1', { cpus: 1 });
    book.addRevocable('m1', 'be1', 'be', { cpus: 2 });
    expect(book.available('m1')).toEqual({ cpus: 1 });
    expect(book.heldBy('be')).toEqual({ cpus: 2 });
    expect(book.remove('m1', 'be1')).toEqual([]);
    expect(book.heldBy('be')).toEqual({});
  });

  it('names the victims when a regular task’s use rises or the regular task ends', () => {
    const book = new RevocableBook({ estimatorInterval: 15e6, safetyMargin: {} });
    book.addRegular('m1', 'svc', { cpus: 6 }, { cpus: 2 });
    book.runEstimator();
    for (const key of ['be1', 'be2']) book.addRevocable('m1', key, 'be', { cpus: 2 });
    expect(book.setUsage('m1', 'svc', { cpus: 3 })).toEqual(['be2']); // 3 unused < 4 held
    expect(book.overcommitted('m1')).toBe(true);
    expect(book.remove('m1', 'svc')).toEqual(['be2', 'be1']); // nothing unused any more
  });
});

describe('QoS correction order', () => {
  it('kills the newest revocable tasks first, only as many as needed', () => {
    const tasks = new Map([
      ['old', { cpus: 2 }],
      ['mid', { cpus: 1 }],
      ['new', { cpus: 1 }],
    ]);
    expect(revocationVictims(tasks, { cpus: 4 })).toEqual([]);
    expect(revocationVictims(tasks, { cpus: 3 })).toEqual(['new']);
    expect(revocationVictims(tasks, { cpus: 1.5 })).toEqual(['new', 'mid', 'old']);
  });
});

describe('the framework a revocable offer goes to', () => {
  const fw = (id: string, suppressed: string[] = []) => ({
    id,
    roles: ['batch'],
    suppressedRoles: new Set(suppressed),
  });

  it('is the capable framework holding the fewest revocable cpus, then by id; suppressed or filtered ones are skipped', () => {
    const held = (id: string) => (id === 'a' ? { cpus: 3 } : {});
    expect(revocableOfferTarget([fw('a'), fw('c'), fw('b')], 'm1', 0, new Map(), held)).toEqual({
      frameworkId: 'b',
      role: 'batch',
    });
    expect(revocableOfferTarget([fw('a'), fw('b', ['batch'])], 'm1', 0, new Map(), held)?.frameworkId).toBe('a');
    const filters = new Map([['b\u0000m1', 10e6]]);
    expect(revocableOfferTarget([fw('a'), fw('b')], 'm1', 5e6, filters, held)?.frameworkId).toBe('a');
    expect(revocableOfferTarget([fw('a'), fw('b')], 'm1', 10e6, filters, held)?.frameworkId).toBe('b');
  });
});
