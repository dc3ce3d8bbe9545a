import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addResources,
  fitsWithin,
  formatResources,
  isEmptyResources,
  minResources,
  resourceProblem,
  resourcesEqual,
  scaleResources,
  subtractClamped,
  subtractResources,
  sumResources,
} from '../../../src/core/cluster/resources.ts';

const amount = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000);
const vector = fc.dictionary(fc.constantFrom('cpus', 'mem', 'disk', 'gpus'), amount);

describe('resource vectors', () => {
  it('adds in fixed point, so 0.1 + 0.2 cpus is exactly 0.3', () => {
    expect(addResources({ cpus: 0.1 }, { cpus: 0.2 })).toEqual({ cpus: 0.3 });
    expect(subtractResources({ cpus: 0.3 }, { cpus: 0.1 })).toEqual({ cpus: 0.2 });
  });

  it('treats missing dimensions as zero and never keeps zero dimensions', () => {
    expect(addResources({ cpus: 1 }, { mem: 5 })).toEqual({ cpus: 1, mem: 5 });
    expect(subtractResources({ cpus: 1, mem: 5 }, { cpus: 1 })).toEqual({ mem: 5 });
    expect(fitsWithin({ gpus: 1 }, { cpus: 8 })).toBe(false);
    expect(fitsWithin({}, {})).toBe(true);
    expect(isEmptyResources({})).toBe(true);
  });

  it('refuses to go negative, naming the dimension', () => {
    expect(() => subtractResources({ cpus: 1 }, { cpus: 2 })).toThrow(/cpus would be -1/);
    expect(subtractClamped({ cpus: 1, mem: 4 }, { cpus: 2, mem: 1 })).toEqual({ mem: 3 });
  });

  it('(a + b) - b = a, and a fits within a + b', () => {
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        const sum = addResources(a, b);
        expect(resourcesEqual(subtractResources(sum, b), a)).toBe(true);
        expect(fitsWithin(a, sum)).toBe(true);
        expect(resourcesEqual(sumResources([a, b]), sum)).toBe(true);
      }),
      { seed: 6601, numRuns: 200 },
    );
  });

  it('scales, takes minimums, and formats with sorted names', () => {
    expect(scaleResources({ cpus: 1.5, mem: 100 }, 2)).toEqual({ cpus: 3, mem: 200 });
    expect(() => scaleResources({ cpus: 1 }, -1)).toThrow(/scale factor/);
    expect(minResources({ cpus: 4, mem: 10 }, { cpus: 2 })).toEqual({ cpus: 2 });
    expect(formatResources({ mem: 1024, cpus: 2 })).toBe('cpus:2; mem:1024');
  });

  it('reports malformed amounts', () => {
    expect(resourceProblem({ cpus: -1 })).toMatch(/cpus is -1/);
    expect(resourceProblem({ mem: Number.NaN })).toMatch(/mem is NaN/);
    expect(resourceProblem({ cpus: 2 })).toBeUndefined();
  });
});
