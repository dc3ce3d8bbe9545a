import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { InvariantViolation } from '../../src/core/simulation/invariants/violation.ts';
import { runSimulation } from '../../src/run.ts';
import { checkInvariantsOver } from './invariantRuns.ts';

/** The quick share of the invariant property (the 200-seed run is invariants.slow.test.ts). */
describe('invariants under random topologies, failures, allocators and frameworks', () => {
  it('hold after every event of 24 random runs', () => checkInvariantsOver(24, 1313), 120_000);
});

/** Resources reserved to `web` on every machine; one framework in another role wants them all. */
function reservedScenario(policy: 'static-partition' | 'monolithic'): ScenarioInput {
  return {
    seed: 3,
    horizon: '2m',
    topology: {
      machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 }, reserved: { web: { cpus: 1 } } }],
    },
    allocator: policy === 'monolithic' ? { policy } : { policy, options: { partitions: { batch: { count: 1 } } } },
    frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', roles: ['batch'] }],
    workloads: [
      {
        generator: 'batch-jobs',
        framework: 'batch',
        options: { arrivals: { process: 'once' }, tasks: 4, resources: { cpus: 1, mem: 256 }, duration: '1m' },
      },
    ],
  };
}

function violationOf(scenario: ScenarioInput): InvariantViolation | undefined {
  try {
    runSimulation(scenario, { checkInvariants: true, wallClock: false });
    return undefined;
  } catch (error) {
    if (error instanceof InvariantViolation) return error;
    throw error;
  }
}

// static-partition and monolithic once offered a role a whole machine, resources reserved to
// `web` included; they now leave other roles' reservations out of every offer.
describe.each(['static-partition', 'monolithic'] as const)('%s and reservations', (policy) => {
  it('never offers resources reserved to web to the batch role, which still runs its tasks', () => {
    const scenario = reservedScenario(policy);
    expect(violationOf(scenario)).toBeUndefined();
    const report = runSimulation(scenario, { wallClock: false });
    // 4 one-cpu tasks on the 3 unreserved cpus: 3 run at once, the fourth after the first minute.
    expect(report.frameworks['batch']?.tasksLaunched).toBe(4);
    expect(report.utilization.allocated['cpus']).toBeLessThanOrEqual(0.75);
  });
});
