import { describe, expect, it } from 'vitest';
import type { AllocatorHolding, AllocatorView } from '../../../src/core/plugins/allocatorView.ts';
import { ownUnreserved, quotaConsumption, quotaProblem } from '../../../src/core/simulation/invariants/quotaChecks.ts';

/** One agent of 8 cpus; `batch` has a limit of 2 cpus. */
const view = (holdings: AllocatorHolding[]): AllocatorView => ({
  agents: new Map([['a1', { total: { cpus: 8 }, holdings }]]),
  quotaLimits: new Map([['batch', { cpus: 2 }]]),
});
const before = (v: AllocatorView) => ({ consumption: quotaConsumption(v), own: ownUnreserved(v) });

describe('quota-limits invariant', () => {
  it('counts sub-roles in consumption but only the role itself in what it was given', () => {
    const v = view([
      { frameworkId: 'f', role: 'batch', resources: { cpus: 1 } },
      { frameworkId: 'g', role: 'batch/etl', resources: { cpus: 3 } },
    ]);
    expect(quotaConsumption(v).get('batch')).toEqual({ cpus: 4 });
    expect(ownUnreserved(v).get('batch')).toEqual({ cpus: 1 });
  });

  it('flags a run that gives the role itself more than its limit left', () => {
    const start = before(view([{ frameworkId: 'f', role: 'batch', resources: { cpus: 1 } }]));
    // 1 cpu left under the limit; the run gives 2.
    const after = view([{ frameworkId: 'f', role: 'batch', resources: { cpus: 3 } }]);
    expect(quotaProblem(after, start)?.invariant).toBe('quota-limits');
    expect(quotaProblem(after, start)?.detail).toMatch(/given cpus:2 .* left \(1;/);
    // Exactly the headroom is fine.
    const exact = view([{ frameworkId: 'f', role: 'batch', resources: { cpus: 2 } }]);
    expect(quotaProblem(exact, start)).toBeUndefined();
  });

  it('lets a sub-role pass its parent limit, as Mesos does (only a role own limit cuts its offers)', () => {
    const start = before(view([]));
    const after = view([{ frameworkId: 'g', role: 'batch/etl', resources: { cpus: 8 } }]);
    expect(quotaConsumption(after).get('batch')).toEqual({ cpus: 8 });
    expect(quotaProblem(after, start)).toBeUndefined();
  });

  it('allows nothing more once a role is at or above its limit', () => {
    const start = before(view([{ frameworkId: 'g', role: 'batch/etl', resources: { cpus: 5 } }]));
    const after = view([
      { frameworkId: 'g', role: 'batch/etl', resources: { cpus: 5 } },
      { frameworkId: 'f', role: 'batch', resources: { cpus: 1 } },
    ]);
    expect(quotaProblem(after, start)?.detail).toMatch(/given cpus:1 .* left \(0;/);
  });
});
