import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AgentState } from '../../../src/policies/allocators/mesos/agentState.ts';
import {
  addResources,
  isEmptyResources,
  minResources,
  subtractClamped,
  type Resources,
} from '../../../src/core/cluster/resources.ts';

/**
 * The books of an agent without reservations, ranges or whole disks, against their definition:
 * unreserved free = total − Σ what each holding holds (floored at zero, summed in holding order),
 * a recovery gives back min(asked, held), and a holding given back whole is gone. The free amounts reach offers and so the event log,
 * so they must match the definition byte for byte (values and key order).
 */
function definedFree(agent: AgentState): Resources {
  let held: Resources = {};
  for (const [, , unreserved] of agent.holdings()) held = addResources(held, unreserved);
  return subtractClamped(subtractClamped(agent.total, {}), held);
}

const amount = fc.oneof(
  fc.integer({ min: 0, max: 16 }),
  fc.integer({ min: 0, max: 16_000 }).map((k) => k / 1000),
);
const vector = fc.record({ cpus: amount, mem: amount.map((v) => v * 1024), disk: amount }, { requiredKeys: [] });
const holder = fc.constantFrom(['f1', 'r1'], ['f1', 'r2'], ['f2', 'r1'], ['f3', '*']);
const step = fc.oneof(
  fc.record({ op: fc.constant('offer' as const), holder, ask: vector }),
  fc.record({ op: fc.constant('recover' as const), holder, ask: vector }),
  fc.record({ op: fc.constant('total' as const), holder, ask: vector }),
);

describe('AgentState books without reservations', () => {
  it('keep unreserved free at total − Σ held, and give back min(asked, held)', () => {
    let recoveries = 0;
    fc.assert(
      fc.property(vector, fc.array(step, { minLength: 1, maxLength: 30 }), (total, steps) => {
        const agent = new AgentState('m1', total, {}, new Map());
        for (const {
          op,
          holder: [frameworkId, role],
          ask,
        } of steps) {
          if (op === 'offer') {
            agent.allocate(frameworkId, role, new Map(), minResources(ask, agent.unreservedFree));
          } else if (op === 'recover') {
            const held = agent.heldBy(frameworkId, role);
            const back = agent.recover(frameworkId, role, ask);
            recoveries++;
            expect(JSON.stringify(back.total)).toBe(JSON.stringify(minResources(ask, held)));
            expect(back.reserved.size).toBe(0);
            // A holding given back whole is gone from the books.
            for (const [f, r, , left] of agent.holdings())
              if (f === frameworkId && r === role) expect(isEmptyResources(left)).toBe(false);
          } else {
            // A new total, possibly below what is held (free is then floored at zero).
            agent.setTotal(ask);
          }
          expect(JSON.stringify(agent.unreservedFree)).toBe(JSON.stringify(definedFree(agent)));
        }
      }),
      { seed: 4242, numRuns: 500 },
    );
    expect(recoveries).toBeGreaterThan(0);
  });
});
