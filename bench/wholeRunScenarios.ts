import { readFileSync } from 'node:fs';
import type { ScenarioInput } from '../src/core/scenario/schema.ts';
import { largeScenario } from './largeScenario.ts';

/**
 * The scenarios of the whole-run bench, by name: `static` (examples/static-partitions.json as
 * shipped), `day-night` (examples/day-night.json's shared DRF setup, 2 days) and `large`
 * (bench/largeScenario.ts: 1,000 machines, 10 batch frameworks, static partitions).
 * @module
 */

/** Names of the whole-run scenarios, in table order. */
export const WHOLE_RUN_SCENARIOS = ['static', 'day-night', 'large'] as const;

/** One whole-run scenario. */
export type WholeRunScenario = (typeof WHOLE_RUN_SCENARIOS)[number];

/** Size and seed of the `large` scenario. */
export const LARGE_SCENARIO = { machines: 1_000, frameworks: 10, seed: 42 } as const;

/**
 * Checks a command-line value names a whole-run scenario.
 *
 * @example
 * ```ts
 * isWholeRunScenario('static'); // true
 * ```
 */
export function isWholeRunScenario(value: string | undefined): value is WholeRunScenario {
  return (WHOLE_RUN_SCENARIOS as readonly (string | undefined)[]).includes(value);
}

/**
 * The scenario to pass to `runSimulation`. `horizon` applies to `large` only (the shipped
 * examples run as they are).
 *
 * @example
 * ```ts
 * runSimulation(loadScenario('large', '1h'), { wallClock: true });
 * ```
 */
export function loadScenario(name: WholeRunScenario, horizon: string): ScenarioInput {
  switch (name) {
    case 'static':
      // Not checked here: runSimulation validates the scenario and reports what is wrong.
      return JSON.parse(
        readFileSync(new URL('../examples/static-partitions.json', import.meta.url), 'utf8'),
      ) as ScenarioInput;
    case 'day-night':
      return JSON.parse(readFileSync(new URL('../examples/day-night.json', import.meta.url), 'utf8')) as ScenarioInput;
    case 'large':
      return largeScenario({ ...LARGE_SCENARIO, horizon });
  }
}
