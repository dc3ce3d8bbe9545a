import { describe, expect, it } from 'vitest';
import { parseJsonPath, withValueAt } from '../../src/sweep/jsonPath.ts';

describe('parseJsonPath', () => {
  it('splits fields at dots and reads bracketed indexes', () => {
    expect(parseJsonPath('master.allocationInterval')).toEqual(['master', 'allocationInterval']);
    expect(parseJsonPath('topology.machines[1].count')).toEqual(['topology', 'machines', 1, 'count']);
    expect(parseJsonPath('frameworks[0][2].x-y')).toEqual(['frameworks', 0, 2, 'x-y']);
  });

  it.each(['', '.a', 'a.', 'a..b', '[0].a', 'a[x]', 'a b', 'a.[0]'])('refuses %j, saying what is accepted', (text) => {
    expect(() => parseJsonPath(text)).toThrow(/is not a path into the scenario; write fields joined by dots/);
  });
});

describe('withValueAt', () => {
  it('sets the value in a copy, creating missing objects, and leaves the input alone', () => {
    const input = { master: { checkInvariants: true }, frameworks: [{ id: 'a' }, { id: 'b' }] };
    const before = JSON.stringify(input);
    expect(withValueAt(input, ['master', 'allocationInterval'], '5s')).toEqual({
      master: { checkInvariants: true, allocationInterval: '5s' },
      frameworks: [{ id: 'a' }, { id: 'b' }],
    });
    expect(withValueAt(input, ['frameworks', 1, 'options', 'patienceSeconds'], 60)).toEqual({
      master: { checkInvariants: true },
      frameworks: [{ id: 'a' }, { id: 'b', options: { patienceSeconds: 60 } }],
    });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('refuses a path through a value that is not an object, or past the end of a list', () => {
    expect(() => withValueAt({ seed: 3 }, ['seed', 'x'], 1)).toThrow(
      '"x" names a field, but here the scenario has a number (3)',
    );
    expect(() => withValueAt({ frameworks: [{}] }, ['frameworks', 1, 'id'], 'c')).toThrow(
      '[1] is past the end of a list of 1 entry',
    );
    expect(() => withValueAt({ topology: {} }, ['topology', 0], 1)).toThrow(
      '[0] indexes a list, but here the scenario has an object',
    );
  });
});
