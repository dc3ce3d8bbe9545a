import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMachineLedger, LedgerError } from '../../../src/core/cluster/ledger.ts';
import { addResources, fitsWithin, resourcesEqual, type Resources } from '../../../src/core/cluster/resources.ts';

const CAPACITY: Resources = { cpus: 8, mem: 16_384 };
const request = fc.record({
  cpus: fc.integer({ min: 0, max: 40 }).map((n) => n / 4),
  mem: fc.integer({ min: 0, max: 10 }).map((n) => n * 1024),
});
const step = fc.record({
  op: fc.constantFrom('offer', 'launch', 'return', 'allocate', 'finish', 'fail'),
  resources: request,
  pick: fc.nat(),
});

describe('machine ledger', () => {
  it('never over-commits and keeps free + offered + allocated = capacity under random launches, finishes and failures', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const ledger = createMachineLedger('m1', CAPACITY);
        const running: Resources[] = [];
        for (const { op, resources, pick } of steps) {
          // Each operation is legal only if its source pool holds the resources; illegal ones must throw.
          const pool =
            op === 'offer' || op === 'allocate'
              ? ledger.free
              : op === 'launch' || op === 'return'
                ? ledger.offered
                : undefined;
          if (pool !== undefined) {
            const legal = fitsWithin(resources, pool);
            const act = (): void => {
              if (op === 'offer') ledger.offer(resources);
              else if (op === 'allocate') ledger.allocate(resources);
              else if (op === 'launch') ledger.launchFromOffer(resources);
              else ledger.returnOffered(resources);
            };
            if (legal) {
              act();
              if (op === 'launch' || op === 'allocate') running.push(resources);
            } else expect(act).toThrow(LedgerError);
          } else if (running.length > 0) {
            // A finished or failed task gives back exactly what it held.
            const [task] = running.splice(pick % running.length, 1);
            ledger.release(task as Resources);
          }
          ledger.checkBalance();
          expect(fitsWithin(ledger.allocated, CAPACITY)).toBe(true);
          expect(resourcesEqual(ledger.allocated, running.reduce(addResources, {}))).toBe(true);
          for (const pool of [ledger.free, ledger.offered, ledger.allocated]) {
            for (const value of Object.values(pool)) expect(value).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { seed: 5501, numRuns: 300 },
    );
  });

  it('names the machine and the pool when a move does not fit', () => {
    const ledger = createMachineLedger('web-3', { cpus: 2 });
    expect(() => ledger.allocate({ cpus: 3 })).toThrow('machine web-3: cannot allocate cpus:3; only cpus:2 free');
    expect(() => ledger.release({ cpus: 1 })).toThrow(/only \{\} allocated/);
  });
});
