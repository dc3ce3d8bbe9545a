import fc from 'fast-check';
import { expect } from 'vitest';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { runSimulation } from '../../src/run.ts';
import { parseDuration } from '../../src/core/kernel/time.ts';
import { ALLOCATORS, FAILOVER_TIMEOUT_SECONDS, FRAMEWORKS, invariantScenarioArb } from './invariantScenarios.ts';

/**
 * Runs `runs` random scenarios with every invariant checked after every event (fast-check shrinks
 * a failing one to a small scenario and prints it with its seed), and checks that the runs covered
 * every allocator, every framework kind and every kind of failure — so that passing means something.
 */
export function checkInvariantsOver(runs: number, seed: number): void {
  const allocators = new Set<string>();
  const frameworks = new Set<string>();
  const failures = new Set<string>();
  let events = 0;
  fc.assert(
    fc.property(invariantScenarioArb, (scenario: ScenarioInput) => {
      const report = runSimulation(scenario, { checkInvariants: true, wallClock: false });
      allocators.add(report.allocator);
      for (const f of Object.values(report.frameworks)) frameworks.add(f.scheduler);
      for (const f of scenario.failures ?? []) {
        const { kind, duration } = f as { kind: string; duration?: string };
        failures.add(kind);
        // A framework failover whose scheduler is back within its failover timeout, or not.
        if (kind === 'framework-failover' && duration !== undefined)
          failures.add(
            (parseDuration(duration) ?? 0) <= FAILOVER_TIMEOUT_SECONDS * 1e6
              ? `${kind} (back in time)`
              : `${kind} (timed out)`,
          );
      }
      events += report.eventsProcessed;
      expect(report.simulatedSeconds).toBe(30 * 60);
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  expect([...allocators].sort()).toEqual([...ALLOCATORS].sort());
  expect([...frameworks].sort()).toEqual([...FRAMEWORKS].sort());
  expect(failures.size).toBeGreaterThanOrEqual(runs >= 100 ? 7 : 5);
  expect(failures).toContain('framework-failover (back in time)');
  expect(failures).toContain('framework-failover (timed out)');
  expect(events).toBeGreaterThan(runs * 100);
}
