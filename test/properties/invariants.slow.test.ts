import { describe, it } from 'vitest';
import { checkInvariantsOver } from './invariantRuns.ts';

describe('invariants under random topologies, failures, allocators and frameworks (slow suite)', () => {
  it('hold after every event of 200 random runs', () => checkInvariantsOver(200, 2026), 900_000);
});
